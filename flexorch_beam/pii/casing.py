"""Lines written all in lower case, given capitals so the street rules can read them.

Why: chat messages and quick e-mails write addresses in lower case ("ship to 12 oak street,
leeds"), and the street rules lean on capitals to tell a street's name from prose. The
chosen lower-case lines are copied with each word capitalised (street words that the rules
expect in lower case, and name particles, stay as they are); everything else is blanked, so
the rules see those lines alone. British and Canadian postcodes are written in capitals
("ls6 2ab" -> "LS6 2AB"). Same length, same offsets.
"""
from __future__ import annotations

import re
from typing import Iterable

_WORD = re.compile(r"[^\W\d_][\w'’]*")
# A British or Canadian postcode, written in capitals once the line is title-cased.
_POSTCODE = re.compile(r"(?<![\w])(?:[a-z]{1,2}\d[a-z\d]?[ \t]\d[a-z]{2}|[a-z]\d[a-z][ \t]?\d[a-z]\d)(?![\w])")


def _capitalised(word: str) -> str:
    head = word[0].upper()
    return (head if len(head) == 1 else word[0]) + word[1:]


def _blank(chunk: str) -> str:
    return "\n".join(" " * len(line) for line in chunk.split("\n"))


def titled(text: str, spans: Iterable[tuple[int, int]], keep: frozenset[str]) -> str:
    """``text`` with the lower-case lines among ``spans`` (start, end of lines, in order,
    not overlapping) title-cased, words in ``keep`` left as they are, and all else spaces
    (line breaks kept)."""
    parts: list[str] = []
    at = 0
    for start, end in spans:
        parts.append(_blank(text[at:start]))
        value = text[start:end]
        if value != value.lower():
            value = " " * len(value)
        else:
            value = _POSTCODE.sub(lambda m: m.group().upper(), value)
            value = _WORD.sub(lambda m: m.group() if m.group() in keep else _capitalised(m.group()), value)
        parts.append(value)
        at = end
    parts.append(_blank(text[at:]))
    return "".join(parts)
