"""The command line: errors before the job starts, manifest on stdin, summary at the end."""
import io
import json
import logging

import pandas as pd
import pytest

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


def test_manifest_from_stdin_runs_and_prints_the_summary(tmp_path, capsys, monkeypatch, caplog):
    caplog.set_level(logging.INFO)
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
    assert "Missing pipeline option" not in caplog.text  # the default runner is explicit


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


def _one_line_error(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "\n" not in err and "Traceback" not in err, err
    return err


@pytest.mark.parametrize(
    ("flags", "needle"),
    [
        (["--doc-timeout-s", "0"], "--doc-timeout-s must be > 0"),
        (["--max-file-mb", "-5"], "--max-file-mb must be > 0"),
        (["--split", "1.5"], "--split must be > 0 and < 1"),
        (["--split", "1"], "--split"),
        (["--ocr-dpi", "10"], "--ocr-dpi must be >= 50"),
        (["--ocr-min-confidence", "101"], "--ocr-min-confidence"),
        (["--llm-max-retries", "-1"], "--llm-max-retries"),
        (["--max-file-mb", "abc"], "invalid float value"),
        (["--mask_mode", "rot13"], "invalid choice"),
        (["--formats", "jsonl,jsonl"], "jsonl more than once"),
        (["--formats", "docx"], "unknown --formats"),
        (["--fomats", "jsonl"], "unknown flag --fomats; did you mean --formats?"),
        (["--no-such-flag"], "unknown flag --no-such-flag"),
        (["--ocr-langs", "eng+klingon"], "klingon"),
        (["--ocr-langs", "eng;rm -rf"], "--ocr-langs"),
        (["--manifest", "/nonexistent/manifest.json"], "no such file"),
        (["--progress", "maybe"], "--progress: expected auto, true or false"),
        (["--no-mask=perhaps"], "expected true or false"),
        (["stray"], "unexpected argument 'stray'"),
        (["--runner", "Bogus"], "Unexpected pipeline runner: Bogus"),
    ],
)
def test_bad_flags_are_one_line_errors_with_exit_2(tmp_path, capsys, flags, needle):
    (tmp_path / "a.txt").write_text("x")
    out = tmp_path / "o"
    code = cli.run(["--input", f"{tmp_path}/*.txt", "--output", str(out), *flags])
    assert code == 2
    assert needle in _one_line_error(capsys)
    assert not out.exists()


def test_output_that_is_a_file_is_an_error(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("x")
    assert cli.run(["--input", f"{tmp_path}/*.txt", "--output", str(tmp_path / "a.txt")]) == 2
    assert "is a file, not a folder" in _one_line_error(capsys)


def test_short_mask_key_is_refused_without_printing_it(tmp_path, capsys, monkeypatch):
    (tmp_path / "a.txt").write_text("x")
    monkeypatch.setenv("FLEXORCH_MASK_KEY", "k")
    code = cli.run(["--input", f"{tmp_path}/*.txt", "--output", str(tmp_path / "o"),
                    "--mask_mode", "hash"])
    assert code == 2
    err = _one_line_error(capsys)
    assert "at least 16" in err and "'k'" not in err


def test_every_input_must_match(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("x")
    code = cli.run(["--input", f"{tmp_path}/*.txt", "--input", f"{tmp_path}/*.pdf",
                    "--output", str(tmp_path / "o")])
    assert code == 2
    assert "*.pdf" in _one_line_error(capsys)


def test_help_shows_defaults(capsys):
    assert cli.run(["--help"]) == 0
    printed = " ".join(capsys.readouterr().out.split())
    assert "(default: 50.0)" in printed and "(default: jsonl,parquet)" in printed
    assert "--follow_symlinks" in printed and "--progress" in printed


def test_ocr_langs_auto_is_the_valid_default():
    from flexorch_beam.config import ProcessingConfig
    from flexorch_beam.options import check_ocr_langs

    assert ProcessingConfig().extract.ocr_langs == "auto"
    check_ocr_langs("auto")  # no FlagError: the page's language decides
