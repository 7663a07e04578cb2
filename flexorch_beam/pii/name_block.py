"""Person names that head a block: signatures, letterheads, contact cards, CV headers, labels.

Why: signatures, business cards, CV headers, envelope labels and quoted e-mail signatures
write a person's name alone on the first line of a block whose next lines are a job title, a
company, a postal address or labelled contact lines ("Phone:", "E-mail:"). The name there has
no cue and often no capital ("naomi ryan"), and the other scanners found the address or the
phone below it but not the name above. Two general facts make such a line a name:
- layout: a short line of two to four name-shaped words, followed within a few short lines by
  an address line (house number and street word, unit, PO box, country) or a contact line;
- an e-mail address in the same text whose local part is spelt from the line's words
  ("a.kowal@…", "akowal@…", "adakowal@…"): people's addresses are built from their names.
Headings ("Billing Address", "Head Office"), companies, job titles, places and table headers
have the same layout; the word checks below refuse them (and the layout alone asks for a
known given name, surname, initial or particle among the words). No text is logged.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Callable, Iterator

from flexorch_beam.pii import address, names
from flexorch_beam.pii.context import ScanContext
from flexorch_beam.pii.names import (BUSINESS_WORDS, HONORIFICS, LOWER, STOP_WORDS, TITLES, UPPER,
                                     first_names, surnames, world_first_names)
from flexorch_beam.pii.phones import country_names
from flexorch_beam.pii.places import place_names
from flexorch_beam.pii.recognizer import normalize_context

SCORE = 0.6
# Lines looked at after a name line for the block's address or contact line, and the words a
# line of the block may have (longer lines are prose, not a block).
LOOK_AHEAD = 6
BLOCK_LINE_WORDS = 9
# Lines around a name line in which an e-mail spelt from its words confirms it.
EMAIL_LINES = 15

PARTICLES = frozenset("van von de der den del della di da du dos das la le ten ter zu bin al "
                      "y e af av".split())
# Titles written before a name on its line: left out of the name's span here
# (``name_affixes`` adds the English ones back to any name it finds).
_NAME_TITLES = frozenset("mr mrs ms miss mx dr prof shri smt sri".split()) | TITLES | HONORIFICS
_NAME_WORD = re.compile(rf"[{UPPER}][{LOWER}]+(?:['’-][{UPPER}]?[{LOWER}]+)?"
                        rf"|[{LOWER}]{{2,}}(?:['’-][{LOWER}]+)?")
_INITIAL = re.compile(rf"[{UPPER}{LOWER}]\.?")
_SUFFIX = re.compile(r"(?i:jr|sr|ii|iii|iv|phd|ph\.d|md|dds|esq|cpa|mba)\.?")
# Words of headings, job titles, departments, documents and products: a line holding one
# is no person ("Billing Address", "Sales Manager", "Head Office", "Invoice To").
JOB_AND_HEADING_WORDS = frozenset("""
address addresses billing shipping delivery mailing postal invoice bill ship sold remit
office head headquarters registered branch department dept division unit team desk
manager director engineer technician assistant officer specialist consultant analyst
coordinator administrator supervisor executive president secretary accountant clerk nurse
doctor teacher professor lecturer developer designer architect lawyer attorney agent
representative sales marketing finance human resources relations operations support service
services customer client contact contacts information info details personal phone email mail
e-mail website web fax mobile tel telephone name names date total amount description item
items product products price quantity qty number account reference order summary notes
note subject dear regards sincerely thanks thank best kind warm yours cheers signature
labor labour employment laboratory animal driver worker operator cleaner soldier
chief senior junior lead principal associate partner owner founder chairman member
inc ltd llc gmbh corp company group holding international limited
street road avenue lane drive jalan jln city state country zip postcode code
united kingdom states republic
""".split())
_LABEL = re.compile(
    r"(?i)^(?:phone|tel|telephone|mobile|mob|cell|cellphone|fax|e-?mail|mail|website|web|"
    r"homepage|url|personal info|contact|address|desk|direct|office|work|home|skype|linkedin|"
    r"telefon|handy|adresse|telefax)\b[ \t.]*(?:[(][^)\n]*[)])?[ \t]*:")
# A label before the name on the block's first line ("Ship to: …", "name:    …").
_NAME_LABEL = re.compile(
    r"(?i)(?:(?:full[ \t]+|first[ \t]+|customer[ \t]+|contact[ \t]+|account[ \t]+)?name|"
    r"(?:billing|shipping|delivery|mailing|postal|invoice)[ \t]+address|(?:ship|bill|deliver|sold|"
    r"remit|invoice)[ \t]+to|recipient|attn\.?|attention|to)[ \t]*:[ \t]*")
_EMAIL = re.compile(r"(?<![\w.+-])([\w.+-]{2,64})@[\w-]+(?:\.[\w-]+)+")
# The host of an e-mail or web address, without "www." and the last label (".com").
_DOMAIN = re.compile(r"(?:@|(?i:https?://)|(?<![\w.@-])(?i:www\.))(?:(?i:www\.))?"
                     r"((?:[\w-]+\.)*[\w-]+)\.[a-zA-Z]{2,}\b")
_EMAIL_LINE = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+[ \t]*$")
_PHONE_LINE = re.compile(r"(?i)^(?:[a-z]+\.?[ \t]*)?[+(]?\d[\d ()./-]{6,}\d(?:[ \t]*(?:x|ext\.?)[ \t]*\d+)?"
                         r"(?:[ \t]+[a-z]+)?[ \t]*$")
_DIGIT = re.compile(r"\d")
_PROSE = frozenset("the a an and or of to in on at for from with by is are was were be been has have "
                   "had if you your we our it this that as not but will can".split())
# A line before a block that says whose block follows, with or without its colon.
_LEAD_IN = re.compile(r"(?i)(?:\b(?:ship|bill|sold|deliver|invoice|remit|sent|send|mail)(?:ed)?[ \t]+to|"
                      r"\b(?:from|attn|attention|recipient|sender|contact|regards|sincerely|yours|"
                      r"faithfully|truly|thanks|cheers|wishes|grüße|saygılarımla|saygılarımızla))"
                      r"[ \t]*[:,.!]?[ \t]*$")
_UNIT_OR_BOX = re.compile(
    rf"(?i)(?<![\w])(?:{address.UNIT_WORDS}|box|p\.?[ \t]?o\.?[ \t]?box|psc|cmr|dpo|apo|fpo)\.?[ \t]*#?\d")
_POSTCODE_CITY = re.compile(rf"^(?:\d{{4,5}}|[A-Z]{{1,2}}\d[A-Z\d]?[ \t]\d[A-Z]{{2}})[ \t]+[{UPPER}]|"
                            rf"[{UPPER}][{LOWER}]+,[ \t]*[A-Z]{{2}}[ \t]+\d{{5}}")
_COUNTRY_LINE = re.compile(r"^([^\W\d_][^\d\n]*?)[ \t,]*(?:\d[\d -]{2,8})?[ \t.]*$")


def _fold(word: str) -> str:
    """Lower case without accents ("Jørgensen" -> "jorgensen"), as e-mail local parts write it."""
    word = word.lower().replace("ø", "o").replace("ß", "ss").replace("ł", "l").replace("đ", "d") \
        .replace("æ", "ae").replace("ð", "d").replace("þ", "th").replace("ı", "i")
    return "".join(c for c in unicodedata.normalize("NFKD", word) if c.isalpha() and c.isascii())


def name_line(line: str) -> list[str] | None:
    """The words of ``line`` when it is shaped like a person's name alone (two to four words,
    letters only, initials and particles allowed, all capitalised or all in lower case, an
    English title before and a post-nominal after allowed), else None."""
    words = line.replace(",", " ").split()
    if words and normalize_context(words[0]).rstrip(".") in _NAME_TITLES:
        words = words[1:]
    while words and _SUFFIX.fullmatch(words[-1]) and len(words) > 2:
        words = words[:-1]
    if not 2 <= len(words) <= 4 or "," in line and not re.search(r",[ \t]*\S+\.?[ \t]*$", line):
        return None
    kinds = []
    for word in words:
        if normalize_context(word) in PARTICLES:
            kinds.append("particle")
        elif _INITIAL.fullmatch(word) and word != "I":
            kinds.append("initial")
        elif _NAME_WORD.fullmatch(word):
            kinds.append("lower" if word.islower() else "title")
        else:
            return None
    full = [w for w, k in zip(words, kinds) if k in ("lower", "title")]
    cased = {k for k in kinds if k in ("lower", "title")}
    if len(full) < 2 or len(cased) != 1 or kinds[0] == "particle" or kinds[-1] != kinds[0] \
            and kinds[-1] in ("particle", "initial"):
        return None
    if "lower" in cased and any(k == "initial" and w[:1].isupper() for w, k in zip(words, kinds)):
        return None
    return words


def _refused(words: list[str]) -> bool:
    """A word of a heading, job, company, street, place or document; or a place or country
    spelt by the words together."""
    folded = [normalize_context(w).rstrip(".") for w in words]
    joined = " ".join(folded)
    if joined in place_names() or joined in country_names():
        return True
    for i, (word, fold) in enumerate(zip(words, folded)):
        if fold in JOB_AND_HEADING_WORDS and _person_word(fold) \
                and any(_person_word(other) for other in folded[:i] + folded[i + 1:]):
            continue  # "Sarah Price", "Bill Turner": a surname or given name beside another
        if fold in JOB_AND_HEADING_WORDS or fold in BUSINESS_WORDS or fold in TITLES \
                or fold in HONORIFICS or fold in country_names() \
                or fold in STOP_WORDS and fold not in _listed_given():
            return True  # (a stop word of another language may be a given name: "Alma")
        if word.lower().rstrip(".") in address._STREET_TOKENS and fold not in surnames() \
                and fold not in first_names():
            return True  # "Oakfield Gardens", "Rue Verte": a street's name ("Hill" is a surname too)
    return False


def _person_word(folded: str) -> bool:
    """A listed given name or a frequent surname."""
    return folded in _listed_given() or folded in surnames()


@lru_cache(maxsize=1)
def _listed_given() -> frozenset[str]:
    """Every given name of the shipped lists, the ones that are words too ("may", "alma") kept."""
    return frozenset().union(*(names._word_list(f"first_names_{lang}.txt") for lang in names.LANGUAGES))


def _named(words: list[str]) -> bool:
    """A known given name, an initial or a particle among ``words`` (or, written with
    capitals, a frequent surname): a line of unknown words only is read as a name when an
    e-mail confirms it. (A surname is a word too: "green", "young" in a lower-case line.)"""
    lower = all(w.islower() for w in words)
    for word in words:
        folded = normalize_context(word).rstrip(".")
        if len(folded) == 1 or folded in PARTICLES or folded in first_names() \
                or folded in world_first_names() or not lower and folded in surnames():
            return True
    return False


def spelt_by(local: str, words: list[str]) -> bool:
    """The e-mail local part ``local`` is spelt from the name ``words``: the given name and
    the surname (each whole or its initial, at least one whole), the middle words and
    particles optional, in either order, dots, dashes, underscores and digits ignored; with
    both whole, more letters may follow (a second surname)."""
    letters = _fold(re.sub(r"[\d._+-]", "", local))
    parts = [_fold(w) for w in words if _fold(w)]
    if len(letters) < 4 or len(parts) < 2:
        return False
    first, last, middle = parts[0], parts[-1], parts[1:-1]
    optional = "".join(f"(?:{re.escape(m)}|{re.escape(m[0])})?" for m in middle)
    for a, b in ((first, last), (last, first)):
        whole = f"{re.escape(a)}{optional}{re.escape(b)}"
        if len(a) > 1 and len(b) > 1 and re.match(whole, letters):
            return True
        short = (f"(?:{re.escape(a)}{optional}{re.escape(b[0])}|{re.escape(a[0])}{optional}{re.escape(b)})")
        if re.fullmatch(short, letters) and max(len(a), len(b)) >= 3:
            return True
    return False


def _cue_line(line: str) -> bool:
    """An address or contact line of a block: a labelled contact line, an e-mail, phone
    number or web address alone, a house number with a street word, a unit or PO box, a
    postcode and city, or a country."""
    if _LABEL.match(line) or _EMAIL_LINE.match(line) \
            or _PHONE_LINE.match(line) or _UNIT_OR_BOX.search(line) or _POSTCODE_CITY.search(line):
        return True
    if address._PO_BOX.search(line):
        return True
    if _DIGIT.search(line) and any(not _DIGIT.search(w) and address.street_like(w.strip(".,"))
                                   for w in line.split()):
        return True  # "14 Elm Terrace", "12 rue verte", "Tammikatu 54"
    country = _COUNTRY_LINE.match(line)
    return country is not None and normalize_context(country.group(1)).strip(" ,.") in country_names()


def _block_line(line: str) -> bool:
    """A short line a block may hold between a name and its address (a job title, a company),
    not a line of prose (a sentence's punctuation, two function words)."""
    words = line.lower().split()
    return len(words) <= BLOCK_LINE_WORDS and not line.endswith(("?", "!")) \
        and ". " not in line and sum(w in _PROSE for w in words) < 2


def _heads(text: str, start: int) -> bool:
    """The line at ``start`` opens its block: the text starts there, or the line before it is
    blank, a label or closing ("Ship to:", "Best regards,"), holds a number (the end of
    another block), or is prose. After a short line of words (a company, a heading) it is no
    block's first line."""
    line_start = text.rfind("\n", 0, start) + 1
    if line_start == 0:
        return True
    before = text[text.rfind("\n", 0, line_start - 1) + 1 : line_start - 1].strip()
    return not before or before.endswith((":", ",", ".", "-", "—")) or _DIGIT.search(before) is not None \
        or _LEAD_IN.search(before) is not None or not _block_line(before)


def _following(text: str, end: int, count: int) -> Iterator[str]:
    """The next ``count`` lines after the line ending at ``end``, without the spaces around them."""
    at = text.find("\n", end)
    while at >= 0 and count > 0:
        stop = text.find("\n", at + 1)
        yield text[at + 1 : stop if stop >= 0 else len(text)].strip()
        at, count = stop, count - 1


def _laid_out(text: str, end: int) -> bool:
    """An address or contact line follows the line ending at ``end`` within LOOK_AHEAD lines,
    with only short block lines between (two blank lines in a row end the block)."""
    blank = 0
    for line in _following(text, end, LOOK_AHEAD):
        if not line:
            blank += 1
            if blank >= 2:
                return False
            continue
        blank = 0
        if _cue_line(line):
            return True
        if not _block_line(line):
            return False
    return False


def _window(text: str, start: int, end: int) -> tuple[int, int]:
    """[lo, hi) of the EMAIL_LINES lines before and after the line [start, end)."""
    lo, hi = start, end
    for _ in range(EMAIL_LINES):
        lo = max(0, text.rfind("\n", 0, max(0, lo - 1)))
        found = text.find("\n", hi + 1)
        hi = len(text) if found < 0 else found
    return lo, hi


def _confirmed(text: str, window: tuple[int, int], words: list[str]) -> bool:
    """An e-mail in ``window`` has a local part spelt from ``words``."""
    return any(spelt_by(m.group(1), words) for m in _EMAIL.finditer(text, *window))


def _firm(text: str, window: tuple[int, int], words: list[str]) -> bool:
    """A web or e-mail domain in ``window`` holds the first and the last of ``words``: the line
    names the firm that owns it ("Brisk Harbour" beside www.brisk-harbour.com), not a person."""
    first, last = _fold(words[0]), _fold(words[-1])
    return any(first in _fold(d) and last in _fold(d) for d in _DOMAIN.findall(text, *window))


def _span(text: str, start: int, end: int) -> tuple[int, int]:
    """The name on the line [start, end): without a title before it or a post-nominal after
    it (``name_affixes.widened`` adds the English ones back to any name), nor a trailing comma."""
    value = text[start:end]
    first = value.split()[0]
    if normalize_context(first).rstrip(".") in _NAME_TITLES:
        start = text.index(value.split()[1], start + len(first))
    while True:
        value = text[start:end].rstrip(" ,")
        last = value.split()[-1]
        if _SUFFIX.fullmatch(last) and len(value.split()) > 2:
            end = start + value.rindex(last)
            continue
        return start, start + len(value)


def scan_block_names(context: ScanContext,
                     lower_words: Callable[[], frozenset[str]]) -> Iterator[tuple[int, int, float]]:
    """Names alone on the first line of a signature, letterhead, card or label block (quote
    markers of a quoted reply read as spaces, as ``address.unquoted`` does): kept when the
    line is name-shaped, holds no heading, job, company, street or place word, and either an
    address or contact line follows (and a word of it is a known given name or surname, an
    initial or a particle), or an e-mail near it is spelt from its words. ``lower_words``:
    the words the text writes in lower case (the PERSON scanners' shared set), asked for only
    when a line is a candidate."""
    raw = context.text
    if "\n" not in raw:
        return
    text = address.unquoted(raw)
    lowered = None
    for candidate in _CANDIDATE.finditer(text):
        start, end = candidate.span(1)
        label = _NAME_LABEL.match(text, start, end)
        if label is not None:
            start = label.end()
        line = text[start:end]
        words = name_line(line)
        if words is None or _refused(words):
            continue
        if lowered is None:
            lowered = lower_words()
        if not line.islower() and any(w.lower() in lowered and _written_lower(raw, w) for w in words
                                      if len(w) > 2 and normalize_context(w) not in PARTICLES):
            continue  # "Quality Assurance" above "quality checks": a term the text writes in lower case
        window = _window(text, start, end)
        if _firm(text, window, words):
            continue  # the name of the firm whose web or e-mail address is beside it
        if _confirmed(text, window, words) or _named(words) \
                and (label is not None or _heads(text, start)) and _laid_out(text, end):
            a, b = _span(text, start, end)
            yield a, b, SCORE


# A line of 3 to 60 characters with no digit (spaces around it left out): a name line may be one.
_CANDIDATE = re.compile(r"^[ \t]*([^\d\s][^\d\n]{1,58}[^\d\s])[ \t]*$", re.MULTILINE)


def _written_lower(text: str, word: str) -> bool:
    """``word`` is written in lower case in ``text`` outside e-mail and web addresses (whose
    letters spell names too: "ona.keller@…"); found with ``str.find``, not a regex scan."""
    low = word.lower()
    at = text.find(low)
    while at >= 0:
        before = text[at - 1] if at else " "
        after = text[at + len(low) : at + len(low) + 2]
        if not (before.isalnum() or before in _JOINERS) and not (
                after[:1].isalnum() or after[:1] in _JOINERS or after[:1] == "." and after[1:].isalnum()):
            return True
        at = text.find(low, at + 1)
    return False


_JOINERS = "'’.@/-_"
