"""E-mail: EML (RFC 822, standard library) and Outlook MSG (extract-msg).

Output: the main headers, the body (text/plain preferred, HTML converted), and the names of
the attachments (their content is not extracted: one input file gives one record). Broken
charsets and undecodable headers are decoded with replacement characters, never fatal.
"""
from __future__ import annotations

import email
import email.header
import email.policy
from email.message import Message
from typing import Optional

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.extract.result import ExtractResult
from flexorch_beam.extract.text import decode_text, normalise_newlines
from flexorch_beam.extract.web import html_to_text

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


def _part_text(part: Message) -> str:
    """The decoded text of a leaf part, whatever its declared charset claims."""
    try:
        content = part.get_content()
        if isinstance(content, str):
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


def extract_eml(content: bytes, config: ProcessingConfig) -> ExtractResult:
    try:
        message = email.message_from_bytes(content, policy=email.policy.default)
    except Exception:  # noqa: BLE001 - the parser is lenient; this is a truly broken file
        raise ProcessingError(codes.CORRUPT_FILE, "e-mail structure cannot be parsed") from None
    plain: list[str] = []
    html: list[str] = []
    attachments: list[str] = []
    parts = message.walk() if message.is_multipart() else [message]
    for part in parts:
        if part.is_multipart():
            continue
        disposition = (part.get_content_disposition() or "").lower()
        name = _attachment_name(part)
        content_type = part.get_content_type()
        if disposition == "attachment" or (name and not content_type.startswith("text/")):
            attachments.append(name or content_type)
            continue
        if content_type == "text/plain":
            plain.append(_part_text(part))
        elif content_type == "text/html":
            html.append(html_to_text(_part_text(part)))
        elif name:
            attachments.append(name)
    body = "\n\n".join(t.strip() for t in (plain or html) if t.strip())
    return ExtractResult(
        text=compose(
            {name: _header(message, name) for name in HEADERS},
            normalise_newlines(body),
            attachments,
        ),
        page_count=None,
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


def extract_msg_file(content: bytes, config: ProcessingConfig) -> ExtractResult:
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
                body = html_to_text(html_body.decode("utf-8", errors="replace"))
        names = []
        for attachment in _safe(message, "attachments") or ():
            name = (
                _safe(attachment, "longFilename")
                or _safe(attachment, "shortFilename")
                or _safe(attachment, "name")
            )
            if name:
                names.append(str(name))
    finally:
        message.close()
    headers = {k: (" ".join(str(v).split()) if v else None) for k, v in headers.items()}
    return ExtractResult(
        text=compose(headers, normalise_newlines(str(body)), names), page_count=None
    )
