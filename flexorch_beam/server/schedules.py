"""Scheduled corpus builds: a connector's cron schedules, run by a scheduler thread in the
server as incremental Beam pipeline runs with ``--history``.

Each firing (cron time reached, or POST .../trigger) is one ``sync_logs`` row and one
``flexorch run`` in a worker process over every file the connector lists (under the
schedule's ``prefix_filter``), with the Parquet of the schedule's earlier successful runs as
``--history``: files already built (same sha256) become duplicate records and are not
processed again. A finished run becomes a dataset of the key (GET /v1/datasets) and a
``dataset.ready`` event. The connector's credentials reach the run only through its
environment (connectors.pipeline_env), never its command line or a log.

Cron expressions are the usual five fields (croniter), evaluated in UTC. A schedule whose
time passed while the server was down fires once at start, then keeps its rhythm (no
backfill storm). A sync left ``running`` by a stopped server is queued again; its rerun has
the same run id, so it replaces its own partial output.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Optional

from croniter import croniter
from sqlalchemy import select, update

from flexorch_beam.server import connector_sources
from flexorch_beam.server import connectors as connector_lib
from flexorch_beam.server import urlguard
from flexorch_beam.server.errors import ApiError
from flexorch_beam.server.db import Database, utcnow
from flexorch_beam.server.extras_models import Connector, SyncLog, SyncSchedule
from flexorch_beam.server.models import ApiKey, Dataset, Execution
from flexorch_beam.server.records import read_rows
from flexorch_beam.server.runconfig import job_flags
from flexorch_beam.server.secretbox import SecretBox, app_box
from flexorch_beam.server.settings import Settings
from flexorch_beam.server.views import api_fields
from flexorch_beam.server.workers import WorkerThreads

LOG = logging.getLogger("flexorch_beam.server.schedules")
DEFAULT_TICK_S = 15.0  # how often the scheduler looks for due schedules (settings.extra)


def check_cron(expression: str) -> str:
    """A valid five-field cron expression, normalised; ValueError otherwise."""
    text = " ".join(str(expression or "").split())
    if len(text.split(" ")) != 5 or not croniter.is_valid(text):
        raise ValueError("cron_expression must be five cron fields, e.g. '0 2 * * *'")
    return text


def next_run(expression: str, after: datetime) -> datetime:
    """The first cron time strictly after ``after`` (naive UTC in, naive UTC out)."""
    start = after.replace(tzinfo=timezone.utc)
    return croniter(expression, start).get_next(datetime).astimezone(timezone.utc).replace(tzinfo=None)


def schedule_view(schedule: SyncSchedule) -> dict[str, Any]:
    return api_fields(schedule, "id", "connector_id", "cron_expression", "prefix_filter", "is_active",
                      "last_run_at", "next_run_at", "created_at")


def log_view(log: SyncLog) -> dict[str, Any]:
    return api_fields(log, "id", "schedule_id", "trigger", "status", "started_at", "completed_at",
                      "files_found", "files_new", "files_skipped", "files_failed", "error_message",
                      "run_id", "dataset_id", started_at=log.started_at or log.created_at)


def start(app: Any):  # noqa: ANN201 - the SERVICES hook of app.py
    box = app_box(app.state)
    scheduler = Scheduler(app.state.settings, app.state.db, box,
                          on_dataset=lambda key_id, dataset_id: _emit_dataset(app, key_id, dataset_id))
    app.state.scheduler = scheduler
    app.state.connector_url = lambda who, connector_id: export_target(app, scheduler, who, connector_id)
    app.state.resolve_source = lambda who, text, temp_dir, max_bytes: connector_sources.fetch(
        app.state.connector_url, who, text, temp_dir, max_bytes)
    scheduler.recover()
    if app.state.settings.start_workers:
        scheduler.start()
    return scheduler.stop


def export_target(app: Any, scheduler: "Scheduler", who: Any, connector_id: Any) -> Optional[tuple[str, dict]]:
    """POST /datasets/{id}/export-s3 with ``connector_id``: the connector's (URL, fsspec
    options), or None when the key has no such active connector."""
    with app.state.db.session() as session:
        connector = Connector.of_key(session, who.key_id, connector_id)
        if connector is None or not connector.active:
            return None
        public = json.loads(connector.config_public or "{}")
        sealed, type_ = connector.config_secret, connector.type
        connector.last_used_at = utcnow()
    try:
        tgt = connector_lib.target(type_, public, scheduler.box.open(sealed) or {},
                                   scheduler.local_roots(), app.state.settings.allow_private_urls)
    except urlguard.UrlNotAllowed as error:
        raise ApiError("URL_NOT_ALLOWED", str(error)) from None
    return tgt.url, tgt.storage_options


def _emit_dataset(app: Any, key_id: int, dataset_id: int) -> None:
    dispatcher = getattr(app.state, "webhooks", None)
    if dispatcher is not None:
        dispatcher.dataset_ready(key_id, dataset_id)


class Scheduler(WorkerThreads):
    def __init__(self, settings: Settings, db: Database, box: SecretBox,
                 on_dataset: Any = None) -> None:
        super().__init__()
        self.settings = settings
        self.db = db
        self.box = box
        self.tick_s = float(settings.extra.get("scheduler_tick_s", DEFAULT_TICK_S))
        self.on_dataset = on_dataset

    # -- lifecycle ------------------------------------------------------------------------
    def start(self) -> None:
        self._start_threads(["flexorch-scheduler"])

    def recover(self) -> None:
        """Syncs a stopped server left running go back to the queue (same run id on rerun)."""
        with self.db.session() as session:
            session.execute(update(SyncLog).where(SyncLog.status == "running")
                            .values(status="queued"))

    role = "scheduler"

    def _round(self) -> bool:
        self.fire_due(utcnow())
        while not self._stop.is_set() and self.run_next():
            pass
        return False

    # -- firing ---------------------------------------------------------------------------
    def fire_due(self, now: datetime) -> int:
        """Queue one sync for every active schedule whose time has come; the count."""
        fired = 0
        with self.db.session() as session:
            due = list(session.scalars(
                select(SyncSchedule).where(SyncSchedule.is_active.is_(True),
                                           SyncSchedule.next_run_at <= now)
                .order_by(SyncSchedule.next_run_at)))
            for schedule in due:
                claimed = session.execute(
                    update(SyncSchedule)
                    .where(SyncSchedule.id == schedule.id,
                           SyncSchedule.next_run_at == schedule.next_run_at)
                    .values(next_run_at=next_run(schedule.cron_expression, now), last_run_at=now)
                    .execution_options(synchronize_session=False)).rowcount
                if claimed:  # another server did not fire it first
                    session.add(SyncLog(key_id=schedule.key_id, schedule_id=schedule.id,
                                        trigger="cron", status="queued", created_at=now))
                    fired += 1
        return fired

    def trigger(self, schedule: SyncSchedule) -> SyncLog:
        """Queue a sync now (POST .../trigger); the scheduler thread runs it."""
        with self.db.session() as session:
            log = SyncLog(key_id=schedule.key_id, schedule_id=schedule.id, trigger="manual",
                          status="queued", created_at=utcnow())
            session.add(log)
            row = session.get(SyncSchedule, schedule.id)
            row.last_run_at = log.created_at
            session.flush()
        self.wake()
        return log

    # -- running --------------------------------------------------------------------------
    def run_next(self) -> bool:
        """Claim the oldest queued sync and run it; False when none is queued."""
        with self.db.session() as session:
            log = session.scalar(select(SyncLog).where(SyncLog.status == "queued")
                                 .order_by(SyncLog.created_at, SyncLog.id).limit(1))
            if log is None:
                return False
            claimed = session.execute(
                update(SyncLog).where(SyncLog.id == log.id, SyncLog.status == "queued")
                .values(status="running", started_at=utcnow())
                .execution_options(synchronize_session=False)).rowcount
            log_id = log.id
        if claimed:
            self.run_sync(log_id)
        return True

    def run_sync(self, log_id: int) -> None:
        try:
            outcome = self._sync(log_id)
        except Exception as error:  # noqa: BLE001 - a failed sync is logged on its row
            LOG.error("sync %s failed: %s", log_id, type(error).__name__)
            outcome = {"status": "failed", "error_message": f"sync failed ({type(error).__name__})"}
        if self._stop.is_set() and outcome.get("status") == "interrupted":
            return  # stays running; recover() queues it again at the next start
        with self.db.session() as session:
            log = session.get(SyncLog, log_id)
            for name, value in outcome.items():
                if name != "interrupted":
                    setattr(log, name, value)
            log.completed_at = utcnow()
            key_id, dataset_id = log.key_id, log.dataset_id
        if dataset_id is not None and self.on_dataset is not None:
            self.on_dataset(key_id, dataset_id)

    def _sync(self, log_id: int) -> dict[str, Any]:
        with self.db.session() as session:
            log = session.get(SyncLog, log_id)
            schedule = session.get(SyncSchedule, log.schedule_id)
            connector = session.get(Connector, schedule.connector_id)
            key = session.get(ApiKey, log.key_id)
            if connector is None or not connector.active:
                return {"status": "failed", "error_message": "the connector was deleted"}
            public = json.loads(connector.config_public or "{}")
            secret = self.box.open(connector.config_secret) or {}
            connector.last_used_at = utcnow()
            earlier = list(session.scalars(
                select(SyncLog.output_dir).where(SyncLog.schedule_id == schedule.id,
                                                 SyncLog.status == "completed",
                                                 SyncLog.output_dir.is_not(None))
                .order_by(SyncLog.id)))
            prefix_filter, raw = schedule.prefix_filter, key.privacy_profile == "raw"
            schedule_id, key_id, connector_type = schedule.id, key.id, connector.type
            connector_id = connector.id
        try:
            tgt = connector_lib.target(connector_type, public, secret, self.local_roots(),
                                       self.settings.allow_private_urls)
        except urlguard.UrlNotAllowed as error:
            return {"status": "failed", "error_message": f"URL_NOT_ALLOWED: {error}"}
        files = connector_lib.list_files(tgt, prefix_filter)
        if not files:
            return {"status": "completed", "files_found": 0, "error_message": None}
        run_id = f"sync_{schedule_id}_{log_id}"
        base = self.settings.data_dir / "syncs" / f"schedule_{schedule_id}"
        output = base / run_id
        scratch = base / "scratch" / run_id
        scratch.mkdir(parents=True, exist_ok=True)
        manifest = scratch / "manifest.json"
        manifest.write_text(json.dumps({
            "files": [{"path": f["url"], "original_name": f["key"], "size_bytes": f["size"]} for f in files],
            "metadata": {"connector_id": str(connector_id),
                         "schedule_id": str(schedule_id), "sync_log_id": str(log_id)},
        }), encoding="utf-8")
        history = [f"{folder}/parquet/*.parquet" for folder in earlier
                   if (Path(folder) / "_SUCCESS").exists()]
        # A sync's output, history and connector credentials live on this machine: with a
        # remote root (workers that cannot see our disk, e.g. Dataflow) it runs locally.
        runner, runner_args = ((self.settings.runner, self.settings.pipeline_args)
                               if not self.settings.remote_root else ("DirectRunner", ()))
        argv = [sys.executable, "-m", "flexorch_beam.cli", "--manifest", str(manifest),
                "--output", str(output), "--run-id", run_id, "--formats", "jsonl,parquet",
                "--progress=false", "--runner", runner, *runner_args,
                *job_flags("und", {}, raw)]
        for pattern in history:
            argv += ["--history", pattern]
        try:
            env = connector_lib.subprocess_env(dict(os.environ), tgt, scratch)
            code = self._spawn(argv, env, scratch.parent / f"{run_id}.log")
        finally:
            shutil.rmtree(scratch, ignore_errors=True)  # the manifest and any credential file
        if self._stop.is_set():
            return {"status": "interrupted"}
        if code != 0 or not (output / "_SUCCESS").exists():
            return {"status": "failed", "files_found": len(files), "run_id": run_id,
                    "error_message": f"pipeline run exited with code {code}"}
        rows = read_rows(str(output))
        counts = {
            "files_found": len(files),
            "files_new": sum(1 for r in rows if r["status"] == "completed" and not r.get("is_duplicate")),
            "files_skipped": sum(1 for r in rows if r.get("is_duplicate")),
            "files_failed": sum(1 for r in rows if r["status"] == "failed"),
        }
        dataset_id = self._register_dataset(key_id, schedule_id, run_id, output)
        return {"status": "completed", "run_id": run_id, "output_dir": str(output),
                "dataset_id": dataset_id, "error_message": None, **counts}

    def _register_dataset(self, key_id: int, schedule_id: int, run_id: str, output: Path) -> int:
        """The run's output as a ready dataset of the key (listed, exported, searched like any)."""
        from flexorch_beam.server.queue import dataset_summary

        summary = dataset_summary(str(output))
        now = utcnow()
        with self.db.session() as session:
            execution = Execution(key_id=key_id, status="completed", locale="und",
                                  pipeline_config="{}", created_at=now, completed_at=now)
            session.add(execution)
            session.flush()
            dataset = Dataset(key_id=key_id, name=f"schedule {schedule_id} {run_id}",
                              slug=f"schedule-{schedule_id}-{run_id.replace('_', '-')}",
                              description=f"Scheduled sync {run_id} (schedule {schedule_id})",
                              status="ready", source_execution_id=execution.id, path=str(output),
                              created_at=now, **summary)
            session.add(dataset)
            session.flush()
            return dataset.id

    def _spawn(self, argv: list[str], env: dict[str, str], log_path: Path) -> int:
        return self.spawn(argv, env, log_path)

    def local_roots(self) -> tuple[Path, ...]:
        return connector_lib.allowed_local_roots(self.settings.data_dir,
                                                 self.settings.extra.get("connector_roots", ()))
