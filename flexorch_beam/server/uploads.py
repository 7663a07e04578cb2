"""Streaming multipart uploads: each file part goes straight to a temp file in the data dir,
hashed on the way and cut off past the size limit (nothing larger is ever kept), with its
name checked. Nothing uploaded is ever executed: files are only read by the pipeline's
extractors, in their sandbox.

Names: a name that carries a path (``/``, ``\\``, ``..``) or is empty is refused
(INVALID_FILE_NAME); any other is kept, NFC-normalised, control characters dropped, cut to
200 characters (extension kept). On disk a file lives under ``uploads/KEY/DOCUMENT/NAME``.
"""
from __future__ import annotations

import hashlib
import os
import unicodedata
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request

from flexorch_beam.server.errors import ApiError

MAX_FIELD_BYTES = 64 * 1024
MAX_NAME_CHARS = 200


@dataclass
class UploadedFile:
    filename: str
    temp_path: Optional[Path] = None
    size_bytes: int = 0
    sha256: str = ""
    error_code: Optional[str] = None
    error: Optional[str] = None


@dataclass
class ParsedUpload:
    fields: dict[str, str] = field(default_factory=dict)
    files: list[UploadedFile] = field(default_factory=list)

    def discard(self) -> None:
        for item in self.files:
            if item.temp_path is not None:
                item.temp_path.unlink(missing_ok=True)
                item.temp_path = None


def clean_name(raw: str) -> str:
    """The stored file name, or ValueError for a name that tries to be a path."""
    name = unicodedata.normalize("NFC", raw or "")
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    if not name or name in (".", "..") or "/" in name or "\\" in name or ".." in name.split("."):
        raise ValueError("a file name may not hold a path or be empty")
    if len(name) > MAX_NAME_CHARS:
        stem, dot, ext = name.rpartition(".")
        ext = ext if dot and len(ext) <= 16 else ""
        name = name[: MAX_NAME_CHARS - len(ext) - 1] + ("." + ext if ext else "")
    return name


def _disposition(headers: dict[bytes, bytes]) -> tuple[str, Optional[str]]:
    _value, params = parse_options_header(headers.get(b"content-disposition", b""))
    name = params.get(b"name", b"").decode("utf-8", "replace")
    filename = params.get(b"filename")
    return name, None if filename is None else filename.decode("utf-8", "replace")


async def parse_upload(request: Request, temp_dir: Path, max_file_bytes: int,
                       max_files: int) -> ParsedUpload:
    """Read the multipart body as it streams in; see the module docstring."""
    content_type, params = parse_options_header(request.headers.get("content-type", ""))
    if content_type != b"multipart/form-data" or b"boundary" not in params:
        raise ApiError("MISSING_INPUT", "send multipart/form-data with one or more `files` parts")
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > max_files * max_file_bytes + 1024 * 1024:
        raise ApiError("FILE_TOO_LARGE", "the request is larger than the upload limits allow")
    temp_dir.mkdir(parents=True, exist_ok=True)
    result = ParsedUpload()
    events: list[tuple[str, object]] = []
    header_field = bytearray()
    header_value = bytearray()
    headers: dict[bytes, bytes] = {}

    def on_header_field(data: bytes, start: int, end: int) -> None:
        header_field.extend(data[start:end])

    def on_header_value(data: bytes, start: int, end: int) -> None:
        header_value.extend(data[start:end])

    def on_header_end() -> None:
        headers[bytes(header_field).lower()] = bytes(header_value)
        header_field.clear()
        header_value.clear()

    callbacks = {
        "on_part_begin": lambda: (headers.clear(), events.append(("begin", b""))),
        "on_part_data": lambda data, start, end: events.append(("data", bytes(data[start:end]))),
        "on_part_end": lambda: events.append(("end", b"")),
        "on_header_field": on_header_field,
        "on_header_value": on_header_value,
        "on_header_end": on_header_end,
        "on_headers_finished": lambda: events.append(("headers", dict(headers))),
    }
    parser = MultipartParser(params[b"boundary"], callbacks)
    state: dict = {"kind": None}
    try:
        async for chunk in request.stream():
            parser.write(chunk)
            for kind, data in events:
                _event(kind, data, headers, state, result, temp_dir, max_file_bytes, max_files)
            events.clear()
        parser.finalize()
        for kind, data in events:
            _event(kind, data, headers, state, result, temp_dir, max_file_bytes, max_files)
    except ApiError:
        _close(state)
        result.discard()
        raise
    except Exception:  # noqa: BLE001 - a broken body is the client's error
        _close(state)
        result.discard()
        raise ApiError("VALIDATION_ERROR", "the multipart body could not be parsed") from None
    return result


def _close(state: dict) -> None:
    handle = state.get("handle")
    if handle is not None:
        handle.close()
        state["handle"] = None


def _event(kind: str, data, headers: dict, state: dict, result: ParsedUpload,
           temp_dir: Path, max_file_bytes: int, max_files: int) -> None:
    if kind == "headers":
        name, filename = _disposition(data)
        if filename is None:
            state.update(kind="field", name=name, buffer=bytearray())
            return
        if name != "files":
            state.update(kind="skip")
            return
        if len(result.files) >= max_files:
            raise ApiError("TOO_MANY_FILES", f"at most {max_files} files in one request")
        item = UploadedFile(filename=filename)
        result.files.append(item)
        try:
            item.filename = clean_name(filename)
        except ValueError as error:
            item.error_code, item.error = "INVALID_FILE_NAME", str(error)
            state.update(kind="skip")
            return
        item.temp_path = temp_dir / f"{uuid.uuid4().hex}.part"
        state.update(kind="file", item=item, handle=open(item.temp_path, "wb"),
                     digest=hashlib.sha256())
    elif kind == "data":
        if state["kind"] == "field":
            state["buffer"].extend(data)
            if len(state["buffer"]) > MAX_FIELD_BYTES:
                raise ApiError("VALIDATION_ERROR", f"form field {state['name']!r} is too long")
        elif state["kind"] == "file":
            item = state["item"]
            item.size_bytes += len(data)
            if item.size_bytes > max_file_bytes:
                _close(state)
                item.temp_path.unlink(missing_ok=True)
                item.temp_path = None
                item.error_code = "FILE_TOO_LARGE"
                item.error = f"over the {max_file_bytes // (1024 * 1024)} MB upload limit"
                state.update(kind="skip")
                return
            state["handle"].write(data)
            state["digest"].update(data)
    elif kind == "end":
        if state["kind"] == "field":
            result.fields[state["name"]] = bytes(state["buffer"]).decode("utf-8", "replace")
        elif state["kind"] == "file":
            _close(state)
            item = state["item"]
            item.sha256 = state["digest"].hexdigest()
            os.chmod(item.temp_path, 0o600)  # data, never executable
        state.clear()
        state["kind"] = None
