"""The feedback table: checked entries, the latest verdict wins, and which tables a build reads."""
import json

import pytest

from flexorch_beam import feedback
from flexorch_beam.admission import NEGATIVE_FEEDBACK, in_dataset, is_training_row, reject_reason
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.feedback import FeedbackError, make_verdict

SHA = "ab" * 32
ROW = {"status": "completed", "text": "hello", "sha256": SHA, "quality_grade": "A"}


def test_codes_are_checked_and_negative_defaults_to_other():
    with pytest.raises(FeedbackError, match="unknown feedback code"):
        make_verdict(SHA, False, "NOPE")
    with pytest.raises(FeedbackError, match="no content hash"):
        make_verdict(None, True, record_id="job_x")
    with pytest.raises(FeedbackError, match="longer than"):
        make_verdict(SHA, False, note="x" * (feedback.MAX_NOTE_CHARS + 1))
    assert make_verdict(SHA, False).code == "OTHER"
    assert make_verdict(SHA, True).code is None


def test_latest_entry_wins_and_positive_withdraws_negative(tmp_path):
    dataset = tmp_path / "ds"
    feedback.append(str(dataset), make_verdict(SHA, False, "BAD_TEXT", "garbled"))
    verdicts = feedback.load([str(dataset)])
    assert reject_reason(ROW, None, verdicts) == (NEGATIVE_FEEDBACK, "negative feedback BAD_TEXT: garbled")
    assert not in_dataset(ROW, None, verdicts) and not is_training_row(ROW, verdicts)
    with open(dataset / "feedback" / "feedback.jsonl", "a") as handle:
        handle.write('{"torn line\n')  # a torn line is skipped, not fatal
        later = make_verdict(SHA, True)
        later = feedback.Verdict(**{**later.__dict__, "created_at": "9999-01-01T00:00:00Z"})
        handle.write(json.dumps(later.to_json()) + "\n")
    verdicts = feedback.load([str(dataset)])
    assert verdicts[SHA].positive and in_dataset(ROW, None, verdicts) and is_training_row(ROW, verdicts)


def test_a_build_reads_its_output_history_and_flag_tables(tmp_path):
    from flexorch_beam.transforms.write import build_feedback

    shas = {}
    for name in ("out", "days/d1", "elsewhere"):
        shas[name] = name.replace("/", "_").ljust(64, "0")
        feedback.append(str(tmp_path / name), make_verdict(shas[name], False))
    config = ProcessingConfig(history=(f"{tmp_path}/days/*/parquet/*.parquet",),
                              feedback=(str(tmp_path / "elsewhere" / "feedback" / "feedback.jsonl"),))
    assert set(build_feedback(config.output, str(tmp_path / "out"))) == set(shas.values())
    assert build_feedback(ProcessingConfig().output, str(tmp_path / "none")) == {}
