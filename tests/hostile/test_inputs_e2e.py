"""The hostile input folder through the whole job (DirectRunner): one record per entry, no
hang, nothing from outside the input folder published, the output never read back."""
from __future__ import annotations

import json
import os
import re
import time
import urllib.parse

import pytest

from flexorch_beam import cli, codes

SECRET = b"root:x:0:0:this-must-never-be-published"


def _records(out):
    records = []
    for path in sorted((out / "jsonl").iterdir()):
        records += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return records


def _published_bytes(out) -> bytes:
    return b"".join(path.read_bytes() for path in out.rglob("*") if path.is_file())


def _run(pattern: str, out, run_id: str, progress: str = "false") -> float:
    started = time.monotonic()
    code = cli.run(["--input", pattern, "--output", str(out), "--run_id", run_id,
                    "--formats", "jsonl,csv", f"--progress={progress}",
                    "--progress-interval-s", "0.2"])
    assert code == 0
    return time.monotonic() - started


@pytest.mark.timeout(600)
def test_hostile_folder_end_to_end(tmp_path, capsys):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "passwd").write_bytes(SECRET + b"\n")
    docs = tmp_path / "docs"
    docs.mkdir()
    with open(os.path.join(os.fsencode(docs), b"caf\xe9.txt"), "wb") as handle:
        handle.write(b"Menu of the cafe: coffee, tea and cake.")
    (docs / "notes::draft.txt").write_text("A note whose name has two colons in it.")
    (docs / "letter.txt").write_text("Dear customer, thank you for your order.")
    (docs / "link").symlink_to(outside / "passwd")
    (docs / "linkdir").symlink_to(outside, target_is_directory=True)
    os.mkfifo(docs / "fifo")
    entries = sorted(["caf%E9.txt", "notes::draft.txt", "letter.txt", "link", "linkdir", "fifo"])

    plain = tmp_path / "plain"
    plain.mkdir()
    for index in range(len(entries)):
        (plain / f"doc{index}.txt").write_text(f"An ordinary letter number {index}.")
    normal_s = _run(f"{plain}/**", tmp_path / "plain-out", "plain", progress="true")
    _assert_progress_while_running(capsys.readouterr(), len(entries))

    out = docs / "out"  # inside the input glob: must never be read as input
    hostile_s = [_run(f"{docs}/**", out, "hostile") for _ in range(2)]

    records = {record["file_name"]: record for record in _records(out)}
    assert sorted(records) == entries  # the second run did not ingest the first one's output
    for name in ("caf%E9.txt", "notes::draft.txt", "letter.txt"):
        assert records[name]["status"] == "completed", records[name]["processing_summary"]
    assert "coffee" in records["caf%E9.txt"]["text"]
    uri = records["caf%E9.txt"]["source_uri"]
    assert os.path.exists(os.fsdecode(urllib.parse.unquote_to_bytes(uri)))
    for name in ("link", "linkdir", "fifo"):
        assert records[name]["failure_reason"] == codes.UNSUPPORTED_FILE
    assert b"this-must-never-be-published" not in _published_bytes(out)
    # No hang: the hostile folder costs about what as many plain files cost.
    assert max(hostile_s) < 3 * normal_s + 10, (hostile_s, normal_s)


def _assert_progress_while_running(captured, documents: int) -> None:
    """Forced on, progress lines with counts come while the job runs, before the summary.
    Non-zero counts can only come from the live counters: the runner's own metrics are not
    available before pipe.run() returns, and the reporter stops before that."""
    lines = [line for line in captured.err.splitlines() if line.startswith("progress ")]
    assert lines, captured.err[-2000:]
    counts = [tuple(int(n) for n in re.findall(r"(?:listed|read|processed) (\d+)", line))
              for line in lines]
    assert any(listed == documents and read == documents for listed, read, _ in counts), lines
    assert counts == sorted(counts), lines  # counts only grow
    assert "files" in captured.out  # the summary comes after, on stdout
