"""build(): the graph of docs/DESIGN.md, nothing else."""
from __future__ import annotations

from typing import Sequence

import apache_beam as beam

from flexorch_beam.config import ProcessingConfig
from flexorch_beam.sources import SourceFile
from flexorch_beam.transforms.dedup import (
    CompleteDuplicates,
    MarkDuplicates,
    MarkNearDuplicates,
)
from flexorch_beam.transforms.outcome import CountOutcomes
from flexorch_beam.transforms.process import ProcessDocuments
from flexorch_beam.transforms.read import ReadDocuments
from flexorch_beam.transforms.write import WriteDataset


def build(
    pipeline: beam.Pipeline,
    config: ProcessingConfig,
    output_dir: str,
    globs: Sequence[str] = (),
    manifest: Sequence[SourceFile] = (),
):
    """Wire read -> dedup -> process -> count -> write; returns the final records PCollection.

    Exact duplicates (in this run, or completed in ``config.history``) skip ProcessDocuments
    and are completed afterwards from their original's record.
    """
    marked = (
        pipeline
        | "ReadDocuments" >> ReadDocuments(globs, manifest, config)
        | "MarkDuplicates" >> MarkDuplicates(config)
    )
    unique, duplicates = marked | "SplitDuplicates" >> beam.Partition(
        lambda execution, _n: int(execution.is_duplicate), 2
    )
    processed = (
        unique
        | "ProcessDocuments" >> ProcessDocuments(config)
        | "MarkNearDuplicates" >> MarkNearDuplicates(config)
    )
    completed_duplicates = (processed, duplicates) | "CompleteDuplicates" >> CompleteDuplicates(
        config
    )
    records = (
        (processed, completed_duplicates)
        | "AllRecords" >> beam.Flatten()
        | "CountOutcomes" >> CountOutcomes()
    )
    records | "WriteDataset" >> WriteDataset(output_dir, config)
    return records
