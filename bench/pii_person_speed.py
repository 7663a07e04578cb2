"""The PERSON scanner's time, scanner by scanner, with the model's run left out: for speed work
on ``person_scan.scan_person`` and the finders it calls.

Why: ``step.detect`` times mix the model (not the scanners' part) and every other type; this
runs the model once per text first (its entities and prose spans are kept in the context, as
the detector shares them), then times ``scan_person`` whole and each finder alone, in process
time (the machine is shared), best of ``--rounds``. ``--write``/``--compare``: the PERSON
scanner's spans per text (offsets and scores only, no values), to prove a change finds the
same; ``--detect``: the whole ``step.detect`` per group too (after ``step.warm_up``, process
time, best of ``--rounds``). Texts: presidio-research's labelled sentences and the real
documents' extracted text (``pii_findings_check.texts``). Measurement only.

    PYTHONPATH=. .venv/bin/python bench/pii_person_speed.py --dataset $D --real-dir $S/docs --rounds 3
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pii_findings_check import texts  # noqa: E402
from pii_tagger_speed import DATASET, REAL  # noqa: E402

from flexorch_beam.pii import name_block, names, ner, person_cues, person_scan, tagger  # noqa: E402
from flexorch_beam.pii.context import ScanContext  # noqa: E402


def _rules(context: ScanContext) -> list:
    return list(names.scan_person(context.text, context.folded))


FINDERS: list[tuple[str, Callable[[ScanContext], object]]] = [
    ("lower_words", ner.shared_lower_words),
    ("line_verdicts", ner.line_verdicts),
    ("names.scan_person", _rules),
    ("scan_person_ner", lambda c: list(ner.scan_person_ner(c, tuple((a, b) for a, b, _ in _rules(c))))),
    ("scan_given_names", lambda c: list(ner.scan_given_names(c))),
    ("scan_cued_surnames", lambda c: list(ner.scan_cued_surnames(c))),
    ("scan_lower_names", lambda c: list(ner.scan_lower_names(c))),
    ("scan_initial_names", lambda c: list(ner.scan_initial_names(c))),
    ("scan_speakers", lambda c: list(ner.scan_speakers(c))),
    ("scan_name_lists", lambda c: list(ner.scan_name_lists(c))),
    *((f"cues.{f.__name__}", (lambda f: lambda c: list(f(c)))(f)) for f in (
        person_cues.scan_people_lists, person_cues.scan_creators, person_cues.scan_human_subjects,
        person_cues.scan_job_titles, person_cues.scan_relations, person_cues.scan_vocatives,
        person_cues.scan_quoted_speakers, person_cues.scan_lower_case)),
    ("name_block", lambda c: list(name_block.scan_block_names(c, lambda: ner.shared_lower_words(c)))),
]


def model_memos(named: list[tuple[str, str]]) -> list[dict]:
    """Per text, the context memo after the model's run (entities, prose spans): not timed."""
    memos = []
    for _, text in named:
        context = ScanContext.of(text, model=tagger.model())
        ner.entities(context)
        ner.prose_of(context)
        memos.append(dict(context.memo))
    return memos


def _context(text: str, memo: dict) -> ScanContext:
    context = ScanContext.of(text, model=tagger.model())
    context.memo.update(memo)
    return context


def timings(named: list[tuple[str, str]], memos: list[dict], rounds: int) -> dict[str, float]:
    """Seconds (process time, best of ``rounds``): "TOTAL scan_person" on fresh contexts, then
    each finder alone, in order, on one fresh context per text (what an earlier finder
    computed for the document - lower-case words, line verdicts - is shared, as in a scan)."""
    best: dict[str, float] = defaultdict(lambda: float("inf"))
    for _ in range(rounds):
        started = time.process_time()
        for (_, text), memo in zip(named, memos):
            list(person_scan.scan_person(_context(text, memo)))
        best["TOTAL scan_person"] = min(best["TOTAL scan_person"], time.process_time() - started)
        spent: dict[str, float] = defaultdict(float)
        for (_, text), memo in zip(named, memos):
            context = _context(text, memo)
            for name, finder in FINDERS:
                started = time.process_time()
                finder(context)
                spent[name] += time.process_time() - started
        for name, seconds in spent.items():
            best[name] = min(best[name], seconds)
    return dict(best)


def detect_time(named: list[tuple[str, str]], rounds: int) -> float:
    """Seconds (process time, best of ``rounds``) of ``step.detect`` over the texts, warm."""
    from flexorch_beam.pii.step import detect, warm_up

    warm_up()
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        for _, text in named:
            detect(text)
        best = min(best, time.process_time() - started)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", type=Path, default=DATASET)
    parser.add_argument("--real-dir", type=Path, default=REAL)
    parser.add_argument("--no-real", action="store_true")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--write", type=Path)
    parser.add_argument("--compare", type=Path)
    parser.add_argument("--detect", action="store_true", help="time step.detect too")
    args = parser.parse_args(argv)
    named = texts(args.dataset, None if args.no_real else args.real_dir)
    groups = {"research": [(n, t) for n, t in named if n.startswith("research/")],
              "real": [(n, t) for n, t in named if not n.startswith("research/")]}
    found: dict[str, list] = {}
    for group, members in groups.items():
        if not members:
            continue
        memos = model_memos(members)
        print(f"== {group}: {len(members)} texts, {sum(len(t) for _, t in members) / 1e6:.3f} MB")
        for name, seconds in timings(members, memos, args.rounds).items():
            print(f"  {name:28s} {seconds * 1000:8.1f} ms")
        if args.detect:
            print(f"  {'step.detect (whole)':28s} {detect_time(members, args.rounds) * 1000:8.1f} ms")
        for (name, text), memo in zip(members, memos):
            found[name] = sorted([a, b, s] for a, b, s in person_scan.scan_person(_context(text, memo)))
    if args.write:
        args.write.write_text(json.dumps(found), encoding="utf-8")
    if args.compare:
        before = json.loads(args.compare.read_text(encoding="utf-8"))
        differ = [n for n in sorted(set(before) | set(found)) if before.get(n) != found.get(n)]
        print(f"texts whose PERSON spans differ: {len(differ)} of {len(set(before) | set(found))}")
        return 1 if differ else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
