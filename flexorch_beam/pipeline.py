"""build(): the graph of ../DESIGN.md, nothing else."""
from __future__ import annotations

from typing import Sequence

import apache_beam as beam

from flexorch_beam.config import ProcessingConfig
from flexorch_beam.sources import SourceFile
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
    """Wire read -> process -> count -> write; returns the final records PCollection."""
    records = (
        pipeline
        | "ReadDocuments" >> ReadDocuments(globs, manifest, config)
        | "ProcessDocuments" >> ProcessDocuments(config)
        | "CountOutcomes" >> CountOutcomes()
    )
    records | "WriteDataset" >> WriteDataset(output_dir, config)
    return records
