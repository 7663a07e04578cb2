"""Where documents come from: fsspec globs, a code-runtime manifest, and bounded reads.

Listing never opens a file. The launcher only checks that each glob matches something (so an
empty glob is a clear error before the job starts); the workers expand globs again inside the
pipeline, so a bucket of millions of objects never becomes a giant in-graph ``Create``.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import posixpath
import stat
from dataclasses import dataclass
from typing import IO, Any, Iterable, Iterator, Optional, Union

import fsspec
from fsspec.core import split_protocol
from fsspec.registry import get_filesystem_class

from flexorch_beam import archives, codes, formats, local_files, sniff
from flexorch_beam.codes import ProcessingError
from flexorch_beam.config import ExtractOptions, InputOptions
from flexorch_beam.paths import escape_path, unescape_path
from flexorch_beam.record import Record, document_id, evolve, fail, job_id

_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class SourceFile:
    """A file to process, as listed (never read) on the launcher or a worker.

    ``uri`` and ``file_name`` are in the escaped record form of :mod:`flexorch_beam.paths`
    (always valid UTF-8); ``root`` is the resolved input folder a local file was listed
    under (symlinks must not lead out of it); ``problem`` is set when listing itself failed
    (a folder that could not be read), so the record fails with that summary.
    """

    uri: str
    file_name: str
    size_bytes: Optional[int] = None
    content_type: Optional[str] = None
    metadata: Optional[str] = None  # JSON object carried into the record
    root: Optional[str] = None
    problem: Optional[str] = None


class EmptyInputError(ValueError):
    """The inputs matched no file: raised before the job starts."""


def is_glob(pattern: str) -> bool:
    return any(ch in _GLOB_CHARS for ch in pattern)


def filesystem(uri: str) -> tuple[fsspec.AbstractFileSystem, str]:
    """The filesystem and path of one uri. Unlike ``fsspec.core.url_to_fs`` this never reads
    ``::`` as fsspec's URL chaining: ``a::b.txt`` is a file name."""
    protocol, _ = split_protocol(uri)
    cls = get_filesystem_class(protocol)
    fs = fsspec.filesystem(protocol or "file", **cls._get_kwargs_from_urls(uri))
    return fs, cls._strip_protocol(uri)


def _uri(fs: fsspec.AbstractFileSystem, path: str, pattern: str) -> str:
    """Keep local paths plain (as the user wrote them) and remote ones fully qualified."""
    if "://" not in pattern:
        return path
    # Keep the scheme the user wrote: fsspec would name az:// files abfs:// (adlfs' first
    # protocol), and the record's source_uri must be the path the user can open again.
    scheme = pattern.split("://", 1)[0]
    stripped = fs.unstrip_protocol(path).split("://", 1)[1]
    return f"{scheme}://{stripped}"


def _source(uri: str, file_name: str, **fields: Any) -> SourceFile:
    return SourceFile(uri=escape_path(uri), file_name=escape_path(file_name), **fields)


def expand_glob(
    pattern: str, follow_symlinks: bool = False, exclude: tuple[str, ...] = ()
) -> Iterator[SourceFile]:
    """Files matching ``pattern`` with their listed sizes; directories are skipped.

    A pattern without glob characters is taken literally: a missing literal path still
    yields one SourceFile (size unknown), which the read step turns into READ_ERROR, so a
    file the user named is never dropped silently. Local patterns are walked by
    :mod:`flexorch_beam.local_files` (symlinks, non-regular files, unreadable folders);
    ``exclude`` holds output folders that are never listed.
    """
    local = local_files.local_path(pattern)
    if local is not None:
        yield from _expand_local(pattern, local, follow_symlinks, exclude)
        return
    fs, path = filesystem(pattern)
    if not is_glob(path):
        try:
            info = fs.info(path)
        except (FileNotFoundError, OSError):
            yield _source(pattern, posixpath.basename(path.rstrip("/")))
            return
        if info.get("type") == "directory":
            yield from expand_glob(pattern.rstrip("/") + "/**", follow_symlinks, exclude)
            return
        yield _source(_uri(fs, info.get("name", path), pattern), posixpath.basename(path),
                      size_bytes=info.get("size"))
        return
    skip = tuple(
        filesystem(folder)[1].rstrip("/") + "/" for folder in exclude
        if split_protocol(folder)[0] == split_protocol(pattern)[0]
    )
    try:
        listed = sorted(fs.glob(path, detail=True).items())
    except OSError as error:  # e.g. no permission on a prefix: one record, not a crash
        yield _source(pattern, posixpath.basename(path.split("*", 1)[0].rstrip("/")),
                      problem=f"listing failed ({type(error).__name__}); nothing under it was read")
        return
    for name, info in listed:
        if info.get("type") == "directory" or name.startswith(skip):
            continue
        yield _source(_uri(fs, name, pattern), posixpath.basename(name),
                      size_bytes=info.get("size"))


def _expand_local(
    pattern: str, path: str, follow_symlinks: bool, exclude: tuple[str, ...]
) -> Iterator[SourceFile]:
    prefix = pattern[: len(pattern) - len(path)]  # "file://" or ""
    path = os.path.abspath(path)  # absolute, normalised, no trailing slash (files only)
    local_exclude = tuple(
        p for p in (local_files.local_path(folder) for folder in exclude) if p is not None
    )
    if not is_glob(path):
        if os.path.isdir(path):
            path = path.rstrip("/") + "/**"  # a folder: everything under it
        else:
            yield _source(
                prefix + path if os.path.lexists(path) else pattern,
                posixpath.basename(path.rstrip("/")),
                size_bytes=_regular_size(path),
                root=os.path.realpath(os.path.dirname(path)),
            )
            return
    for entry in local_files.walk_glob(path, follow_symlinks, local_exclude):
        yield _source(prefix + entry.path, posixpath.basename(entry.path),
                      size_bytes=entry.size_bytes, root=entry.root, problem=entry.problem)


def _regular_size(path: str) -> Optional[int]:
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def check_globs(
    patterns: Iterable[str], follow_symlinks: bool = False, exclude: tuple[str, ...] = ()
) -> None:
    """Fail before the job starts when an input glob matches no file (each --input must
    match something; a literal path always counts: it yields a READ_ERROR record)."""
    patterns = list(patterns)
    if not patterns:
        raise EmptyInputError("no --input glob and no --manifest given")
    empty = [
        pattern for pattern in patterns
        if is_glob(pattern.split("://", 1)[-1])
        and next(expand_glob(pattern, follow_symlinks, exclude), None) is None
    ]
    if len(empty) == 1:
        raise EmptyInputError(f"no files match --input {empty[0]!r}")
    if empty:
        raise EmptyInputError(f"no files match --input {empty}")


def parse_manifest(stream: IO[str]) -> list[SourceFile]:
    """The code-runtime manifest: ``{"files":[{path, original_name, content_type,
    size_bytes}], "metadata":{...}}``; metadata goes into every record."""
    try:
        manifest: Any = json.load(stream)
    except ValueError as error:
        raise ValueError(f"manifest is not valid JSON: {error.msg} at line {error.lineno}") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), list):
        raise ValueError("manifest must be an object with a 'files' list")
    metadata = manifest.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise ValueError("manifest 'metadata' must be an object")
    metadata_json = (
        json.dumps(metadata, sort_keys=True, ensure_ascii=False) if metadata else None
    )
    files = []
    for index, entry in enumerate(manifest["files"]):
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
            raise ValueError(f"manifest files[{index}] needs a 'path' string")
        size = entry.get("size_bytes")
        files.append(
            _source(
                entry["path"],
                entry.get("original_name") or posixpath.basename(entry["path"]),
                size_bytes=int(size) if isinstance(size, (int, float)) else None,
                content_type=entry.get("content_type"),
                metadata=metadata_json,
            )
        )
    if not files:
        raise EmptyInputError("the manifest lists no files")
    return files


def utc_now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="milliseconds")


def new_record(source: SourceFile, config: InputOptions) -> Record:
    return Record(
        id=job_id(config.run_id, source.uri),
        document_id=None,
        source_uri=source.uri,
        file_name=source.file_name,
        size_bytes=source.size_bytes,
        metadata=source.metadata,
        run_id=config.run_id,
        created_at=utc_now(),
    )


def expand_archive(record: Record, config: InputOptions) -> Iterator[Record]:
    """The records of an archive just read (``record`` holds its bytes): one per member
    document (see :mod:`flexorch_beam.archives`), or the archive's own record, failed, when
    it fails as a whole (damaged, a bomb, encrypted, no files)."""
    try:
        members = archives.open_members(record.content or b"", record.format or "",
                                        config.max_file_bytes)
    except ProcessingError as error:
        yield fail(record, error.code, error.summary)
        return
    for member in members:
        yield member_record(record, member, config)


def member_record(archive: Record, member: archives.Member,
                     config: InputOptions) -> Record:
    """A member's record: its source_uri the fsspec chained URL, its metadata the archive's
    (the manifest's, if any) plus ``"archive"``: the archive's uri, format and the member's
    path in it."""
    archive_uri = unescape_path(archive.source_uri)
    uri = archives.chained_uri(archive_uri, member.path, member.containers)
    carried = json.loads(archive.metadata) if archive.metadata else {}
    carried["archive"] = {"uri": archive.source_uri, "format": archive.format,
                          "path": [escape_path(name) for name in member.path]}
    source = _source(uri, posixpath.basename(member.path[-1].rstrip("/")),
                     size_bytes=member.size,
                     metadata=json.dumps(carried, sort_keys=True, ensure_ascii=False))
    record = evolve(new_record(source, config),
                       member=archives.MemberRef(archive.source_uri, member.path, member.span))
    if member.content is not None:
        record = describe_content(record, member.content)
    if member.failure is not None:
        record = fail(record, *member.failure)
    return record


def _read_bounded(uri: str, limit: int) -> bytes:
    """Read at most ``limit + 1`` bytes so a file that grew past the limit is caught too."""
    fs, path = filesystem(uri)
    with fs.open(path, "rb") as handle:
        return local_files.read_at_most(handle, limit + 1)


def _too_large(record: Record, size: int, config: InputOptions) -> Record:
    return fail(
        evolve(record, size_bytes=size),
        codes.FILE_TOO_LARGE,
        f"file is {size / 1048576:.1f} MiB, over the {config.max_file_mb:g} MiB limit; not read",
    )


def read_source(source: SourceFile, config: InputOptions) -> Record:
    """Read one file into a new Record: size check first, then bytes, hash and format.

    Never raises for a per-file problem: it returns a failed record instead. Local files
    are checked before they are opened (regular files only; symlinks only inside the input
    folder unless ``config.follow_symlinks``), see :mod:`flexorch_beam.local_files`.
    """
    record = new_record(source, config)
    if source.problem:
        return fail(record, codes.READ_ERROR, source.problem)
    limit = config.max_file_bytes
    uri = unescape_path(source.uri)
    local = local_files.local_path(uri)
    try:
        if source.size_bytes is not None and source.size_bytes > limit:
            return _too_large(record, source.size_bytes, config)
        if local is not None:
            size, content = local_files.read_local(local, limit, source.root, config.follow_symlinks)
            if content is None:
                return _too_large(record, size, config)
        else:
            size = source.size_bytes
            if size is None:
                fs, path = filesystem(uri)
                size = fs.info(path).get("size")
            if size is not None and size > limit:
                return _too_large(record, size, config)
            content = _read_bounded(uri, limit)
    except ProcessingError as error:
        return fail(record, error.code, error.summary)
    except FileNotFoundError:
        return fail(record, codes.READ_ERROR, "file not found at its path")
    except IsADirectoryError:
        return fail(record, codes.READ_ERROR, "path is a directory, not a file")
    except PermissionError:
        return fail(record, codes.READ_ERROR, "permission denied reading the file")
    except (OSError, ValueError) as error:
        return fail(record, codes.READ_ERROR, f"could not read the file ({type(error).__name__})")
    if len(content) > limit:
        return _too_large(record, len(content), config)
    return describe_content(record, content)


def describe_content(record: Record, content: bytes) -> Record:
    """Hash and sniff the bytes; fail empty and unsupported files right away."""
    digest = hashlib.sha256(content).hexdigest()
    fmt = sniff.sniff_format(content, record.file_name)
    record = evolve(
        record,
        size_bytes=len(content),
        sha256=digest,
        document_id=document_id(digest),
        format=fmt,
        mime_type=sniff.mime_type(fmt),
        content=content,
    )
    declared = formats.get(fmt)
    if declared is not None and declared.early_failure is not None:
        return fail(record, *declared.early_failure)
    return record


def release_bytes(record: Record) -> Record:
    """The record without its bytes, as ReadDocuments emits it: between Read and Extract
    sits the barrier of MarkDuplicates' side input, which materialises the whole PCollection
    (in the runner's memory on the DirectRunner, in shuffle storage on Dataflow). Carrying
    references instead of bytes keeps that, and every worker, independent of corpus size;
    Extract reads the file again (:func:`fetch_content`)."""
    return record if record.content is None else evolve(record, content=None)


def fetch_content(record: Record, config: Union[InputOptions, ExtractOptions]) -> bytes:
    """The bytes of an already listed, hashed and sniffed file, read again for extraction.
    A file that changed since (other size or SHA-256) is not processed: its record would
    describe one file and hold the text of another."""
    limit = config.max_file_bytes
    member = record.member
    uri = unescape_path(member.archive_uri if member is not None else record.source_uri)
    local = local_files.local_path(uri)
    try:
        if member is not None and member.span is not None:
            content = _read_span(uri, local, member, limit)
        elif local is not None:
            # Links were vetted when the file was listed and hashed; the hash check below
            # refuses anything else. Non-regular files are still never opened.
            content = local_files.read_local(local, limit, None, True)[1] or b""
        else:
            content = _read_bounded(uri, limit)
    except ProcessingError:
        raise
    except FileNotFoundError:
        raise ProcessingError(codes.READ_ERROR, "file disappeared after it was listed") from None
    except PermissionError:
        raise ProcessingError(codes.READ_ERROR, "permission denied reading the file") from None
    except (OSError, ValueError) as error:
        raise ProcessingError(
            codes.READ_ERROR, f"could not read the file again ({type(error).__name__})"
        ) from None
    if member is not None and member.span is None:
        content = archives.read_member(content, member.path, limit)
    if len(content) != record.size_bytes or hashlib.sha256(content).hexdigest() != record.sha256:
        raise ProcessingError(
            codes.READ_ERROR,
            "file changed after it was listed and hashed (size or SHA-256 differ); not processed",
        )
    return content


def _read_span(uri: str, local: Optional[str], member: archives.MemberRef, limit: int) -> bytes:
    """An archive member read again through its span: only its stored bytes are read from
    the archive file (a ranged read on an object store), then the path below it in memory."""
    span = member.span
    if local is not None:
        stored = local_files.read_local_range(local, span.offset, span.length)
    else:
        fs, path = filesystem(uri)
        with fs.open(path, "rb") as handle:
            handle.seek(span.offset)
            stored = local_files.read_at_most(handle, span.length)
    content = archives.unpack_span(stored, span)
    if len(member.path) > 1:
        content = archives.read_member(content, member.path[1:], limit, depth=2)
    return content


def read_error(source: SourceFile, config: InputOptions, error: BaseException) -> Record:
    """Last-resort record for an unexpected error while reading (never loses the file)."""
    code = error.code if isinstance(error, ProcessingError) else codes.INTERNAL_ERROR
    return fail(new_record(source, config), code, f"reading failed ({type(error).__name__})")
