"""build(): the graph of docs/DESIGN.md, nothing else."""
from __future__ import annotations

from typing import Sequence

import apache_beam as beam
from apache_beam.options.pipeline_options import TestOptions

from flexorch_beam.config import ProcessingConfig
from flexorch_beam.progress import PROCESSED
from flexorch_beam.sinks.run_output import prepare_output
from flexorch_beam.sources import SourceFile
from flexorch_beam.transforms.dedup import (
    CompleteDuplicates,
    MarkDuplicates,
    MarkNearDuplicates,
)
from flexorch_beam.transforms.outcome import CountOutcomes
from flexorch_beam.transforms.process import ProcessDocuments
from flexorch_beam.transforms.progress import CountProgress
from flexorch_beam.transforms.read import ReadDocuments
from flexorch_beam.transforms.write import WriteDataset


def build(
    pipeline: beam.Pipeline,
    config: ProcessingConfig,
    output_dir: str,
    globs: Sequence[str] = (),
    manifest: Sequence[SourceFile] = (),
    check_output: bool = True,
):
    """Wire read -> dedup -> process -> count -> write; returns the final records PCollection.

    Exact duplicates (in this run, or completed in ``config.history``) skip ProcessDocuments
    and are completed afterwards from their original's record.

    ``output_dir`` is checked and cleared once the graph is built (run_output.prepare_output),
    so a step's settings error changes nothing: another run's dataset there raises
    OutputInUseError (a ValueError) unless ``config.overwrite``. History never reads it.
    Skipped for a graph that is only inspected: ``check_output=False`` or ``--dry_run``.
    """
    marked = (
        pipeline
        | "ReadDocuments" >> ReadDocuments(globs, manifest, config)
        | "MarkDuplicates" >> MarkDuplicates(config, output_dir=output_dir)
    )
    unique, duplicates = marked | "SplitDuplicates" >> beam.Partition(
        lambda execution, _n: int(execution.is_duplicate), 2
    )
    duplicates = duplicates | "CountDuplicateProgress" >> CountProgress(PROCESSED)
    processed = (
        unique
        | "ProcessDocuments" >> ProcessDocuments(config)
        | "MarkNearDuplicates" >> MarkNearDuplicates(config)
    )
    completed_duplicates = (processed, duplicates) | "CompleteDuplicates" >> CompleteDuplicates(
        config, output_dir=output_dir
    )
    records = (
        (processed, completed_duplicates)
        | "AllRecords" >> beam.Flatten()
        | "CountOutcomes" >> CountOutcomes()
    )
    records | "WriteDataset" >> WriteDataset(output_dir, config)
    if check_output and not pipeline.options.view_as(TestOptions).dry_run:
        prepare_output(output_dir, config.run_id, config.overwrite)
    return records
