"""Open ZIP containers (DOCX, XLSX, PPTX, ODT, EPUB) only after checking the directory.

A zip bomb is refused from its central directory alone, before any member is inflated:
total declared size, per-member compression ratio and member count. Python's zipfile never
inflates past a member's declared size, so a lying directory cannot get around the check.

A container whose central directory is damaged or missing (a download cut short, a broken
copy) is salvaged from its local file headers: each member that still inflates is rebuilt
into a fresh archive, with the output capped at :data:`MAX_SALVAGED` bytes, and the bomb
checks then run on the rebuilt directory as on any other.
"""
from __future__ import annotations

import io
import struct
import zipfile
import zlib
from typing import Optional

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError

MAX_TOTAL_UNCOMPRESSED = 512 * 1024 * 1024
MAX_MEMBER_UNCOMPRESSED = 256 * 1024 * 1024
MAX_RATIO = 200  # real office XML compresses ~10-30x; bombs are 1000x+
RATIO_MIN_BYTES = 4 * 1024 * 1024  # tiny members may have any ratio
MAX_MEMBERS = 20_000
MAX_SALVAGED = 128 * 1024 * 1024  # bytes inflated while rebuilding a damaged container
_LOCAL = b"PK\x03\x04"
_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")


def salvage(content: bytes) -> Optional[bytes]:
    """A new ZIP of the members readable from local headers, or None when none is. Linear:
    the scan moves forward past each member's data, or to the next header signature, and no
    slice of the input is copied (memoryview)."""
    view = memoryview(content)
    members: list[tuple[str, bytes]] = []
    budget = MAX_SALVAGED
    position = content.find(_LOCAL)
    while 0 <= position and position + _LOCAL_HEADER.size <= len(content):
        if len(members) >= MAX_MEMBERS:
            break
        (_sig, _version, flags, method, _time, _date, _crc, csize, _usize, name_len,
         extra_len) = _LOCAL_HEADER.unpack_from(content, position)
        if flags & 0x1:
            return None  # encrypted members: nothing to salvage
        name_start = position + _LOCAL_HEADER.size
        name = bytes(view[name_start : name_start + name_len])
        start = name_start + name_len + extra_len
        sized = bool(csize) and not flags & 0x8  # the header says where the data ends
        end = start + csize if sized else start
        data: Optional[bytes] = None
        if method == 8:
            inflater = zlib.decompressobj(-15)
            try:
                data = inflater.decompress(view[start:end] if sized else view[start:], budget + 1)
            except zlib.error:
                data = None
            if data is not None and len(data) > budget:
                break  # past the salvage cap: keep what was rebuilt so far
            if data is not None and not sized and inflater.eof:
                end = len(content) - len(inflater.unused_data)
        elif method == 0 and sized:
            data = bytes(view[start:end])
        if data is not None and name and not name.endswith(b"/"):
            budget -= len(data)
            members.append((name.decode("utf-8", "replace"), data))
        position = content.find(_LOCAL, max(end, start))
    if not members:
        return None
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as rebuilt:
        seen: set[str] = set()
        for name, data in members:
            if name not in seen:
                seen.add(name)
                rebuilt.writestr(name, data)
    return buffer.getvalue()


def open_zip(content: bytes, what: str) -> zipfile.ZipFile:
    """A ZipFile over ``content`` whose directory passed the bomb checks."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        rebuilt = salvage(content)
        if rebuilt is None:
            raise ProcessingError(codes.CORRUPT_FILE, f"{what} container (ZIP) is damaged") from None
        archive = zipfile.ZipFile(io.BytesIO(rebuilt))
        infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise ProcessingError(
            codes.UNPROCESSABLE, f"{what} has {len(infos)} archive members (limit {MAX_MEMBERS})"
        )
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise ProcessingError(codes.ENCRYPTED_FILE, f"{what} archive members are encrypted")
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_MEMBER_UNCOMPRESSED or (
            info.file_size > RATIO_MIN_BYTES and ratio > MAX_RATIO
        ):
            raise ProcessingError(
                codes.UNPROCESSABLE,
                f"{what} looks like a zip bomb: one member expands to "
                f"{info.file_size // (1024 * 1024)} MB (ratio {ratio:.0f}:1)",
            )
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise ProcessingError(
            codes.UNPROCESSABLE,
            f"{what} looks like a zip bomb: members expand to {total // (1024 * 1024)} MB "
            f"(limit {MAX_TOTAL_UNCOMPRESSED // (1024 * 1024)} MB)",
        )
    return archive


def read_member(archive: zipfile.ZipFile, name: str, what: str) -> bytes:
    try:
        return archive.read(name)
    except KeyError:
        raise ProcessingError(codes.CORRUPT_FILE, f"{what} lacks its part {name}") from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, zlib.error):
        raise ProcessingError(codes.CORRUPT_FILE, f"{what} part {name} is damaged") from None
