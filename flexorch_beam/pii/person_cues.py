"""Person names in English prose from grammatical cues: constructions that hold a person.

Why: the model and the name lists (``ner.py``, ``names.py``) miss a name no list knows when
it stands alone or with no greeting or title beside it ("Our founders: Aldren, Voss and
Keel", "Have you been to a Tavrin Oske concert?"). Some English constructions hold a person
almost whatever the word is: a list introduced or described by a plural noun for people; a
work named after its creator ("the Oske novel", "(not by Tavrin Oske)"); the subject or
object of a verb only people do ("Aldren shouted at Keel", "Aldren began writing", "Voss
listed his top songs"); a job title or kinship before a name ("producer Tavrin Oske", "my
grandmother was called ..."); a vocative ("Aldren, could you ..."); a dialogue's speaker
before a quotation; the answer to "What's your name?"; and, in a text written in lower case,
what follows "my name is" or "call me". Each rule takes only words that may be a name's
(``_plain``: ``ner._name_like`` - not written in lower case in the document, no company,
role, place, street, group or function word - and no common English ending such as -ing,
-tion or -ian unless a name list knows the word); the construction itself is the cue, so
``ner.accept_person``'s demand for a known given name or a greeting is not made (see
``_accepted``). Checked against the real development documents: the new findings there are
characters of the novels and one executive in a 10-K. No text is logged.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator

from flexorch_beam.pii import ner
from flexorch_beam.pii.context import ScanContext
from flexorch_beam.pii.names import (BUSINESS_WORDS, HONORIFICS, LOWER, STOP_WORDS, TITLES, UPPER, first_names, surnames,
                                     world_first_names)
from flexorch_beam.pii.places import place_names
from flexorch_beam.pii.recognizer import normalize_context
from flexorch_beam.pii.skipping import matches_at
from flexorch_beam.pii.trie import trie_pattern

SCORE = 0.6

# A capitalised word of a name (a hyphenated one too) and an initial between two such words.
_CAP = rf"[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?"
_INITIAL = rf"[{UPPER}]\.?"
# ``_CAP`` with no letter, digit or name punctuation before it, the look back written after
# its first letter: a pattern that opens with a character set is scanned fast, one with a
# look-behind is tried at every position (whether it opens a clause is ``_opens``' part).
_CAP_AT = rf"[{UPPER}](?<![\w'’.@/-].)[{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?"
# What stands before a subject: a sentence's end, a blank line, an indented line's start or
# a conjunction.
_OPEN_BEFORE = re.compile(r"(?:\b(?:but|and|while|when|because|then)[ \t]|[.!?][\"”'’]?\s|\n\n|\n[ \t])$")


def _opens(text: str, start: int) -> bool:
    """The word at ``start`` opens a sentence or a clause (see ``_OPEN_BEFORE``)."""
    return start == 0 or _OPEN_BEFORE.search(text, max(0, start - 9), start) is not None


def _words(words: str, capitalised: bool = True) -> str:
    """A prefix-tree alternation of ``words`` (space-separated), each in lower case and (with
    ``capitalised``) capitalised: one character test per branch, where a case-insensitive
    alternation of a hundred words would be tried word by word at every position."""
    listed = words.split()
    return "(?:" + trie_pattern([*listed, *(w[:1].upper() + w[1:] for w in listed if capitalised)]) + ")"


class _Gated:
    """A rule's pattern and the words every match of it holds (in lower case or capitalised):
    a document whose folded text holds none of them cannot match, and is not scanned (no
    words: every document is); with ``one_line`` (no match of the pattern, look-arounds
    included, reaches past a line break) only the lines holding one of the words are.
    Why: a search of a prefix tree of the words replaces a scan of the whole text by a
    pattern tried at every capital or word start. Given words only where that measured
    faster (best of 3, same run): over the 1,500 research sentences, most of which hold none
    of a rule's words, AT_OBJECT 3.1 -> 1.7 ms, OWN_THING 4.5 -> 1.8, CALLED 4.0 -> 1.0,
    ASKED_NAME 3.0 -> 0.6; over the 223 real documents' text, whose lines with a rule's words
    are few, CALLED 198 -> 42 ms, AT_OBJECT 206 -> 100, OWN_THING 184 -> 91, BY 60 -> 18."""

    __slots__ = ("pattern", "needles", "one_line")

    def __init__(self, pattern: re.Pattern[str], needles: Iterable[str] = (), one_line: bool = False) -> None:
        words = sorted({n.lower() for n in needles})
        self.pattern = pattern
        self.needles = re.compile(trie_pattern(words)) if words else None
        self.one_line = one_line and bool(words)

    def finditer(self, context: ScanContext) -> Iterator[re.Match[str]]:
        """What ``pattern.finditer`` finds over the document's text: nothing when
        ``context.folded`` (same offsets, case-folded) holds none of the words."""
        if self.needles is None:
            return self.pattern.finditer(context.text)
        hit = self.needles.search(context.folded)
        if hit is None:
            return iter(())
        if not self.one_line:
            return self.pattern.finditer(context.text)
        return self._on_lines(context.text, context.folded, hit)

    def _on_lines(self, text: str, folded: str, hit: re.Match[str]) -> Iterator[re.Match[str]]:
        """The matches on each line holding one of the words, line after line: a match stays
        on its line, so a scan from the line's start finds what the scan of the whole text
        finds there (a look-behind still sees the text before the line; the line break is
        left inside the scanned range, so a look-ahead sees it as it would)."""
        while hit is not None:
            start = folded.rfind("\n", 0, hit.start()) + 1
            end = folded.find("\n", hit.end())
            end = len(text) if end < 0 else end + 1
            yield from self.pattern.finditer(text, start, end)
            hit = self.needles.search(folded, end)


# Endings of ordinary English words (adverbs, participles, abstract nouns, adjectives): a
# capitalised word with one of them is a word opening a sentence or a heading, not a name,
# unless a list of given names or surnames knows it.
_COMMON_ENDING = re.compile(r"(?:ly|ing|ings|ed|tion|tions|sion|ment|ments|ness|ity|ful|less|able|ible|"
                            r"ous|ive|ship|ance|ence|ism|ware|ics|ology|ure|ary|ery|ory|ies|"
                            # a people or a language ("Norwegian", "Frenchwoman", "Japanese")
                            r"ian|ians|ish|ese|woman|women|men)$")


def _known(folded: str) -> bool:
    return folded in first_names() or folded in world_first_names() or folded in surnames()


def _plain(word: str, lowered: frozenset[str]) -> bool:
    """A capitalised word that may be a name's: ``ner._name_like`` and, unless a name list
    knows it, no common English ending and not written in capitals."""
    if word.isupper() or not ner._name_like(word, lowered):
        return False
    folded = normalize_context(word)
    return _known(folded) or _COMMON_ENDING.search(folded) is None


def _plain_words(value: str, lowered: frozenset[str]) -> bool:
    """Every word of ``value`` longer than an initial is ``_plain``."""
    return all(_plain(w, lowered) for w in value.split() if len(w.rstrip(".")) > 1)


def _known_name(word: str, lowered: frozenset[str]) -> bool:
    """A known surname or given name that is also a street word or a town ("Park", "Dale",
    "Jackson"): a name where the construction says a person is meant - unless the document
    writes it in lower case or it is a stop, business or function word."""
    folded = normalize_context(word)
    return _known(folded) and word.lower() not in lowered and folded not in STOP_WORDS \
        and folded not in BUSINESS_WORDS and folded not in ner._FUNCTION_WORDS \
        and folded not in place_names()


def _accepted(context: ScanContext, start: int, end: int) -> tuple[int, int] | None:
    """The span, unless what follows makes it a company's or a place's: the construction
    itself is the cue, and each word was checked by ``_plain`` (``ner.accept_person`` is not
    used: it wants a known given name or a greeting for a name of unknown words, and takes an
    article before a span for a thing's)."""
    text = context.text
    words = normalize_context(text[start:end]).split()
    if ner._LEGAL_AFTER.match(text, end) or " ".join(words) in place_names():
        return None  # "Aldren Voss GmbH", "Santa Cruz"
    following = ner._NEXT_WORD.match(text, end)
    if following and normalize_context(following.group(1)) in BUSINESS_WORDS:
        return None  # "Voss Logistics"
    line_end = text.find("\n", end)
    if "   " in text[text.rfind("\n", 0, start) + 1:line_end if line_end >= 0 else len(text)]:
        return None  # a table row: the cue/gazetteer rules read those
    return start, end


def _kept(context: ScanContext, start: int, end: int) -> Iterator[tuple[int, int, float]]:
    """The finding for a span every rule proposes, when ``_accepted`` keeps it."""
    span = _accepted(context, start, end)
    if span is not None:
        yield span[0], span[1], SCORE


# --- 6. lists of people -----------------------------------------------------------------

# Plural nouns for people: roles in a firm or a project, jobs, kin and company. A list right
# after one with a colon ("founders: A, B and C") or described by one ("A and B were
# engineers") is a list of people. ("partners" and "members" name firms and states too.)
_PEOPLE = _words(
    "founders co-founders cofounders owners co-owners authors co-authors writers editors "
    "speakers presenters hosts panelists panellists organisers organizers directors managers "
    "engineers developers programmers designers architects scientists researchers "
    "doctors physicians surgeons nurses dentists lawyers attorneys accountants consultants "
    "teachers professors lecturers students pupils trainees interns employees colleagues "
    "coworkers co-workers friends siblings brothers sisters sons daughters children kids "
    "parents grandparents cousins twins spouses neighbours neighbors roommates classmates "
    "musicians singers songwriters composers guitarists drummers painters artists actors "
    "actresses dancers poets novelists journalists reporters photographers producers "
    "players athletes coaches pilots drivers chefs cooks farmers soldiers officers "
    "detectives technicians mechanics electricians plumbers carpenters analysts "
    "administrators assistants secretaries clerks executives investors inventors "
    "entrepreneurs volunteers witnesses suspects victims candidates applicants "
    "winners finalists guests leaders mentors tutors therapists pharmacists "
    "veterinarians librarians economists mathematicians physicists chemists biologists "
    "historians philosophers sculptors filmmakers teammates bandmates")
_LIST_WORD = rf"{_CAP}(?![\w'’-]|[ \t]+[{UPPER}])"
_LIST_TAIL = rf"(?:(?:,[ \t]*(?:and[ \t]+|&[ \t]*)?|[ \t]+(?:and|&)[ \t]+){_LIST_WORD})+"
_PEOPLE_LIST = re.compile(rf"{_CAP_AT}(?![\w'’-]|[ \t]+[{UPPER}]){_LIST_TAIL}")
# a list is introduced by the plural ("founders: ...") or described by it ("... were engineers")
_INTRODUCED = re.compile(rf"\b{_PEOPLE}(?:[ \t]*:|[ \t]+(?:are|were|include|included|including))[ \t]*$")
_DESCRIBED = re.compile(rf"[ \t]+(?:are|were)[ \t]+(?:(?:the|our|its|their|two|both|all)[ \t]+)?"
                        rf"(?:[{LOWER}-]+[ \t]+){{0,2}}{_PEOPLE}\b")
_MEMBER = re.compile(_CAP)


def scan_people_lists(context: ScanContext) -> Iterator[tuple[int, int, float]]:
    """The members of a list of people: single capitalised words joined by commas and
    "and" right after a plural noun for people and a colon or "are/were/include" ("Our
    founders: Aldren, Voss and Keel"), or described by one ("Aldren and Voss were junior
    engineers"). Every member must be a name-like word (``_plain``) or a known surname or
    given name, else the list is of something else ("Sales and Support are teams")."""
    text = context.text
    if " and " not in text and "&" not in text:
        return
    for match in _PEOPLE_LIST.finditer(text):
        if not (_DESCRIBED.match(text, match.end())
                or _INTRODUCED.search(text, max(0, match.start() - 40), match.start())):
            continue
        lowered = ner.shared_lower_words(context)
        members = [m.span() for m in _MEMBER.finditer(text, match.start(), match.end())]
        if not all(_plain(text[a:b], lowered) or _known_name(text[a:b], lowered) for a, b in members):
            continue
        for a, b in members:
            yield from _kept(context, a, b)


# --- 4b. a job title before a name ----------------------------------------------------------

# Singular nouns for a person's job or part ("producer", "tennis player"): right before a
# name of two or three words they are its title ("songwriter Tavrin Oskevar").
_JOB = _words(
    "producer songwriter singer composer guitarist drummer musician rapper painter artist "
    "actor actress dancer poet novelist author writer journalist reporter photographer "
    "player athlete coach pilot chef farmer soldier detective technician mechanic "
    "engineer developer programmer designer architect scientist researcher physicist "
    "chemist biologist economist historian philosopher filmmaker nurse surgeon "
    "physician dentist pharmacist therapist lawyer accountant consultant teacher "
    "lecturer student entrepreneur investor inventor spokesman spokeswoman spokesperson "
    "striker goalkeeper midfielder defender quarterback pitcher boxer wrestler "
    "comedian presenter host anchor columnist critic editor blogger youtuber influencer")
_TITLED_NAME = re.compile(rf"(?<![\w-]){_JOB}[ \t]+({_CAP}(?:[ \t]+{_INITIAL})?[ \t]+{_CAP})"
                          rf"(?![\w'’-]|[ \t]+[{UPPER}\d])")


_CAPITAL_WORD_BEFORE = re.compile(rf"[{UPPER}][\w'’-]*[ \t]+$")


def scan_job_titles(context: ScanContext) -> Iterator[tuple[int, int, float]]:
    """A name of two or three words right after a job title ("Producer Tavrin Oskevar
    explained", "tennis player Tavrin Oskevar"): every word name-like (``_plain``), no
    capitalised word or number after it ("player Windows Media 12" is a product)."""
    text = context.text
    for match in _TITLED_NAME.finditer(text):
        lowered = ner.shared_lower_words(context)
        a, b = match.span(1)
        if text[match.start()].isupper() and not ner._sentence_start(text, match.start()) \
                and _CAPITAL_WORD_BEFORE.search(text, max(0, match.start() - 30), match.start()):
            continue  # "Media Player Classic": a capitalised title in a product's name
        if _plain_words(text[a:b], lowered):
            yield from _kept(context, a, b)


# --- 4c. who a person is to someone, or where a person works ---------------------------------

# "my grandmother was called Tavra Oskevar": kin or a person's part, then "was called/named"
_KINS = (
    "grandmother grandfather grandma grandpa mother father mom mum dad son daughter wife "
    "husband brother sister uncle aunt cousin nephew niece friend boyfriend girlfriend "
    "teacher boss neighbour neighbor fiance fiancé fiancee fiancée colleague godmother godfather "
    "stepmother stepfather")
_KIN = _words(_KINS)
_CALLED = re.compile(rf"(?<![\w-]){_KIN}[ \t]+(?:was|is)[ \t]+(?:called|named)[ \t]+"
                     rf"((?:(?:Dr|Mr|Mrs|Ms|Miss|Prof)\.?[ \t]+)?{_CAP}(?:[ \t]+{_INITIAL})?(?:[ \t]+{_CAP})?)"
                     rf"(?![\w'’-]|[ \t]+[{UPPER}])")
# "Tavrin is from Quillworth Inc": one word, "is from/with" and a company with its legal form
_WORKS_AT = re.compile(rf"({_CAP_AT})[ \t]+(?:is|was)[ \t]+(?:from|with)[ \t]+"
                       rf"(?:[{UPPER}][\w&'’.-]*,?[ \t]+){{1,4}}(?:Inc|LLC|Ltd|Corp|Corporation|GmbH|AG|PLC|plc|"
                       rf"S\.A|B\.V|Limited|Co)\b")


# A question asking for a person's name, and the answer after it ("What's your name? Tavrin
# S Oskevar", "What's the name on the account? User: Tavrin Oskevar", an answer on the next
# line after a speaker's label, "A: ..."): the whole answer.
_ASKED_NAME = re.compile(rf"\b(?:(?:your|his|her|their)[ \t]+(?:full[ \t]+|first[ \t]+|last[ \t]+)?name|"
                         rf"name[ \t]+on[ \t]+the[ \t]+(?:account|card|booking|reservation|order))"
                         rf"[^.?!\n]{{0,20}}\?[ \t]*\n?[ \t]*(?:[{UPPER}][{LOWER}]*[ \t]*:[ \t]*)?"
                         rf"({_CAP}(?:[ \t]+{_INITIAL})?(?:[ \t]+{_CAP})?)(?=[ \t]*(?:[.!\n]|$))")


# each with the words its matches hold
_RELATION_RULES = (_Gated(_CALLED, ("called", "named"), one_line=True), _Gated(_WORKS_AT, ("from", "with"), one_line=True),
                   _Gated(_ASKED_NAME, ("name",)))


def scan_relations(context: ScanContext) -> Iterator[tuple[int, int, float]]:
    """A name said to be what a relative or a friend is called ("my grandmother was called
    Tavra Oskevar"; a title before it is kept with it), one word said to be from a company
    with a legal form ("Tavrin is from Quillworth LLC"), and the answer to a question asking
    for a person's name ("What's your name? Tavrin Oskevar"): name-like words only."""
    text = context.text
    for rule in _RELATION_RULES:
        pattern = rule.pattern
        for match in rule.finditer(context):
            lowered = ner.shared_lower_words(context)
            a, b = match.span(1)
            if pattern is _WORKS_AT and not _opens(text, a):
                continue
            words = [w for w in text[a:b].split() if len(w.rstrip(".")) > 1
                     and normalize_context(w.rstrip(".")) not in TITLES]
            if words and all(_plain(w, lowered) for w in words):
                yield from _kept(context, a, b)


# --- 5. a work named after its creator -------------------------------------------------------

# Works a person makes; "version", "edition" and "update" are left out: a product, a
# language or a platform has those ("the Windows version", "the English edition").
_WORK_NOUNS = (
    "novel novels novella book books biography memoir memoirs autobiography album albums "
    "song songs single film films movie movies documentary concert concerts tour poem poems "
    "painting paintings portrait sculpture symphony sonata concerto opera essay essays "
    "lyrics trilogy tales stories plays sketches letters diaries lectures")
_WORKS = _words(_WORK_NOUNS, capitalised=False)  # in lower case only: "the Blackwood Books" is a heading
_CREATOR = rf"{_CAP_AT}(?:[ \t]+{_INITIAL})?(?:[ \t]+{_CAP})?"
# "the Oske novel", "a Tavrin Oske concert" (an article before it), "Oske's cautionary tales"
_WORK_AFTER = re.compile(rf"({_CREATOR})(?:((?:'s|’s)[ \t]+)(?:[{LOWER}]+[ \t]+)?|[ \t]+){_WORKS}\b")
_ARTICLE = re.compile(r"\b(?:[Tt]he|[Aa]n?)[ \t]+$")
# '"Blue Hour" by Tavrin Oske', "(not by Tavrin Oske)": a creator after a quoted title or in
# a bracket that denies the credit; two or three words with a given name or an initial
_BY = re.compile(rf"(?:[\"”][ \t]*|\((?:not|written|sung|performed|directed)[ \t]+)by[ \t]+"
                 rf"({_CAP}(?:[ \t]+{_INITIAL})?[ \t]+{_CAP})(?=[ \t]*[).,;!?\n]|[ \t]+[-–—]|$|[ \t]+\W)")


_GATED_BY = _Gated(_BY, ("by",), one_line=True)


def scan_creators(context: ScanContext) -> Iterator[tuple[int, int, float]]:
    """A creator named by the work ("the Oske novel", "a Tavrin Oske concert", "Oske's
    short stories") or credited after a quoted title or a bracket ('"Blue Hour" by Tavrin
    Oske', "(not by Tavrin Oske)"): every word name-like (``_plain``), so that a language, a
    platform or a company ("the English novel", "the Windows version", "by Microsoft") is
    left; the words of a credit after "by" must hold a known given name or an initial."""
    text = context.text
    for match in _WORK_AFTER.finditer(text):
        a, b = match.span(1)
        possessive = match.group(2) is not None
        if not possessive and not _ARTICLE.search(text, max(0, a - 5), a):
            continue
        lowered = ner.shared_lower_words(context)
        if not possessive and " " not in text[a:b] and text[a:b].endswith("an") \
                and not _known(normalize_context(text[a:b])):
            continue  # "the Fereldan book", "a Korean film": a people's adjective
        if _plain_words(text[a:b], lowered):
            yield from _kept(context, a, b)
    for match in _GATED_BY.finditer(context):
        lowered = ner.shared_lower_words(context)
        a, b = match.span(1)
        if not _plain_words(text[a:b], lowered):
            continue
        yield from _kept(context, a, b)


# --- 4. the subject or object of a verb only people do ------------------------------------

# Verbs of speaking aloud, of the face and body, of a person's life, and of starting to
# write, sing or paint: a company, a place or a product does none of them.
_ALOUD = ("shouted yelled screamed whispered murmured muttered mumbled stammered sighed smiled "
          "laughed giggled chuckled cried wept sobbed nodded shrugged grinned winked frowned "
          "blushed gasped exclaimed").split()
_LIFE = ("was born", "grew up", "got married", "fell in love", "passed away")
_BEGAN = ("began", "started", "begun")
_HUMAN_VERB = (
    rf"(?:{'|'.join((*_ALOUD, *_LIFE))}|"
    rf"(?:{'|'.join(_BEGAN)})[ \t]+(?:writing|singing|painting|drawing|acting|dancing|composing|"
    r"to (?:write|sing|paint|draw|act|dance|compose)))\b")
# A verb of giving or telling with a person's pronoun after its object ("had given Keel his
# address", "told Voss her plans"): the subject and the object are people.
_GIVEN = "given gave handed lent sent showed shown told promised offered taught owed owes".split()
_GIVING = rf"(?:had[ \t]+|has[ \t]+)?(?:{'|'.join(_GIVEN)})"
_ADVERBS = ("just", "then", "suddenly", "quietly", "finally", "never", "always", "also", "once", "first")
_SUBJECT = re.compile(rf"({_CAP_AT})[ \t]+(?:(?:{'|'.join(_ADVERBS)})[ \t]+)?{_HUMAN_VERB}")
# ... and its object: a person is shouted, smiled or winked at ("shouted at Keel: ...").
_AT_VERBS = "shouted yelled screamed smiled winked glared stared grinned laughed frowned waved nodded snapped barked"
_AT_OBJECT = re.compile(rf"(?<![\w-])" + _words(_AT_VERBS)
                        + rf"[ \t]+at[ \t]+({_CAP})(?![\w'’-]|[ \t]+[{UPPER}])")
_GIVER = re.compile(rf"({_CAP_AT})[ \t]+{_GIVING}[ \t]+(?:({_CAP})[ \t]+)?(?:his|her)\b")
# Traits only a person has ("Aldren is so impulsive"), and a subject described by a trait
# with "he"/"she"/"him"/"her" in the sentence after ("Aldren is very reliable. You can
# always depend on him.").
_TRAITS = ("impulsive shy brave lazy rude polite stubborn jealous arrogant selfish grumpy "
           "moody humble naughty cheeky witty bossy clumsy kind-hearted hard-working hardworking "
           "short-tempered talkative introverted extroverted outgoing")
_TRAIT = _words(_TRAITS)
_DEGREE = r"(?:(?:so|very|really|quite|always|too|extremely|rather|such an?|a bit)[ \t]+){0,2}"
_TRAITED = re.compile(rf"({_CAP_AT})[ \t]+(?:is|was|seems|seemed)[ \t]+{_DEGREE}{_TRAIT}\b")
_TRAITED_AFTER = re.compile(rf"(?:i(?<![\w-].)s|w(?<![\w-].)as)[ \t]+({_CAP})[ \t]+{_DEGREE}{_TRAIT}\b")  # "Why is X so ...?"
_DESCRIBED_AS = re.compile(rf"({_CAP_AT})[ \t]+(?:is|was)[ \t]+{_DEGREE}[{LOWER}-]+[.!;,]"
                           rf"[^.!?\n]{{0,60}}?\b(?:he|she|him|her|his|himself|herself)\b")
# A subject of one to three words doing something to "his" or "her" own thing ("Tavrin J
# Oskevar listed his top songs", "Voss packed her bags"): a company's thing is "its".
_OWN_THING = re.compile(rf"({_CAP_AT}(?:[ \t]+{_INITIAL})?(?:[ \t]+{_CAP})?)[ \t]+[{LOWER}]{{2,}}ed[ \t]+"
                        rf"(?:his|her)[ \t]+[{LOWER}]")


_OPENING = (_SUBJECT, _GIVER, _TRAITED, _DESCRIBED_AS, _OWN_THING)  # their first group opens a clause
# _SUBJECT, _GIVER, _TRAITED and _DESCRIBED_AS open with a capitalised word, spaces and one of
# these words (the first word of an adverb, a verb or a phrase of theirs): one scan for such
# words finds every place where one of the four may match (see ``skipping.matches_at``).
_FIRST_AFTER_SUBJECT = (*_ADVERBS, *_ALOUD, *(phrase.split()[0] for phrase in _LIFE), *_BEGAN,
                        "is", "was", "seems", "seemed", "had", "has", *_GIVEN)
_SUBJECT_START = re.compile(rf"{_CAP_AT}(?=[ \t]+{_words(' '.join(_FIRST_AFTER_SUBJECT), capitalised=False)})")
_AT_SUBJECTS = (_SUBJECT, _GIVER, _TRAITED, _DESCRIBED_AS)


# each with the words its matches hold ("he" and "hi" are in every pronoun _DESCRIBED_AS ends on)
# (the traits' words are no gate: searching for them cost more than it saved)
_HUMAN_RULES = (_Gated(_SUBJECT), _Gated(_AT_OBJECT, _AT_VERBS.split(), one_line=True),
                _Gated(_GIVER), _Gated(_TRAITED), _Gated(_TRAITED_AFTER), _Gated(_DESCRIBED_AS),
                _Gated(_OWN_THING, ("his", "her"), one_line=True))


def scan_human_subjects(context: ScanContext) -> Iterator[tuple[int, int, float]]:
    """A single capitalised word as the subject of a verb only people do ("Aldren shouted
    at ...", "Keel began writing as a teenager", "Voss was born in ..."), of a verb of
    giving or telling with "his"/"her" after its object (both words: "Aldren had given Keel
    his address"), or described by a person's trait ("Why is Aldren so impulsive?") or by
    any adjective with a person's pronoun in the next clause ("Voss is very reliable. You
    can always depend on him."): name-like words only (``_plain``)."""
    text = context.text
    starts = None
    for rule in _HUMAN_RULES:
        pattern = rule.pattern
        if pattern in _AT_SUBJECTS:
            if starts is None:
                starts = [m.start() for m in _SUBJECT_START.finditer(text)]
            matches = matches_at(pattern, text, starts)
        else:
            matches = rule.finditer(context)
        for match in matches:
            lowered = ner.shared_lower_words(context)
            if pattern in _OPENING and not _opens(text, match.start(1)):
                continue  # mid-sentence: the word may be an object or part of a longer name
            for group in range(1, (pattern.groups or 0) + 1):
                a, b = match.span(group)
                if a < 0 or ner._after_rank(text, a) or not _plain_words(text[a:b], lowered):
                    continue
                yield from _kept(context, a, b)


# --- 1. vocatives ----------------------------------------------------------------------------

# Words that open a sentence before a comma and a question without being a name.
_NOT_VOCATIVE = frozenset(
    "however also now yes no ok okay well so sorry hi hello hey again first second third next "
    "finally lastly anyway actually honestly seriously meanwhile otherwise alternatively "
    "additionally furthermore moreover therefore thus today tomorrow tonight yesterday "
    "guys everyone everybody folks team all sir madam please thanks friends ladies gentlemen "
    "here there then still instead besides indeed sure right listen look wait oh ah um "
    "boss doctor mom mum dad mother father son daughter honey darling dear buddy man dude "
    "customer customers colleagues sirs readers".split())
_ASKING = (r"(?:(?:can|could|would|will|may|shall)[ \t]+(?:I|we|you)\b|please\b|"
           r"(?:do|did|are|were|have|had|won['’]t|can['’]t|don['’]t)[ \t]+you\b)")
_VOCATIVE_OPEN = re.compile(rf"({_CAP_AT}),[ \t]+{_ASKING}")
# "Remember me, Aldren?": a name after a comma closing a question or an exclamation that
# speaks to someone ("me", "you", "your", "us")
_VOCATIVE_CLOSE = re.compile(rf"(?:m(?<!\w.)e|y(?<!\w.)our?|u(?<!\w.)s)\b[^.!?\n,]{{0,40}},[ \t]+({_CAP})[ \t]*[?!]")


def _form_of_address(folded: str) -> bool:
    """A title, rank or role the speaker calls someone by ("Allow me, Miss!", "Officer!"):
    how one addresses a person, not the person's name."""
    return folded in TITLES or folded in HONORIFICS or folded in ner.ROLES


def scan_vocatives(context: ScanContext) -> Iterator[tuple[int, int, float]]:
    """A name the speaker calls: a single word opening a sentence before a comma and a
    request or question to the addressee ("Aldren, could you ...", "Voss, please ..."), or
    after a comma closing a question or exclamation to someone ("Remember me, Aldren?").
    Sentence adverbs, greetings and forms of address are left (``_NOT_VOCATIVE``); the word
    must be name-like (``_plain``) or a known given name that is no place."""
    text = context.text
    if "," not in text:
        return
    for pattern in (_VOCATIVE_OPEN, _VOCATIVE_CLOSE):
        for match in pattern.finditer(text):
            lowered = ner.shared_lower_words(context)
            a, b = match.span(1)
            if pattern is _VOCATIVE_OPEN and not _opens(text, a):
                continue
            word = text[a:b]
            folded = normalize_context(word)
            if folded in _NOT_VOCATIVE or _form_of_address(folded) or not (
                    _plain(word, lowered) or folded in first_names()
                                               and folded not in place_names()
                                               and word.lower() not in lowered):
                continue
            yield from _kept(context, a, b)


# --- 3. dialogue speakers -----------------------------------------------------------------

# A line that opens with one word and a colon right before a quotation: who speaks.
_QUOTED_SPEAKER = re.compile(rf"^[ \t]*({_CAP})[ \t]*:[ \t]*[\"“„«]([^\"”“\n]*)", re.M)
# The quotation is speech: it says "I", "you", "me", "my" or "we".
_SPEECH = re.compile(r"(?i)\b(?:i|i['’]m|i['’]ll|you|me|my|we|us|your)\b")
MIN_QUOTED_LINES = 2


def scan_quoted_speakers(context: ScanContext) -> Iterator[tuple[int, int, float]]:
    """Speakers of a dialogue written as 'Name: "what they said"' (with or without a space
    after the colon): when MIN_QUOTED_LINES or more lines open so and one of the quotations
    is speech (``_SPEECH``), each speaker word that is name-like (``_plain``) or a known
    given name. A form's 'Title: "Annual report"' lines say no "I" or "you"."""
    text = context.text
    if ":" not in text:
        return
    lines = list(_QUOTED_SPEAKER.finditer(text))
    if len(lines) < MIN_QUOTED_LINES or not any(_SPEECH.search(m.group(2)) for m in lines):
        return
    lowered = ner.shared_lower_words(context)
    for match in lines:
        a, b = match.span(1)
        word = text[a:b]
        if not (_plain(word, lowered) or normalize_context(word) in first_names()):
            continue
        yield from _kept(context, a, b)


# --- 2. names in a text written in lower case ---------------------------------------------------

_LOW = rf"[{LOWER}]{{2,}}(?:-[{LOWER}]{{2,}})?"
# A lower-case name of one or two words, a middle initial between them ("lena k. moor").
_LOWER_NAME = re.compile(rf"({_LOW})(?:[ \t]+[{LOWER}](?:\.|(?=[ \t])))?(?:[ \t]+({_LOW}))?")
# Where a name ends: punctuation, the line's end, a possessive, or a word that cannot go on
# a name (a conjunction, preposition, auxiliary or "speak").
_LOWER_END = re.compile(r"[ \t]*(?:[.,;:!?\"”)\n]|$)|['’]s\b|[ \t]+(?:but|and|or|in|on|at|from|for|to|with|"
                        r"when|because|if|who|is|was|will|has|had|speak|said|says)\b")
# Words that say what a person is called: strong enough for any word that is no common word.
_NAMING = re.compile(r"(?:\b(?:my|his|her|your|their|our) name is|\bname['’]s|\b(?:call|calls|called|"
                     r"named) (?:me|him|her)|\b(?:maiden|last|first|family|given|middle|nick|sur) ?name"
                     r"(?: is| was)?)[ \t]*[:,]?[ \t]+$")
# Words after "call me" that say when or how, not who ("call me back", "call me later").
_NOT_CALLED = frozenset("back later now tomorrow today tonight soon again anytime sometime maybe "
                        "asap please crazy anything whatever names when if sir madam mom dad "
                        "everyone everybody someone somebody nobody anyone anybody people one unknown withheld "
                        "private confidential secret same different long short hard easy important "
                        "missing blank empty".split())


def _lower_plain(word: str) -> bool:
    """A lower-case word that may be a name's: none of ``ner._plain_name_word``'s function,
    stop, business, role or place words, no word of ``_NOT_CALLED``, no common ending."""
    return ner._plain_name_word(word) and word not in _NOT_CALLED \
        and (_known(word) or _COMMON_ENDING.search(word) is None)


def _lower_name_at(text: str, at: int, given_first: bool) -> tuple[int, int] | None:
    """The lower-case name starting at ``at``: one or two words (an initial between them)
    that end where a name ends (``_LOWER_END``); with ``given_first``, the first word must
    be a known given name."""
    match = _LOWER_NAME.match(text, at)
    if match is None or not _lower_plain(match.group(1)) \
            or given_first and match.group(1) not in first_names():
        return None
    if match.group(2) and _lower_plain(match.group(2)) and _LOWER_END.match(text, match.end()):
        return match.start(), match.end()
    if _LOWER_END.match(text, match.end(1)):
        return match.start(), match.end(1)
    return None


_LOW_WORD = re.compile(rf"(?<![\w'’.@/-]){_LOW}")
_LOWER_SUBJECT = re.compile(rf"(?:^|(?<=[.!?]\s)|(?<=\n))({_LOW})[ \t]+(?:{_HUMAN_VERB}|{_GIVING}[ \t]+"
                            rf"(?:({_LOW})[ \t]+)?(?:his|her)\b)")


def scan_lower_case(context: ScanContext) -> Iterator[tuple[int, int, float]]:
    """Names in a text written in lower case throughout (``ner.lower_case_text``), where a
    capital says nothing: after words that say what a person is called ("my name is lena
    moor", "everyone calls me lena") any word that is no common word; after a greeting,
    introduction or "follow up with" (``ner._PERSON_BEFORE``) a known given name with the
    surname after it ("follow up with lena k. moor in May"); the subject of a verb only
    people do ("moor began writing", "lena had given tavo her address"); and in a list whose
    most members are known given names, the other known given names too."""
    text = context.text
    if not (ner.lower_case_of(context) or ner._CAPITAL.search(text) is None):
        return  # a text with capitals writes a name with one
    known = first_names()
    for match in _LOW_WORD.finditer(text):
        start = match.start()
        window = text[max(0, start - 40):start]
        line_start = text.rfind("\n", 0, start) + 1
        # (each of _NAMING's phrases holds "nam" or "call"; after a greeting only a known given
        # name is taken, so the long _PERSON_BEFORE is asked only before one: in the lower-case
        # research sentences it was asked before every word)
        if ("nam" in window or "call" in window) and _NAMING.search(window):
            span = _lower_name_at(text, start, False)
        elif match.group() in known and ner._PERSON_BEFORE.search(text, max(line_start, start - 40), start):
            span = _lower_name_at(text, start, True)
        else:
            continue
        if span is not None:
            yield span[0], span[1], SCORE
    for match in _LOWER_SUBJECT.finditer(text):
        for group in (1, 2):
            a, b = match.span(group)
            if a >= 0 and _lower_plain(text[a:b]):
                yield a, b, SCORE
    known = first_names()
    for run in ner._LOWER_LIST.finditer(text):
        words = [m for m in ner._LOWER_MEMBER.finditer(text, run.start(), run.end()) if m.group() != "and"]
        strict = sum(w.group() in known and w.group() not in surnames() and w.group() not in ner._PLACE_NAMES
                     for w in words)
        if len(words) >= ner.MIN_LIST and strict >= ner.MIN_GIVEN_IN_LIST and 2 * strict >= len(words):
            for word in words:
                if word.group() in known:
                    yield word.start(), word.end(), SCORE


def scan(context: ScanContext) -> Iterator[tuple[int, int, float]]:
    """Every rule of this module (see the module's docstring)."""
    yield from scan_people_lists(context)
    yield from scan_creators(context)
    yield from scan_human_subjects(context)
    yield from scan_job_titles(context)
    yield from scan_relations(context)
    yield from scan_vocatives(context)
    yield from scan_quoted_speakers(context)
    yield from scan_lower_case(context)
