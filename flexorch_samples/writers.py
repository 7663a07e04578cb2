"""One spec to one format's bytes: the dispatch table of the writers."""
from __future__ import annotations

from typing import Callable

from .mail import render_eml
from .model import DocSpec
from .office import render_docx, render_xlsx
from .pdf import render_pdf
from .scan import render_png, render_scan_pdf, render_tiff
from .text import render_txt
from .web import render_html, render_ubl, render_xml

WRITERS: dict[str, Callable[[DocSpec], bytes]] = {
    "pdf": render_pdf, "scan_pdf": render_scan_pdf, "docx": render_docx, "xlsx": render_xlsx,
    "html": render_html, "xml": render_xml, "ubl": render_ubl, "eml": render_eml, "txt": render_txt,
    "png": render_png, "tiff": render_tiff,
}

# Formats whose bytes are identical for the same seed (all of them, with the fixes
# described in each writer: reportlab invariant=1, fixed zip/core-property dates,
# fixed MIME boundaries, seeded scan noise).
BYTE_STABLE = frozenset(WRITERS)


def render(spec: DocSpec) -> bytes:
    """The bytes of ``spec`` in its variant's format."""
    return WRITERS[spec.variant](spec)
