"""The PERSON scanner: every name finder of the package, each finding widened to its whole name.

It sits above ``ner`` (the model, the cue/gazetteer rules and the name widening) and
``person_cues`` (English grammatical constructions, which read ``ner``'s word checks), so
neither of them has to import the other: the import layers stay free of circles.
"""

from __future__ import annotations

from typing import Iterator

from flexorch_beam.pii import name_affixes, name_block, names, ner, person_cues
from flexorch_beam.pii.context import ScanContext


def scan_person(context: ScanContext) -> Iterator[tuple[int, int, float]]:
    """The cue/gazetteer rules, then the model's accepted proposals, then given names written
    alone in prose, surnames alone with a strong cue, names in a lower-case text, names with a
    middle initial, a dialogue's speakers, the other words of a list of people and names in
    English grammatical constructions (``person_cues``) and names heading a signature,
    letterhead, card or label block (``name_block``), each widened to the whole name it is part
    of (``ner.whole_name``) with a touching title or post-nominal (``name_affixes``); overlaps
    are settled by the detector (``union.union_words``, then ``resolve_overlaps``)."""
    rule_names = tuple(names.scan_person(context.text, context.folded))
    found = [*rule_names, *ner.scan_person_ner(context, tuple((a, b) for a, b, _ in rule_names)),
             *ner.scan_given_names(context), *ner.scan_cued_surnames(context),
             *ner.scan_lower_names(context), *ner.scan_initial_names(context),
             *ner.scan_speakers(context), *ner.scan_name_lists(context),
             *person_cues.scan(context),
             *name_block.scan_block_names(context, lambda: ner.shared_lower_words(context))]
    if not found:
        return
    text = context.text
    lowered = ner.shared_lower_words(context)
    # several finders propose the same span (a third of the research sentences' findings):
    # each distinct span is widened once (this document's spans only; dropped with it)
    whole: dict[tuple[int, int], tuple[int, int]] = {}
    for start, end, score in found:
        span = whole.get((start, end))
        if span is None:
            span = whole[start, end] = name_affixes.widened(text, *ner.whole_name(text, start, end, lowered))
        yield (*span, score)
