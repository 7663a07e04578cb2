"""Runs through the command line into one output folder: a second run with another id is
refused (exit 2, nothing changed), --overwrite replaces the dataset so readers count what
profile.json counts, and a killed run's leftovers are cleaned by its retry."""
import glob
import json
import os
import shutil

import pandas as pd

from flexorch_beam import cli


def _inbox(tmp_path, count):
    inbox = tmp_path / "inbox"
    inbox.mkdir(exist_ok=True)
    for i in range(count):
        (inbox / f"doc{i}.txt").write_text(f"Letter number {i}: the meeting moved to room {i + 10}.")
    return f"{inbox}/*.txt"


def _run(glob_, out, run_id, *extra):
    return cli.run(["--input", glob_, "--output", str(out), "--run_id", run_id, "--no_sandbox",
                    "--formats", "jsonl,parquet", *extra])


def _tree(root):
    return {os.path.relpath(p, root): open(p, "rb").read()
            for p in glob.glob(f"{root}/**", recursive=True) if os.path.isfile(p)}


def _consistent(out, run_id):
    profile = json.loads((out / "profile.json").read_text())
    success = json.loads((out / "_SUCCESS").read_text())
    assert success["run_id"] == run_id and success["record_count"] == profile["record_count"]
    listed = {f["path"] for f in success["files"]}
    on_disk = {p for p in _tree(out) if p not in ("_SUCCESS", "_STARTED")}
    assert listed == on_disk  # the manifest is exactly the dataset: no stray shard
    assert len(pd.read_parquet(out / "parquet")) == profile["record_count"]
    # order: every sink file, then profile.json and report.html, then _SUCCESS
    sinks = max(os.path.getmtime(out / p) for p in listed if p not in ("profile.json", "report.html"))
    assert sinks <= os.path.getmtime(out / "profile.json") <= os.path.getmtime(out / "report.html")
    assert os.path.getmtime(out / "report.html") <= os.path.getmtime(out / "_SUCCESS")
    return profile


def test_reusing_an_output_folder_never_mixes_runs(tmp_path, capsys):
    out = tmp_path / "out"
    assert _run(_inbox(tmp_path, 4), out, "day1") == 0
    assert _consistent(out, "day1")["record_count"] == 4

    before = _tree(out)
    assert _run(_inbox(tmp_path, 6), out, "day2") == 2
    err = capsys.readouterr().err
    assert "day1" in err and "--overwrite" in err and "Traceback" not in err
    assert _tree(out) == before  # nothing changed

    assert _run(_inbox(tmp_path, 6), out, "day2", "--overwrite") == 0
    assert _consistent(out, "day2")["record_count"] == 6

    # day2 is killed mid-write: no _SUCCESS, Beam's temp folder holds a finished shard
    os.remove(out / "_SUCCESS")
    shard = glob.glob(f"{out}/parquet/*.parquet")[0]
    temp = out / "parquet" / "beam-temp-records-0f0e0d0c0b0a"
    temp.mkdir()
    shutil.copy(shard, temp / "5d1c2b.parquet")
    assert len(pd.read_parquet(out / "parquet")) == 12  # what a reader saw before the fix
    assert _run(_inbox(tmp_path, 6), out, "day2") == 0  # the scheduler's retry, same run id
    assert not temp.exists()
    assert _consistent(out, "day2")["record_count"] == 6


def test_an_output_that_is_a_file_is_a_one_line_error(tmp_path, capsys):
    target = tmp_path / "out.txt"
    target.write_text("not a folder")
    assert _run(_inbox(tmp_path, 1), target, "r1") == 2
    err = capsys.readouterr().err
    assert "is a file" in err and "Traceback" not in err
    assert target.read_text() == "not a folder"
