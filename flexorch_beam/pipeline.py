"""The graph of docs/DESIGN.md: ``build()`` for ``run.py``, and the same job as one composite
PTransform, :class:`BuildDataset`, for users who apply it inside their own pipeline."""
from __future__ import annotations

from typing import Optional, Sequence

import apache_beam as beam
from apache_beam.options.pipeline_options import TestOptions

from flexorch_beam.config import ProcessingConfig
from flexorch_beam.progress import PROCESSED
from flexorch_beam.sinks.profile import privacy_profile_entry
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


class BuildDataset(beam.PTransform):
    """The whole job as one transform: ``records = pipeline | BuildDataset(out, globs=[...])``.

    Reads ``globs`` and/or ``manifest``, runs every step, writes every sink of
    ``config.formats`` (with profile and report) under ``output_dir``, and returns the records
    for the user's own further steps. ``config`` defaults to the job's defaults; the output
    folder is checked and cleared when the graph is built, as ``run.py`` does
    (``check_output=False`` leaves it alone).
    """

    def __init__(self, output_dir: str, globs: Sequence[str] = (),
                 manifest: Sequence[SourceFile] = (), config: Optional[ProcessingConfig] = None,
                 check_output: bool = True) -> None:
        super().__init__()
        self._output_dir = output_dir
        self._globs = tuple(globs)
        self._manifest = tuple(manifest)
        self._config = config or ProcessingConfig()
        self._check_output = check_output

    def expand(self, pbegin):  # noqa: ANN001 - PBegin -> PCollection[Record]
        records = _wire(pbegin, self._config, self._output_dir, self._globs, self._manifest)
        if self._check_output:
            _prepare_output(pbegin.pipeline, self._config, self._output_dir)
        return records

    def display_data(self) -> dict:
        return {"output_dir": self._output_dir, "inputs": ", ".join(self._globs) or "manifest",
                "formats": ",".join(self._config.output.formats),
                "run_id": self._config.run.run_id}


def build(
    pipeline: beam.Pipeline,
    config: ProcessingConfig,
    output_dir: str,
    globs: Sequence[str] = (),
    manifest: Sequence[SourceFile] = (),
    check_output: bool = True,
):
    """Wire read -> dedup -> process -> count -> write; returns the final records PCollection.

    The same graph as :class:`BuildDataset`, with its transforms at the top level: their
    names are what Dataflow's update and the metrics users filter on refer to.

    ``output_dir`` is checked and cleared once the graph is built (run_output.prepare_output),
    so a step's settings error changes nothing: another run's dataset there raises
    OutputInUseError (a ValueError) unless ``config.output.overwrite``. History never reads it.

    This is where the whole ProcessingConfig is held: each transform below gets its own
    capability's part (and the pipeline's ProcessDocuments hands each step its part).
    Skipped for a graph that is only inspected: ``check_output=False`` or ``--dry_run``.
    """
    records = _wire(pipeline, config, output_dir, globs, manifest)
    if check_output:
        _prepare_output(pipeline, config, output_dir)
    return records


def _prepare_output(pipeline: beam.Pipeline, config: ProcessingConfig, output_dir: str) -> None:
    """Not for a graph that is only inspected (``--dry_run``)."""
    if not pipeline.options.view_as(TestOptions).dry_run:
        prepare_output(output_dir, config.run.run_id, config.output.overwrite)


def _wire(root, config: ProcessingConfig, output_dir: str, globs: Sequence[str],  # noqa: ANN001
          manifest: Sequence[SourceFile]):
    """Exact duplicates (in this run, or completed in ``config.dedup.history``) skip
    ProcessDocuments and are completed afterwards from their original's record."""
    marked = (
        root
        | "ReadDocuments" >> ReadDocuments(globs, manifest, config.input)
        | "MarkDuplicates" >> MarkDuplicates(config.dedup, output_dir=output_dir)
    )
    unique, duplicates = marked | "SplitDuplicates" >> beam.Partition(
        lambda record, _n: int(record.is_duplicate), 2
    )
    duplicates = duplicates | "CountDuplicateProgress" >> CountProgress(PROCESSED)
    processed = (
        unique
        | "ProcessDocuments" >> ProcessDocuments(config)
        | "MarkNearDuplicates" >> MarkNearDuplicates(config.dedup)
    )
    completed_duplicates = (processed, duplicates) | "CompleteDuplicates" >> CompleteDuplicates(
        config.dedup, output_dir=output_dir, pii=config.pii
    )
    records = (
        (processed, completed_duplicates)
        | "AllRecords" >> beam.Flatten()
        | "CountOutcomes" >> CountOutcomes()
    )
    records | "WriteDataset" >> WriteDataset(output_dir, config.output,
                                             privacy=privacy_profile_entry(config.pii))
    return records
