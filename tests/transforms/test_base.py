"""ApplyStep: the step runs per record; its warm-up runs in setup, before any record."""
import json

import apache_beam as beam
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from flexorch_beam.config import RunOptions
from flexorch_beam.record import Record, evolve
from flexorch_beam.transforms.base import ApplyStep

CONFIG = RunOptions(run_id="warm")  # a user's own step takes whatever options it is given


def test_warm_up_runs_in_setup_before_the_first_record(tmp_path):
    log = tmp_path / "log.jsonl"

    def warm_up(config):
        with log.open("a") as handle:
            handle.write(json.dumps({"event": "warm_up", "run_id": config.run_id}) + "\n")

    def step(record, config):
        with log.open("a") as handle:
            handle.write(json.dumps({"event": "record", "id": record.id}) + "\n")
        return evolve(record, text="done")

    records = [Record(id=f"job_{i}", document_id=f"doc_{i}", source_uri=f"/x/{i}",
                         file_name=f"{i}.txt") for i in range(3)]
    with TestPipeline() as p:
        out = p | beam.Create(records) | ApplyStep("demo", step, CONFIG, warm_up)
        assert_that(out | beam.Map(lambda e: (e.id, e.text)),
                    equal_to([(f"job_{i}", "done") for i in range(3)]))
    events = [json.loads(line) for line in log.read_text().splitlines()]
    assert events[0] == {"event": "warm_up", "run_id": "warm"}
    assert sorted(e["id"] for e in events if e["event"] == "record") == ["job_0", "job_1", "job_2"]
    # once per DoFn instance (the DirectRunner may make more than one), never per record
    assert sum(e["event"] == "warm_up" for e in events) < 3


def test_pii_warm_up_loads_the_lazy_tables():
    from stdnum import numdb

    from flexorch_beam.pii.step import warm_up

    warm_up()
    assert "oui" in numdb._open_databases  # the MAC vendor registry, 14 MB of Python objects
