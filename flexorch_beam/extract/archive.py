"""A ZIP archive carried inside a document (an e-mail attachment) is read as the one
document it holds.

Archives given as input files never reach this module: the read step opens them and makes
one record per member document (:mod:`flexorch_beam.archives`). Inside another document
there is only the parent's record to fill, so an attached ZIP with a single document gives
that document's text (sniffed from its bytes, after the same zip-bomb checks as Office files);
one with several documents fails with UNSUPPORTED_FILE, and archives inside archives are not
opened here. :func:`document_members` (folders and archiver junk left out) is shared with the
read step.
"""
from __future__ import annotations

import zipfile

from flexorch_beam import codes, formats
from flexorch_beam.codes import ProcessingError
from flexorch_beam.config import ExtractOptions
from flexorch_beam.extract.registry import extract_content
from flexorch_beam.extract.result import ExtractResult
from flexorch_beam.sniff import sniff_format
from flexorch_beam.extract.zipguard import open_zip, read_member

WHAT = "zip archive"
# What archivers add beside the documents: macOS resource forks, folder-view caches.
_JUNK_PREFIXES = ("__MACOSX/",)
_JUNK_NAMES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})


def document_members(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The archive's files, without folders and archiver junk."""
    return [
        info for info in archive.infolist()
        if not info.is_dir()
        and not info.filename.startswith(_JUNK_PREFIXES)
        and info.filename.rsplit("/", 1)[-1] not in _JUNK_NAMES
    ]


def extract(content: bytes, config: ExtractOptions) -> ExtractResult:
    archive = open_zip(content, WHAT)
    members = document_members(archive)
    if not members:
        raise ProcessingError(codes.UNPROCESSABLE, f"{WHAT} holds no files")
    if len(members) > 1:
        raise ProcessingError(
            codes.UNSUPPORTED_FILE,
            f"{WHAT} holds {len(members)} files; inside another document only one is read "
            "(given as an input file, each becomes a record)",
        )
    inner = read_member(archive, members[0].filename, WHAT)
    fmt = sniff_format(inner, members[0].filename)
    if fmt in formats.CONTAINERS:
        raise ProcessingError(codes.UNSUPPORTED_FILE, f"{WHAT} inside a {WHAT} is not opened")
    try:
        return extract_content(inner, fmt, config)
    except ProcessingError as error:
        raise ProcessingError(error.code, f"the {fmt} file in the {WHAT}: {error.summary}") from None
