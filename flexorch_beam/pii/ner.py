"""Person names and street addresses in prose from the project's own model, checked by rules.

Why: the cue and first-name rules (``names.py``) and the street shapes (``address.py``) find
names and addresses where business documents label or format them ("Ad Soyad: Ayşe Kaya",
"Lindenstraße 12"), but miss most written in running prose ("… forwarded by Katarzyna Wójcik
yesterday", "she moved to 42 Oakwood last May"). A statistical model reads the words around
a value, which no gazetteer can.

The model: the project's own EN/TR/DE token tagger (``tagger.py``; weights in
``data/ner_model``, trained by ``training/pii_ner/train.py`` on sentences from our own
templates filled with Faker values - never on a benchmark's sentences). It runs as a few numpy
operations over the document (cut at line ends into MODEL_CHUNK pieces); its proposals count
only inside EN/DE/TR prose paragraphs (``prose_spans``), so it reads only those and the few
words around them that its tags depend on (``model_slices``): forms, tables and lists are the
cue/gazetteer and street rules' part.
Nothing is downloaded at run time; without the model files the rules work alone.

What is kept: a PERSON span that passes the rules' own checks (no digits, no company,
document, role or thing word, not a multi-word place or region, not a company followed by a
legal form, not a legal citation's abbreviations) and, when it is a single word, is a known
first name or stands where a person is meant (a title or role before it, a cue, a greeting,
kinship word or verb of saying around it); an ADDRESS span with an address's shape (a number
or a street word; no e-mail, URL, code-table row, contents line, phone or citation), its
pieces joined across a comma or line break and extended over the unit and city/postcode lines
after it (and a unit or house number before it); the rules' and the model's spans of one
address are merged into one finding. The checks were written against the kinds of false
positives found on the real development documents (headings, organisations, legal numbering),
never against one file. A known given name the model passed over is still found when it
stands alone in prose (``scan_given_names``: mid-sentence, never written in lower case in the
document, no capitalised word, number or place preposition beside it). No text is logged.
"""
from __future__ import annotations

import bisect
import itertools
import re
from typing import Iterator

from flexorch_beam.pii import address, name_affixes, names, tagger
from flexorch_beam.pii.names import (BUSINESS_WORDS, HONORIFICS, LOWER, STOP_WORDS, TITLES, UPPER,
                                     _cued, first_names, surnames, world_first_names)
from flexorch_beam.pii.places import place_names
from flexorch_beam.pii.context import ScanContext
from flexorch_beam.pii.lines import Lines, line_bounds
from flexorch_beam.pii.match_starts import MatchStarts
from flexorch_beam.pii.model_slices import model_slices
from flexorch_beam.pii.recognizer import normalize_context

BASE_SCORE = 0.6
ADDRESS_SCORE = 0.7
# Text read by the model per document. The model costs a few seconds per MB on a shared
# 2-core machine; past the budget the cue/gazetteer rules still run, and a value found once is
# masked at every occurrence in the document (occurrences.py).
MAX_MODEL_CHARS = 2_000_000
# The model reads the document in pieces of about this size, cut at line ends (memory stays
# small; its context is a few words either side anyway).
MODEL_CHUNK = 20_000
# A PERSON of several words none of which is a known first name, with no title or cue before
# it, is kept only when the model gives every token of it at least this probability. (One
# unknown word alone is never enough: on real documents those were headings and nouns.)
SURE = 0.9

# English, German and Turkish function words: a long line with none of them is a list, a
# table row or another language, where a capitalised run is rarely a name in prose.
_ENGLISH = frozenset(
    "the a an and or of to in on at for from with by is are was were be been has have had "
    "my your his her our their this that these those it he she we they you i me him us them "
    "will would can could should please as not but if so am do did does who what where when "
    "how which there here about into after before than then just also any some all no yes "
    "hi hello dear thanks thank regards name my i'm i’m it's its via per".split()
)
_OTHER = frozenset(
    "der die das und ist mit von zu für auf den dem des ein eine einer nicht sich bei werden "
    "wird sie wir ihr ihre unsere sehr im vom zum zur oder auch nach über unter gemäß "
    "ve bir bu için ile olarak olan daha gibi çok veya ise ya şu tarafından göre "
    "sayın adres tarihi no".split()
)
_FUNCTION_WORDS = _ENGLISH | _OTHER
# Words that make a capitalised run a label or a document term, not a name.
_NOT_NAME = frozenset(
    "identifier id code account reference details information department office team "
    "support manager director services service customer client beneficiary "
    "heading header column col table row section chapter page figure appendix "
    "bordro bordrosu maas maaş ucret ücret payslip gehaltsabrechnung lohnabrechnung".split()
)
# Words that name a role, a group or a thing: a run made of them is no person ("Vice
# Chairman", "Sole Proprietor", "Reviewer Credentials"); a role before a name is cut off like
# a title ("Chairman Lipparelli").
_ROLES = frozenset(
    "chairman chairwoman chairperson chair vice president deputy secretary treasurer trustee "
    "commissioner councilman councilwoman councillor senator governor mayor judge justice "
    "sheriff officer detective captain sergeant lieutenant general colonel professor "
    "dean minister ambassador attorney counsel proprietor owner exhibitor reviewer member "
    "members representative delegate partner founder ceo cfo coo cto chief head sole".split()
)
ROLES = _ROLES  # public: other modules refuse these words as a name on their own
_THINGS = frozenset(
    "enterprises publishing publishers amusements entertainment bancorp bancorporation casino "
    "resorts gaming studios productions pictures airlines press books media university college "
    "school academy declaration convention treaty agreement regulation directive guidelines "
    "standards credentials transmittal policy program programme project commission board "
    "funding engineering affairs umweltschutz verwaltung act basics bonds release test "
    "buses".split()
)
# A place's compass word opens the run: "South Azerbaijani", "North Yorkshire".
_COMPASS = frozenset("north south east west central upper lower northern southern eastern "
                     "western nord süd ost kuzey güney doğu batı".split())
# A citation's abbreviations run on to a number: "Fed. R. Bankr. P. 2008", "R. Evid. 603".
_CITED_AFTER = re.compile(r"\.(?:[ \t]*[A-Z][a-z]{0,6}\.)*[ \t]*\(?\d")
# Words before or after a span that say a person is meant, for the model's proposals only:
# greetings, thanks, introductions, kinship and reported speech.
_PERSON_BEFORE = re.compile(
    r"(?i)(?:\b(?:hi|hello|hey|dear|thanks|thank you|cheers|congratulations|congrats|welcome|"
    r"good (?:morning|afternoon|evening)|happy birthday|my name is|name is|i am|i'm|i’m|this is|"
    r"named|called|signed by|written by|prepared by|reviewed by|approved by|sent by|"
    # fourth round: speech reported after the quote ("… ," says X), what a person is called
    r"(?:says|said|asks|adds|added|explains|explained|writes|replies|replied)|"
    r"(?:call|calls|called|name|named|names) (?:me|him|her)|"
    r"(?:last|first|family|given|middle|nick|sur) ?name(?: is|'s|’s)?\??|"
    r"my (?:wife|husband|son|daughter|colleague|friend|manager|boss|brother|sister|mother|"
    r"father|partner|neighbou?r|doctor|lawyer)|"
    r"hallo|liebe|lieber|danke|grüße|merhaba|selam|teşekkürler|sevgili|"
    r"mein(?:e)? (?:frau|mann|kollege|kollegin)|eşim|meslektaşım|"
    r"(?:told|asked|met|called|emailed|contacted|thanked|invited|visited|married|hired|"
    r"ask|tell|meet|thank|invite|cc|ping|according to|spoke (?:with|to)|talked (?:with|to)|"
    r"met with|on behalf of|"
    # third round: who a sentence says a person is, or what is done to or with a person
    r"(?:my|his|her|our|their|your) (?:wife|husband|son|daughter|colleague|friend|manager|"
    r"boss|brother|sister|mother|father|partner|neighbou?r|doctor|lawyer|cousin|aunt|uncle|"
    r"niece|nephew|grandson|granddaughter|grandmother|grandfather|grandma|grandpa|fianc[ée]e?|"
    r"girlfriend|boyfriend|roommate|classmate|teacher|coworker|co-worker|assistant|mom|dad|"
    r"kid|child|baby|buddy|mentor|tutor|landlord|landlady|tenant|nurse|dentist|therapist)|"
    r"(?:speak|spoke|talk|talked|chat|chatted|meet|meeting|lunch|dinner|coffee|work|worked|"
    r"working|live|lived|living|stay|stayed|travell?ed|engaged|dating) (?:with|to)|"
    r"(?:remind|reminded|inform|informed|notify|notified|text|texted|help|helped|"
    r"congratulate|congratulated|introduce|introduced|greet|greeted|hug|hugged|kiss|kissed|"
    r"miss|call|email|e-mail|phone|phoned|ring|rang|visit|follow up with|reach out to|"
    r"reached out to|get in touch with|got in touch with|ask for|asked for|speak to)|"
    r"(?:me|you|him|her|us|them) and|"
    r"sprach mit|gespräch mit|treffen mit|telefonat mit|termin mit|laut|"
    r"mein(?:e)? (?:tochter|sohn|bruder|schwester|mutter|vater|freund|freundin|chef|chefin)|"
    r"kızım|oğlum|annem|babam|kardeşim|arkadaşım|müdürüm))"
    r",?[ \t]*$|^[ \t]*[-–—][ \t]*$)")
_PERSON_AFTER = re.compile(
    r"[ \t]*,?[ \t]*(?:said|says|wrote|writes|told|asked|replied|added|explained|noted|"
    r"called|emailed|mentioned|sagte|schrieb|fragte|antwortete|dedi|yazdı|sordu|söyledi|"
    r"(?:is|was) (?:a|an|the|my|our|his|her) [a-z]+|who\b|(?:and|with) (?:his|her) |"
    r"(?:'s|’s) (?:wife|husband|son|daughter|mother|father|brother|sister|partner|"
    r"colleague|friend|boss|manager|birthday|address|phone|email|account|mom|dad|parents|"
    r"children|kids|family|car|house|flat|apartment|desk|number|name|appointment|surgery|"
    r"salary|contract|signature|passport|office|team|cousin|aunt|uncle|e-mail)|"
    # third round: what a person does (reported by subject verbs) and a vocative
    r"(?:lives|lived|works|worked|was born|got married|is married|loves|loved|likes|liked|"
    r"wants|wanted|thinks|thought|believes|believed|feels|felt|knows|knew|smiled|laughed|"
    r"shouted|yelled|screamed|whispered|sighed|nodded|waved|shrugged|grinned|winked|frowned|"
    r"cried|went|came|arrived|retired|resigned|died|passed away|phoned|texted|answered|"
    r"promised|complained|apologi[sz]ed|insisted|suggested|recommended|wondered|hopes|hoped|"
    r"has (?:a|an|two|three) (?:son|daughter|child|children|kids|brother|sister)|"
    r"and I\b|and me\b|"
    r"wohnt|arbeitet|rief an|hat angerufen|meinte|erzählte|wurde geboren|"
    r"aradı|geldi|gitti|çalışıyor|yaşıyor|doğdu|istedi|düşünüyor|ile (?:görüştüm|konuştum|"
    r"tanıştım|görüştük|konuştuk))\b|"
    r",[ \t]*(?:can|could|would|will|please|do|did|are|have)[ \t]+you\b)")
# German articles: the capitalised word after one is a noun ("auf das Konto"), not a name.
_ARTICLE_BEFORE = re.compile(r"(?:^|\s)(?:das|der|die|dem|den|des|ein|eine|einem|einen|einer|eines)\s+$")
_EN_ARTICLE_BEFORE = re.compile(r"(?:^|\s)(?i:the|a|an|this|that|these|those|our|your|their|its|each|every|any)\s+$")
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_][\w.&-]*)")
# Document words a number follows in headings, tables and references ("Col 2", "Heading 1",
# "Table 3", "Windows 10"): such a run is no street.
_DOCUMENT_NUMBER = re.compile(
    r"(?i)\b(?:col|column|row|table|heading|header|section|chapter|page|figure|fig|step|phase|"
    r"part|appendix|annex|item|version|release|model|edition|volume|vol|grade|class|week|"
    r"quarter|windows|ios|android|note|article|paragraph|para|clause|schedule|exhibit|slide|"
    r"sheet|kapitel|abschnitt|seite|tabelle|bölüm|sayfa|tablo|madde|rule|form|test|topic|"
    r"amendment|cell|line|code)s?\.?[ \t]*\d")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_PROSE_WORDS = 4
_LEGAL_AFTER = re.compile(r"[ ,]*(?:A\.Ş\.|Ltd\b|Şti\b|GmbH|AG\b|KG\b|Inc\b|LLC|Corp\b|S\.A\.|"
                          r"B\.V\.|plc\b|& Co\b|& Sons\b|Company\b|Corporation\b|"
                          r"Incorporated\b|Limited\b|Holding\b|Group\b)")
_LABEL_OR_STREET = re.compile(
    r"[ \t]*:|[ \t]+(?:To|From)[ \t]*:|\.?[ \t]*(?:No\b|Nr\b)|(?<=Sok|Cad|Mah|Blv)\.|(?<=Sk|Cd|Mh|St|Rd)\.|"
    r"[ \t]+(?:Street|Road|Avenue|Lane|Drive|Sokak|Sokağı|Caddesi|Bulvarı|Mahallesi)\b")
# "Kaya, Ayşe", "O'Neil, Mary Ann": a surname, a comma and given names (two letters or more).
_LAST_FIRST = re.compile(rf"[{UPPER}][\w'’-]+(?: [{UPPER}][\w'’-]+)?, "
                         rf"[{UPPER}][\w'’-]+(?: [{UPPER}][\w'’.-]*)?")
_POSSESSIVE = re.compile(r"(?:'s|’s|')$")
_CAPITAL_AFTER_WORD = re.compile(rf"\w[^\w\n]*\s[^\W\d_]*[{UPPER}]")


def model():  # noqa: ANN201 - tagger.Tagger
    """The shipped tagger, loaded once per process; None when its files are missing (then
    the rule-based scanners work alone)."""
    return tagger.model()


def available() -> bool:
    return model() is not None


def model_pieces(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text the model reads: the first MAX_MODEL_CHARS, cut at line ends
    into pieces of about MODEL_CHUNK characters; a text with no capitalised word after another
    word (nothing a name or street could be) is skipped."""
    end = min(len(text), MAX_MODEL_CHARS)
    if not _CAPITAL_AFTER_WORD.search(text, 0, end):
        return []
    pieces, start = [], 0
    while start < end:
        stop = end
        if stop - start > MODEL_CHUNK:
            cut = text.rfind("\n", start + MODEL_CHUNK // 2, start + MODEL_CHUNK)
            stop = cut if cut > start else start + MODEL_CHUNK
        pieces.append((start, stop))
        start = stop
    return pieces


# A paragraph: from a non-space character to the first line break before a blank line (one
# of spaces and tabs only) or the end of the text.
_NON_SPACE = re.compile(r"\S")
_BEFORE_BLANK = re.compile(r"\n[ \t]*\n")
# Prose has ~40% function words; a paragraph under this share is a list, a form or a table.
MIN_FUNCTION_SHARE = 0.12
# A text this short carries too few function words to judge: it counts as prose.
SHORT_TEXT = 300


def prose_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the paragraphs where the model's proposals are kept: EN/DE/TR prose
    (enough words, function words among them), or every paragraph of a text that is prose as
    a whole or short. Forms, tables and lists are the cue/gazetteer and street rules' part."""
    if len(text) <= SHORT_TEXT or _prose(_WORD.findall(text)):
        # prose as a whole: every paragraph with a word, prose or not, so no paragraph's words
        # need counting (with ``paragraphs``, measured side by side with the code before:
        # 0.94 -> 0.40 s for 1,723 texts; most of the real documents' text is prose as a whole)
        return [(start, end) for start, end in paragraphs(text) if _WORD.search(text, start, end)]
    spans: list[tuple[int, int]] = []
    for start, end in paragraphs(text):
        words = _WORD.findall(text, start, end)
        if len(words) >= _PROSE_WORDS and _prose(words):
            spans.append((start, end))
    return spans


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each paragraph: two searches per paragraph where one pattern stepping
    over every character (``\\S(?:.|\\n(?![ \\t]*\\n))*``, the same spans) took 20x as long
    (measured: 0.52 -> 0.03 s over 1,723 texts, 6.7 MB)."""
    at = 0
    while (first := _NON_SPACE.search(text, at)) is not None:
        blank = _BEFORE_BLANK.search(text, first.start())
        at = blank.start() if blank is not None else len(text)
        yield first.start(), at


def _prose(words: list[str]) -> bool:
    # map over C functions, not a generator: this runs over every word of every document
    hits = sum(map(_FUNCTION_WORDS.__contains__, map(str.lower, words)))
    return hits >= max(1.0, MIN_FUNCTION_SHARE * len(words))


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """``spans``: sorted and disjoint (paragraphs); found by bisection, as a long document
    has thousands of them."""
    i = bisect.bisect_right(spans, (start, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


def entities(context: ScanContext) -> list[tuple[str, int, int, float]]:
    """(label, start, end, probability) of the model's entities in the context's text; one
    run per document, which PERSON and ADDRESS share (kept in the context, never here)."""
    if context.model is None:
        return []
    return list(context.shared("model entities", lambda: _entities(context.text, lambda: prose_of(context))))


def prose_of(context: ScanContext) -> list[tuple[int, int]]:
    """``prose_spans`` of the context's text, once per document (the model's proposals and
    ``scan_given_names`` share it)."""
    return context.shared("prose spans", lambda: prose_spans(context.text))


def _entities(text: str, prose_of_text=None) -> list[tuple[str, int, int, float]]:  # noqa: ANN001
    """The model's proposals inside prose; the model runs only on the prose paragraphs
    widened by its receptive field (``model_slices``), where proposals can be kept."""
    found: list[tuple[str, int, int, float]] = []
    pieces = model_pieces(text)
    model = tagger.model()
    if not pieces or model is None:
        return found
    prose = prose_of_text() if prose_of_text is not None else prose_spans(text)
    for a, b in model_slices(text, pieces, prose, model.reach):
        for label, start, end, p in tagger.spans(text[a:b]):
            if _inside(prose, a + start, a + end):
                found.append((label, a + start, a + end, p))
    return found


_PARTICLES = frozenset("van von de der den del della di da du dos la le ten ter zu bin al y".split())
_LOWER_EDGE = re.compile(r"(?:(?!(?:" + "|".join(sorted(_PARTICLES)) + r")\s)[^\W\d_" + UPPER + r"][\w'’.-]*\s+)+")
_LOWER_TAIL = re.compile(r"(?:\s+(?!(?:" + "|".join(sorted(_PARTICLES)) + r")$)[^\W\d_" + UPPER + r"][\w'’-]*)+[.,;:!?]?$")
_TAG = re.compile(r"[A-Z]|[IVXLC]+|[A-Z]{2,5}")
_ET_AL = re.compile(r"\s+et\s+al\.?$")


_LOWER_WORD = re.compile(rf"(?<![\w-])[^\W\d_{UPPER}][^\W\d_]*(?![\w-])")


def lower_words(text: str) -> frozenset[str]:
    """The words ``text`` writes in lower case (once per document)."""
    return frozenset(_LOWER_WORD.findall(text))


def shared_lower_words(context: ScanContext) -> frozenset[str]:
    """``lower_words`` of the context's text, once per document (the PERSON scanners share it)."""
    return context.shared("lower words", lambda: lower_words(context.text))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading title or role ("Mr", "Dr.", "Chairman") and a trailing possessive or
    punctuation."""
    while True:
        words = text[start:end].split()
        if len(words) > 1 and (normalize_context(words[0]).rstrip(".") in TITLES
                               or normalize_context(words[0]) in _ROLES):
            start = text.index(words[1], start + len(words[0]))
            continue
        break
    # lower-case words the model took in at either end ("dear Ona", "Ona said")
    match = _LOWER_EDGE.match(text, start, end)
    if match and match.end() < end:
        start = match.end()
    end = name_affixes.without_suffix(text, start, end)  # "… DDS" is no heading's tag
    value = _ET_AL.sub("", text[start:end])  # "Lee et al": a citation of a paper
    value = _LOWER_TAIL.sub("", value)
    stripped = _POSSESSIVE.sub("", value.rstrip()).rstrip(" \t\n.,;:!?)\"'-")
    return start, start + len(stripped)


def _without_trailing_place(text: str, start: int, end: int) -> int:
    """The end of a name once a multi-word place run into it is cut off ("Adam Smith Santa
    Maria office": the person is Adam Smith)."""
    words = text[start:end].split()
    places = place_names()
    for k in (3, 2):
        if len(words) > k and normalize_context(" ".join(words[-k:])) in places:
            return text.rindex(words[-k], start, end) - 1 if k else end
    return end


def _without_opening_word(text: str, start: int, end: int) -> int:
    """The start of a name once a sentence's opening word is cut off ("Dün Zeynep Arslan":
    "yesterday" opens the sentence and only the next word is a known first name)."""
    words = text[start:end].split()
    if len(words) > 2 and _sentence_start(text, start):
        known = first_names()
        if normalize_context(words[0]) not in known and normalize_context(words[1]) in known:
            return text.index(words[1], start + len(words[0]))
    return start


def _sentence_start(text: str, start: int) -> bool:
    """The word opens a sentence or line: its capital says nothing ("What", "Maybe")."""
    before = text[max(0, start - 3) : start].rstrip(" \t\"'“(")
    return not before or before[-1] in ".!?:\n"


def _titled(text: str, start: int) -> bool:
    before = normalize_context(text[max(0, start - 14) : start]).rstrip(" .")
    word = before.rsplit(" ", 1)[-1] if before else ""
    return word in TITLES or word in _ROLES


def _person_context(text: str, start: int, end: int) -> bool:
    """A greeting, thanks, introduction or kinship word before the span, or a verb of
    saying after it ("Hi Xavi", "my colleague Ona", "Ilse wrote")."""
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_PERSON_BEFORE.search(text, max(line_start, start - 40), start)
                or _PERSON_AFTER.match(text, end))


class _Known:
    """The shipped first names and a span's words from the world list (see accept_person):
    the two set operations accept_person needs, without copying the large set."""

    __slots__ = ("base", "extra")

    def __init__(self, base: frozenset[str], extra: frozenset[str]) -> None:
        self.base, self.extra = base, extra

    def __contains__(self, word: str) -> bool:
        return word in self.base or word in self.extra

    def isdisjoint(self, words) -> bool:  # noqa: ANN001 - any iterable of words
        words = list(words)
        return self.base.isdisjoint(words) and self.extra.isdisjoint(words)


_SPEAKER_COLON = re.compile(r"[ \t]*:(?:[ \t]+|(?=[\"“„«]))(?=\S)")


# A colon and a quotation after a name inside a clause: speech ("Leon shouted at Ona: "Stop!""),
# not a label (a label opens its line or sentence).
_QUOTE_AFTER_COLON = re.compile(r"[ \t]*:[ \t]*[\"“„«]")
_LOWER_WORD_BEFORE = re.compile(rf"(?<![\w'’-])[{LOWER}]+[ \t]+$")


def _speaker(text: str, start: int, end: int) -> bool:
    """The span opens its line (a time stamp may stand before it) and the colon after it
    opens a sentence ("Kaya Demir: I'll send it today"): who speaks in a chat log or a
    transcript, not a form label, whose value is a name, a number or a few words with no
    EN/DE/TR function word."""
    colon = _SPEAKER_COLON.match(text, end)
    if colon is None or text[text.rfind("\n", 0, start) + 1:start].strip(" \t[]<>()-*0123456789:./,"):
        return False
    line_end = text.find("\n", colon.end())
    words = _WORD.findall(text, colon.end(), line_end if line_end >= 0 else len(text))
    return len(words) >= 3 and not _FUNCTION_WORDS.isdisjoint(w for w in words if w.islower())


def line_verdict(line: str) -> tuple[bool, bool]:
    """What ``accept_person`` asks of a name's line: (a run of three spaces: a table or form
    row; eight words or more and no EN/DE/TR function word among them: a list or another
    language)."""
    words = _WORD.findall(line)
    listed = len(words) >= 2 * _PROSE_WORDS and _FUNCTION_WORDS.isdisjoint(map(str.lower, words))
    return "   " in line, listed


def line_verdicts(context: ScanContext) -> Lines:
    """The document's lines and their ``line_verdict``, once per document (every scanner
    that calls ``accept_person`` shares it)."""
    return context.shared("line verdicts", lambda: Lines(context.text, line_verdict))


# Characters no name holds (digits are asked of str.isdigit, as before)
_NOT_IN_NAME = frozenset("@/\\|_#\n\t")
_CONTRACTION = re.compile(r"(?i)(?:i|you|he|she|we|they|it|that|there)['’](?:d|ll|m|re|ve|s)$")


def accept_person(text: str, start: int, end: int, lower_words: frozenset[str] = frozenset(),
                  sure: float = 0.0, folded: str | None = None,
                  name_words: frozenset[str] = frozenset(),
                  lines: Lines | None = None) -> tuple[int, int] | None:
    """The span of a PERSON entity the rules agree with, or None. ``lower_words``: the
    document's lower-case words (a run of words it also writes in lower case is no name);
    ``sure``: the model's probability for the span (see SURE); ``folded``: the document's
    ``normalize_context`` (folded here when not given); ``name_words``: the words (folded)
    of the names of two or more words accepted elsewhere in the document - one of them
    written alone is the same person ("Ona Keller ... Keller agreed"); ``lines``: the
    document's ``line_verdicts`` (computed here, for the span's line only, when not given)."""
    verdict = person_verdict(text, start, end, lower_words, sure, folded, lines)
    if verdict is None:
        return None
    span, alone = verdict
    return span if alone is None or alone in name_words else None


def person_verdict(text: str, start: int, end: int, lower_words: frozenset[str] = frozenset(),
                   sure: float = 0.0, folded: str | None = None,
                   lines: Lines | None = None) -> tuple[tuple[int, int], str | None] | None:
    """``accept_person``'s checks without its ``name_words``: None when the span is refused
    whatever the document's other names are; ``(span, None)`` when it is accepted;
    ``(span, word)`` when it is one unknown word with no cue, accepted only where ``word``
    (folded) is a word of a name accepted elsewhere. Why: ``scan_person_ner`` looks at the
    proposals it refused again once those names are known; keeping this verdict spares the
    second run of every check (half of its ``accept_person`` calls on the real documents)."""
    if text[start:end].islower():
        # no capital in the span, so none opens what trimming leaves of it (it only moves
        # the ends inward): refused before trimming. 58% of the model's proposals on the
        # real documents are such lower-case runs; the checks after this one are spared them.
        return None
    start, end = _trim(text, start, end)
    end = _without_trailing_place(text, start, end)
    start = _without_opening_word(text, start, end)
    value = text[start:end]
    if not value or not value[:1].isupper() or any(map(str.isdigit, value)) or not _NOT_IN_NAME.isdisjoint(value):
        return None
    if "  " in value or _LABEL_OR_STREET.match(text, end) and not _speaker(text, start, end) \
            and not (_QUOTE_AFTER_COLON.match(text, end) and _LOWER_WORD_BEFORE.search(text, max(0, start - 30), start)):
        return None  # table columns; "Hesap Sahibi:" (a label); "Atatürk Sok." (a street)
    written = value.split()
    words = normalize_context(value).replace("-", " ").split()
    if not words or len(words) > 5 or len(set(words)) < len(words):
        return None  # "Header Header Header"
    if any(w[:1].islower() and normalize_context(w) not in _PARTICLES for w in written):
        return None  # "Je kunt je factuur": a sentence of another language, not a name
    if "," in value and not _LAST_FIRST.fullmatch(value) \
            or any(not any(c.isalpha() for c in w) for w in written):
        return None  # "Folkard, S" (a reference), "Cancer −"; "Kaya, Ayşe" is a name
    if "," in value:
        words = [w.strip(",") for w in words]
        if first_names().isdisjoint(words) \
                and not _cued(folded if folded is not None else normalize_context(text), start):
            return None  # "Wages, Tips", "Gaelic, Scottish": two terms, no given name
    if len(written) > 1 and _TAG.fullmatch(written[-1]):
        return None  # "Appendix B", "Table I", "Zone NA": a heading ends in a letter or number
    if value.isupper() and normalize_context(written[0]) not in first_names():
        return None  # "KOFFIE BLIK": the model is unreliable on capitals; the rules read those
    # a given name of the world list counts where the document never writes it in lower case
    # ("Comfort" is a name in "Comfort Mensah called", a word where "comfort" occurs)
    world = world_first_names()
    extra = frozenset(w for w in words if w in world and w not in lower_words
                      and w not in _GROUP_WORDS and w not in _PLACE_NAMES)
    known = _Known(first_names(), extra) if extra else first_names()
    # (this check refuses 40% of the capitalised proposals on the real documents: it stands
    # before the line's verdict, which costs more)
    content = [w for w in written if len(w) > 2 and not w.endswith(".")]
    if known.isdisjoint(words) and not lower_words.isdisjoint(w.lower() for w in content):
        # "Cancer Screening", "Financial Statements": with no first name, a word the document
        # also writes in lower case makes the run a heading or a term, not a name
        return None
    if lines is None or lines.text is not text:  # an index of another text answers nothing here
        line_start, line_end = line_bounds(text, start)
        spaced, listed = line_verdict(text[line_start:line_end])
    else:
        spaced, listed = lines.of(start)
    if spaced and not _cued(folded if folded is not None else normalize_context(text), start):
        return None  # a table or form row: the cue/gazetteer rules read those (a name after
        # its label, "Name:    Abby M. Laidlaw", is read here too)
    if listed:
        return None  # a long line with no EN/DE/TR function word: a list or another language
    if not BUSINESS_WORDS.isdisjoint(words) or not _NOT_NAME.isdisjoint(words) \
            or not _THINGS.isdisjoint(words) or all(w in STOP_WORDS or w in _ROLES for w in words):
        return None
    if len(words) > 1 and words[0] in _COMPASS:
        return None  # "South Azerbaijani": a region or a people
    if _CITED_AFTER.match(text, end) and (written[-1].endswith(".") or text[end:end + 1] == "."):
        return None  # "Fed. R. Bankr. P. 2008": a legal citation's abbreviations
    if any(w in STOP_WORDS for w in (words[0], words[-1])):
        return None
    if " ".join(words) in place_names():
        return None
    if _LEGAL_AFTER.match(text, end):
        return None
    following = _NEXT_WORD.match(text, end)
    if following and following.group(1)[:1].isupper() \
            and normalize_context(following.group(1)) in BUSINESS_WORDS:
        return None  # "Holzapfel Bürobedarf KG": a company named after a person
    if len(words) == 1 and _ARTICLE_BEFORE.search(text, max(0, start - 8), start):
        return None
    if known.isdisjoint(words) and _EN_ARTICLE_BEFORE.search(text, max(0, start - 8), start):
        return None  # "the Standing Desk", "our Full-Time staff": a thing, no person
    if len(words) == 1 and words[0] in _FUNCTION_WORDS:
        return None  # "Here is a list": a function word opening a sentence
    if value.isupper() and len(words) == 1:
        return None  # "ACME", "USA": a one-word acronym is no name
    if len(written) == 1 and _CONTRACTION.match(value):
        return None  # "I'd", "We'll": a pronoun's contraction
    cued = None
    fold = folded if folded is not None else normalize_context(text)
    if len(words) > 1 and known.isdisjoint(words) and (sure < SURE or len(written) > 2):
        cued = _titled(text, start) or _cued(fold, start) or _person_context(text, start, end)
        if not cued:
            return None  # "Machine Learning", "Imperial Japanese Revolt": no first name, no cue
    if len(words) == 1 and words[0] not in known:
        if cued is None:
            cued = _titled(text, start) or _cued(fold, start) or _person_context(text, start, end)
        if not cued:
            # one unknown word alone: a place, a product or a surname cited; too weak - unless
            # it is a word of a name the document writes whole elsewhere
            return (start, end), words[0]
    return (start, end), None


def scan_person_ner(context: ScanContext,
                    rule_names: tuple[tuple[int, int], ...] = ()) -> Iterator[tuple[int, int, float]]:
    """PERSON spans the model proposes and the rules accept. A one-word proposal refused for
    want of a cue is looked at again once the document's other names are known: a word of a
    name of two or more words accepted elsewhere in it (by the model's checks, or by the
    cue/gazetteer rules: ``rule_names``; a model name only when it holds a known given name,
    so that one wrong proposal does not vouch for another) vouches for it."""
    text = context.text
    found = [e for e in entities(context) if e[0] == "PERSON"]
    if not found:
        return
    lowered = shared_lower_words(context)
    later, name_words = [], set()
    for start, end in rule_names:
        name_words.update(_name_words(text, start, end))
    lines = line_verdicts(context)
    for _, start, end, sure in found:
        verdict = person_verdict(text, start, _past_initial(text, start, end), lowered, sure,
                                 context.folded, lines)
        if verdict is None:
            continue
        span, alone = verdict
        if alone is not None:
            later.append((span, alone))
            continue
        words = _name_words(text, *span)
        if not first_names().isdisjoint(words):  # a known given name: a person for sure
            name_words.update(words)
        yield span[0], span[1], BASE_SCORE
    for span, alone in later:
        if alone in name_words:
            yield span[0], span[1], BASE_SCORE


_ENDS_IN_INITIAL = re.compile(rf"(?<![\w.])(?:[{UPPER}]\.|(?!I$)[{UPPER}])$")  # "I": a pronoun
_SURNAME_AFTER = re.compile(rf"\.?[ \t]+[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?(?!\w|-\w)")


def _past_initial(text: str, start: int, end: int) -> int:
    """The end of a model span that stops at a middle initial ("Marta J" of "Marta J
    Kowalczyk"): a name does not end in an initial when a capitalised word follows it."""
    if end - start < 3 or not _ENDS_IN_INITIAL.search(text, start, end) or " " not in text[start:end].strip():
        return end
    surname = _SURNAME_AFTER.match(text, end)
    if surname is None or normalize_context(surname.group().strip(" \t.")) in _FUNCTION_WORDS | STOP_WORDS:
        return end  # "Abby M. Then we left": a sentence after the initial's dot
    return surname.end()


def _name_words(text: str, start: int, end: int) -> list[str]:
    """The folded words (three letters or more) of a name of two or more words."""
    words = normalize_context(text[start:end]).replace(",", " ").split()
    return [w for w in words if len(w) >= 3 and not w.endswith(".")] if len(words) >= 2 else []


_HOUSE_NUMBER = re.compile(r"(?<![\w-])\d{1,5}[a-zA-Z]?(?![\w-])")
_ADDRESS_SHAPE = re.compile(r"(?<![\w-])\d{1,5}[a-zA-Z]?(?![\w-])|(?i:str\.|straße|strasse|street|road|avenue|lane|drive|sokak|"
                            r"sokağı|caddesi|cad\.|sok\.|mahallesi|bulvarı|weg\b|platz\b|allee\b)")
_STREET = re.compile(r"(?i:str\.|straße|strasse|street|road|avenue|lane|drive|sokak|sokağı|"
                     r"caddesi|cad\.|sok\.|mahallesi|bulvarı|weg\b|platz\b|allee\b|jalan|"
                     r"\bst\b|\brd\b|\bave\b|blvd|boulevard)")
_LETTERS = re.compile(r"[^\W\d_]{3}")
_DATE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{2,4}")
_LABEL_COLON = re.compile(r"(?<!\bNo)(?<!\bNr)(?<!\bD)(?<!\bKat)(?<!\bDaire)[ \t]*:(?!\d)")
_NOT_ADDRESS = re.compile(r"@|§|https?:|www\.|\d:\d|\d{1,2}[./]\d{1,2}[./]\d{2,4}|[€$£%]|\d[.,]\d{2}\b")


_CITATION = re.compile(r"(?<![\w])(?:U\.?S\.?C\.?|C\.?F\.?R\.?|FR|Sec\.|Stat\.|Pub\.|Public Law|"
                       r"Art\.|Abs\.|§)(?![\w])")
_NOT_STREET_WORDS = frozenset("total payment amount tax invoice night nights price qty rs "
                              "survey minute minutes chicken x terminal platform concourse".split())
_AMOUNT_AFTER = re.compile(r"[ \t]*(?:[%‰€$£]|\d+[.,]\d{2}\b)")
_NUMBER_LABEL = re.compile(r"(?i)\b(?:no|nr|nummer|number|numarası|num)\.?[ \t]*[:#]")
_LOWER_FUNCTION = re.compile(r"[ \t]+(?:in|at|on|to|and|near|for|from|by|with|next|which|where|"
                             r"between|during|since|until|before|after|is|was|are|were)\b")
# Not an address: dot leaders of a table of contents, phone words, a citation of a paper or a
# standard ("Senkus et al", "RFC 822"), a number label ("Cat. No. 28171E").
_NOT_ADDRESS_TOO = re.compile(
    r"\.{4,}|…{2,}|_{4,}|(?i:\b(?:tel|telephone|phone|fax|facsimile|mobile|gsm|telefon|"
    r"et al)\b)|\b(?:RFC|ISO|DIN|IEC|IEEE|EN|ASTM|ANSI)[ \t]+\d|\bNo\.[ \t]*\d")
# A document word right before the number: "Chapter 13 Standing Trustee", "Row 1, Cell 2".
_DOCUMENT_BEFORE = re.compile(
    r"(?i)\b(?:chapter|section|sec|page|row|cell|column|col|table|item|step|part|article|art|"
    r"rule|forms?|exhibit|schedule|appendix|annex|no|nr|number|amendment|topic|title|lines?|"
    r"code|version|phase|grade|gate|figure|fig|paragraph|para|clause|volume|vol|issue|note|"
    r"footnote|question|slide|sheet|week|day|year|kapitel|abschnitt|seite|madde|bölüm|sayfa)"
    r"\.?[ \t]*$")
_RANGE_BEFORE = re.compile(r"\d[ \t]*[-–][ \t]*$")
_RANGE = re.compile(r"(?<![\w-])\d{1,4}[ \t]?[-–][ \t]?\d{1,4}(?![\w-])")
_NUMBERED_LINE = re.compile(r"[ \t]*\(?\d{1,4}[.)]?(?:[ \t]*[-–/][ \t]*\d{1,4}|[ \t]+\d{1,4})*[ \t]+"
                            r"(?:=[ \t]*)?[^\W\d_]")
_TWO_NUMBERS = re.compile(r"\d[\w-]*[ \t]+\d+(?:[-–]\d+)?(?!\w)")
_NUMBER_AND_RANGE = re.compile(r"\d{1,3}[ \t]+\d{1,3}[-–]\d{1,3}(?!\w)")
_NUMBER_BEFORE = re.compile(r"\d[ \t]+$")
# A quantity, not a street: "3 Square Meters", "40 square feet of storage".
_AREA = re.compile(r"(?i)\bsquare[ \t]+(?:met(?:er|re)s?|feet|foot|ft|miles?|kilomet(?:er|re)s?|km|yards?|inch(?:es)?)\b")
# Not an address: an initial and a number ("P. 3001"), a tab, a thousands separator, a
# domain name; a district or zone and its number.
_NOT_ADDRESS_SHAPE = re.compile(r"^[A-Z]\.[ \t]*\d|\t|\d,\d{3}\b|\w\.(?:org|com|net|gov|edu|au|uk|de|tr)\b|"
                                r"(?i:\b(?:district|ward|precinct|zone|senate|congress)[ \t]+\d)")
# Lower-case words an address does not hold (three make it a sentence: "plus 300 basis points").
_LOWER_WORDS = re.compile(r"(?<![\w'’-])(?!(?:de|del|della|di|da|du|des|la|le|les|van|von|der|den|am|an|im|auf|"
                          r"zum|zur|of|the|and|y|e|bis|ter|sur|sous|en|et|no|nr)\b)[a-zçğıöşüäß]{3,}(?![\w'’-])")
# Field words of forms and layouts that end a run which is no address.
_FIELD_WORDS = frozenset("indicator code codes amount amt number date type status count checkbox total "
                         "literal cycle period flag".split())
_LOWER_START = re.compile(r"[a-zçğıöşüäß]{3,}(?![\w.])")
# A street-type word that ends where a word ends ("Path" is no street word in "Pathirana").
_STREET_WORD_END = re.compile(rf"(?:{address._STREET_WORD.pattern})(?!\w)")
_STREET_WORD_END_TESTS = address.street_word_tests(r"(?!\w)")  # the same, as four faster searches
_LABEL_END = re.compile(r"(?i)\b(?:address|adresse|adres|anschrift)$")
_YEAR = re.compile(r"1[5-9]\d\d|20\d\d")
_CUE_BEFORE = re.compile(r"(?i)\b(?:at|to|on|in|from|an|nach|bei|auf|der|live[sd]?|moved|address)[ \t]+$")
_NUMBER_THEN_NAME = re.compile(r"\d{1,5}[A-Za-z]? [A-ZÇĞİÖŞÜÄ][a-zçğıöşüäßéè]+")
_POSTCODE_CITY = re.compile(r"\d{5} [^\W\d_]+")
_ALTERNATION = re.compile(r"(?<=\d)[^\W\d_]|(?<=[^\W\d_])\d")


def _mixed(word: str) -> int:
    """Letter/digit alternations beyond the first: 0 for "12A" or "M8", 1 for "SW1A", 2 for "W5R8"."""
    return max(0, len(_ALTERNATION.findall(word)) - 1)


def _in_prose(text: str, start: int, end: int) -> bool:
    """The span sits in a sentence: the text around it (its line, or the line before when it
    stands on its own) holds an EN/DE/TR function word."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text.rfind("\n", 0, max(0, line_start - 1)) + 1
    line_end = text.find("\n", end)
    around = text[before if line_start - before < 200 else line_start:
                  line_end if line_end >= 0 else len(text)]
    return not _FUNCTION_WORDS.isdisjoint(w for w in _WORD.findall(around) if w.islower())


def _numbered_list(text: str, start: int) -> bool:
    """The span opens a line of a numbered list or table: its line starts with a number and
    a word, and so does the line before it."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip() or not _NUMBERED_LINE.match(text, line_start):
        return False
    before = text.rfind("\n", 0, max(0, line_start - 1)) + 1
    # the line before (a postcode and city line may follow a street: "12345 Berlin")
    return line_start > 0 and bool(_NUMBERED_LINE.match(text, before))


_LETTER_RUN = re.compile(r"[^\W\d_]+")


def _street_word(value: str) -> bool:
    """A street-type word ends where a word ends in ``value``; an address written in capitals
    (US mailing labels: "1200 OAK CRESCENT") is read with its words capitalised."""
    if address.any_search(_STREET_WORD_END_TESTS, value):
        return True
    if value.upper() != value:
        return False
    return address.any_search(_STREET_WORD_END_TESTS,
                              _LETTER_RUN.sub(lambda m: m.group()[0] + m.group()[1:].lower(), value))


def _line_opening(text: str, start: int) -> bool:
    """Only spaces stand between the line's start and ``start``."""
    return not text[text.rfind("\n", 0, start) + 1:start].strip()


def accept_address(text: str, start: int, end: int, sure: float = 0.0,
                   dates: MatchStarts | None = None) -> tuple[int, int] | None:
    """The span of an ADDRESS entity with an address's shape, or None: a number or a street
    word, a capitalised word unless it is a bare house number, no e-mail, URL, date or amount.
    ``dates``: the document's _DATE matches (``MatchStarts(_DATE, text)``), when the caller
    judges many spans of one document (the same answers, searched by bisection)."""
    cut = _LOWER_FUNCTION.search(text, start, end)
    if cut:
        end = cut.start()  # "Via Garibaldi, 42 in Torino": the address ends before "in"
    while end > start and text[end - 1] in " \t\n,.;:-":
        end -= 1
    while start < end and not text[start].isalnum():
        start += 1  # an opening bracket, quote or symbol is not part of the address
    value = text[start:end]
    if start > 0 and text[start - 1].isalnum():
        return None  # a piece of a longer token
    street = _street_word(value)
    if not 2 <= len(value) <= 160 or _NOT_ADDRESS.search(value) or _DOCUMENT_NUMBER.search(value) \
            or not (_HOUSE_NUMBER.search(value) or _STREET.search(value) or street
                    or address.CITY_POSTCODE.fullmatch(value)):
        return None
    if _NOT_ADDRESS_TOO.search(value) and not (street and "No." in value):
        return None  # "Treatment ....... 27", "Telephone 02 8063", "Cat. No. 28171E"
    if _DOCUMENT_BEFORE.search(text, max(0, start - 14), start) or _RANGE_BEFORE.search(text, max(0, start - 4), start):
        return None  # "Chapter 13 Standing Trustee", "5 07-16 Transaction Date"
    if _AREA.search(text, start, min(len(text), end + 16)):
        return None  # "3 Square Meters": an area
    if _NOT_ADDRESS_SHAPE.search(value) or len(_LOWER_WORDS.findall(value)) >= 3 \
            or normalize_context(value.split()[-1]) in _FIELD_WORDS:
        return None  # "P. 3001 Proof", "80,000", "LIBOR plus 300 basis points", "Bypass Indicator"
    if _LOWER_START.match(value):
        return None  # "view MFT 46": an address opens with a number or a capital
    if "=" in value or _LABEL_END.search(value) or _NUMBER_AND_RANGE.match(value):
        return None  # "1 = Place of Business", "Location Street Address": a code table's row
    if not street and (_RANGE.search(value) or "#" in value
                       or (_TWO_NUMBERS.match(value) and _line_opening(text, start))
                       or _NUMBER_BEFORE.search(text, max(0, start - 8), start)
                       or _numbered_list(text, start)):
        return None  # "1 01-05 Command Code", "31 FTD Entity" in a numbered list
    around = (text.rfind("\n", 0, start) + 1, max(end, text.find("\n", end)))
    if (_DATE.search(text, *around) if dates is None else dates.search(*around)) \
            and not _in_prose(text, start, end):
        return None  # a table row with dates
    if value.isdigit():
        return (start, end) if 3 <= len(value) <= 5 and not _YEAR.fullmatch(value) and _CUE_BEFORE.search(
            text, max(0, start - 12), start) else None  # "lives at 4521"
    if (not _HOUSE_NUMBER.search(value) or len(value.split()) <= 2 and not _STREET.search(value)
            and not street) and not _CUE_BEFORE.search(text, max(0, start - 12), start) \
            and not address.vouched_by_tail(text, end):
        return None  # "The 3 Musketeers bar", "ACME, Main Street": no number, or a number and
        # a word, with no "at"/"to"/"on" before
    if not any(w[:1].isupper() for w in value.split()) or not _LETTERS.search(value):
        return None
    if _POSTCODE_CITY.fullmatch(value) or sum(_mixed(w) for w in value.split()) >= 2 or (
            not street and sum(bool(_ALTERNATION.search(w)) for w in value.split()) >= 2
            and not address.CITY_POSTCODE.fullmatch(value)):
        return None  # "12345 Artikel": a postcode and a word; "0212 79VR B8SW W5R8": a code
    if _CITATION.search(value) or address.MONTH.search(value):
        return None  # "42 USC 3796c", "Sec. 903", "Aug 3, 2014": a citation or a date
    words = [normalize_context(w.strip(",.")) for w in value.split()]
    if not street and (not BUSINESS_WORDS.isdisjoint(words) or not first_names().isdisjoint(words)
                       or not _NOT_STREET_WORDS.isdisjoint(words)):
        return None  # "1 Allen Institute", "2, Melissa Dell", "Grand Total Rs 1939", "Terminal 2"
    if _AMOUNT_AFTER.match(text, end):
        return None  # "Sales Tax 6%", "Dish soap 2   4.50": a rate or a table row's quantity
    if _NUMBER_LABEL.search(value) and not address.has_street_word(value):
        return None  # "Referans No: 961", "Abone No: 2": a number label, no street
    if _LABEL_COLON.search(value):
        return None  # "GST ID. NO : 1817…": a form label, not a street
    if value.upper() == value and "," not in value and not _STREET.search(value) and not street \
            and not address.CITY_POSTCODE.fullmatch(value):
        return None  # "CHANGE 2M": capitals with a number read as a street on OCR'd receipts
    return start, end


_LABEL_AFTER = re.compile(r"[ \t]*:")
_JOIN_GAP = re.compile(r"[ \t]*,?[ \t]*\n?[ \t]*")


def _joined(found: list[tuple[str, int, int, float]], text: str) -> list[tuple[int, int, float]]:
    """Address pieces the model tagged apart with only a comma or a line break between them
    ("12 Oak St" + "Apt 5" + "Leeds LS6 2AB") as one span: its least sure piece's probability."""
    out: list[list] = []
    for _, start, end, sure in sorted(found, key=lambda e: e[1]):
        if out:
            gap = _JOIN_GAP.match(text, out[-1][1], start)
            if out[-1][1] <= start and gap is not None and gap.end() == start and start - out[-1][1] <= 4 \
                    and sure >= 0.5 and not _LABEL_AFTER.match(text, end):
                out[-1][1], out[-1][2] = end, min(out[-1][2], sure)
                continue
        out.append([start, end, sure])
    return [(a, b, p) for a, b, p in out]


def scan_address_ner(context: ScanContext) -> Iterator[tuple[int, int, float]]:
    """ADDRESS spans the model proposes with an address's shape, taking in the city/postcode
    lines after them."""
    text = context.text
    dates = MatchStarts(_DATE, text)  # found on first use: one pass, not one per proposal
    for start, end, sure in _joined([e for e in entities(context) if e[0] == "ADDRESS"], text):
        back = address.extend_back(text, start)  # "Flat 3, " or the house number left out
        span = accept_address(text, back, end, sure, dates) if back < start else None
        if span is None:
            span = accept_address(text, start, end, sure, dates)
        if span is not None:
            yield span[0], address.extend(text, span[1]), ADDRESS_SCORE


def warm_up() -> None:
    """Load the model and run it once (generated sentence), at worker start-up."""
    if available():
        entities(ScanContext.of("The parcel was signed for by Jane Doe at 12 Example Road.",
                                model=model()))


_NAME_PART = rf"(?:[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?|[{UPPER}]\.|(?!I\b)[{UPPER}])"
# One more word of a name right after a found one: particles may stand before it
# ("Willemine ten Pas"), an initial is one capital with or without its dot ("Janka M. Szász").
_NAME_AFTER = re.compile(rf"[ \t]+((?:(?:{'|'.join(sorted(_PARTICLES))})[ \t]+){{0,2}})({_NAME_PART})(?!\w|-\w)")
_NAME_BEFORE = re.compile(rf"(?<![\w'’.-])({_NAME_PART})((?:[ \t]+(?:{'|'.join(sorted(_PARTICLES))})){{0,2}})[ \t]+\Z")
MAX_WHOLE_WORDS = 5


def _name_like(word: str, lowered: frozenset[str]) -> bool:
    """A capitalised word that may be part of a person's name: not a word the document also
    writes in lower case, nor a document, company, role, thing, place, street, group or
    function word."""
    folded = normalize_context(word.rstrip("."))
    if len(folded) == 1:
        return True  # an initial
    return not (word.lower() in lowered or folded in STOP_WORDS or folded in BUSINESS_WORDS
                or folded in _NOT_NAME or folded in _THINGS or folded in _ROLES
                or folded in _FUNCTION_WORDS or folded in _PLACE_NAMES or folded in _GROUP_WORDS
                or folded in TITLES or folded in HONORIFICS or folded in _COMPASS
                or folded in place_names()
                or _STREET_WORD_END.search(word) is not None)


_WORDS_AHEAD = re.compile(r"[^\s,.;:]+(?:[ \t]+[^\s,.;:]+){1,2}")


def _place_from(text: str, at: int) -> bool:
    """A place of two or three words starts at ``at`` ("Santa Maria", "New York City")."""
    ahead = _WORDS_AHEAD.match(text, at)
    if ahead is None:
        return False
    words = normalize_context(ahead.group()).split()
    return any(" ".join(words[:k]) in place_names() for k in (2, 3))


def _given(word: str) -> bool:
    """A known given name (the shipped lists or the world list) or an initial."""
    folded = normalize_context(word.rstrip("."))
    return len(folded) == 1 or folded in first_names() or folded in world_first_names()


def whole_name(text: str, start: int, end: int, lowered: frozenset[str]) -> tuple[int, int]:
    """``(start, end)`` widened to the whole name it is part of ("Ørjan" of "Ørjan Ødegård",
    "Szász" of "Janka M. Szász", "Amalia" of "Amalia van der Dussen"), so that masking leaves
    no part of it. When the span holds a known given name, the name-like capitalised words
    after it that follow a given name, an initial or a particle (the surname; not a place of
    two or three words); before it, a known given name, or any name-like word before a
    surname found alone mid-sentence; an initial only with the word on its other side."""
    words = text[start:end].split()
    count = len(words)
    last = words[-1] if words else ""
    named = any(_given(w) and len(w.rstrip(".")) > 1 for w in words)
    while named and count < MAX_WHOLE_WORDS:  # a surname after a given name
        after = _NAME_AFTER.match(text, end)
        if after is None or not _name_like(after.group(2), lowered) \
                or not (after.group(1) or _given(last)) or _place_from(text, after.start(2)) \
                or len(after.group(2).rstrip(".")) == 1 and not _NAME_AFTER.match(text, after.end()):
            break
        end, count, last = after.end(2), count + 1, after.group(2)
    first = words[0] if words else ""
    while count < MAX_WHOLE_WORDS:
        before = _NAME_BEFORE.search(text, max(0, start - 60), start)
        taken = 1
        if before is not None and len(before.group(1).rstrip(".")) == 1:  # an initial: the
            before = _NAME_BEFORE.search(text, max(0, before.start() - 60), before.start())
            taken = 2  # given name before it comes with it, or neither
            if before is not None and len(before.group(1).rstrip(".")) == 1:
                break
        if before is None or not _name_like(before.group(1), lowered):
            break
        if not _given(before.group(1)) and (_given(first) or _sentence_start(text, before.start())):
            break  # before a given name, or opening a sentence, a word that is no given name
        start, count, first = before.start(), count + taken, before.group(1)
    return start, end


# A capitalised word (no dot, digit or hyphen joined to it) and what may stand around a given
# name written alone: not another capitalised word before or after it (then it is part of a
# run the rules and the model read), no place preposition before it ("in Kent", "at Phoenix"),
# no "University of" before it, no number after it ("Mar 3", "May 2020").
# (the look-behind written after the capital: a pattern that opens with a character set is
# scanned fast, one that opens with a look-behind is tried at every position - see
# person_cues._CAP_AT; measured 216 -> 130 ms over the research and real texts)
_TITLE_WORD = re.compile(rf"[{UPPER}](?<![\w'’.@/-].)[{LOWER}]+(?![\w'’-]|\.\w)")
_CAPITAL_AFTER = re.compile(rf"[ \t]+[{UPPER}]|[ \t]*[\d(]|\)")
_CAPITAL_BEFORE = re.compile(rf"(?:[{UPPER}][\w.'’-]*[ \t]+(?:of[ \t]+)?|\()$")
_PLACE_BEFORE = re.compile(r"(?i)\b(?:in|at|near|into|across|throughout|outside|inside|within|"
                           r"around|aus|nach|bei)[ \t]+$")


# Verbs done "at" a person, not at a place ("Enrico shouted at Gary", "she smiled at Ona").
_AT_PERSON = re.compile(r"(?i)\b(?:shout(?:ed)?|yell(?:ed)?|scream(?:ed)?|look(?:ed)?|stare[sd]?|"
                        r"glance[sd]?|smile[sd]?|laugh(?:ed)?|grin(?:ned)?|wave[sd]?|wink(?:ed)?|"
                        r"nod(?:ded)?|frown(?:ed)?|point(?:ed)?|snap(?:ped)?|bark(?:ed)?)[ \t]+at[ \t]+$")


# Languages, nationalities and religions some given-name lists hold ("German", "Latin",
# "Muslim"): alone or before another word, the group is meant.
_GROUP_WORDS = frozenset(
    "german latin greek roman english french spanish italian dutch polish turkish arabic "
    "hebrew persian russian chinese japanese korean hindi urdu bengali swahili african "
    "american asian european indian irish scottish welsh british canadian mexican brazilian "
    "muslim islamic jewish hindu buddhist sikh catholic protestant orthodox baptist "
    "lutheran anglican methodist quaker mormon arab kurdish armenian georgian".split())
# Given names that are also continents, countries, states or cities: alone, the place is meant.
_PLACE_NAMES = frozenset(
    "asia africa america europe india china israel jordan georgia virginia carolina florida "
    "dakota montana nevada arizona indiana louisiana kent devon phoenix austin paris sydney "
    "chelsea brooklyn savannah dallas houston denver orlando madison lincoln washington "
    "jackson cleveland augusta adelaide regina alexandria lima vienna siena verona roma milan "
    "berlin london dublin boston york chester camden aurora eden ireland scotland wales "
    "england france germany italy spain kenya chad niger cuba peru".split())


TitleWord = tuple[int, int, str, str]  # start, end, the word, its fold


def prose_title_words(context: ScanContext) -> tuple[list[TitleWord], list[TitleWord]]:
    """The capitalised words (``_TITLE_WORD``) of the document's EN/DE/TR prose, split into
    the known given names (the shipped lists or the world list) and the others, once per
    document. Why: ``scan_given_names`` reads the first and ``scan_cued_surnames`` the
    second; one scan and one fold of each word serve both."""
    return context.shared("prose title words", lambda: _title_words(context.text, prose_of(context)))


def _title_words(text: str, prose: list[tuple[int, int]]) -> tuple[list[TitleWord], list[TitleWord]]:
    base, world = first_names(), world_first_names()
    given: list[TitleWord] = []
    others: list[TitleWord] = []
    for a, b in prose:
        for match in _TITLE_WORD.finditer(text, a, b):
            word = match.group()
            folded = word.lower() if word[0] not in "İI" else normalize_context(word)
            (given if folded in base or folded in world else others).append((*match.span(), word, folded))
    return given, others


def scan_given_names(context: ScanContext) -> Iterator[tuple[int, int, float]]:
    """A known given name (the shipped lists or the world list) written alone in EN/DE/TR
    prose ("the keys are with Kwabena now"): kept when the document never writes the word in
    lower case, no capitalised word or number follows it, no place preposition is before it,
    it stands mid-sentence after no capitalised word - or a cue says a person is meant
    ("Thanks Martha", "Martha said") - and the model's checks agree (``accept_person``, which
    also refuses articles, company and role words, labels and table rows)."""
    text = context.text
    if not _TITLE_WORD.search(text):
        return
    lowered = None
    for start, end, word, folded in prose_title_words(context)[0]:
        if folded in _PLACE_NAMES or folded in _GROUP_WORDS:
            continue
        if _CAPITAL_AFTER.match(text, end) or _PLACE_BEFORE.search(text, max(0, start - 12), start) \
                and not _AT_PERSON.search(text, max(0, start - 24), start):
            continue
        if (_sentence_start(text, start) or _CAPITAL_BEFORE.search(text, max(0, start - 30), start)) \
                and not _person_context(text, start, end) and not _speaker(text, start, end):
            continue
        if lowered is None:
            lowered = shared_lower_words(context)
        if word.lower() in lowered:
            continue
        span = accept_person(text, start, end, lowered, 0.0, context.folded,
                             lines=line_verdicts(context))
        if span is not None:
            yield span[0], span[1], BASE_SCORE


# Words that say the next word is what a person is called ("call me X", "named her X", "last
# name? X"): strong enough for a capitalised word no list knows.
_NAMING_BEFORE = re.compile(
    r"(?i)\b(?:(?:call|calls|called|named|names) (?:me|him|her)|(?:my|his|her|your) name is|"
    r"(?:last|first|family|given|middle|maiden|nick|sur) ?name(?: is|'s|’s)?\??)[ \t]*[:,]?[ \t]*$")


_WORD_BEFORE = re.compile(r"([^\W\d_]+)\.?[ \t]+$")


def _after_rank(text: str, start: int) -> bool:
    """A rank or form of address stands right before the word ("the Princess Royal", "Lord
    Chancellor"): an office or a title's epithet, not a surname."""
    before = _WORD_BEFORE.search(text, max(0, start - 20), start)
    return before is not None and normalize_context(before.group(1)) in HONORIFICS


# Verbs of saying after a name ("Brown said", "Brown, asked …"); a surname alone takes these,
# not the weaker verbs of ``_PERSON_AFTER`` ("Christmas came", "Canada is a …").
_SAID_AFTER = re.compile(
    r"[ \t]*,?[ \t]*(?:said|says|wrote|writes|asked|asks|replied|replies|added|adds|explained|"
    r"answered|told|noted|shouted|whispered|sagte|schrieb|fragte|antwortete|dedi|yazdı|sordu|"
    r"söyledi)\b")


def _surname_cued(text: str, start: int, end: int) -> bool:
    """A title before a surname alone, a greeting, introduction or verb of saying before it,
    a verb of saying after it, or a chat speaker's colon."""
    line_start = text.rfind("\n", 0, start) + 1
    return _titled(text, start) or bool(_PERSON_BEFORE.search(text, max(line_start, start - 40), start)) \
        or bool(_SAID_AFTER.match(text, end)) or _speaker(text, start, end)


def _named(text: str, start: int) -> bool:
    """``_NAMING_BEFORE`` ends right before ``start`` (looked for only where "nam" or "call"
    stands just before: most capitalised words have neither)."""
    window = text[max(0, start - 30):start].lower()
    return ("nam" in window or "call" in window) and _NAMING_BEFORE.search(window) is not None


def scan_cued_surnames(context: ScanContext) -> Iterator[tuple[int, int, float]]:
    """A capitalised word written alone in EN/DE/TR prose where a cue says a person is meant:
    a frequent surname (``names.surnames``) after a title or greeting, before a verb of saying
    or after an inverted one ("…, says Brown"), as a chat speaker (``_surname_cued``); any name-like word after
    words that say what a person is called ("call me X", "last name? X"). A surname alone is
    a word as often as a name (Brown, Young, Park), so the list never counts by itself; the
    model's checks must agree too (``accept_person``). Given names are
    ``scan_given_names``' part."""
    text = context.text
    if not _TITLE_WORD.search(text):
        return
    known = surnames()
    lowered = None
    for start, end, word, folded in prose_title_words(context)[1]:
        if _CAPITAL_AFTER.match(text, end):
            continue  # a run of capitalised words: the model's part
        if folded in known:
            if not (_surname_cued(text, start, end) or _named(text, start)):
                continue
        elif not _named(text, start):
            continue
        if lowered is None:
            lowered = shared_lower_words(context)
        if _after_rank(text, start) or not _name_like(word, lowered):  # "the Princess Royal"
            continue
        span = accept_person(text, start, end, lowered, 0.0, context.folded, frozenset((folded,)),
                             lines=line_verdicts(context))
        if span is not None:
            yield span[0], span[1], BASE_SCORE


# A text written in lower case throughout (a chat, a transcript, a lower-cased export): at most
# this share of its letters are capitals. There a name's capital says nothing, so names are
# found by the given-name lists and a cue only.
LOWER_CASE_TEXT = 0.005
_LOWER_NAME = re.compile(rf"(?<![\w'’.@/-])[{LOWER}][{LOWER}]+(?![\w'’-]|\.\w)")
_LOWER_SURNAME = re.compile(rf"[ \t]+([{LOWER}][{LOWER}]+(?:-[{LOWER}][{LOWER}]+)?)(?=[ \t]*(?:[.,;:!?\n]|$))")


_CAPITAL = re.compile(rf"[{UPPER}]")
_LETTER = re.compile(r"[^\W\d_]")


def lower_case_text(text: str) -> bool:
    """The text writes (almost) no capital letters: see LOWER_CASE_TEXT. Stops at the first
    capitals past the share of all characters, so an ordinary text costs little."""
    limit = int(LOWER_CASE_TEXT * len(text))
    if sum(1 for _ in itertools.islice(_CAPITAL.finditer(text), limit + 1)) > limit:
        return False
    letters = sum(1 for _ in _LETTER.finditer(text))
    return letters >= 20 and sum(1 for _ in _CAPITAL.finditer(text)) <= LOWER_CASE_TEXT * letters


def lower_case_of(context: ScanContext) -> bool:
    """``lower_case_text`` of the context's text, once per document (``scan_lower_names`` and
    ``person_cues.scan_lower_case`` both ask)."""
    return context.shared("lower case text", lambda: lower_case_text(context.text))


def scan_lower_names(context: ScanContext) -> Iterator[tuple[int, int, float]]:
    """Given names in a text written in lower case throughout ("hi nina, …", "my name is
    lena andersson."): a known given name (the shipped lists; the world list holds too many
    words) where a cue says a person is meant - a title, greeting, introduction, verb of
    saying or kinship word (``_person_context``), or a chat speaker's colon - with the word
    after it when that ends the phrase (before punctuation or the line's end) or a verb of
    ``_PERSON_AFTER`` follows it, and it is no function, stop, business or place word: the
    surname."""
    text = context.text
    if not lower_case_of(context):
        return
    known = first_names()
    for match in _LOWER_NAME.finditer(text):
        word = match.group()
        if word not in known or word in _PLACE_NAMES or word in _GROUP_WORDS:
            continue
        start, end = match.span()
        after = _NEXT_WORD.match(text, end)
        surname = after.group(1).rstrip(".&-") if after is not None else ""
        surname_end = after.start(1) + len(surname) if len(surname) > 1 and _plain_name_word(surname) else None
        if not (_titled(text, start) or _person_context(text, start, end) or _speaker(text, start, end)
                or _NAMING_BEFORE.search(text, max(0, start - 30), start)
                or surname_end is not None and _PERSON_AFTER.match(text, surname_end)):
            continue
        if surname_end is not None and (_LOWER_SURNAME.match(text, end) or _PERSON_AFTER.match(text, surname_end)):
            end = surname_end  # "lena andersson." / "eva kleist lives …": the surname too
        yield start, end, BASE_SCORE
    yield from _lower_name_lists(text, known)


_LOWER_LIST_WORD = rf"[{LOWER}]{{2,}}(?:-[{LOWER}]{{2,}})?(?![\w'’-])"
_LOWER_LIST = re.compile(rf"(?<![\w'’.-]){_LOWER_LIST_WORD}(?:(?:,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+){_LOWER_LIST_WORD})+")
_LOWER_MEMBER = re.compile(_LOWER_LIST_WORD)


def _lower_name_lists(text: str, known: frozenset[str]) -> Iterator[tuple[int, int, float]]:
    """A list of people in a lower-case text ("they invited ona, emil, martha and tavrin"):
    in a run of MIN_LIST or more words joined by commas and "and" with MIN_GIVEN_IN_LIST or
    more known given names that are no frequent surnames, those given names; the other words
    too when one word at most is not a known given name."""
    for run in _LOWER_LIST.finditer(text):
        members = [m.span() for m in _LOWER_MEMBER.finditer(text, run.start(), run.end())
                   if text[m.start():m.end()] != "and"]
        words = [text[a:b] for a, b in members]
        given = [w in known and w not in surnames() and w not in _PLACE_NAMES for w in words]
        if len(members) < MIN_LIST or sum(given) < MIN_GIVEN_IN_LIST:
            continue
        others = len(words) - sum(given)
        for (start, end), word, is_given in zip(members, words, given):
            if is_given or others <= 1 and sum(given) >= MIN_LIST - 1 and _plain_name_word(word):
                yield start, end, BASE_SCORE


def _plain_name_word(word: str) -> bool:
    """A lower-case word that may be a surname: none of the function, stop, business,
    document, role or place words."""
    return not (word in _FUNCTION_WORDS or word in STOP_WORDS or word in BUSINESS_WORDS
                or word in _NOT_NAME or word in _ROLES or word in _THINGS or word in TITLES
                or word in _PLACE_NAMES or word in _GROUP_WORDS)


# A person's name's own shape: a capitalised word, a middle initial, a capitalised word
# ("Ravi K. Menon", "Ona J Keller"); "I" is a pronoun and a bare "A" an article.
_INITIAL_NAME = re.compile(
    rf"([{UPPER}](?<![\w'’.@/-].)[{LOWER}]+)[ \t]+(?:([{UPPER}])\.|(?![AI][ \t])([{UPPER}]))[ \t]+"
    rf"([{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?)(?![\w'’-]|\.\w)")


def scan_initial_names(context: ScanContext) -> Iterator[tuple[int, int, float]]:
    """Names written with a middle initial ("Ravi K. Menon"), a shape few other things have,
    when both words may be a name's (``_name_like``: not written in lower case in the
    document, no company, role, document, place or function word), no legal form or company
    word follows, and - when the initial has no dot - the first word is a known given name."""
    text = context.text
    lowered = None
    for match in _INITIAL_NAME.finditer(text):
        if lowered is None:
            lowered = shared_lower_words(context)
        first, last = match.group(1), match.group(4)
        if not (_name_like(first, lowered) and _name_like(last, lowered)) \
                or _after_rank(text, match.start()) or _LEGAL_AFTER.match(text, match.end()):
            continue
        if match.group(3) and not _given(first):
            continue  # "Category P Completed": with no dot, a known given name must open it
        following = _NEXT_WORD.match(text, match.end())
        if following and normalize_context(following.group(1)) in BUSINESS_WORDS:
            continue
        yield match.start(), match.end(), BASE_SCORE


_SPEAKER_LINE = re.compile(rf"^[ \t\[\]<>()*0-9:./,-]*?([{UPPER}][{LOWER}]+)(?=[ \t]*:)", re.M)
MIN_SPEAKERS = 2


def scan_speakers(context: ScanContext) -> Iterator[tuple[int, int, float]]:
    """Speakers of a dialogue written as "Name: what they said" lines (a chat log, a
    transcript, an interview): when at least MIN_SPEAKERS lines open so (``_speaker``: the
    colon opens a sentence with a function word) and one speaker is a known given name, every
    speaker word that may be a name's (``_name_like``) and that the model's checks accept.
    One known given name makes the lines a dialogue; "Note: ...", "Answer: ..." alone make
    none."""
    text = context.text
    if ":" not in text:
        return
    spoken = [m.span(1) for m in _SPEAKER_LINE.finditer(text) if _speaker(text, *m.span(1))]
    if len(spoken) < MIN_SPEAKERS:
        return
    words = [normalize_context(text[a:b]) for a, b in spoken]
    if not any(w in first_names() and w not in surnames() for w in words):
        return
    lowered = shared_lower_words(context)
    for (start, end), folded in zip(spoken, words):
        if not _name_like(text[start:end], lowered):
            continue
        span = accept_person(text, start, end, lowered, 0.0, context.folded, frozenset((folded,)),
                             lines=line_verdicts(context))
        if span is not None:
            yield span[0], span[1], BASE_SCORE


_LIST_WORD = rf"[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?(?![\w'’-]|\.\w|[ \t]+[{UPPER}])"
_NAME_LIST = re.compile(rf"[{UPPER}](?<![\w'’.-].){_LIST_WORD[len(UPPER) + 2:]}(?:(?:,[ \t]*(?:and[ \t]+|&[ \t]*)?|[ \t]+(?:and|&)[ \t]+){_LIST_WORD})+")
_LIST_MEMBER = re.compile(_LIST_WORD)
MIN_LIST = 3
MIN_GIVEN_IN_LIST = 2


def scan_name_lists(context: ScanContext) -> Iterator[tuple[int, int, float]]:
    """The other words of a list of people in prose ("They invited Ona, Tavrin, Martha and
    Emil"): a run of MIN_LIST or more single capitalised words joined by commas and "and", of
    which MIN_GIVEN_IN_LIST or more are known given names that are no frequent surnames (a
    firm's "White, Willis and Hoffman" is no such list), each other word when it may be a
    name's (``_name_like``) and the model's checks accept it."""
    text = context.text
    if "," not in text and " and " not in text:
        return
    base = first_names()
    lowered = None
    for a, b in prose_of(context):
        for run in _NAME_LIST.finditer(text, a, b):
            members = [m.span() for m in _LIST_MEMBER.finditer(text, run.start(), run.end())]
            words = [normalize_context(text[x:y]) for x, y in members]
            if len(members) < MIN_LIST or \
                    sum(w in base and w not in surnames() for w in words) < MIN_GIVEN_IN_LIST:
                continue
            if lowered is None:
                lowered = shared_lower_words(context)
            for (start, end), folded in zip(members, words):
                if folded in base or not _name_like(text[start:end], lowered):
                    continue  # a given name is ``scan_given_names``' part
                span = accept_person(text, start, end, lowered, 0.0, context.folded, frozenset((folded,)),
                                     lines=line_verdicts(context))
                if span is not None:
                    yield span[0], span[1], BASE_SCORE


def scan_address(context: ScanContext) -> Iterator[tuple[int, int, float]]:
    """The ADDRESS scanner: the street-shape rules and the model's accepted proposals, spans
    that overlap or touch across a comma or line break merged into one (the rules' street
    and the model's city line are one address: masking one and not the other leaves a part)."""
    text = address.unquoted(context.text)  # same offsets: quote markers made spaces
    folded = context.folded if text is context.text else normalize_context(text)
    found = [(address.extend_back(text, start), end, score)
             for start, end, score in address.scan_address(text, folded)]
    model = [(address.extend_back(text, start), address.extend(text, end), score)
             for start, end, score in scan_address_ner(context)]
    yield from merged(text, [*found, *model])


_TOUCH = re.compile(r"[ \t]*,?[ \t]*\n?[ \t]*")


def merged(text: str, spans: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """``spans`` with the overlapping ones, and the ones only a comma, spaces or one line
    break apart, made one (the highest score of the parts)."""
    out: list[list] = []
    for start, end, score in sorted(spans):
        if out:
            last = out[-1]
            gap = _TOUCH.match(text, last[1], start) if last[1] <= start else None
            if start < last[1] or (gap is not None and gap.end() == start and "\n\n" not in text[last[1]:start]):
                last[1], last[2] = max(last[1], end), max(last[2], score)
                continue
        out.append([start, end, score])
    return [(a, b, c) for a, b, c in out]
