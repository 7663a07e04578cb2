"""Local folders: a listing and a read that only ever open regular files inside the input.

fsspec's local glob follows symlinks (a ``link -> /etc/passwd`` would be published), lists
FIFOs and devices as files (opening a FIFO blocks forever) and skips folders it cannot list
without a word. Here:

- the walk never descends through a symlinked folder unless ``follow_symlinks`` (and then
  never twice into the same folder, so link loops end);
- every entry that matches the glob is yielded, whatever its type: the read decides, so a
  refused entry still becomes a record;
- a folder that cannot be listed is yielded too, with ``problem`` set (a failed record);
- the read ``lstat``s first: a symlink whose target lies outside the input root, a FIFO, a
  device, a socket or a folder fails without being opened. The file is then opened with
  ``O_NOFOLLOW | O_NONBLOCK`` and ``fstat``ed, so a file swapped for a link or a FIFO after
  the check is refused as well.
"""
from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from typing import Callable, Iterator, Optional

from fsspec.utils import glob_translate

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError

_READ_CHUNK = 1 << 20
_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
_LOCAL_SCHEMES = ("file://", "local://")


@dataclass(frozen=True)
class LocalEntry:
    """One listed entry: a path (as the OS takes it) and what the listing knows of it."""

    path: str
    size_bytes: Optional[int]
    root: str  # the resolved input root the entry must stay inside
    problem: Optional[str] = None  # set for a folder that could not be listed


def local_path(uri: str) -> Optional[str]:
    """The OS path of a local uri (plain path or file://), None for any other scheme."""
    if "://" not in uri:
        return uri
    for scheme in _LOCAL_SCHEMES:
        if uri.startswith(scheme):
            return uri[len(scheme):]
    return None


def _first_glob_char(path: str) -> int:
    positions = [path.find(ch) for ch in "*?[" if ch in path]
    return min(positions) if positions else -1


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip("/") + "/")


def _why(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    return type(error).__name__


def walk_glob(
    pattern: str,
    follow_symlinks: bool = False,
    exclude: tuple[str, ...] = (),
) -> Iterator[LocalEntry]:
    """Entries matching an absolute local glob (fsspec's glob syntax, '**' recursive).

    The input root is the pattern's folder part before the first glob character;
    ``exclude`` holds resolved folders (the run's output) that are never entered.
    """
    index = _first_glob_char(pattern)
    root = pattern[:index].rsplit("/", 1)[0] or "/"
    matcher = re.compile(glob_translate(pattern))
    max_depth = None if "**" in pattern else pattern[len(root):].strip("/").count("/") + 1
    root_real = os.path.realpath(root)
    excluded = {os.path.realpath(path) for path in exclude}
    if not os.path.isdir(root) or any(_inside(root_real, folder) for folder in excluded):
        return
    seen = {_dir_key(root)}
    stack: list[tuple[str, int]] = [(root, 0)]
    while stack:
        folder, depth = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            yield LocalEntry(
                path=folder, size_bytes=None, root=root_real,
                problem=f"folder could not be listed ({_why(error)}); the files in it were not read",
            )
            continue
        children: list[tuple[str, int]] = []
        for entry in entries:
            path = folder.rstrip("/") + "/" + entry.name
            descend = _descend(entry, follow_symlinks, seen)
            if descend:
                if os.path.realpath(path) in excluded:
                    continue
                if max_depth is None or depth + 1 < max_depth:
                    children.append((path, depth + 1))
                continue
            if entry.is_symlink() and _is_dir(path):
                if follow_symlinks or _inside(os.path.realpath(path), root_real):
                    continue  # that folder is (or was) walked where it really is
            if matcher.match(path):
                yield LocalEntry(path=path, size_bytes=_regular_size(entry), root=root_real)
        stack.extend(reversed(children))


def _dir_key(path: str) -> tuple[int, int]:
    info = os.stat(path)
    return (info.st_dev, info.st_ino)


def _is_dir(path: str) -> bool:
    try:
        return os.path.isdir(path)
    except OSError:
        return False


def _descend(entry: os.DirEntry, follow_symlinks: bool, seen: set) -> bool:
    """Whether the walk goes into this entry: real folders always, linked ones only when
    following links, and no folder twice (a link loop)."""
    try:
        if entry.is_dir(follow_symlinks=False):
            info = entry.stat(follow_symlinks=False)
            seen.add((info.st_dev, info.st_ino))
            return True
        if not (follow_symlinks and entry.is_symlink() and entry.is_dir(follow_symlinks=True)):
            return False
        key = _dir_key(entry.path)
    except OSError:
        return False
    if key in seen:
        return False
    seen.add(key)
    return True


def _regular_size(entry: os.DirEntry) -> Optional[int]:
    try:
        info = entry.stat(follow_symlinks=False)
    except OSError:
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) else None


_KINDS: tuple[tuple[Callable[[int], bool], str], ...] = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def _not_regular(mode: int) -> ProcessingError:
    return ProcessingError(
        codes.UNSUPPORTED_FILE, f"path is {_kind(mode)}, not a regular file; not opened"
    )


def check_local(path: str, root: Optional[str], follow_symlinks: bool) -> tuple[str, os.stat_result]:
    """The path to open and its stat, or a ProcessingError: only regular files, and links
    only when their target stays inside ``root`` (the file's own folder when None)."""
    info = os.lstat(path)  # FileNotFoundError: the caller says what a missing file means
    target = path
    is_link = stat.S_ISLNK(info.st_mode)
    if is_link or (root is not None and not follow_symlinks):
        # A listed file is re-resolved too: a folder on its path swapped for a link after
        # the listing must not lead out of the input either.
        target = os.path.realpath(path)
        allowed = root if root is not None else os.path.realpath(os.path.dirname(path) or ".")
        if not follow_symlinks and not _inside(target, allowed):
            raise ProcessingError(
                codes.UNSUPPORTED_FILE,
                "symbolic link to a target outside the input folder; not followed "
                "(--follow-symlinks allows it)",
            )
    if is_link:
        try:
            info = os.stat(target)
        except FileNotFoundError:
            raise ProcessingError(codes.READ_ERROR, "symbolic link to a missing target") from None
    if not stat.S_ISREG(info.st_mode):
        raise _not_regular(info.st_mode)
    return target, info


def read_local(
    path: str, limit: int, root: Optional[str], follow_symlinks: bool
) -> tuple[int, Optional[bytes]]:
    """``(size, bytes)`` of a checked regular file (see :func:`check_local`): at most
    ``limit + 1`` bytes, so a file that grew past the limit shows; None (not opened) when
    its size is already over the limit."""
    target, info = check_local(path, root, follow_symlinks)
    if info.st_size > limit:
        return info.st_size, None
    content = _read_fd(target, info, limit + 1)
    return len(content), content


def _read_fd(target: str, info: os.stat_result, budget: int) -> bytes:
    descriptor = os.open(target, _OPEN_FLAGS)
    with os.fdopen(descriptor, "rb", buffering=0) as handle:
        opened = os.fstat(descriptor)
        if not stat.S_ISREG(opened.st_mode):
            raise _not_regular(opened.st_mode)
        if (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino):
            raise ProcessingError(
                codes.READ_ERROR, "file was replaced while it was being opened; not read"
            )
        return read_at_most(handle, budget)


def read_local_range(path: str, offset: int, length: int) -> bytes:
    """At most ``length`` bytes from ``offset`` of a regular file (an archive member's
    stored bytes); links are followed, as for a file read again after it was vetted."""
    target, info = check_local(path, None, True)
    descriptor = os.open(target, _OPEN_FLAGS)
    with os.fdopen(descriptor, "rb", buffering=0) as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise _not_regular(os.fstat(descriptor).st_mode)
        handle.seek(offset)
        return read_at_most(handle, length)


def read_at_most(handle, budget: int) -> bytes:  # noqa: ANN001 - any binary file object
    """At most ``budget`` bytes of ``handle``, read in 1 MiB chunks (local and fsspec files)."""
    chunks = []
    remaining = budget
    while remaining > 0:
        chunk = handle.read(min(_READ_CHUNK, remaining))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)
