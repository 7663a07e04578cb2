"""Whole-text regex scans that skip, in C, to the characters a match can start with.

Why: a pattern that opens with a look-behind ("(?<![\\w.])Via …") or a long alternation
gives Python's regex engine no first character to skip to, so it runs the whole pattern at
every position of the text. A pattern that opens with a character class is skipped to by a
C loop instead. :class:`Skipping` derives, from the pattern's own parse, the class of every
character one of its matches can start with, and scans with ``[class](?<=(?=pattern)[\\s\\S])``:
the same pattern, tried only where the class holds. Its matches are ``pattern.finditer``'s,
in the same order (``tests/pii/test_skipping.py`` compares them). On the 223 real documents'
text (6.5 MB) the street-word-first address pattern went from 0.49 s to 0.19 s this way.
"""
from __future__ import annotations

import re
from typing import Iterator, Optional

import re._constants as sre  # noqa: PLC2701 - the parser's opcodes, read only
import re._parser as sre_parse  # noqa: PLC2701 - the public re module's own parser

_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W",
}
_ZERO_WIDTH = (sre.AT, sre.ASSERT_NOT)
_NON_ASCII = r"\x80-\U0010ffff"  # under IGNORECASE: any non-ASCII character may fold
_ASCII_LETTERS = "a-zA-Z"
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


class _Unknown(Exception):
    """An opcode this module does not reason about: no class, the plain scan is used."""


def _char(code: int) -> str:
    return f"\\U{code:08x}"


def _literal(code: int, ignore_case: bool) -> list[str]:
    if not ignore_case:
        return [_char(code)]
    char = chr(code)
    atoms = [_char(code), _NON_ASCII]
    atoms += [_char(ord(c)) for c in {char.lower(), char.upper()} if len(c) == 1]
    if code >= 0x80:
        atoms.append(_ASCII_LETTERS)  # "K" (Kelvin sign) matches "k", "ſ" matches "s"
    return atoms


def _in(items: list, ignore_case: bool) -> list[str]:
    atoms: list[str] = []
    for op, av in items:
        if op is sre.LITERAL:
            atoms += _literal(av, ignore_case)
        elif op is sre.RANGE:
            atoms.append(f"{_char(av[0])}-{_char(av[1])}")
            if ignore_case:
                atoms += [_NON_ASCII, _ASCII_LETTERS]
        elif op is sre.CATEGORY and av in _CATEGORIES:
            atoms.append(_CATEGORIES[av])
        else:  # NEGATE and the rest: a class of almost everything, nothing to skip
            raise _Unknown(op)
    return atoms


def _first(items: list, flags: int) -> tuple[list[str], bool]:
    """(class atoms every match of the sequence ``items`` starts with, whether the
    sequence can match without consuming a character before those atoms decide)."""
    atoms: list[str] = []
    for op, av in items:
        ignore_case = bool(flags & sre.SRE_FLAG_IGNORECASE)
        if op in _ZERO_WIDTH or op is sre.ASSERT and av[0] < 0:
            continue  # look-behinds, negative look-aheads, anchors: consume nothing
        if op is sre.ASSERT:  # a look-ahead: the match's first character is one of its own
            inner, empty = _first(av[1].data, flags)
            if not empty:
                return atoms + inner, False
            continue
        if op is sre.LITERAL:
            return atoms + _literal(av, ignore_case), False
        if op is sre.IN:
            return atoms + _in(av, ignore_case), False
        if op is sre.SUBPATTERN:
            _, add, remove, inner = av
            found, empty = _first(inner.data, (flags | add) & ~remove)
        elif op is sre.BRANCH:
            found, empty = [], False
            for branch in av[1]:
                branch_atoms, branch_empty = _first(branch.data, flags)
                found += branch_atoms
                empty = empty or branch_empty
        elif op in _REPEATS:
            low, _, inner = av
            found, empty = _first(inner.data, flags)
            empty = empty or low == 0
        else:
            raise _Unknown(op)
        atoms += found
        if not empty:
            return atoms, False
    return atoms, True


def first_class(pattern: re.Pattern[str]) -> Optional[str]:
    """A character class holding every character a match of ``pattern`` can start with,
    or None when that is not known (an opcode not reasoned about, a pattern that may match
    empty or not). A pattern whose matches are all empty (a position finder such as
    ``(?<!\\w)(?=word)``) gets the class of the characters after those positions."""
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
        low, high = parsed.getwidth()
        if low == 0 and high > 0:
            return None
        atoms, empty = _first(parsed.data, parsed.state.flags)
    except (_Unknown, re.error):
        return None
    if empty or not atoms:
        return None
    return "[" + "".join(dict.fromkeys(atoms)) + "]"


class Skipping:
    """``pattern.finditer`` with the same matches, the positions no match can start at
    skipped by the regex engine's C loop (see the module's docstring)."""

    __slots__ = ("pattern", "_finder")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        first = first_class(pattern)
        finder = None
        if first is not None:
            try:
                finder = re.compile(f"{first}(?<=(?={pattern.pattern})[\\s\\S])", pattern.flags)
            except re.error:
                finder = None
        self._finder = finder

    def finditer(self, text: str, pos: int = 0, endpos: Optional[int] = None) -> Iterator[re.Match[str]]:
        """The matches ``self.pattern.finditer(text, pos, endpos)`` yields, in order."""
        endpos = len(text) if endpos is None else endpos
        if self._finder is None:
            yield from self.pattern.finditer(text, pos, endpos)
            return
        match_at, end = self.pattern.match, pos
        for hit in self._finder.finditer(text, pos, endpos):
            at = hit.start()
            if at < end:
                continue  # inside the last match: finditer goes on after it
            match = match_at(text, at, endpos)
            if match is not None:
                yield match
                end = match.end()


def matches_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``'s matches, for a pattern that can match only at one of
    ``starts`` (sorted, found once by the caller, often for several patterns that open the
    same way): tried there alone, left to right, each from the end of the last match, as the
    scan would. ``pattern`` never matches empty. Why: a pattern tried at a few known places
    skips the positions where it cannot start (the address cues, the subject patterns of
    ``person_cues``, which are a few per cent of a text's capitals)."""
    end = 0
    for at in starts:
        if at < end:
            continue
        match = pattern.match(text, at)
        if match is not None:
            yield match
            end = match.end()
