"""A dataset build (the ``dataset_build`` job), run as its own process by the queue:
the chosen records of one or more pipeline runs, read back from their Parquet sink, through
the same ``WriteDataset`` as `flexorch run` into the dataset folder with every sink format
(plus rejected/, profile.json, report.html, _SUCCESS).

    python -m flexorch_beam.server.build_dataset --spec SPEC.json
    SPEC = {"output", "run_id", "sources": [run folders], "ids": [record ids], "min_grade"}
"""
from __future__ import annotations

import argparse
import json
import sys

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions

from flexorch_beam.config import OutputOptions
from flexorch_beam.sinks.registry import ALL_FORMATS
from flexorch_beam.record import from_row
from flexorch_beam.server.records import read_rows
from flexorch_beam.sinks.run_output import prepare_output
from flexorch_beam.transforms.write import WriteDataset


def build(spec: dict, pipeline_args: list[str]) -> int:
    ids = list(spec["ids"])
    rows = []
    for source in spec["sources"]:
        rows += read_rows(source, ids)
    by_id = {row["id"]: row for row in rows}
    executions = [from_row(by_id[i]) for i in ids if i in by_id]
    # The runs' feedback tables (written by POST /jobs/{id}/feedback) are honoured.
    config = OutputOptions(run_id=spec["run_id"], formats=tuple(ALL_FORMATS),
                           min_grade=spec.get("min_grade"), overwrite=True,
                           feedback=tuple(spec["sources"]))
    options = PipelineOptions(pipeline_args or ["--runner", "DirectRunner"])
    with beam.Pipeline(options=options) as pipe:
        _ = (pipe | "Records" >> beam.Create(executions, reshuffle=False)
             | "WriteDataset" >> WriteDataset(spec["output"], config))
        prepare_output(spec["output"], config.run_id, True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m flexorch_beam.server.build_dataset")
    parser.add_argument("--spec", required=True)
    args, rest = parser.parse_known_args(argv)
    with open(args.spec, encoding="utf-8") as handle:
        spec = json.load(handle)
    return build(spec, rest)


if __name__ == "__main__":
    sys.exit(main())
