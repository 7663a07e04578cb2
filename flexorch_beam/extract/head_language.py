"""A receipt's header lines read with the model of their own language.

A till slip's item and total lines are often English while the shop's address above them
is in the local language ("JALAN PERMAS UTARA 1, 81750 MASAI, JOHOR"). The page-level
language switch (:func:`ocr.read_page`) judges the whole page, so such a page stays with
the English model, which misreads the local place names letter by letter ("Bentona",
"[emenggung", "$$21/3S"). Here each of the first lines of a receipt-like page (the narrow
column read as one block) is judged on its own; when some are in another language whose
tesseract model is installed, the header block is cropped from the prepared page and read
once more with that model, and those lines (only those) take the new reading, words and
boxes. Lines in the page's own language (the shop's English name, "TEL", "GST NO") keep
the first reading.

Measured on the 25 SROIE receipts of the development set (``bench/ocr_address_bench.py``):
see bench/RESULTS.md "Receipt address OCR (session 2026-12-04)".
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from typing import Callable, Optional, Sequence

from PIL import Image

from flexorch_beam.extract.words import Word

HEAD_LINES = 12  # first-pass lines of the header block (name, address, ids, phone)
MAX_HEAD_SHARE = 0.5  # ... never below half the page
MIN_LINE_LETTERS = 6  # a shorter line carries no language
MIN_LINE_CONFIDENCE = 0.3  # lingua's confidence in the line's language
MIN_OVERLAP = 0.5  # share of the shorter line's height two readings' lines must share
_MARGIN = 0.5  # of a line height, below the last header line
# lingua language -> tesseract model: the page-level Latin languages plus the languages
# whose text commonly heads an English till slip. Malay: Malaysian receipts print the
# address in Malay under an English shop name (Debian tesseract-ocr-msa).
HEAD_MODELS = {
    "en": "eng", "tr": "tur", "de": "deu", "fr": "fra", "nl": "nld", "es": "spa",
    "it": "ita", "pl": "pol", "pt": "por", "ms": "msa",
}
_LETTERS = re.compile(r"[^\W\d_]+")

# (image, model) -> the reading's lines, each a list of (word with its box in that image,
# tesseract's confidence)
Reader = Callable[[Image.Image, str], Sequence[Sequence[tuple[Word, float]]]]


def page_lines(text: str, words: Sequence[Word]) -> list[list[int]]:
    """Indexes into ``words`` of each non-empty text line (``ocr.pages_from_data`` writes a
    page's words and its text in the same order, one tesseract line per text line)."""
    lines, at = [], 0
    for raw in text.split("\n"):
        count = len(raw.split())
        if not count:
            continue
        lines.append(list(range(at, min(at + count, len(words)))))
        at += count
    return [line for line in lines if line]


@functools.lru_cache(maxsize=1)
def _detector():  # noqa: ANN202 - a lingua detector
    """Low-accuracy mode (trigram models, a few MB): the line-level judgement only has to
    tell a Malay or German address line from an English one."""
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in HEAD_MODELS]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def line_language(text: str) -> Optional[str]:
    """The ISO 639-1 code of one line's language, when lingua is sure enough."""
    sample = " ".join(_LETTERS.findall(text))
    if sum(len(t) for t in sample.split()) < MIN_LINE_LETTERS:
        return None
    values = _detector().compute_language_confidence_values(sample.lower())
    if not values or values[0].value < MIN_LINE_CONFIDENCE:
        return None
    return values[0].language.iso_code_639_1.name.lower()


def _span(words: Sequence[Word]) -> tuple[float, float]:
    return min(w.top for w in words), max(w.bottom for w in words)


def _matching(line: Sequence[Word], others: Sequence[Sequence[Word]]) -> Optional[int]:
    """The index of the other reading's line that shares most of this line's height, if any."""
    top, bottom = _span(line)
    best, best_overlap = None, 0.0
    for index, other in enumerate(others):
        o_top, o_bottom = _span(other)
        overlap = min(bottom, o_bottom) - max(top, o_top)
        if overlap > best_overlap and overlap >= MIN_OVERLAP * min(bottom - top, o_bottom - o_top):
            best, best_overlap = index, overlap
    return best


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def reread(image: Image.Image, text: str, words: Sequence[Word], confidences: Sequence[float],
           page_model: str, read: Reader, installed: Callable[[str], bool]) -> tuple[str, tuple[Word, ...]]:
    """The page's text and words with its header lines in another language read again with
    that language's model (see module docstring). ``image`` is the prepared page the first
    pass read with ``page_model``, ``confidences`` its words' (one per word);
    ``read(crop, model)`` reads a crop of it and gives its lines of (word, confidence)."""
    lines = page_lines(text, words)
    if len(confidences) != len(words):
        return text, tuple(words)
    votes: Counter = Counter()
    languages: dict[int, str] = {}
    for n, line in enumerate(lines[:HEAD_LINES]):
        if words[line[0]].top >= MAX_HEAD_SHARE * image.height:
            break
        model = HEAD_MODELS.get(line_language(" ".join(words[i].text for i in line)) or "")
        if model and model != page_model and installed(model):
            languages[n] = model
            votes[model] += 1
    if not votes:
        return text, tuple(words)
    model = votes.most_common(1)[0][0]  # one more pass at most: the header's other language
    marked = [n for n, m in languages.items() if m == model]
    spans = [_span([words[i] for i in lines[n]]) for n in marked]
    margin = _MARGIN * sorted(bottom - top for top, bottom in spans)[len(spans) // 2]
    top = max(0, round(min(t for t, _ in spans) - margin))
    bottom = min(image.height, round(max(b for _, b in spans) + margin))
    reading = [[(w._replace(top=w.top + top, bottom=w.bottom + top), c) for w, c in line]
               for line in read(image.crop((0, top, image.width, bottom)), model)]
    replaced: dict[int, list[Word]] = {}
    taken: set[int] = set()  # one re-read line replaces one first-pass line
    for n in marked:
        own = [words[i] for i in lines[n]]
        found = _matching(own, [[w for w, _ in line] for line in reading])
        if found is None or found in taken:
            continue
        other = reading[found]
        # the more confident reading of the line wins (tesseract's word confidences)
        if _mean([c for _, c in other]) > _mean([confidences[i] for i in lines[n]]):
            taken.add(found)
            replaced[n] = [w._replace(page=own[0].page) for w, _ in other]
    if not replaced:
        return text, tuple(words)
    out_words: list[Word] = []
    at = 0
    for n, line in enumerate(lines):
        out_words.extend(words[at:line[0]])
        out_words.extend(replaced.get(n, [words[i] for i in line]))
        at = line[-1] + 1
    out_words.extend(words[at:])
    out_lines, n = [], 0
    for raw in text.split("\n"):
        if raw.split():
            out_lines.append(" ".join(w.text for w in replaced[n]) if n in replaced else raw)
            n += 1
        else:
            out_lines.append(raw)
    return "\n".join(out_lines), tuple(out_words)
