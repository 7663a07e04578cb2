"""``flexorch export``: write an existing dataset, read from its Parquet, to other sink formats
through Beam (ReadFromParquet -> filters -> the build's own WriteDataset), so an export scales
like a build and never pays for OCR again.

Filters select the records exported (``doc_types``, ``languages``, ``statuses``; records left
out by a filter are not part of the export). ``min_grade`` acts as in a build: records under
it go to the export's ``rejected/`` with their reason. Feedback recorded on the dataset (and
in ``feedback_paths``) is honoured: negative feedback sends a document's records to
``rejected/``. The export gets its own profile.json, report.html and ``_SUCCESS``.
"""
from __future__ import annotations

import shlex
from dataclasses import dataclass
from typing import Optional, Sequence

from flexorch_beam.config import GRADES, OutputOptions
from flexorch_beam.dataset.actions import dataset_feedback
from flexorch_beam.dataset.store import Dataset, DatasetError
from flexorch_beam.history import inside
from flexorch_beam.sinks.registry import ALL_FORMATS

STATUSES = ("completed", "failed")


@dataclass(frozen=True)
class Selection:
    """The export's record filters (empty: every value)."""

    doc_types: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()

    def __call__(self, row: dict) -> bool:
        return (
            (not self.doc_types or row.get("doc_type") in self.doc_types)
            and (not self.languages or row.get("language") in self.languages)
            and (not self.statuses or row.get("status") in self.statuses)
        )


def normalise(row: dict) -> dict:
    """A Parquet row back to exactly ``record.to_row``'s shape (columns a newer or older
    schema lacks are filled the way the record fills them)."""
    from flexorch_beam.record import from_row, to_row

    return to_row(from_row(row))


def check_export(
    dataset: Dataset,
    output: str,
    formats: Sequence[str],
    min_grade: Optional[str],
    statuses: Sequence[str],
) -> None:
    """Every bad input is a :class:`DatasetError` before anything is written."""
    if not formats:
        raise DatasetError("give at least one --formats")
    unknown = [f for f in formats if f not in ALL_FORMATS]
    if unknown:
        raise DatasetError(
            f"unknown export format {', '.join(unknown)}; choose from {', '.join(ALL_FORMATS)}"
        )
    repeated = sorted({f for f in formats if list(formats).count(f) > 1})
    if repeated:
        raise DatasetError(f"--formats names {', '.join(repeated)} more than once")
    if min_grade is not None and min_grade not in GRADES:
        raise DatasetError(f"unknown --min-grade {min_grade!r}; choose from {', '.join(GRADES)}")
    bad = [s for s in statuses if s not in STATUSES]
    if bad:
        raise DatasetError(f"unknown --status {', '.join(bad)}; choose from {', '.join(STATUSES)}")
    if not dataset.files_in("parquet", ".parquet"):
        raise DatasetError(
            f"{dataset.path} has no Parquet shards to export from (build it with --formats "
            "including parquet)"
        )
    if inside(output, dataset.path) or inside(dataset.path, output):
        raise DatasetError("--output must be a folder outside the dataset (and not holding it)")


def export(
    dataset: Dataset,
    output: str,
    formats: Sequence[str],
    min_grade: Optional[str] = None,
    selection: Selection = Selection(),
    split: Optional[float] = None,
    run_id: Optional[str] = None,
    overwrite: bool = False,
    feedback_paths: Sequence[str] = (),
    pipeline_args: Sequence[str] | str = (),
) -> dict:
    """Run the export; returns the export's ``_SUCCESS`` manifest. Bad input raises
    :class:`DatasetError` (nothing written); an output folder holding another run's dataset
    raises ``run_output.OutputInUseError`` (a ValueError; nothing changed)."""
    import apache_beam as beam
    from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions

    from flexorch_beam.sinks.run_output import prepare_output, read_success
    from flexorch_beam.training_split import check_fraction
    from flexorch_beam.transforms.write import WriteDataset
    from flexorch_beam.worker_memory import use_system_arrow_pool

    formats = tuple(formats)
    check_export(dataset, output, formats, min_grade, selection.statuses)
    try:
        check_fraction(split)
    except ValueError as error:
        raise DatasetError(str(error)) from None
    config = OutputOptions(  # an export writes: the output part is all it needs
        run_id=run_id or f"export-{dataset.run_id}",
        formats=formats,
        min_grade=min_grade,
        split=split,
        overwrite=overwrite,
    )
    verdicts = dataset_feedback(dataset, [*feedback_paths, output])
    args = shlex.split(pipeline_args) if isinstance(pipeline_args, str) else list(pipeline_args)
    options = PipelineOptions(args)
    standard = options.view_as(StandardOptions)
    standard.runner = standard.runner or "DirectRunner"
    use_system_arrow_pool()
    pattern = dataset.join("parquet", "*.parquet")
    pipe = beam.Pipeline(options=options)
    (
        pipe
        | "ReadParquet" >> beam.io.ReadFromParquet(pattern)
        | "Select" >> beam.Filter(selection)
        | "Normalise" >> beam.Map(normalise)
        | "WriteDataset" >> WriteDataset(output, config, feedback=verdicts, from_rows=True)
    )
    prepare_output(output, config.run_id, overwrite)
    pipe.run().wait_until_finish()
    return read_success(output) or {}
