"""Every XML parse in extraction goes through here: defusedxml, failures mapped to codes.

Entity declarations are refused outright (billion laughs fails before any expansion, an
external entity is never fetched, so XXE reads nothing); a DTD without entities is allowed
because real files (XHTML, some UBL exports) carry one.
"""
from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as DefusedET
from defusedxml import DefusedXmlException

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError


def parse_xml(data: bytes, what: str = "XML") -> Element:
    """Parse ``data`` safely; entity tricks -> UNPROCESSABLE, broken markup -> CORRUPT_FILE."""
    try:
        return DefusedET.fromstring(
            data, forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException:
        raise ProcessingError(
            codes.UNPROCESSABLE,
            f"{what} declares entities or external references, which are refused "
            "(entity expansion / XXE protection)",
        ) from None
    except (ParseError, ValueError, UnicodeError):
        raise ProcessingError(codes.CORRUPT_FILE, f"{what} is not well-formed") from None


def local_name(tag: object) -> str:
    """``{namespace}Name`` -> ``Name`` (comments and PIs have non-string tags)."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]
