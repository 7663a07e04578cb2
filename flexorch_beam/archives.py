"""Archives hold documents: a ZIP, tar or tar.gz is opened when it is read, and each member
document becomes a record of its own (one document, one record).

Pure (no Beam): :mod:`flexorch_beam.sources` turns what :func:`open_members` yields into
records. Records travel without their bytes, so Extract reads a member again: in a ZIP or
tar by its :class:`Span` (only the member's stored bytes, a ranged read on an object store;
:func:`unpack_span`), in a tar.gz by streaming to it (:func:`read_member`); the record's size
and SHA-256 are checked either way. Everything is bounded, with the limits of
:mod:`extract.zipguard`:

- the archive is checked as a whole before any member is handed out: its directory (ZIP)
  or a first pass over its headers (tar; a compressed tar is inflated at most to
  ``MAX_RATIO`` times its size, and never past ``MAX_TOTAL_UNCOMPRESSED``); member count
  ``MAX_MEMBERS``, encrypted members. An archive failing here is one failed record;
- a member larger than the per-file limit fails with ``FILE_TOO_LARGE`` without being read;
  a member that does not inflate fails with ``CORRUPT_FILE``; a link is not followed;
- an archive inside an archive is opened up to :data:`MAX_DEPTH` levels, deeper ones fail
  with ``UNSUPPORTED_FILE``; all levels share one count and one inflated-bytes budget.
"""
from __future__ import annotations

import gzip
import io
import posixpath
import struct
import tarfile
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import IO, Iterator, Optional

from flexorch_beam import codes, formats
from flexorch_beam.codes import ProcessingError
from flexorch_beam.extract.archive import document_members
from flexorch_beam.extract.zipguard import (
    MAX_MEMBERS,
    MAX_RATIO,
    MAX_TOTAL_UNCOMPRESSED,
    RATIO_MIN_BYTES,
    open_zip,
    read_member as read_zip_member,
)
from flexorch_beam.sniff import sniff_format

MAX_DEPTH = 3  # an archive in an archive in an archive
# fsspec's protocol for each container format: the member's source_uri is a chained URL
PROTOCOLS = {"zip": "zip", "tar": "tar", "tgz": "tar"}
_JUNK_NAMES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})


@dataclass(frozen=True)
class Span:
    """Where the outermost member's stored bytes lie in the archive file, so Extract reads
    just them (a ranged read on an object store), not the whole archive: ``method`` 0 stored,
    8 deflated (ZIP); ``size`` and ``crc`` of the inflated bytes (crc None in a tar)."""

    offset: int
    length: int
    method: int
    size: int
    crc: Optional[int] = None


@dataclass(frozen=True)
class MemberRef:
    """Where a member record's bytes are: the archive file as listed (``archive_uri``, the
    record form of its path), the member names from the outermost archive inwards, and the
    outermost member's span in the file when it has one (not in a tar.gz)."""

    archive_uri: str
    path: tuple[str, ...]
    span: Optional[Span] = None


@dataclass(frozen=True)
class Member:
    """One member as found: its names from the outermost archive in, the container format
    of each level, its bytes (None when it was not read) and its failure, if any."""

    path: tuple[str, ...]
    containers: tuple[str, ...]
    content: Optional[bytes] = None
    size: Optional[int] = None
    failure: Optional[tuple[str, str]] = None
    span: Optional[Span] = None  # of path[0] in the archive file


@dataclass
class _Budget:
    members: int = MAX_MEMBERS
    inflated: int = MAX_TOTAL_UNCOMPRESSED


@dataclass
class _Listing:
    """An archive that passed its whole-archive checks: the regular members' names and
    sizes, and the ones that are not regular files (links, devices)."""

    fmt: str
    content: bytes
    members: list[tuple[str, int, bool]] = field(default_factory=list)  # name, size, regular
    archive: Optional[zipfile.ZipFile] = None  # a ZIP's directory, parsed once
    spans: dict[str, Span] = field(default_factory=dict)  # name -> stored bytes in the file


def chained_uri(archive_uri: str, path: tuple[str, ...], containers: tuple[str, ...]) -> str:
    """fsspec's chained URL of a member: ``zip://b.pdf::zip://inner.zip::/data/batch.zip``."""
    uri = archive_uri
    for name, container in zip(path, containers):
        uri = f"{PROTOCOLS[container]}://{name}::{uri}"
    return uri


def open_members(content: bytes, fmt: str, max_member_bytes: int) -> Iterator[Member]:
    """The members of an archive, nested archives opened in place. Raises ProcessingError
    (before yielding anything) when the archive fails as a whole; a member's own problem is
    a Member with a failure."""
    budget = _Budget()
    listing = _list(content, fmt, budget)
    return _walk(listing, (), (), max_member_bytes, budget, 1, None)


def read_member(content: bytes, path: tuple[str, ...], max_member_bytes: int,
                depth: int = 1) -> bytes:
    """One member's bytes again, down ``path`` from the outermost archive's bytes. A ZIP's
    directory is checked again; a tar is streamed (capped as when listed) only up to the
    member, not listed again: the caller compares size and SHA-256 with the record's."""
    for depth, name in enumerate(path, start=depth):
        fmt = sniff_format(content, "")
        if fmt not in formats.CONTAINERS or depth > MAX_DEPTH:
            raise ProcessingError(codes.READ_ERROR, "archive member is no longer where it was")
        content = _read(_Listing(fmt, content), name, max_member_bytes)
    return content


def _walk(listing: _Listing, path: tuple[str, ...], containers: tuple[str, ...],
          limit: int, budget: _Budget, depth: int, span: Optional[Span]) -> Iterator[Member]:
    level = containers + (listing.fmt,)
    for name, size, data, failure in _contents(listing, limit):
        here = path + (name,)
        where = listing.spans.get(name) if depth == 1 else span
        if data is None:
            yield Member(here, level, size=size, failure=failure, span=where)
            continue
        fmt = sniff_format(data, name)
        if fmt not in formats.CONTAINERS:
            yield Member(here, level, content=data, size=len(data), span=where)
            continue
        if depth >= MAX_DEPTH:
            yield Member(here, level, content=data, size=len(data), span=where, failure=(
                codes.UNSUPPORTED_FILE,
                f"archive nested deeper than {MAX_DEPTH} levels is not opened"))
            continue
        try:
            inner = _list(data, fmt, budget)
        except ProcessingError as error:  # the inner archive fails as a whole: one record
            yield Member(here, level, content=data, size=len(data), span=where,
                         failure=(error.code, error.summary))
            continue
        yield from _walk(inner, here, level, limit, budget, depth + 1, where)


def _contents(listing: _Listing, limit: int) -> Iterator[
        tuple[str, int, Optional[bytes], Optional[tuple[str, str]]]]:
    """(name, size, bytes or None, failure) for each listed member, in one pass over the
    archive: a ZIP through its directory, a tar streamed once (not once per member)."""
    def refused(size: int, regular: bool) -> Optional[tuple[str, str]]:
        if not regular:
            return (codes.UNSUPPORTED_FILE, "a link or special file inside the archive is not followed")
        if size > limit:
            return (codes.FILE_TOO_LARGE, f"archive member is {size / 1048576:.1f} MiB, over the "
                    f"{limit / 1048576:g} MiB limit; not read")
        return None

    if listing.fmt == "zip":
        for name, size, regular in listing.members:
            failure = refused(size, regular)
            if failure is None:
                try:
                    yield name, size, _read(listing, name, limit), None
                except ProcessingError as error:
                    yield name, size, None, (error.code, error.summary)
            else:
                yield name, size, None, failure
        return
    wanted = {name: (size, regular) for name, size, regular in listing.members}
    found: dict[str, tuple[Optional[bytes], Optional[tuple[str, str]]]] = {}
    try:
        for info, tar in _tar_stream(listing.content, listing.fmt, _Budget()):
            if info.name not in wanted or info.name in found:
                continue
            failure = refused(*wanted[info.name])
            if failure is not None:
                found[info.name] = (None, failure)
                continue
            try:
                found[info.name] = (_tar_data(listing.fmt, info, tar, limit), None)
            except ProcessingError as error:
                found[info.name] = (None, (error.code, error.summary))
    except ProcessingError as error:  # damaged past the members already read
        rest = (error.code, error.summary)
    else:
        rest = (codes.CORRUPT_FILE, f"{listing.fmt} archive lacks this member on a second read")
    for name, size, _regular in listing.members:
        data, failure = found.get(name, (None, rest))
        yield name, size, data, failure


def _tar_data(fmt: str, info: tarfile.TarInfo, tar: tarfile.TarFile, limit: int) -> bytes:
    if info.size > limit:
        raise ProcessingError(codes.FILE_TOO_LARGE, "archive member is over the size limit")
    handle = tar.extractfile(info)
    data = handle.read(limit + 1) if handle is not None else b""
    if len(data) != info.size:
        raise ProcessingError(codes.CORRUPT_FILE, f"{fmt} archive member is truncated")
    return data


def _list(content: bytes, fmt: str, budget: _Budget) -> _Listing:
    what = f"{fmt} archive"
    listing = _Listing(fmt, content)
    if fmt == "zip":
        archive = listing.archive = open_zip(content, what)
        infos = document_members(archive)
        budget.inflated -= sum(info.file_size for info in infos)
        listing.members = [(info.filename, info.file_size, True) for info in infos]
        listing.spans = {info.filename: span for info in infos
                         if (span := _zip_span(content, info)) is not None}
    elif fmt in ("tar", "tgz"):
        for info in _tar_infos(content, fmt, budget):
            if info.isdir() or _junk(info.name):
                continue
            listing.members.append((info.name, info.size, info.isreg()))
            if fmt == "tar" and info.isreg():
                listing.spans.setdefault(info.name, Span(info.offset_data, info.size, 0, info.size))
    else:
        raise ProcessingError(codes.UNSUPPORTED_FILE, f"format '{fmt}' is not an archive")
    seen: set[str] = set()  # a name twice (an appended copy): the first one only, one record
    listing.members = [m for m in listing.members if not (m[0] in seen or seen.add(m[0]))]
    if not listing.members:
        raise ProcessingError(codes.UNPROCESSABLE, f"{what} holds no files")
    budget.members -= len(listing.members)
    if budget.members < 0:
        raise ProcessingError(
            codes.UNPROCESSABLE, f"{what} and the archives around it hold more than "
            f"{MAX_MEMBERS} members")
    if budget.inflated < 0:
        raise ProcessingError(
            codes.UNPROCESSABLE, f"{what} looks like a zip bomb: members expand to more than "
            f"{MAX_TOTAL_UNCOMPRESSED // (1024 * 1024)} MB")
    return listing


_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, ..., name length, extra length


def _zip_span(content: bytes, info: zipfile.ZipInfo) -> Optional[Span]:
    """The member's stored bytes in ``content``, from its local header; None when the
    header is not where the directory says (a salvaged archive) or the method is not
    stored/deflated."""
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return None
    start = info.header_offset
    if start + _LOCAL_HEADER.size > len(content):
        return None
    signature, name_length, extra_length = _LOCAL_HEADER.unpack_from(content, start)
    name = content[start + _LOCAL_HEADER.size : start + _LOCAL_HEADER.size + name_length]
    encoding = "utf-8" if info.flag_bits & 0x800 else "cp437"
    if signature != b"PK\x03\x04" or name.decode(encoding, "replace") != info.orig_filename:
        return None
    offset = start + _LOCAL_HEADER.size + name_length + extra_length
    if offset + info.compress_size > len(content):
        return None
    return Span(offset, info.compress_size, info.compress_type, info.file_size, info.CRC)


def unpack_span(stored: bytes, span: Span) -> bytes:
    """A member's bytes from its stored bytes (read by :class:`Span`), inflated no further
    than its declared size and checked against it (and its CRC in a ZIP)."""
    if len(stored) != span.length:
        raise ProcessingError(codes.READ_ERROR, "archive changed after it was listed")
    if span.method == zipfile.ZIP_DEFLATED:
        try:
            data = zlib.decompressobj(-15).decompress(stored, span.size + 1)
        except zlib.error:
            raise ProcessingError(codes.CORRUPT_FILE, "zip archive member is damaged") from None
    else:
        data = stored
    if len(data) != span.size or (span.crc is not None and zlib.crc32(data) != span.crc):
        raise ProcessingError(codes.READ_ERROR, "archive changed after it was listed")
    return data


def _junk(name: str) -> bool:
    base = posixpath.basename(name.rstrip("/"))
    return base in _JUNK_NAMES or base.startswith("._") or name.startswith("__MACOSX/")


def _read(listing: _Listing, name: str, limit: int) -> bytes:
    """A regular member's bytes (a member over ``limit`` is refused unread)."""
    if listing.fmt == "zip":
        archive = listing.archive or open_zip(listing.content, "zip archive")
        try:
            size = archive.getinfo(name).file_size
        except KeyError:
            raise ProcessingError(codes.READ_ERROR, "archive member is not in the archive") from None
        if size > limit:
            raise ProcessingError(codes.FILE_TOO_LARGE, "archive member is over the size limit")
        return read_zip_member(archive, name, "zip archive")
    for info, tar in _tar_stream(listing.content, listing.fmt, _Budget()):
        if info.name == name and info.isreg():
            return _tar_data(listing.fmt, info, tar, limit)
    raise ProcessingError(codes.READ_ERROR, "archive member is not in the archive")


class _Capped(io.RawIOBase):
    """A read-only stream that fails once more than ``cap`` bytes came out of it: a
    compressed tar cannot inflate without bound while its headers are walked."""

    def __init__(self, inner: IO[bytes], cap: int, what: str) -> None:
        self._inner, self._cap, self._what, self.count = inner, cap, what, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # noqa: ANN001 - a writable buffer
        data = self._inner.read(len(buffer))
        self.count += len(data)
        if self.count > self._cap:
            raise ProcessingError(
                codes.UNPROCESSABLE,
                f"{self._what} looks like a zip bomb: it inflates past "
                f"{self._cap // (1024 * 1024)} MB")
        buffer[: len(data)] = data
        return len(data)


def _tar_stream(content: bytes, fmt: str, budget: _Budget) -> Iterator[tuple[tarfile.TarInfo, tarfile.TarFile]]:
    """Walk a tar's members: a plain tar (already in memory) by its headers; a tar.gz in
    stream mode (never seeking), inflating at most ``MAX_RATIO`` times the compressed size
    (and at most the shared budget)."""
    what = f"{fmt} archive"
    stream: Optional[_Capped] = None
    try:
        if fmt == "tar":  # already in memory and not compressed: headers read, data seeked over
            opened = tarfile.open(fileobj=io.BytesIO(content), mode="r:")
        else:
            cap = min(budget.inflated, max(RATIO_MIN_BYTES, MAX_RATIO * len(content)))
            stream = _Capped(gzip.GzipFile(fileobj=io.BytesIO(content)), cap, what)
            opened = tarfile.open(fileobj=io.BufferedReader(stream, 1 << 16), mode="r|")
        with opened as tar:
            for count, info in enumerate(tar, start=1):
                if count > MAX_MEMBERS:
                    raise ProcessingError(
                        codes.UNPROCESSABLE, f"{what} has over {MAX_MEMBERS} members")
                yield info, tar
    except ProcessingError:
        raise
    except (tarfile.TarError, EOFError, OSError, zlib.error, ValueError) as error:
        raise ProcessingError(
            codes.CORRUPT_FILE, f"{what} is damaged ({type(error).__name__})") from None
    budget.inflated -= stream.count if stream is not None else len(content)


def _tar_infos(content: bytes, fmt: str, budget: _Budget) -> list[tarfile.TarInfo]:
    return [info for info, _tar in _tar_stream(content, fmt, budget)]
