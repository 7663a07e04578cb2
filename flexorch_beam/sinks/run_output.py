"""One run, one dataset in OUTPUT: checked and cleaned at the start, sealed with ``_SUCCESS``.

At the start (:func:`prepare_output`, while the pipeline is built, before anything runs):

- OUTPUT's files are listed once. Beam's temp folders (``beam-temp-*``, ``.temp*``) and
  write_atomic's ``*.tmp-<hex>`` files are leftovers of a killed run: always removed.
- The dataset files are the sink folders (:data:`SINK_FOLDERS`), ``profile.json``,
  ``report.html``, the markers and whatever the old ``_SUCCESS`` manifest lists. Their owner is
  the run id in ``_SUCCESS`` (or, for a run that never finished, in ``_STARTED``).
- Another run's dataset (or one of unknown owner) is refused with :class:`OutputInUseError`
  (the CLI exits 2, nothing touched) unless ``overwrite``; with ``overwrite``, or when the
  owner is this run id (a scheduler retry), those files are removed first. Files that are
  none of these (a user's notes) are left alone.
- ``_STARTED`` (JSON: run_id, started_at) is written.

At the end (:class:`FinishRun`): every sink outputs the final paths of its files after Beam's
finalize renames; the one step that waits for all of them (a side input) writes
``profile.json`` and ``report.html``, removes the sinks' empty temp folders, and writes
``_SUCCESS`` last: JSON with run_id, finished_at, record_count and ``files`` (path relative
to OUTPUT, bytes) for every file of the dataset. A reader that trusts only folders with a
``_SUCCESS``, and only the files it lists, never sees a partial or mixed dataset.
"""
from __future__ import annotations

import json
import os
import re
import time
from typing import Iterable, Optional

import apache_beam as beam
from apache_beam.io.filesystems import FileSystems

from flexorch_beam.sinks.registry import FOLDERS
from flexorch_beam.whole_files import write_atomic

SUCCESS = "_SUCCESS"
STARTED = "_STARTED"
PROFILE = "profile.json"
REPORT = "report.html"
SINK_FOLDERS: tuple[str, ...] = FOLDERS
RUN_FILES: tuple[str, ...] = (PROFILE, REPORT, SUCCESS, STARTED)
_ATOMIC_TEMP = re.compile(r"\.tmp-[0-9a-f]{32}$")


class OutputInUseError(ValueError):
    """OUTPUT holds another run's dataset and ``--overwrite`` was not given."""


def _base(output_dir: str) -> str:
    return output_dir.rstrip("/")


def _is_local(output_dir: str) -> bool:
    return "://" not in output_dir or output_dir.startswith("file://")


def _local_path(output_dir: str) -> str:
    return output_dir[len("file://"):] if output_dir.startswith("file://") else output_dir


def relative(output_dir: str, path: str) -> str:
    """``path`` relative to OUTPUT with '/' separators."""
    base = _base(output_dir)
    if path.startswith(base + "/"):
        return path[len(base) + 1:]
    if _is_local(output_dir):
        return os.path.relpath(_local_path(path), _local_path(base)).replace(os.sep, "/")
    return path


def is_temp(rel: str) -> bool:
    """A temp file of a Beam sink or of write_atomic (never part of a dataset)."""
    *folders, name = rel.split("/")
    return any(f.startswith(("beam-temp-", ".temp")) for f in folders) or bool(
        _ATOMIC_TEMP.search(name)
    )


def is_dataset_file(rel: str) -> bool:
    return rel in RUN_FILES or rel.split("/", 1)[0] in SINK_FOLDERS


def _list(output_dir: str) -> list[str]:
    pattern = FileSystems.join(_base(output_dir), "**")
    try:
        return [m.path for m in FileSystems.match([pattern])[0].metadata_list]
    except Exception:  # noqa: BLE001 - a folder that does not exist yet lists nothing
        return []


def _read_json(path: str) -> Optional[dict]:
    try:
        with FileSystems.open(path) as handle:
            value = json.loads(handle.read().decode("utf-8"))
        return value if isinstance(value, dict) else None
    except Exception:  # noqa: BLE001 - a torn or foreign marker: its owner is unknown
        return None


def _owner(output_dir: str, rels: set[str]) -> tuple[Optional[str], set[str]]:
    """(run id of the dataset in OUTPUT or None, the files its _SUCCESS manifest lists)."""
    base = _base(output_dir)
    for marker in (SUCCESS, STARTED):
        if marker in rels:
            info = _read_json(f"{base}/{marker}") or {}
            listed = {
                entry.get("path") for entry in info.get("files") or [] if isinstance(entry, dict)
            }
            run_id = info.get("run_id")
            return (run_id if isinstance(run_id, str) else None), {p for p in listed if p}
    return None, set()


def _remove_empty_dirs(output_dir: str) -> None:
    """Local folders only (object stores have none): empty sink and temp folders go."""
    if not _is_local(output_dir):
        return
    root = _local_path(_base(output_dir))
    if not os.path.isdir(root):
        return
    for folder, _dirs, _files in os.walk(root, topdown=False):
        rel = os.path.relpath(folder, root).replace(os.sep, "/")
        if rel == "." or not (is_dataset_file(rel) or is_temp(rel + "/x")):
            continue
        try:
            os.rmdir(folder)  # only succeeds when empty
        except OSError:
            pass


def _delete(paths: list[str]) -> None:
    if paths:
        FileSystems.delete(paths)


def prepare_output(output_dir: str, run_id: str, overwrite: bool = False) -> list[str]:
    """Check OUTPUT before a run and clear what the run replaces; returns the removed paths
    (relative). Raises :class:`OutputInUseError` (nothing changed) for another run's
    dataset without ``overwrite``."""
    base = _base(output_dir)
    if _is_local(output_dir) and os.path.isfile(_local_path(base)):
        raise OutputInUseError(f"--output {output_dir} is a file, not a folder")
    paths = {relative(output_dir, p): p for p in _list(output_dir)}
    temps = [rel for rel in paths if is_temp(rel)]
    owner, listed = _owner(output_dir, set(paths))
    dataset = [
        rel for rel in paths if rel not in temps and (is_dataset_file(rel) or rel in listed)
    ]
    if dataset and owner != run_id and not overwrite:
        who = f"run {owner!r}" if owner else "an earlier run (no _SUCCESS marker)"
        raise OutputInUseError(
            f"--output {output_dir} holds the dataset of {who} ({len(dataset)} files); "
            "give --overwrite to replace it, or choose an empty folder"
        )
    removed = sorted(set(temps) | set(dataset))
    _delete([paths[rel] for rel in removed])
    _remove_empty_dirs(output_dir)
    started = {"run_id": run_id, "started_at": _now()}
    write_atomic(f"{base}/{STARTED}", json.dumps(started, indent=2).encode("utf-8"))
    return removed


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def manifest(output_dir: str, files: Iterable[str]) -> list[dict]:
    """``[{path, bytes}]`` for the files (relative to OUTPUT, sorted, each once)."""
    full = sorted(set(files))
    sizes: dict[str, int] = {}
    if full:
        for result in FileSystems.match(full):
            for meta in result.metadata_list:
                sizes[meta.path] = meta.size_in_bytes
    return [
        {"path": relative(output_dir, path), "bytes": sizes.get(path)}
        for path in sorted(full, key=lambda p: relative(output_dir, p))
    ]


def finish_run(profile: dict, output_dir: str, run_id: str, sink_files: list[str]) -> dict:
    """After every sink finalised: profile.json, report.html, then ``_SUCCESS`` (last)."""
    from flexorch_beam.sinks.profile import write_profile

    base = _base(output_dir)
    write_profile(profile, output_dir, run_id)
    _remove_empty_dirs(output_dir)
    files = [*sink_files, f"{base}/{PROFILE}", f"{base}/{REPORT}"]
    success = {
        "run_id": run_id,
        "finished_at": _now(),
        "record_count": profile.get("record_count"),
        "files": manifest(output_dir, files),
    }
    write_atomic(f"{base}/{SUCCESS}", json.dumps(success, indent=2).encode("utf-8"))
    return success


def read_success(output_dir: str) -> Optional[dict]:
    """The ``_SUCCESS`` manifest of OUTPUT, or None when the run did not finish."""
    return _read_json(f"{_base(output_dir)}/{SUCCESS}")


class FinishRun(beam.PTransform):
    """``profile | FinishRun(output_dir, run_id, sink_files)``: ``sink_files`` is the
    PCollection of every sink's final paths; it is a side input, so this step runs only once
    all of them are renamed into place."""

    def __init__(self, output_dir: str, run_id: str, sink_files) -> None:  # noqa: ANN001
        super().__init__()
        self._output_dir = output_dir
        self._run_id = run_id
        self._sink_files = sink_files

    def expand(self, profile):  # noqa: ANN001
        files = self._sink_files | "AllFiles" >> beam.combiners.ToList()
        return profile | "WriteProfileAndSuccess" >> beam.Map(
            finish_run, self._output_dir, self._run_id, beam.pvalue.AsSingleton(files)
        )
