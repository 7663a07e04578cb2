"""DirectRunner, in one process and with two SDK worker processes: one record per input file,
and the Beam metrics reach the local summary."""
from __future__ import annotations

import re

import pytest

from flexorch_beam.cli import run


def _summary_value(text: str, label: str) -> int:
    match = re.search(rf"^{re.escape(label)}\s+(\d+)$", text, re.MULTILINE)
    assert match, f"{label!r} missing from the summary:\n{text}"
    return int(match.group(1))


@pytest.mark.parametrize(
    "runner_flags",
    [
        pytest.param(["--direct_running_mode=in_memory"], id="in_memory"),
        pytest.param(
            ["--direct_running_mode=multi_processing", "--direct_num_workers=2"],
            id="multi_processing",
        ),
    ],
)
def test_direct_runner_one_record_per_input(
    runner_corpus, check_outputs, tmp_path, capsys, runner_flags
) -> None:
    pattern, inputs = runner_corpus
    output = str(tmp_path / "out")
    code = run(
        ["--input", pattern, "--output", output, "--run_id", "direct", "--runner",
         "DirectRunner", *runner_flags]
    )
    assert code == 0
    rows = check_outputs(output, inputs)
    assert {row["run_id"] for row in rows["jsonl"]} == {"direct"}
    summary = capsys.readouterr().out
    assert _summary_value(summary, "files") == len(inputs)
    failed = [row for row in rows["jsonl"] if row["status"] == "failed"]
    assert _summary_value(summary, "failed") == len(failed)
    assert _summary_value(summary, "completed") == len(rows["jsonl"]) - len(failed)
    # Distributions travel too: per-step time and the per-document histogram.
    assert re.search(r"^  extract\s+\d+\s+\d+\s+\d+$", summary, re.MULTILINE), summary
    assert "doc time p95" in summary
    assert _summary_value(summary, "pages") == sum(row["page_count"] or 0 for row in rows["jsonl"])
