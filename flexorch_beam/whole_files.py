"""Whole-file writes at finalize time (profile, report, HF metadata) through Beam's FileSystems,
so they go wherever the shards go (local, gs://, s3://), written to a temp name and renamed."""
from __future__ import annotations

import posixpath
import uuid

from apache_beam.io.filesystems import FileSystems


def write_atomic(path: str, data: bytes) -> str:
    parent = posixpath.dirname(path) if "://" in path else FileSystems.split(path)[0]
    try:
        FileSystems.mkdirs(parent)
    except IOError:
        pass  # already there (or a bucket, where folders do not exist)
    temp = f"{path}.tmp-{uuid.uuid4().hex}"
    handle = FileSystems.create(temp)
    try:
        handle.write(data)
    finally:
        handle.close()
    if FileSystems.exists(path):
        FileSystems.delete([path])
    FileSystems.rename([temp], [path])
    return path
