"""Beam FileSystems for the object stores Beam has no scheme for, backed by fsspec.

Beam writes every output (``WriteToText``, ``WriteToParquet``, ``whole_files.py``) through its
own ``FileSystems``, which know ``gs://``, ``s3://`` and ``azfs://account/container/...`` but not
the ``az://container/path`` (and ``abfs://``) URLs that fsspec/adlfs — and so our inputs — use.
Subclassing ``FileSystem`` registers a scheme with Beam as soon as this module is imported
(``flexorch_beam.sinks`` imports it, so workers that run a sink have it too); credentials come
from adlfs' usual environment variables (``AZURE_STORAGE_CONNECTION_STRING``, or
``AZURE_STORAGE_ACCOUNT_NAME`` + ``AZURE_STORAGE_ACCOUNT_KEY`` / a service principal).
"""
from __future__ import annotations

import posixpath
from typing import Iterator

import fsspec
from apache_beam.io.filesystem import (
    BeamIOError,
    CompressedFile,
    CompressionTypes,
    FileMetadata,
    FileSystem,
)


class FsspecFileSystem(FileSystem):
    """A Beam ``FileSystem`` for one fsspec protocol (set ``SCHEME`` in a subclass)."""

    SCHEME = ""

    @classmethod
    def scheme(cls) -> str:
        return cls.SCHEME

    def _fs(self) -> fsspec.AbstractFileSystem:
        # fsspec caches instances per (class, kwargs): cheap after the first call.
        return fsspec.filesystem(self.SCHEME)

    def _strip(self, path: str) -> str:
        return self._fs()._strip_protocol(path)

    def _full(self, stripped: str) -> str:
        return f"{self.SCHEME}://{stripped.lstrip('/')}"

    def join(self, basepath: str, *paths: str) -> str:
        path = basepath
        for part in paths:
            path = path.rstrip("/") + "/" + part.lstrip("/")
        return path

    def split(self, path: str) -> tuple[str, str]:
        prefix = f"{self.SCHEME}://"
        rest = path.strip()[len(prefix):]
        head, _, tail = rest.rpartition("/")
        return (prefix + head, tail) if head else (path, "")

    def mkdirs(self, path: str) -> None:
        """Object stores have no folders: nothing to create."""

    def has_dirs(self) -> bool:
        return False

    def _list(self, dir_or_prefix: str) -> Iterator[FileMetadata]:
        fs = self._fs()
        prefix = self._strip(dir_or_prefix)
        folder = prefix if prefix.endswith("/") else posixpath.dirname(prefix)
        try:
            fs.invalidate_cache()
            found = fs.find(folder, detail=True) if folder else {}
        except FileNotFoundError:
            return
        except Exception as error:  # noqa: BLE001 - Beam's contract: BeamIOError
            raise BeamIOError("List operation failed", {dir_or_prefix: error}) from error
        for name, info in sorted(found.items()):
            if info.get("type") == "directory" or not name.startswith(prefix):
                continue
            yield FileMetadata(self._full(name), int(info.get("size") or 0), _mtime(info))

    def _open(self, path: str, mode: str, compression_type: str):  # noqa: ANN202
        compression_type = FileSystem._get_compression_type(path, compression_type)
        raw = self._fs().open(self._strip(path), mode)
        if compression_type == CompressionTypes.UNCOMPRESSED:
            return raw
        return CompressedFile(raw, compression_type=compression_type)

    def create(self, path, mime_type="application/octet-stream", compression_type=CompressionTypes.AUTO):  # noqa: ANN001, ANN201, E501
        return self._open(path, "wb", compression_type)

    def open(self, path, mime_type="application/octet-stream", compression_type=CompressionTypes.AUTO):  # noqa: ANN001, ANN201, E501
        return self._open(path, "rb", compression_type)

    def _pairwise(self, verb: str, sources: list[str], destinations: list[str], move: bool) -> None:
        if len(sources) != len(destinations):
            raise BeamIOError(f"Unable to {verb} unequal number of sources and destinations")
        fs = self._fs()
        errors = {}
        for source, destination in zip(sources, destinations):
            try:
                if move:
                    fs.mv(self._strip(source), self._strip(destination), recursive=True)
                else:
                    fs.copy(self._strip(source), self._strip(destination), recursive=True)
            except Exception as error:  # noqa: BLE001
                errors[(source, destination)] = error
        fs.invalidate_cache()
        if errors:
            raise BeamIOError(f"{verb} operation failed", errors)

    def copy(self, source_file_names, destination_file_names) -> None:  # noqa: ANN001
        self._pairwise("copy", source_file_names, destination_file_names, move=False)

    def rename(self, source_file_names, destination_file_names) -> None:  # noqa: ANN001
        self._pairwise("rename", source_file_names, destination_file_names, move=True)

    def exists(self, path: str) -> bool:
        fs = self._fs()
        fs.invalidate_cache()
        return fs.exists(self._strip(path))

    def _info(self, path: str) -> dict:
        fs = self._fs()
        fs.invalidate_cache()
        try:
            return fs.info(self._strip(path))
        except Exception as error:  # noqa: BLE001
            raise BeamIOError("Metadata operation failed", {path: error}) from error

    def size(self, path: str) -> int:
        return int(self._info(path).get("size") or 0)

    def last_updated(self, path: str) -> float:
        return _mtime(self._info(path))

    def checksum(self, path: str) -> str:
        info = self._info(path)
        return str(info.get("etag") or info.get("ETag") or info.get("size"))

    def metadata(self, path: str) -> FileMetadata:
        info = self._info(path)
        return FileMetadata(path, int(info.get("size") or 0), _mtime(info))

    def delete(self, paths) -> None:  # noqa: ANN001
        """Delete files, or every object under a prefix; a missing path is already deleted."""
        fs = self._fs()
        errors = {}
        for path in paths:
            try:
                fs.invalidate_cache()
                if fs.exists(self._strip(path)):
                    fs.rm(self._strip(path), recursive=True)
            except FileNotFoundError:
                continue
            except Exception as error:  # noqa: BLE001
                errors[path] = error
        fs.invalidate_cache()
        if errors:
            raise BeamIOError("Delete operation failed", errors)


def _mtime(info: dict) -> float:
    value = info.get("last_modified") or info.get("LastModified") or info.get("mtime")
    if value is None:
        return 0.0
    if hasattr(value, "timestamp"):
        return float(value.timestamp())
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


class AzureBlobFileSystem(FsspecFileSystem):
    """``az://container/path`` through adlfs (Beam's own Azure scheme is ``azfs://``)."""

    SCHEME = "az"


class AbfsFileSystem(FsspecFileSystem):
    """``abfs://container/path`` through adlfs."""

    SCHEME = "abfs"


def register_on_workers(options) -> None:  # noqa: ANN001 - PipelineOptions
    """Name this module in ``--beam_plugins`` so every SDK worker booted by Beam's container
    (Dataflow, Flink, any portable runner) imports it before running a bundle — a worker that
    only finalizes a write never unpickles our code, and would not know ``az://`` otherwise."""
    from apache_beam.options.pipeline_options import SetupOptions

    setup = options.view_as(SetupOptions)
    plugins = list(setup.beam_plugins or [])
    if __name__ not in plugins:
        setup.beam_plugins = plugins + [__name__]
