"""Open ZIP containers (DOCX, XLSX, PPTX, ODT, EPUB) only after checking the directory.

A zip bomb is refused from its central directory alone, before any member is inflated:
total declared size, per-member compression ratio and member count. Python's zipfile never
inflates past a member's declared size, so a lying directory cannot get around the check.
"""
from __future__ import annotations

import io
import zipfile

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError

MAX_TOTAL_UNCOMPRESSED = 512 * 1024 * 1024
MAX_MEMBER_UNCOMPRESSED = 256 * 1024 * 1024
MAX_RATIO = 200  # real office XML compresses ~10-30x; bombs are 1000x+
RATIO_MIN_BYTES = 4 * 1024 * 1024  # tiny members may have any ratio
MAX_MEMBERS = 20_000


def open_zip(content: bytes, what: str) -> zipfile.ZipFile:
    """A ZipFile over ``content`` whose directory passed the bomb checks."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ProcessingError(codes.CORRUPT_FILE, f"{what} container (ZIP) is damaged") from None
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
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise ProcessingError(codes.CORRUPT_FILE, f"{what} part {name} is damaged") from None
