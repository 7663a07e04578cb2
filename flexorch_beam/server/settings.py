"""Server settings: the plain values `flexorch serve` flags set (no globals, one object)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional


@dataclass
class Settings:
    data_dir: Path
    database_url: Optional[str] = None  # default: SQLite in data_dir
    host: str = "127.0.0.1"
    port: int = 8000
    # The Beam runner of the pipeline runs and any extra Beam flags (e.g. --project ...).
    runner: str = "DirectRunner"
    pipeline_args: tuple[str, ...] = ()
    # An fsspec URL the runner's workers share with the server (required for Dataflow): each
    # run's uploads are staged there and its output copied back (runners.py).
    remote_root: Optional[str] = None
    # Webhook and connector URLs may name loopback/private hosts (tests, a private network).
    allow_private_urls: bool = False
    rate_limit_per_minute: int = 120  # per key; a key may carry its own
    max_upload_mb: float = 50.0  # per file, enforced while streaming
    max_files_per_request: int = 50
    # Pipeline runs at a time, and the most documents one run takes from the queue.
    workers: int = 1
    max_docs_per_run: int = 200
    poll_interval_s: float = 0.5
    # A run starts once no upload arrived for batch_quiet_s, or the oldest queued job has
    # waited batch_max_wait_s: concurrent uploads share one pipeline start-up.
    batch_quiet_s: float = 1.0
    batch_max_wait_s: float = 5.0
    start_workers: bool = True  # tests of the HTTP layer alone may turn the queue off
    # Local folders export-s3 may write to (besides DATA_DIR/exports); object-store URLs are
    # written with the server's own credentials.
    export_dirs: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict)  # room for other parts' settings

    def __post_init__(self) -> None:
        self.data_dir = Path(self.data_dir).resolve()

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'flexorch.db'}"

    @property
    def uploads_dir(self) -> Path:
        return self.data_dir / "uploads"

    @property
    def runs_dir(self) -> Path:
        return self.data_dir / "runs"

    @property
    def datasets_dir(self) -> Path:
        return self.data_dir / "datasets"

    @property
    def exports_dir(self) -> Path:
        return self.data_dir / "exports"

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)
