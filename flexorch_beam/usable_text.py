"""Is this text language a person or a model can use? Binary blobs out, non-language measured.

Two jobs, both one pass over whitespace-separated tokens (no regex over an unbounded run:
every check is a set lookup or a bounded loop over one token, so the cost is linear in the
text, issue 17):

- :func:`strip_blobs` removes embedded binary that an extractor let through as text: base64
  (one long token, or a block of base64 lines as MIME and XML wrap it), long hex runs and
  ``data:`` URIs. Extraction calls it before the text-size cut, so a blob never pushes a
  document's fields out of the window that field rules read.
- :func:`measure` counts the characters of tokens that are not language, by reason: binary
  (base64, hex, data URIs), mojibake, control/replacement characters, symbol soup, and
  gibberish (letter runs no language writes: no vowel in a long Latin word, five or more
  consonants in a row, case flipping inside a word, letters and digits interleaved).
  Numbers, amounts, dates and identifiers are not counted: business documents are full of
  them and a reader can use them.

A record whose text is more than :data:`LIMIT` non-language cannot grade A or B.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Optional

from ftfy.badness import is_bad

LIMIT = 0.20  # above this share of non-language characters a text is not usable as is
WARN_AT = 0.10  # a warning names the reason from here on

_BASE64 = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_-")
_HEX = frozenset("0123456789abcdefABCDEF")
_BLOB_TOKEN = 40  # a single base64/hex token this long is binary, not a word or an id
_BLOCK_LINE = 16  # inside a block of >= 3 such lines, a wrapped base64 line may be this short
_VOWELS = frozenset("aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿœıİ")
_LATIN_CONSONANTS = frozenset("bcdfghjklmnpqrstvwxzçğłńňřśšşťźžžđß")
_CONTROL = frozenset(chr(c) for c in range(32) if chr(c) not in "\t\n\r\f\v") | {"\x7f", "\ufffd"}
_COMMON_PUNCT = frozenset(".,:;!?%()[]{}'\"-/&*+=€$£₺¥#@_’‘“”«»–—|<>\\~…°§`´„‚·•")
_EDGE = ".,;:!?()[]{}\"'’‘“”«»„‚<>|*`´"
BINARY_MARKER = "[binary data removed]"
REASONS = ("binary", "mojibake", "control", "symbols", "gibberish")


@dataclass(frozen=True)
class Share:
    """Non-language characters of a text, by reason, against all its non-space characters."""

    chars: int = 0
    non_language: int = 0
    by_reason: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        return self.non_language / self.chars if self.chars else 0.0

    def main_reason(self) -> Optional[str]:
        if not self.by_reason:
            return None
        return max(self.by_reason.items(), key=lambda item: item[1])[0]


# --- binary --------------------------------------------------------------------------------


def is_base64_token(token: str, minimum: int = _BLOB_TOKEN) -> bool:
    """Long, only base64 characters, and mixed like encoded bytes are (upper, lower and digits
    together): a long word or an upper-case id with digits is not."""
    if len(token) < minimum:
        return False
    upper = lower = digit = 0
    for ch in token:
        if ch not in _BASE64:
            return False
        upper += ch.isupper()
        lower += ch.islower()
        digit += ch.isdigit()
    return upper > 0 and lower > 0 and (digit > 0 or len(token) >= 2 * minimum)


def is_hex_token(token: str, minimum: int = _BLOB_TOKEN) -> bool:
    if len(token) < minimum:
        return False
    digits = 0
    for ch in token:
        if ch not in _HEX:
            return False
        digits += ch.isdigit()
    return 0 < digits < len(token)


def is_data_uri(token: str) -> bool:
    start = token.find("data:")
    return start >= 0 and ";base64," in token[start : start + 100]


def is_binary_token(token: str) -> bool:
    return is_data_uri(token) or is_base64_token(token) or is_hex_token(token)


def _base64_line(line: str) -> bool:
    """A line that is one base64 token, as MIME (76) and XML (64/72/76) wrap encoded data."""
    token = line.strip()
    return " " not in token and "\t" not in token and is_base64_token(token, _BLOCK_LINE)


def _base64_tail(line: str) -> bool:
    """The short last line of a wrapped block: base64 characters with a digit, ``+``, ``/``
    or ``=`` padding in it (a word on the next line, "Thanks", is not taken)."""
    token = line.strip()
    if not 0 < len(token) < 80 or not all(ch in _BASE64 and ch not in "-_" for ch in token):
        return False
    return any(ch.isdigit() or ch in "+/=" for ch in token)


@dataclass(frozen=True)
class Stripped:
    text: str
    removed_chars: int = 0
    blobs: int = 0


def strip_blobs(text: str) -> Stripped:
    """``text`` without embedded binary; each removed blob leaves one ``[binary data removed]``
    line so the reader knows something was there. Linear: every line and token is looked at
    a bounded number of times."""
    if not text:
        return Stripped(text)
    lines = text.split("\n")
    out: list[str] = []
    removed = blobs = 0
    index = 0
    while index < len(lines):
        # a block of >= 3 base64 lines (the last one of a block may be short)
        end = index
        while end < len(lines) and _base64_line(lines[end]):
            end += 1
        if end - index >= 3:
            if end < len(lines) and _base64_tail(lines[end]):
                end += 1  # the block's short last line ("zKmRyi8=")
            removed += sum(len(line) for line in lines[index:end])
            blobs += 1
            out.append(BINARY_MARKER)
            index = end
            continue
        line = lines[index]
        index += 1
        if len(line) < _BLOB_TOKEN:
            out.append(line)
            continue
        kept: list[str] = []
        changed = False
        for token in line.split(" "):
            if is_binary_token(_trim(token)):
                start = token.find("data:")
                prefix = token[:start] if start > 0 else ""
                removed += len(token) - len(prefix)
                blobs += 1
                changed = True
                kept.append(prefix + BINARY_MARKER)
            else:
                kept.append(token)
        out.append(" ".join(kept) if changed else line)
    if not blobs:
        return Stripped(text)
    return Stripped("\n".join(out), removed, blobs)


# --- language ------------------------------------------------------------------------------


def _trim(token: str) -> str:
    return token.strip(_EDGE)


@lru_cache(maxsize=1 << 16)  # words repeat (Zipf): most tokens of a long text are cache hits
def _gibberish(core: str) -> bool:
    """Letter runs no language writes. Only Latin-script words are judged: other scripts
    (CJK, Arabic, Cyrillic) pass, they have no vowel letters to count."""
    letters = [ch for ch in core if ch.isalpha()]
    if len(letters) < 4 or len(letters) < 0.6 * len(core):
        return False
    latin = [ch for ch in letters if ch.lower() in _VOWELS or ch.lower() in _LATIN_CONSONANTS]
    if len(latin) < len(letters):
        return False
    if core.isupper() and len(core) <= 6:
        return False  # acronyms and codes: "HTML", "VKN", "PDF", "SGD"
    lower = core.lower()
    vowels = sum(1 for ch in lower if ch in _VOWELS)
    if vowels == 0 and len(letters) >= 5:
        return True
    run = longest = 0
    previous = ""
    for ch in core:  # a new word of a CamelCase name starts a new run ("PartnersLLCMember")
        if previous.islower() and ch.isupper():
            run = 0
        run = run + 1 if ch.lower() in _LATIN_CONSONANTS else 0
        longest = max(longest, run)
        previous = ch
    if longest >= 8:  # German writes six ("Dampfschiff"), even seven ("Angstschweiß")
        return True
    # Case flipping every letter or two ("tHeRe", "mAkEs"): noise. CamelCase identifiers
    # ("AccountingSupplierParty", "McDonald") flip after runs of lower-case letters.
    short_flips = sum(
        1 for i in range(1, len(core))
        if core[i].isupper() and core[i - 1].islower() and (i < 2 or not core[i - 2].islower())
    )
    if short_flips >= 2:
        return True
    # letters and digits interleaved ("Inv0ic3", "T0ta1"): digit between letters twice
    inner = sum(1 for a, b, c in zip(core, core[1:], core[2:]) if a.isalpha() and b.isdigit() and c.isalpha())
    return inner >= 2


def _symbol_soup(core: str) -> bool:
    """Mostly rare symbols: not letters, digits, combining marks (Devanagari, Arabic vowel
    signs) or the punctuation documents use."""
    if len(core) < 3:
        return False
    rare = sum(
        1 for ch in core
        if not ch.isalnum() and ch not in _COMMON_PUNCT and unicodedata.category(ch)[0] in "SPZC"
    )
    return rare / len(core) >= 0.4


def token_reason(token: str) -> Optional[str]:
    """Why ``token`` is not language, or None when it is (words, numbers, ids, punctuation)."""
    ascii_only = token.isascii()
    if ascii_only:
        if token.isalpha():  # the common case, cheaply: a plain word is judged by its letters
            return "gibberish" if len(token) >= 4 and _gibberish(token) else None
        if token.isdigit():
            return None
        if not token.isprintable():
            return "control"
    elif any(ch in _CONTROL for ch in token):
        return "control"
    core = _trim(token)
    if not core:
        return None
    if len(core) >= _BLOB_TOKEN and is_binary_token(core):
        return "binary"
    if "://" in core or core.startswith("www.") or "@" in core:
        return None  # addresses: not prose, but a reader can use them (like numbers)
    if not ascii_only and len(core) >= 2 and is_bad(core):  # mojibake needs non-ASCII
        return "mojibake"
    if _symbol_soup(core):
        return "symbols"
    if _gibberish(core):
        return "gibberish"
    return None


def measure(text: Optional[str]) -> Share:
    """Characters of non-language tokens against all non-space characters of ``text``."""
    chars = bad = 0
    by_reason: dict[str, int] = {}
    for token in (text or "").split():
        chars += len(token)
        reason = token_reason(token)
        if reason is not None:
            bad += len(token)
            by_reason[reason] = by_reason.get(reason, 0) + len(token)
    return Share(chars, bad, by_reason)
