"""Lines written all in lower case, given capitals so the street rules can read them.

Why: chat messages and quick e-mails write addresses in lower case ("ship to 12 oak street,
leeds"), and the street rules lean on capitals to tell a street's name from prose. A line
with no capital letter is copied with each word capitalised (street words that the rules
expect in lower case, and name particles, stay as they are); every line with a capital is
blanked, so the rules see the lower-case lines alone. British and Canadian postcodes are
written in capitals ("ls6 2ab" -> "LS6 2AB"). Same length, same offsets.
"""
from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_][\w'’]*")
_DIGIT = re.compile(r"\d")
# A British or Canadian postcode, written in capitals once the line is title-cased.
_POSTCODE = re.compile(r"(?<![\w])(?:[a-z]{1,2}\d[a-z\d]?[ \t]\d[a-z]{2}|[a-z]\d[a-z][ \t]?\d[a-z]\d)(?![\w])")


def _capitalised(word: str) -> str:
    head = word[0].upper()
    return (head if len(head) == 1 else word[0]) + word[1:]


def titled_lower_lines(text: str, keep: frozenset[str]) -> str | None:
    """``text`` with its lower-case lines title-cased (words in ``keep`` left as they are)
    and its other lines made spaces; None when no lower-case line holds a digit."""
    parts: list[str] = []
    found = False
    for value in text.split("\n"):
        if value != value.lower():
            parts.append(" " * len(value))
            continue
        found = found or _DIGIT.search(value) is not None
        value = _POSTCODE.sub(lambda m: m.group().upper(), value)
        parts.append(_WORD.sub(lambda m: m.group() if m.group() in keep else _capitalised(m.group()), value))
    if not found:
        return None
    return "\n".join(parts)
