"""US military mail addresses: "PSC 1234, Box 5678 / APO AE 09876", "USS Ship / FPO AP 96601".

Why: service members, embassy staff and ships get mail at these addresses (USPS Publication
28, section 225), and they carry no street: the unit or ship line and the APO/FPO/DPO line
with its "state" AA, AE or AP and ZIP Code are the whole address. Written in any case.
"""
from __future__ import annotations

import re
from typing import Iterator

_GATE = re.compile(r"[ADFadf][Pp][Oo][ \t]+[Aa][AEPaep][ \t]+\d")
_POST = r"(?:APO|FPO|DPO)[ \t]+A[AEP][ \t]+\d{5}(?:-\d{4})?(?![\w-])"
_BREAK = r"[ \t]*,?[ \t]*\n?[ \t]*"
_MILITARY = re.compile(
    r"(?i)(?<![\w])(?:"
    rf"(?:PSC|CMR|Unit)[ \t]+\d{{1,5}}{_BREAK}Box[ \t]+\d{{1,5}}{_BREAK}"
    rf"|(?:USS|USNS|USNV|USCGC)[ \t]+[^\W\d_][\w'’-]*(?:[ \t][^\W\d_][\w'’-]*)?{_BREAK}"
    rf")?{_POST}")


def scan_military(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every military address in ``text``: the unit/box or ship line, when
    there is one, and the APO/FPO/DPO line."""
    if _GATE.search(text) is None:  # a cheap test before the whole pattern
        return
    for match in _MILITARY.finditer(text):
        yield match.span()
