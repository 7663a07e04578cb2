"""E-mail: EML (RFC 822, standard library) and Outlook MSG (extract-msg).

Output: the main headers, the decoded body (text/plain preferred, HTML converted; never raw
MIME), the names of the attachments, then the text of each attachment that is a document
(attachments.py: same registry, same sandbox, under a delimiter line naming it; forwarded
and nested messages are attachments too). Inline images that the HTML body shows (parts with
a Content-ID) are part of the body's layout, not attachments. A mail saved as UTF-16/UTF-32
is decoded first. Broken charsets and undecodable headers are decoded with replacement
characters, never fatal.
"""
from __future__ import annotations

import email
import email.header
import email.policy
from email.message import Message
from typing import Optional

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError
from flexorch_beam.config import ExtractOptions
from flexorch_beam.extract.attachments import Carried, append, read_attachments
from flexorch_beam.extract.result import ExtractResult
from flexorch_beam.encodings import bom_encoding, wide_encoding
from flexorch_beam.extract.text import decode_text, normalise_newlines
from flexorch_beam.extract.web import decode_html, html_to_text

HEADERS = ("From", "To", "Cc", "Date", "Subject")


def _header(message: Message, name: str) -> Optional[str]:
    try:
        value = message.get(name)
        return None if value is None else " ".join(str(value).split())
    except Exception:  # noqa: BLE001 - a malformed header must not lose the mail
        raw = message.get_all(name, failobj=[None])[0] if hasattr(message, "get_all") else None
        if raw is None:
            return None
        try:
            parts = email.header.decode_header(str(raw))
            return " ".join(
                p.decode(c or "latin-1", errors="replace") if isinstance(p, bytes) else p
                for p, c in parts
            )
        except Exception:  # noqa: BLE001
            return str(raw).encode("ascii", "replace").decode("ascii")


_C1 = frozenset(chr(c) for c in range(0x80, 0xA0))


def _part_text(part: Message) -> str:
    """The decoded text of a leaf part, whatever its declared charset claims. A part declared
    Latin-1 or ASCII whose bytes are Windows-1252 (C1 control characters where cp1252 has
    quotes and dashes) is read as cp1252, as browsers do."""
    try:
        content = part.get_content()
        if isinstance(content, str):
            if any(ch in _C1 for ch in content):
                payload = part.get_payload(decode=True) or b""
                try:
                    return payload.decode("cp1252")
                except UnicodeDecodeError:
                    pass
            return content
    except (LookupError, UnicodeError, ValueError, AssertionError, KeyError, TypeError):
        pass
    payload = part.get_payload(decode=True)
    if not payload:
        return ""
    charset = part.get_content_charset()
    if charset:
        try:
            return payload.decode(charset, errors="replace")
        except LookupError:
            pass
    try:
        return decode_text(payload)
    except ProcessingError:
        return payload.decode("latin-1")


def _attachment_name(part: Message) -> Optional[str]:
    try:
        name = part.get_filename()
    except Exception:  # noqa: BLE001 - broken RFC 2231 parameters
        name = None
    if name:
        return " ".join(str(name).split())
    if part.get_content_type() == "message/rfc822":
        return "forwarded message"
    return None


def _leaves(message: Message):  # noqa: ANN202 - yields (part, forwarded)
    """Leaf parts in order; a forwarded message (message/rfc822) is one leaf, not walked:
    it is read as an attachment of its own."""
    stack = [message]
    while stack:
        part = stack.pop()
        if part.get_content_type() == "message/rfc822":
            yield part, True
        elif part.is_multipart():
            stack.extend(reversed(part.get_payload() or []))
        else:
            yield part, False


def _forwarded_bytes(part: Message) -> bytes:
    payload = part.get_payload()
    inner = payload[0] if isinstance(payload, list) and payload else payload
    if isinstance(inner, Message):
        return inner.as_bytes(policy=email.policy.default)
    return part.get_payload(decode=True) or b""


def _narrow(content: bytes) -> bytes:
    """A mail saved as UTF-16/UTF-32 (Outlook and PowerShell exports) as UTF-8 bytes."""
    encoding = bom_encoding(content) or wide_encoding(content)
    if encoding and encoding != "utf-8-sig":
        return content.decode(encoding, errors="replace").lstrip("\ufeff").encode("utf-8")
    return content


def extract_eml(content: bytes, config: ExtractOptions) -> ExtractResult:
    try:
        message = email.message_from_bytes(_narrow(content), policy=email.policy.default)
    except Exception:  # noqa: BLE001 - the parser is lenient; this is a truly broken file
        raise ProcessingError(codes.CORRUPT_FILE, "e-mail structure cannot be parsed") from None
    plain: list[str] = []
    html: list[str] = []
    names: list[str] = []
    carried: list[Carried] = []
    for part, forwarded in _leaves(message):
        if forwarded:
            name = _attachment_name(part) or "forwarded message"
            names.append(name)
            carried.append(Carried(name if "." in name else f"{name}.eml", _forwarded_bytes(part)))
            continue
        disposition = (part.get_content_disposition() or "").lower()
        name = _attachment_name(part)
        content_type = part.get_content_type()
        if disposition == "attachment" or (name and not content_type.startswith("text/")):
            if part.get("Content-ID") and content_type.startswith("image/") and disposition != "attachment":
                continue  # an image the HTML body shows inline (cid:), part of its layout
            names.append(name or content_type)
            carried.append(Carried(name or content_type, part.get_payload(decode=True) or b""))
            continue
        if content_type == "text/plain":
            plain.append(_part_text(part))
        elif content_type == "text/html":
            html.append(html_to_text(_part_text(part)))
        elif name:
            names.append(name)
    body = "\n\n".join(t.strip() for t in (plain or html) if t.strip())
    text = compose(
        {name: _header(message, name) for name in HEADERS}, normalise_newlines(body), names
    )
    read = read_attachments(carried, config)
    return ExtractResult(
        text=append(text, read), page_count=None, attachments=read.attachments,
        warnings=read.warnings,
    )


def compose(headers: dict[str, Optional[str]], body: str, attachments: list[str]) -> str:
    lines = [f"{name}: {value}" for name, value in headers.items() if value]
    text = "\n".join(lines)
    if body.strip():
        text += "\n\n" + body.strip()
    if attachments:
        text += "\n\nAttachments: " + ", ".join(attachments)
    return text.strip()


def _safe(obj: object, attribute: str) -> object:
    """One MSG property; extract-msg decodes lazily and a bad code page must cost only
    that property (contactAnsi.msg's HTML body), not the message."""
    try:
        return getattr(obj, attribute, None)
    except Exception:  # noqa: BLE001
        return None


def extract_msg_file(content: bytes, config: ExtractOptions) -> ExtractResult:
    import extract_msg

    try:
        message = extract_msg.openMsg(content, delayAttachments=True)
    except Exception:  # noqa: BLE001 - extract-msg raises its own and olefile errors
        raise ProcessingError(codes.CORRUPT_FILE, "Outlook message cannot be parsed") from None
    try:
        date = _safe(message, "date")
        headers = {
            "From": _safe(message, "sender"),
            "To": _safe(message, "to"),
            "Cc": _safe(message, "cc"),
            "Date": str(date) if date else None,
            "Subject": _safe(message, "subject"),
        }
        body = _safe(message, "body") or ""
        if not str(body).strip():
            html_body = _safe(message, "htmlBody")
            if html_body:
                # the HTML's own charset (a Shift-JIS or GBK body in a CJK Outlook), not UTF-8
                body = html_to_text(decode_html(bytes(html_body)))
        names, carried = _msg_attachments(message)
    finally:
        message.close()
    headers = {k: (" ".join(str(v).split()) if v else None) for k, v in headers.items()}
    text = compose(headers, normalise_newlines(str(body)), names)
    read = read_attachments(carried, config)
    return ExtractResult(
        text=append(text, read), page_count=None, attachments=read.attachments,
        warnings=read.warnings,
    )


def _msg_attachments(message: object) -> tuple[list[str], list[Carried]]:
    """Names and bytes of an Outlook message's attachments; an embedded message is exported
    back to .msg bytes (read as an attachment of its own, so nesting is bounded there)."""
    names: list[str] = []
    carried: list[Carried] = []
    for attachment in _safe(message, "attachments") or ():
        name = (
            _safe(attachment, "longFilename")
            or _safe(attachment, "shortFilename")
            or _safe(attachment, "name")
        )
        name = str(name) if name else "attachment"
        if _safe(attachment, "hidden") and _safe(attachment, "contentId"):
            continue  # an inline image of the HTML body
        names.append(name)
        data = _safe(attachment, "data")
        if isinstance(data, (bytes, bytearray)):
            carried.append(Carried(name, bytes(data)))
        elif data is not None and hasattr(data, "exportBytes"):
            try:
                carried.append(Carried(name if "." in name else f"{name}.msg", data.exportBytes()))
            except Exception:  # noqa: BLE001 - a broken embedded message costs only itself
                carried.append(Carried(name, b""))
    return names, carried
