"""The whole job as one composite PTransform inside a user's own pipeline."""
import json

import apache_beam as beam
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to
from apache_beam.transforms.display import DisplayData

from flexorch_beam.config import ProcessingConfig
from flexorch_beam.pipeline import BuildDataset


def test_build_dataset_in_a_users_pipeline_returns_records_and_writes_the_dataset(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text("Dear team, the quarterly meeting moves to Friday at ten o'clock.")
    (inbox / "b.txt").write_text("Invoice No: 2024-17  Date: 2024-03-12  Total: EUR 120.00")
    (inbox / "copy.txt").write_text("Invoice No: 2024-17  Date: 2024-03-12  Total: EUR 120.00")
    out = tmp_path / "out"
    config = ProcessingConfig(run_id="r1", formats=("jsonl",), sandbox=False)
    with TestPipeline() as pipeline:
        records = pipeline | "Curate" >> BuildDataset(str(out), globs=[f"{inbox}/*"], config=config)
        names = records | beam.Map(lambda record: (record.file_name, record.status, record.is_duplicate))
        assert_that(names, equal_to([("a.txt", "completed", False), ("b.txt", "completed", False),
                                     ("copy.txt", "completed", True)]))
    rows = [json.loads(line) for part in (out / "jsonl").glob("*.jsonl") for line in part.read_text().splitlines()]
    assert sorted(row["file_name"] for row in rows) == ["a.txt", "b.txt", "copy.txt"]
    assert (out / "profile.json").exists() and (out / "_SUCCESS").exists()


def test_build_dataset_shows_its_settings():
    shown = DisplayData.create_from(BuildDataset("out/", globs=["in/*.pdf"], config=ProcessingConfig(run_id="r9")))
    items = {item.key: item.value for item in shown.items}
    assert items["output_dir"] == "out/" and items["inputs"] == "in/*.pdf" and items["run_id"] == "r9"
