"""Fixtures for the API tests: a small generated corpus, a real server (uvicorn in a thread
on a free loopback port) over a fresh data dir, API keys, and a real PostgreSQL server from
Debian's package (initdb + pg_ctl on a temp dir and a loopback port, as the postgres user when
run as root); PostgreSQL tests skip, saying why, when it cannot start."""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

import pytest

uvicorn = pytest.importorskip("uvicorn")
pytest.importorskip("flexorch_sdk")

from flexorch_beam.server import auth  # noqa: E402
from flexorch_beam.server.app import create_app  # noqa: E402
from flexorch_beam.server.db import Database, migrate  # noqa: E402
from flexorch_beam.server.settings import Settings  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RunningServer:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        db = Database(settings.db_url)
        migrate(db.engine)  # so keys can be made before the first request
        db.dispose()
        self.app = create_app(settings)
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> "RunningServer":
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the API server did not start")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=60)

    def key(self, name: str = "test", **options) -> str:
        return auth.create_key(self.app.state.db, name, **options)[1]

    def client(self, key: str, **options):
        from flexorch_sdk import FlexOrchClient

        options.setdefault("max_retries", 1)
        return FlexOrchClient(key, base_url=self.base_url, **options)


@contextmanager
def running_server(data_dir: Path, **settings) -> Iterator[RunningServer]:
    server = RunningServer(Settings(data_dir=data_dir, **settings)).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    """Six generated documents (one per sample type), docs/<lang>/<type>/<file>."""
    folder = tmp_path_factory.mktemp("api_corpus")
    subprocess.run([sys.executable, "-m", "flexorch_samples", str(folder), "--count", "6",
                    "--seed", "7"], check=True, capture_output=True)
    return folder / "docs"


def corpus_file(corpus: Path, pattern: str) -> Path:
    return Path(sorted(glob.glob(str(corpus / "**" / pattern), recursive=True))[0])


# -- PostgreSQL ----------------------------------------------------------------------------------
def _pg_bin() -> Optional[Path]:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(found[-1]).parent if found else None


class Postgres:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.bin = _pg_bin()
        self.port = free_port()
        self.data = root / "pgdata"
        self.as_postgres = os.geteuid() == 0

    def _cmd(self, *argv: str) -> list[str]:
        if self.as_postgres:  # initdb refuses root: run the server as the postgres user
            return ["runuser", "-u", "postgres", "--", *argv]
        return list(argv)

    def start(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        if self.as_postgres:
            shutil.chown(self.root, "postgres", "postgres")
        subprocess.run(self._cmd(str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust",
                                 "-U", "postgres", "--no-sync"),
                       check=True, capture_output=True, timeout=120)
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} -c fsync=off"
        subprocess.run(self._cmd(str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options,
                                 "-l", str(self.root / "log"), "-w", "-t", "60", "start"),
                       check=True, capture_output=True, timeout=120)

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        subprocess.run(self._cmd(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast",
                                 "-w", "stop"), capture_output=True, timeout=60)


@pytest.fixture(scope="session")
def postgres(tmp_path_factory) -> Iterator[Postgres]:
    if _pg_bin() is None:
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql; `make system`)")
    root = Path(tempfile_root()) / f"flexorch-pg-{os.getpid()}"
    server = Postgres(root)
    try:
        server.start()
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as error:
        detail = getattr(error, "stderr", b"") or b""
        pytest.skip(f"PostgreSQL could not start here: {type(error).__name__} "
                    f"{detail.decode(errors='replace')[-300:]}")
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


def tempfile_root() -> str:
    """/tmp itself: the postgres user must reach the folder (pytest's tmp dirs are 0700)."""
    import tempfile

    return tempfile.gettempdir()
