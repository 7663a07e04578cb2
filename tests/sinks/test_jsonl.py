"""JSONL sink read back with pandas: every kept record, exactly its row."""
import glob
import json

import pandas as pd


def test_jsonl_rows_equal_records(dataset):
    out, _records, kept, _rejected = dataset
    files = sorted(glob.glob(f"{out}/jsonl/records-*.jsonl"))
    assert files
    lines = [json.loads(line) for f in files for line in open(f, encoding="utf-8")]
    assert {row["id"]: row for row in lines} == kept
    frame = pd.concat([pd.read_json(f, lines=True) for f in files])
    assert sorted(frame["id"]) == sorted(kept)
    assert list(lines[0]) == list(next(iter(kept.values())))  # schema column order
