"""Digital PDF (reportlab platypus) with embedded DejaVu fonts, so ş ğ ı İ ä ß ₺ render.

``invariant=1`` removes reportlab's timestamps and random ids: a spec gives identical bytes.
"""
from __future__ import annotations

import io
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (PageBreak as RLPageBreak, Paragraph as RLParagraph, SimpleDocTemplate, Spacer,
                                Table as RLTable, TableStyle)

from .model import DocSpec, Fields, Heading, Lines, PageBreak, Paragraph, Table, Totals

FONT_DIR = "/usr/share/fonts/truetype/dejavu"
FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"


@lru_cache(maxsize=None)
def register_fonts() -> None:
    """Register DejaVu once per process (the font files ship with fonts-dejavu-core)."""
    pdfmetrics.registerFont(TTFont(FONT, f"{FONT_DIR}/DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, f"{FONT_DIR}/DejaVuSans-Bold.ttf"))


@lru_cache(maxsize=None)
def _styles(small: bool = False) -> dict[str, ParagraphStyle]:
    register_fonts()
    k = 0.85 if small else 1.0
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5 * k, leading=12.5 * k)
    return {
        "title": ParagraphStyle("title", parent=body, fontName=FONT_BOLD, fontSize=18 * k, leading=22 * k,
                                spaceAfter=8 * k, alignment=1 if small else 0),
        "h2": ParagraphStyle("h2", parent=body, fontName=FONT_BOLD, fontSize=12, leading=15, spaceBefore=6),
        "body": body,
        "cell": ParagraphStyle("cell", parent=body, fontSize=9 * k, leading=11 * k),
        "cellr": ParagraphStyle("cellr", parent=body, fontSize=9 * k, leading=11 * k, alignment=TA_RIGHT),
        "head": ParagraphStyle("head", parent=body, fontName=FONT_BOLD, fontSize=9 * k, leading=11 * k),
        "right": ParagraphStyle("right", parent=body, alignment=TA_RIGHT),
        "rightb": ParagraphStyle("rightb", parent=body, alignment=TA_RIGHT, fontName=FONT_BOLD),
    }


def flowables(spec: DocSpec, width: float = A4[0] - 36 * mm, small: bool = False) -> list:
    """The spec as platypus flowables (tables for items, totals and header fields);
    ``small`` is the till-roll layout of receipts."""
    st = _styles(small)

    def _p(text: str, style: str) -> RLParagraph:
        return RLParagraph(escape(text), st[style])

    label_w, totals_w = (0.42, (0.62, 0.38)) if small else (0.3, (0.35, 0.2))
    out: list = []
    first_heading = True
    for b in spec.blocks:
        if isinstance(b, Heading):
            out.append(_p(b.text, "title" if first_heading else "h2"))
            first_heading = False
        elif isinstance(b, Lines):
            text = "<br/>".join(escape(x) for x in b.lines)
            if b.key and b.lines:
                text = "<br/>".join([f"<b>{escape(b.lines[0])}</b>"] + [escape(x) for x in b.lines[1:]])
            if b.title:
                text = f"<font name='{FONT_BOLD}'>{escape(b.title)}</font><br/>" + text
            out += [RLParagraph(text, st["body"]), Spacer(1, 6)]
        elif isinstance(b, Fields):
            data = [[_p(label + ":", "head"), _p(value, "cell")] for _, label, value in b.rows]
            t = RLTable(data, colWidths=[width * label_w, width * (1 - label_w)], hAlign="LEFT")
            t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 1),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
            out += [t, Spacer(1, 6)]
        elif isinstance(b, Table):
            rel = b.widths or tuple(1.0 for _ in b.headers)
            col_w = [width * w / sum(rel) for w in rel]
            data = [[_p(h, "head") for h in b.headers]]
            data += [[_p(c, "cellr" if n else "cell") for c, n in zip(row, b.numeric)] for row in b.rows]
            t = RLTable(data, colWidths=col_w, repeatRows=1)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8E8E8")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out += [t, Spacer(1, 6)]
        elif isinstance(b, Totals):
            data = [[_p(label + ":", "right"), _p(value, "right")] for _, label, value in b.rows]
            data[-1] = [_p(b.rows[-1][1] + ":", "rightb"), _p(b.rows[-1][2], "rightb")]
            t = RLTable(data, colWidths=[width * totals_w[0], width * totals_w[1]], hAlign="RIGHT")
            t.setStyle(TableStyle([("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black)]))
            out += [t, Spacer(1, 8)]
        elif isinstance(b, Paragraph):
            out += [_p(b.text, "body"), Spacer(1, 4)]
        elif isinstance(b, PageBreak):
            out.append(RLPageBreak())
    return out


def render_pdf(spec: DocSpec) -> bytes:
    """A digital (text-layer) PDF: A4, or an 80 mm till roll for receipts."""
    buf = io.BytesIO()
    author = next((b.lines[0] for b in spec.blocks if isinstance(b, Lines) and b.lines), "")
    if spec.doc_type == "receipt":
        margin = 4 * mm
        width = 80 * mm - 2 * margin
        story = flowables(spec, width, small=True)
        height = sum(f.wrap(width, 10**6)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in story)
        pagesize = (80 * mm, height + 2 * margin + 12 * mm)
    else:
        margin = 18 * mm
        pagesize = A4
        story = flowables(spec)
    doc = SimpleDocTemplate(buf, pagesize=pagesize, leftMargin=margin, rightMargin=margin,
                            topMargin=min(margin, 16 * mm), bottomMargin=min(margin, 16 * mm), title=spec.title,
                            author=author, creator="flexorch_beam samples", lang=spec.language, invariant=1)
    doc.build(story)
    return buf.getvalue()
