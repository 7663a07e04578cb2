"""Fine-tuning JSONL: {"text", "meta"} for completed, non-duplicate records with text."""
import glob
import json

from flexorch_beam.training_split import split_of


def _lines(pattern):
    return [json.loads(line) for f in sorted(glob.glob(pattern))
            for line in open(f, encoding="utf-8")]


def test_finetune_holds_only_training_examples(dataset):
    out, _records, kept, _rejected = dataset
    train = _lines(f"{out}/finetune/train-*.jsonl")
    validation = _lines(f"{out}/finetune/validation-*.jsonl")
    assert {line["meta"]["split"] for line in train} == {"train"}  # no validation row in train
    assert {line["meta"]["split"] for line in validation} == {"validation"}
    lines = train + validation
    expected = {
        job: row for job, row in kept.items()
        if row["text"] and not row["is_duplicate"] and not row["is_near_duplicate"]
    }
    assert {line["meta"]["id"] for line in lines} == set(expected)
    for line in lines:
        row = expected[line["meta"]["id"]]
        assert set(line) == {"text", "meta"}
        assert line["text"] == row["text"]
        assert line["meta"]["quality_grade"] == row["quality_grade"]
        assert line["meta"]["fields"] == {f["name"]: f["value"] for f in row["fields"]}
        assert line["meta"]["split"] == split_of(row, 0.5)


def test_split_must_be_a_fraction():
    import pytest

    from flexorch_beam.config import ProcessingConfig
    from flexorch_beam.sinks.finetune import WriteFinetune
    from flexorch_beam.sinks.hf import WriteHf

    for bad in (1.5, 0.0, 1.0, -0.1):
        for sink in (WriteFinetune, WriteHf):
            with pytest.raises(ValueError, match="--split"):
                sink("/tmp/x", ProcessingConfig(split=bad))
