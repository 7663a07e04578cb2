"""The command line: errors before the job starts, manifest on stdin, summary at the end."""
import io
import json

import pandas as pd

from flexorch_beam import cli


def test_empty_glob_exits_2_before_the_job(tmp_path, capsys):
    code = cli.run(["--input", f"{tmp_path}/*.pdf", "--output", str(tmp_path / "out")])
    assert code == 2
    assert "no files match" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_missing_output_is_an_error(tmp_path, capsys):
    assert cli.run(["--input", f"{tmp_path}/*"]) == 2
    assert "--output" in capsys.readouterr().err


def test_unknown_format_is_an_error(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("x")
    code = cli.run(["--input", f"{tmp_path}/*", "--output", str(tmp_path / "o"), "--formats", "docx"])
    assert code == 2


def test_manifest_from_stdin_runs_and_prints_the_summary(tmp_path, capsys, monkeypatch):
    (tmp_path / "f1").write_text("Hello world, this is a plain letter.")
    manifest = {"files": [{"path": str(tmp_path / "f1"), "original_name": "letter.txt"},
                          {"path": str(tmp_path / "missing")}],
                "metadata": {"tenant": "acme"}}
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(manifest)))
    out = tmp_path / "out"
    code = cli.run(["--manifest", "-", "--output", str(out), "--run_id", "r1"])
    assert code == 0
    printed = capsys.readouterr().out
    assert "files" in printed and "READ_ERROR" in printed and "docs/s" in printed
    frame = pd.read_parquet(out / "parquet")
    assert sorted(frame["file_name"]) == ["letter.txt", "missing"]
    assert set(frame["metadata"]) == {'{"tenant": "acme"}'}


def test_help_lists_every_flag_with_text(capsys):
    assert cli.run(["--help"]) == 0
    printed = capsys.readouterr().out
    for flag in ("--input", "--manifest", "--output", "--max_file_mb", "--mask_mode", "--min_grade",
                 "--history", "--formats", "--ocr_langs", "--doc_timeout_s"):
        assert flag in printed


def test_bad_step_settings_fail_before_the_job(tmp_path, capsys, monkeypatch):
    (tmp_path / "a.txt").write_text("x")
    monkeypatch.delenv("FLEXORCH_MASK_KEY", raising=False)
    out = tmp_path / "o"
    assert cli.run(["--input", f"{tmp_path}/*.txt", "--output", str(out), "--pii_types", "NOPE"]) == 2
    assert cli.run(["--input", f"{tmp_path}/*.txt", "--output", str(out), "--mask_mode", "hash"]) == 2
    assert "FLEXORCH_MASK_KEY" in capsys.readouterr().err
    assert not out.exists()
