"""The XML invoice inside a PDF/A-3 (ZUGFeRD, Factur-X, XRechnung hybrid; also a UBL file
attached to a PDF): found among the PDF's embedded files with pikepdf."""
from __future__ import annotations

import io
from typing import Optional

# The names the specifications give the attachment, most specific first.
KNOWN_NAMES = ("factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml", "zugferd_invoice.xml",
               "order-x.xml", "ubl.xml")
MAX_EMBEDDED = 16 << 20
_XML_ROOTS = (b"CrossIndustryInvoice", b"CrossIndustryDocument", b"CrossIndustryOrder",
              b"urn:oasis:names:specification:ubl:schema:xsd:")


def embedded_xml(content: bytes) -> Optional[bytes]:
    """The bytes of the embedded e-invoice XML, or None (no attachments, not a PDF,
    encrypted, or no attachment that is an e-document)."""
    if b"/EmbeddedFile" not in content and b"/EmbeddedFiles" not in content:
        return None  # cheap pre-check: most PDFs attach nothing
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(content)) as pdf:
            attachments = pdf.attachments
            names = sorted(attachments.keys(), key=lambda n: (
                KNOWN_NAMES.index(n.lower()) if n.lower() in KNOWN_NAMES else len(KNOWN_NAMES), n))
            for name in names:
                if not name.lower().endswith(".xml") and name.lower() not in KNOWN_NAMES:
                    continue
                spec = attachments[name]
                data = spec.get_file().read_bytes()
                if len(data) <= MAX_EMBEDDED and any(root in data[:4096] for root in _XML_ROOTS):
                    return data
    except (pikepdf.PdfError, pikepdf.PasswordError, ValueError, KeyError, AttributeError, OSError):
        return None
    return None
