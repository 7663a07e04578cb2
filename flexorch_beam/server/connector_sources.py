"""``POST /v1/data-process/async`` with a ``source`` (the SDK's ``process_from_s3``):
``{"connector_id": ..., "keys": [...]}`` names files already in one of the key's connectors.
Each key is fetched (streamed, hashed, cut off past the upload limit) into the uploads' temp
folder and then checked and queued exactly like an uploaded file.

A key is relative to the connector's root: one with ``..``, a leading ``/`` or a scheme is
refused, so a source can never reach outside the connector.
"""
from __future__ import annotations

import hashlib
import json
import posixpath
import uuid
from pathlib import Path
from typing import Any

from flexorch_beam.server.errors import ApiError
from flexorch_beam.server.uploads import UploadedFile, clean_name

MAX_KEYS = 50
CHUNK = 1 << 20


def parse_source(text: str) -> tuple[str, list[str]]:
    try:
        source = json.loads(text)
    except ValueError:
        raise ApiError("VALIDATION_ERROR", "source is not valid JSON") from None
    if not isinstance(source, dict) or source.get("connector_id") in (None, ""):
        raise ApiError("VALIDATION_ERROR", "source needs connector_id and keys")
    keys = source.get("keys")
    if not isinstance(keys, list) or not keys or not all(isinstance(k, str) and k for k in keys):
        raise ApiError("VALIDATION_ERROR", "source.keys must be a non-empty list of object keys")
    if len(keys) > MAX_KEYS:
        raise ApiError("TOO_MANY_FILES", f"at most {MAX_KEYS} keys in one source")
    for key in keys:
        parts = key.split("/")
        if key.startswith("/") or "://" in key or ".." in parts or "\\" in key:
            raise ApiError("VALIDATION_ERROR", "source.keys must be keys relative to the connector")
    return str(source["connector_id"]), keys


def fetch(resolver: Any, who: Any, text: str, temp_dir: Path, max_bytes: int) -> list[UploadedFile]:
    """The source's files as UploadedFiles in ``temp_dir`` (errors per file, like uploads)."""
    import fsspec

    connector_id, keys = parse_source(text)
    resolved = resolver(who, connector_id)
    if resolved is None:
        raise ApiError("NOT_FOUND", f"no connector {connector_id!r}")
    url, options = resolved
    fs, root = fsspec.core.url_to_fs(url, **options)
    temp_dir.mkdir(parents=True, exist_ok=True)
    files: list[UploadedFile] = []
    for key in keys:
        try:
            name = clean_name(posixpath.basename(key))
        except ValueError as error:
            files.append(UploadedFile(filename=posixpath.basename(key) or key,
                                      error_code="INVALID_FILE_NAME", error=str(error)))
            continue
        item = UploadedFile(filename=name)
        path = temp_dir / f"src-{uuid.uuid4().hex}"
        digest, size = hashlib.sha256(), 0
        try:
            with fs.open(root.rstrip("/") + "/" + key, "rb") as source, path.open("wb") as out:
                while True:
                    chunk = source.read(CHUNK)
                    if not chunk:
                        break
                    size += len(chunk)
                    if size > max_bytes:
                        raise OverflowError
                    digest.update(chunk)
                    out.write(chunk)
        except OverflowError:
            path.unlink(missing_ok=True)
            item.error_code, item.error = "FILE_TOO_LARGE", f"larger than {max_bytes} bytes"
        except (FileNotFoundError, OSError) as error:
            path.unlink(missing_ok=True)
            item.error_code = "DOCUMENT_FILE_NOT_AVAILABLE"
            item.error = f"cannot read the key from the connector ({type(error).__name__})"
        else:
            item.temp_path, item.size_bytes, item.sha256 = path, size, digest.hexdigest()
        files.append(item)
    return files
