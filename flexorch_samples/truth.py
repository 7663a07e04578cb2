"""Ground truth: one JSON per document, beside (never inside) the ``docs/`` tree.

Schema (shared with every consumer, see helpers' COMMON.md):
``path`` (relative to the corpus root, e.g. ``docs/tr/invoice/inv_0007.xml``), ``doc_type``,
``language``, ``format`` (sniff ids: pdf, docx, xlsx, html, xml, eml, txt, png, tiff),
``scanned`` (bool), ``quality`` ("clean" | "poor"), ``fields`` (normalised: ISO dates,
amounts as "1234.56", ISO 4217 currency, tax_rate in percent like "20" or "8.875", ids and
IBANs compact; payroll ``period`` "YYYY-MM", bank ``period`` "YYYY-MM-DD/YYYY-MM-DD"),
``pii`` and ``lookalikes`` (lists of {type, value}; value exactly as printed in the
document, so it can be found in the extracted text). Extra keys: ``variant`` (the writer:
pdf, scan_pdf, ubl, ...), ``title``, ``pages`` (page count for paginated formats, else null),
``encoding`` (TXT only: "utf-8" or, for some German exports, "cp1252" with CRLF; else null).
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Optional

from .model import DocSpec
from .text import text_encoding


@dataclass
class TruthRecord:
    path: str
    doc_type: str
    language: str
    format: str
    scanned: bool
    quality: str
    fields: dict[str, str]
    pii: list[dict[str, str]]
    lookalikes: list[dict[str, str]]
    variant: str = ""
    title: str = ""
    pages: Optional[int] = None
    encoding: Optional[str] = None
    extra: dict = field(default_factory=dict, repr=False)

    def to_json(self) -> str:
        data = asdict(self)
        data.pop("extra")
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> "TruthRecord":
        return cls(**json.loads(text))


def truth_for(spec: DocSpec, pages: Optional[int] = None) -> TruthRecord:
    """The truth record of a rendered spec."""
    return TruthRecord(path=spec.relpath, doc_type=spec.doc_type, language=spec.language, format=spec.format,
                       scanned=spec.scanned, quality=spec.quality, fields=dict(spec.fields),
                       pii=[dict(p) for p in spec.pii], lookalikes=[dict(p) for p in spec.lookalikes],
                       variant=spec.variant, title=spec.title, pages=pages,
                       encoding=text_encoding(spec) if spec.format == "txt" else None)
