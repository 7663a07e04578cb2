"""Overlapping name and address findings are masked as their union.

Why: where findings overlap the detector keeps one (higher score, then longer), and the
words of the other outside it stay in the masked text: a name the model ran into a street
("… to Anna Berg 12 Oak Street" found as PERSON "Anna Berg" and ADDRESS "Berg 12 Oak
Street") lost "Anna" when the address won, and two readings of one name ("Anna Berg" by the
rules, "Berg Lindqvist" by the model) lost a word either way. A person right before their
address, with only spaces or a comma between, is one block as well. Pure function over the
detector's findings, before overlaps are settled; values are never read, only offsets.
"""
from __future__ import annotations

import re
from typing import NamedTuple, Sequence, TypeVar

WORD_TYPES = frozenset({"PERSON", "ADDRESS", "STREET_ADDRESS"})
_TOUCH = re.compile(r"[ \t]*,?[ \t]*")
M = TypeVar("M", bound=NamedTuple)


def union_words(text: str, matches: Sequence[M]) -> list[M]:
    """``matches`` with each group of PERSON/ADDRESS findings that overlap (or a person and an
    address that touch across spaces or a comma) replaced by one finding over the group's
    whole span, of the type of its best member (higher score, then longer)."""
    words = sorted((m for m in matches if m.type in WORD_TYPES), key=lambda m: (m.start, -m.end))
    if len(words) < 2:
        return list(matches)
    groups: list[list[M]] = []
    end = -1
    for match in words:
        if groups and (match.start < end or _touch(text, groups[-1], end, match)):
            groups[-1].append(match)
            end = max(end, match.end)
            continue
        groups.append([match])
        end = match.end
    out = [m for m in matches if m.type not in WORD_TYPES]
    for group in groups:
        if len(group) == 1:
            out.extend(group)
            continue
        best = max(group, key=lambda m: (m.score, m.end - m.start))
        out.append(best._replace(start=min(m.start for m in group), end=max(m.end for m in group)))
    return out


def _touch(text: str, group: list, end: int, match) -> bool:  # noqa: ANN001 - findings
    """A person and an address with only spaces or a comma between them."""
    if match.start < end:
        return False
    gap = _TOUCH.match(text, end, match.start)
    if gap is None or gap.end() != match.start:
        return False
    return (match.type == "PERSON") != any(m.type == "PERSON" for m in group)
