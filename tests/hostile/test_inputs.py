"""Hostile inputs, listed and read: one record per entry, nothing opened that is not a
regular file inside the input folder, no hang. All fixtures are made here, in tmp_path."""
from __future__ import annotations

import ctypes
import json
import os
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import pytest

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.record import evolve
from flexorch_beam.paths import escape_path, unescape_path
from flexorch_beam.sources import (
    SourceFile,
    check_globs,
    expand_glob,
    fetch_content,
    parse_manifest,
    read_source,
    release_bytes,
)

CONFIG = ProcessingConfig(run_id="hostile")
SECRET = b"root:x:0:0:this-must-never-be-published\n"


def _read_all(pattern: str, config: ProcessingConfig = CONFIG, **listing):
    """{file_name: record} for every listed entry, each read with a time bound."""
    records = {}
    for source in expand_glob(pattern, **listing):
        started = time.monotonic()
        records[source.file_name] = read_source(source, config.input)
        assert time.monotonic() - started < 5, source.file_name
    return records


@pytest.fixture()
def outside(tmp_path):
    secret = tmp_path / "outside" / "passwd"
    secret.parent.mkdir()
    secret.write_bytes(SECRET)
    return secret


@pytest.mark.parametrize(
    "raw",
    [b"caf\xe9.txt", b"a%2fb.txt", b"100%.txt", b"\xff\xfe%zz.txt", "café.txt".encode()],
)
def test_escaping_is_valid_utf8_and_lossless(raw):
    text = escape_path(os.fsdecode(raw))
    text.encode("utf-8")  # never a lone surrogate
    assert urllib.parse.unquote_to_bytes(text) == raw
    assert os.fsencode(unescape_path(text)) == raw


def test_escaping_keeps_ordinary_names():
    for name in ("invoice 2024.pdf", "Grüße.txt", "100%.pdf", "a::b.txt"):
        assert escape_path(name) == name
    # A literal escape look-alike and an undecodable byte stay distinct.
    assert escape_path("caf%E9.txt") != escape_path(os.fsdecode(b"caf\xe9.txt"))


def test_undecodable_file_name_is_listed_read_and_hashed(tmp_path):
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9.txt"), "wb") as handle:
        handle.write(b"a letter from the cafe")
    [source] = expand_glob(f"{tmp_path}/*")
    assert source.file_name == "caf%E9.txt" and source.uri.endswith("/caf%E9.txt")
    record = read_source(source, CONFIG.input)
    assert record.status == codes.STATUS_COMPLETED and record.format == "txt"
    assert fetch_content(release_bytes(record), CONFIG.input) == b"a letter from the cafe"


def test_manifest_with_undecodable_and_broken_names_never_crashes(tmp_path):
    target = os.path.join(os.fsencode(tmp_path), b"r\xe9sum\xe9.txt")
    with open(target, "wb") as handle:
        handle.write(b"curriculum vitae")
    path = escape_path(os.fsdecode(target))
    # JSON can carry lone surrogates: one stands for a byte, one is plain garbage.
    text = ('{"files": [{"path": "%s", "original_name": "cv\\udce9.txt"},'
            ' {"path": "/nowhere/\\ud800.txt"}]}' % os.fsdecode(target).replace("\udce9", "\\udce9"))
    import io

    files = parse_manifest(io.StringIO(text))
    assert files[0].uri == path and files[0].file_name == "cv%E9.txt"
    records = [read_source(source, CONFIG.input) for source in files]
    assert records[0].status == codes.STATUS_COMPLETED
    assert records[1].failure_reason == codes.READ_ERROR
    for record in records:
        record.source_uri.encode("utf-8")


def test_double_colon_is_a_file_name_not_url_chaining(tmp_path):
    (tmp_path / "a::b.txt").write_text("colons are fine in names")
    [source] = expand_glob(f"{tmp_path}/*.txt")
    record = read_source(source, CONFIG.input)
    assert record.status == codes.STATUS_COMPLETED, record.processing_summary
    assert record.file_name == "a::b.txt"
    [literal] = expand_glob(str(tmp_path / "a::b.txt"))
    assert read_source(literal, CONFIG.input).status == codes.STATUS_COMPLETED


def test_symlink_out_of_the_input_is_refused_with_a_record(tmp_path, outside):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "link").symlink_to(outside)
    (docs / "linkdir").symlink_to(outside.parent, target_is_directory=True)
    (docs / "plain.txt").write_text("plain text")
    records = _read_all(f"{docs}/**")
    assert sorted(records) == ["link", "linkdir", "plain.txt"]
    for name in ("link", "linkdir"):
        assert records[name].failure_reason == codes.UNSUPPORTED_FILE
        assert "outside the input folder" in records[name].processing_summary
        assert records[name].content is None
    # Named explicitly, the link is refused just the same.
    [literal] = expand_glob(str(docs / "link"))
    assert read_source(literal, CONFIG.input).failure_reason == codes.UNSUPPORTED_FILE
    # A manifest entry has its own folder as the root.
    manifest = SourceFile(uri=str(docs / "link"), file_name="upload.txt")
    assert read_source(manifest, CONFIG.input).failure_reason == codes.UNSUPPORTED_FILE


def test_follow_symlinks_reads_the_target_and_ends_link_loops(tmp_path, outside):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "link").symlink_to(outside)
    (docs / "linkdir").symlink_to(outside.parent, target_is_directory=True)
    (docs / "loop").symlink_to(docs, target_is_directory=True)
    follow = ProcessingConfig(run_id="hostile", follow_symlinks=True)
    records = _read_all(f"{docs}/**", follow, follow_symlinks=True)
    assert sorted(records) == ["link", "passwd"]
    assert all(r.status == codes.STATUS_COMPLETED for r in records.values())


def test_symlink_inside_the_input_is_read(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "real.txt").write_text("the real file")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "alias.txt").symlink_to(tmp_path / "a" / "real.txt")
    (tmp_path / "b" / "dir").symlink_to(tmp_path / "a", target_is_directory=True)
    records = _read_all(f"{tmp_path}/**")
    assert sorted(records) == ["alias.txt", "real.txt"]  # the folder link is not walked twice
    assert records["alias.txt"].sha256 == records["real.txt"].sha256


def _bounded(function, seconds: float):
    """Run ``function`` in a thread; fail (instead of hanging the suite) past ``seconds``."""
    box = {}

    def call():
        try:
            box["value"] = function()
        except Exception as error:  # noqa: BLE001 - re-raised in the caller's thread
            box["error"] = error

    worker = threading.Thread(target=call, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "blocked: a non-regular file was opened"
    if "error" in box:
        raise box["error"]
    return box["value"]


def test_fifo_socket_and_device_fail_without_being_opened(tmp_path):
    docs = Path(tempfile.mkdtemp(prefix="h", dir="/tmp"))  # AF_UNIX paths must be short
    try:
        os.mkfifo(docs / "fifo")
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(docs / "sock"))
        try:
            os.mknod(docs / "null", stat.S_IFCHR | 0o666, os.makedev(1, 3))
        except PermissionError:
            pass  # no CAP_MKNOD here: FIFO and socket still cover the rule
        records = _bounded(lambda: _read_all(f"{docs}/*"), 10)
        server.close()
        assert {"fifo", "sock"} <= set(records)
        for name, record in records.items():
            assert record.failure_reason == codes.UNSUPPORTED_FILE, name
            assert "not a regular file; not opened" in record.processing_summary
        assert "FIFO" in records["fifo"].processing_summary
        # A FIFO swapped in after hashing is refused by the second read as well.
        listed = read_source(SourceFile(uri=str(docs / "fifo"), file_name="x.txt"), CONFIG.input)
        assert listed.failure_reason == codes.UNSUPPORTED_FILE
        hashed = evolve(listed, sha256="0" * 64, size_bytes=1)
        with pytest.raises(ProcessingError) as error:
            _bounded(lambda: fetch_content(hashed, CONFIG.input), 10)
        assert error.value.code == codes.UNSUPPORTED_FILE
    finally:
        subprocess.run(["rm", "-rf", str(docs)], check=False)


def test_output_folder_inside_the_input_is_never_listed(tmp_path):
    (tmp_path / "doc.txt").write_text("input")
    (tmp_path / "out" / "jsonl").mkdir(parents=True)
    (tmp_path / "out" / "jsonl" / "records-00000-of-00001.jsonl").write_text("{}")
    found = [s.file_name for s in expand_glob(f"{tmp_path}/**", exclude=(str(tmp_path / "out"),))]
    assert found == ["doc.txt"]
    assert len(list(expand_glob(f"{tmp_path}/**"))) == 2
    with pytest.raises(ValueError):
        check_globs([f"{tmp_path}/out/**"], exclude=(str(tmp_path / "out"),))


_LIST_AS_NOBODY = """
import json, sys
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.sources import expand_glob, read_source
out = []
for source in expand_glob(sys.argv[1]):
    record = read_source(source, ProcessingConfig(run_id="h").input)
    out.append([source.file_name, record.status, record.failure_reason, record.processing_summary])
print(json.dumps(out))
"""


def _drop_file_read_override() -> None:
    """In the child, before exec: take CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH out of the
    bounding set, so root after exec obeys file permissions like any user."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            os._exit(97)


def test_unreadable_subfolder_gives_a_record(tmp_path):
    """chmod 000 does not stop root: as root the listing runs in a child without the
    capabilities that bypass file permissions."""
    (tmp_path / "ok.txt").write_text("readable")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "secret.txt").write_text("hidden")
    os.chmod(tmp_path / "locked", 0)
    try:
        result = subprocess.run(
            [sys.executable, "-c", _LIST_AS_NOBODY, f"{tmp_path}/**"],
            capture_output=True, text=True, timeout=120,
            preexec_fn=_drop_file_read_override if os.geteuid() == 0 else None,
            cwd=Path(__file__).resolve().parents[2],
        )
        if result.returncode == 97:
            pytest.skip("cannot drop CAP_DAC_OVERRIDE here (no CAP_SETPCAP)")
        assert result.returncode == 0, result.stderr[-2000:]
        records = {name: rest for name, *rest in json.loads(result.stdout)}
        assert sorted(records) == ["locked", "ok.txt"]
        assert records["ok.txt"][0] == codes.STATUS_COMPLETED
        assert records["locked"][1] == codes.READ_ERROR
        assert "permission denied" in records["locked"][2]
    finally:
        os.chmod(tmp_path / "locked", 0o755)


def test_folder_swapped_for_a_link_after_listing_is_refused(tmp_path, outside):
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "sub" / "passwd").write_text("an ordinary file")
    [source] = expand_glob(f"{docs}/**")
    (docs / "sub" / "passwd").unlink()
    (docs / "sub").rmdir()
    (docs / "sub").symlink_to(outside.parent, target_is_directory=True)  # sub/passwd: the secret
    record = read_source(source, CONFIG.input)
    assert record.failure_reason == codes.UNSUPPORTED_FILE and record.content is None
