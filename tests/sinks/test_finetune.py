"""Fine-tuning JSONL: {"text", "meta"} for completed, non-duplicate records with text."""
import glob
import json

from flexorch_beam.sinks.split import split_of


def test_finetune_holds_only_training_examples(dataset):
    out, _records, kept, _rejected = dataset
    lines = [json.loads(line) for f in sorted(glob.glob(f"{out}/finetune/train-*.jsonl"))
             for line in open(f, encoding="utf-8")]
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
