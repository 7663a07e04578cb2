"""The `flexorch` console command: dispatch, exit codes, `flexorch run` = run.py."""
import json
import shutil
import subprocess

import pytest

from flexorch_beam.commands.main import SUBCOMMANDS, main


def test_no_subcommand_is_usage_error(capsys):
    assert main([]) == 2
    assert "COMMAND" in capsys.readouterr().err


def test_unknown_subcommand_is_usage_error(capsys):
    assert main(["frobnicate"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_help_lists_every_subcommand(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for name in SUBCOMMANDS:
        assert name in out


def test_run_help_shows_the_job_flags(capsys):
    assert main(["run", "--help"]) == 0
    out = capsys.readouterr().out
    assert "--input" in out and "--min-grade" in out


def test_run_passes_job_flags_through(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "letter.txt").write_text("Dear customer, thank you for your order of ten chairs.")
    out = tmp_path / "out"
    code = main(["run", "--input", f"{tmp_path}/in/*", "--output", str(out), "--formats", "jsonl",
                 "--run_id", "r1"])
    assert code == 0
    rows = [json.loads(line) for part in sorted((out / "jsonl").glob("records-*.jsonl"))
            for line in part.read_text().splitlines()]
    assert [row["status"] for row in rows] == ["completed"]


def test_run_bad_flag_is_exit_2(tmp_path, capsys):
    assert main(["run", "--input", f"{tmp_path}/*.pdf", "--output", str(tmp_path / "o")]) == 2


@pytest.mark.skipif(shutil.which("flexorch") is None, reason="the console script is not installed")
def test_console_script_is_installed():
    done = subprocess.run(["flexorch", "--help"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "run" in done.stdout
