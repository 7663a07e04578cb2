"""Which Beam runner a pipeline run of the server uses, checked when ``flexorch serve`` starts,
and the command line of one run (``python -m flexorch_beam.cli ...``).

- DirectRunner (default): the run's worker process is the whole job.
- PortableRunner: the run is submitted to a job service (``--job_endpoint``); the SDK workers
  are what ``--environment_type`` says (LOOPBACK: inside the run's process; EXTERNAL: a
  worker pool; PROCESS/DOCKER: started by the runner).
- DataflowRunner: needs ``--project``, ``--region``, a ``gs://`` ``--temp_location`` and
  either a worker image (``--sdk_container_image``) or ``--requirements_file``/``--setup_file``
  (the workers must be able to import this package). Dataflow's workers cannot read the
  server's disk, so every run is staged under ``--remote-root`` (a ``gs://`` URL): the
  batch's uploads are copied to ``ROOT/RUN/inputs/``, the run writes ``ROOT/RUN/output/``,
  and the output is copied back to ``DATA_DIR/runs/RUN/`` before the records are read.

A remote root may be given for any runner (e.g. a Flink cluster behind PortableRunner); its
URL is any fsspec URL the server and the workers share.
"""
from __future__ import annotations

import posixpath
import sys
from pathlib import Path
from typing import Iterable, Optional

PORTABLE_ENVIRONMENTS = ("LOOPBACK", "EXTERNAL", "PROCESS", "DOCKER", "BEAM_PYTHON_SDK_HARNESS")


class RunnerConfigError(ValueError):
    """The runner's options cannot work; the message says what to give."""


def parse_args(args: Iterable[str]) -> dict[str, Optional[str]]:
    """``--flag=value`` / ``--flag value`` / ``--switch`` into {flag: value}; flags only,
    so a missing option is found without asking Beam (which would look for credentials)."""
    found: dict[str, Optional[str]] = {}
    items = list(args)
    index = 0
    while index < len(items):
        item = items[index]
        if not item.startswith("--"):
            raise RunnerConfigError(f"pipeline arg {item!r} is not a --flag")
        name, eq, value = item[2:].partition("=")
        if not eq and index + 1 < len(items) and not items[index + 1].startswith("--"):
            value, index = items[index + 1], index + 1
        found[name.replace("-", "_")] = value if (eq or value) else None
        index += 1
    return found


def check(runner: str, pipeline_args: Iterable[str], remote_root: Optional[str] = None) -> None:
    """Raise RunnerConfigError naming every missing or wrong option of this runner."""
    args = parse_args(pipeline_args)
    for reserved in ("runner", "input", "output", "manifest", "run_id", "formats"):
        if reserved in args:
            raise RunnerConfigError(f"--{reserved} is set by the server for every run; "
                                    "do not pass it with --pipeline-arg")
    name = runner.rsplit(".", 1)[-1]
    problems: list[str] = []
    if name == "PortableRunner":
        if not args.get("job_endpoint"):
            problems.append("PortableRunner needs --pipeline-arg=--job_endpoint=HOST:PORT (a Beam "
                            "job service)")
        environment = (args.get("environment_type") or "DOCKER").upper()
        if environment not in PORTABLE_ENVIRONMENTS:
            problems.append(f"--environment_type must be one of {', '.join(PORTABLE_ENVIRONMENTS)}")
        if environment == "EXTERNAL" and not args.get("environment_config"):
            problems.append("--environment_type=EXTERNAL needs --environment_config=HOST:PORT "
                            "(the worker pool)")
    elif name == "DataflowRunner":
        if not args.get("project"):
            problems.append("DataflowRunner needs --pipeline-arg=--project=PROJECT")
        if not args.get("region"):
            problems.append("DataflowRunner needs --pipeline-arg=--region=REGION")
        temp = args.get("temp_location") or ""
        if not temp.startswith("gs://"):
            problems.append("DataflowRunner needs --pipeline-arg=--temp_location=gs://BUCKET/tmp")
        staging = args.get("staging_location")
        if staging is not None and not str(staging).startswith("gs://"):
            problems.append("--staging_location must be a gs:// URL")
        if not any(args.get(k) for k in ("sdk_container_image", "requirements_file", "setup_file")):
            problems.append("DataflowRunner needs a worker image that holds this package "
                            "(--pipeline-arg=--sdk_container_image=IMAGE, see README 'The worker "
                            "image') or --requirements_file / --setup_file")
        if not (remote_root or "").startswith("gs://"):
            problems.append("DataflowRunner needs --remote-root gs://BUCKET/PATH: its workers "
                            "cannot read the server's data dir, so each run's uploads and output "
                            "are staged there")
    elif remote_root is not None and "://" not in remote_root:
        problems.append("--remote-root must be a URL (gs://, s3://, az://, file://)")
    if problems:
        raise RunnerConfigError("; ".join(problems))


def process_argv(runner: str, pipeline_args: Iterable[str], manifest: str, output: str,
                 run_id: str, max_file_mb: float, flags: Iterable[str]) -> list[str]:
    """The command line of one processing run: the same job as ``flexorch run``."""
    return [sys.executable, "-m", "flexorch_beam.cli", "--manifest", manifest,
            "--output", output, "--run-id", run_id, "--formats", "jsonl,parquet",
            "--progress=false", "--max-file-mb", f"{max_file_mb:g}", "--runner", runner,
            *pipeline_args, *flags]


def remote_run_url(remote_root: str, run_id: str) -> str:
    """``ROOT/RUN``; a ``file://`` root as a plain path (Beam's FileSystems have no file://)."""
    root = remote_root[len("file://"):] if remote_root.startswith("file://") else remote_root
    return posixpath.join(root.rstrip("/"), run_id)


def stage_inputs(files: list[dict], remote_root: str, run_id: str) -> list[dict]:
    """Copy each manifest entry's file under ``ROOT/RUN/inputs/N/NAME``; the entries with
    the remote paths (original names and sizes kept, so records equal a local run's)."""
    import fsspec

    base = posixpath.join(remote_run_url(remote_root, run_id), "inputs")
    fs, root = fsspec.core.url_to_fs(base)
    staged = []
    for number, entry in enumerate(files):
        local = Path(entry["path"])
        path = posixpath.join(root, str(number), local.name)
        fs.makedirs(posixpath.dirname(path), exist_ok=True)
        fs.put_file(str(local), path)
        staged.append({**entry, "path": fs.unstrip_protocol(path)})
    return staged


def fetch_output(remote_output: str, local_output: Path) -> None:
    """Copy a run's remote output folder (every file, ``_SUCCESS`` last) to ``local_output``."""
    import fsspec

    fs, root = fsspec.core.url_to_fs(remote_output)
    root = root.rstrip("/")
    names = sorted(fs.find(root))
    names.sort(key=lambda name: posixpath.basename(name) == "_SUCCESS")
    for name in names:
        relative = name[len(root):].lstrip("/")
        target = local_output / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        fs.get_file(name, str(target))
