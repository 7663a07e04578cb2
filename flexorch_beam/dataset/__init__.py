"""A built dataset as an object: check a folder is one, list and show its records, record
feedback, export it to other formats, recompute its profile, delete it. The ``flexorch``
subcommands (commands/) and the API server are thin layers over these functions.

Bad input (a folder that is not a dataset, an unknown record id, feedback code, export
format or filter value) raises :class:`DatasetError` before anything changes.
"""
from __future__ import annotations

from flexorch_beam.dataset.actions import (
    append_feedback,
    dataset_feedback,
    delete_dataset,
    delete_plan,
    recompute_profile,
)
from flexorch_beam.dataset.export_job import Selection, export
from flexorch_beam.dataset.store import (
    Dataset,
    DatasetError,
    get_record,
    iter_records,
    list_records,
    open_dataset,
)

__all__ = [
    "Dataset",
    "DatasetError",
    "Selection",
    "append_feedback",
    "dataset_feedback",
    "delete_dataset",
    "delete_plan",
    "export",
    "get_record",
    "iter_records",
    "list_records",
    "open_dataset",
    "recompute_profile",
]
