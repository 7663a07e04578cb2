"""Server settings: the plain values `flexorch serve` flags set (no globals, one object).

A field that ``flexorch serve`` sets is declared with its flag (``config.flag``: name, help,
parse, bounds), as the job's own settings are: ``commands/serve.py`` generates the parser
from these fields and checks the bounds, so a server setting is one field here.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from flexorch_beam.config import APPEND, SWITCH, flag


def _under_data_dir(name: str) -> property:
    """A folder of the data dir, named once."""
    return property(lambda self: self.data_dir / name, doc=f"DATA_DIR/{name}")


@dataclass
class Settings:
    data_dir: Path = flag(dataclasses.MISSING, "Folder for uploads, pipeline runs, datasets and "
                          "the SQLite database.")
    database_url: Optional[str] = flag(  # default: SQLite in data_dir
        None, "SQLAlchemy URL of the metadata database, e.g. "
        "postgresql+psycopg://user:pw@host/db (default: SQLite in --data-dir).")
    host: str = flag("127.0.0.1", "Interface to listen on (default: %(default)s).")
    port: int = flag(8000, "Port (default: %(default)s).", parse=int, low=1)
    # The Beam runner of the pipeline runs and any extra Beam flags (e.g. --project ...).
    runner: str = flag("DirectRunner", "Beam runner of the pipeline runs (DirectRunner, "
                       "PortableRunner, DataflowRunner, ...; default: %(default)s).")
    pipeline_args: tuple[str, ...] = flag(
        (), "An extra flag for every pipeline run (repeatable), e.g. "
        "--pipeline-arg=--project=P --pipeline-arg=--region=R.", name="pipeline_arg",
        kind=APPEND)
    # An fsspec URL the runner's workers share with the server (required for Dataflow): each
    # run's uploads are staged there and its output copied back (runners.py).
    remote_root: Optional[str] = flag(
        None, "A URL the runner's workers share with the server (gs://... for DataflowRunner, "
        "required there): each run's uploads are staged under it and its output copied back.")
    # Webhook and connector URLs may name loopback/private hosts (tests, a private network).
    allow_private_urls: bool = flag(
        False, "Let webhooks and connector endpoints name loopback, private and link-local "
        "hosts (refused by default: SSRF guard).", kind=SWITCH)
    rate_limit_per_minute: int = flag(  # per key; a key may carry its own
        120, "Requests a minute per key (default: %(default)s).", name="rate_limit", parse=int,
        low=1)
    max_upload_mb: float = flag(  # per file, enforced while streaming
        50.0, "Largest upload per file, in MB (default: %(default)s).", parse=float, low=0,
        low_open=True)
    max_files_per_request: int = 50
    # Pipeline runs at a time, and the most documents one run takes from the queue.
    workers: int = flag(1, "Pipeline runs at a time (default: %(default)s).", parse=int, low=1)
    max_docs_per_run: int = flag(200, "Most queued documents one pipeline run takes (default: "
                                 "%(default)s).", parse=int, low=1)
    poll_interval_s: float = 0.5
    # A run starts once no upload arrived for batch_quiet_s, or the oldest queued job has
    # waited batch_max_wait_s: concurrent uploads share one pipeline start-up.
    batch_quiet_s: float = flag(1.0, "Start a run once no upload arrived for this long "
                                "(default: %(default)s).", parse=float, low=0)
    batch_max_wait_s: float = flag(5.0, "... or once the oldest queued upload waited this long "
                                   "(default: %(default)s).", parse=float, low=0)
    start_workers: bool = True  # tests of the HTTP layer alone may turn the queue off
    # Local folders export-s3 may write to (besides DATA_DIR/exports); object-store URLs are
    # written with the server's own credentials.
    export_dirs: tuple[str, ...] = flag(
        (), "A local folder POST /datasets/{id}/export-s3 may write to (repeatable; "
        "DATA_DIR/exports always).", name="export_dir", kind=APPEND)
    extra: dict = field(default_factory=dict)  # room for other parts' settings

    uploads_dir = _under_data_dir("uploads")
    runs_dir = _under_data_dir("runs")
    datasets_dir = _under_data_dir("datasets")
    exports_dir = _under_data_dir("exports")

    def __post_init__(self) -> None:
        self.data_dir = Path(self.data_dir).resolve()

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'flexorch.db'}"

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)
