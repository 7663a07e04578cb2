"""The work queue: jobs live in the database and are claimed by worker threads of the server.

Claim semantics: a worker creates a ``runs`` row and moves queued jobs to ``processing`` with
one ``UPDATE ... WHERE status = 'queued'``; only the rows that UPDATE changed belong to the
run, so two workers (threads, or servers on one PostgreSQL) never take the same job.

A claim of ``data_process`` jobs (every queued job with the oldest one's signature, up to
``max_docs_per_run``) is ONE Beam pipeline run: the same job as `flexorch run`
(``python -m flexorch_beam.cli``) over a manifest of the stored uploads, in a worker process,
on the configured runner. The run's records are then written to the jobs in one transaction.
A ``dataset_build`` job is a run of ``build_dataset`` over the execution's records.

Restart: at start every run left ``running`` by an earlier server is looked at once: a
process run whose output has ``_SUCCESS`` is ingested (its documents are not processed
again); any other is marked ``abandoned`` and its jobs go back to ``queued``.
"""
from __future__ import annotations

import json
import logging
import os
import sys
import uuid
from pathlib import Path
from typing import Any, Callable, Optional
from urllib.parse import unquote_to_bytes

from sqlalchemy import func, select, update

from flexorch_beam.server import runners
from flexorch_beam.server.credits import credits_for
from flexorch_beam.server.db import Database, utcnow
from flexorch_beam.server.models import ApiKey, Dataset, Document, Execution, Job, Run
from flexorch_beam.server.records import read_rows
from flexorch_beam.server.runconfig import job_flags
from flexorch_beam.server.settings import Settings
from flexorch_beam.server.workers import WorkerThreads

LOG = logging.getLogger("flexorch_beam.server.queue")
INSTANCE = uuid.uuid4().hex  # this server process
MAX_ATTEMPTS = 2  # a run that crashes is tried once more, then its jobs fail
# Warnings that mean a step could not do all its work (the SDK's `degraded`).
DEGRADED_WARNINGS = {"TRUNCATED", "VALIDATION_SKIPPED", "ATTACHMENT_SKIPPED", "OCR_LOW_CONFIDENCE"}


def start(app: Any):  # noqa: ANN201 - the SERVICES hook of app.py
    queue = JobQueue(app.state.settings, app.state.db)
    app.state.queue = queue
    queue.recover()
    if app.state.settings.start_workers:
        queue.start()
    return queue.stop


class JobQueue(WorkerThreads):
    def __init__(self, settings: Settings, db: Database) -> None:
        super().__init__()
        self.settings = settings
        self.db = db
        # Called with (event, payload) after a job or dataset changed for good: "job.completed",
        # "job.failed", "dataset.ready", "dataset.failed". Other parts (webhooks) append here
        # from their SERVICES hook; payloads carry ids and outcomes, never document content.
        self.listeners: list[Callable[[str, dict], None]] = []

    # -- lifecycle ------------------------------------------------------------------------
    def start(self) -> None:
        self._start_threads(f"flexorch-queue-{index}" for index in range(max(1, self.settings.workers)))

    role = "queue"

    @property
    def tick_s(self) -> float:  # type: ignore[override]
        return self.settings.poll_interval_s

    def _round(self) -> bool:
        return self.step()

    def step(self) -> bool:
        """Claim and run one unit of work; False when the queue is empty."""
        claim = self.claim("data_process") if self._batch_ready() else None
        if claim is not None:
            self._guarded(self._run_process, *claim)
            return True
        claim = self.claim("dataset_build", limit=1)
        if claim is not None:
            self._guarded(self._run_build, *claim)
            return True
        return False

    def _guarded(self, work: Callable[[str, list[str]], None], run_id: str, job_ids: list[str]) -> None:
        """A claimed run never stays `running` after an unexpected error in this process: it
        fails like a run that exited non-zero (retried once)."""
        try:
            work(run_id, job_ids)
        except Exception as error:  # noqa: BLE001 - logged by type, never with content
            LOG.error("run %s: unexpected %s", run_id, type(error).__name__)
            self._run_failed(run_id, f"unexpected {type(error).__name__} in the server")

    # -- claiming -------------------------------------------------------------------------
    def _batch_ready(self) -> bool:
        """Uploads still arriving wait a moment, so they go into one run (settings.py)."""
        with self.db.session() as session:
            span = session.execute(select(func.min(Job.created_at), func.max(Job.created_at))
                                   .where(Job.kind == "data_process", Job.status == "queued")).one()
        oldest, newest = span
        if oldest is None:
            return False
        now = utcnow()
        quiet = (now - newest).total_seconds() >= self.settings.batch_quiet_s
        return quiet or (now - oldest).total_seconds() >= self.settings.batch_max_wait_s

    def claim(self, kind: str, limit: Optional[int] = None) -> Optional[tuple[str, list[str]]]:
        limit = limit or self.settings.max_docs_per_run
        with self.db.session() as session:
            first = session.scalar(select(Job).where(Job.kind == kind, Job.status == "queued")
                                   .order_by(Job.created_at, Job.id).limit(1))
            if first is None:
                return None
            run_id = f"run_{uuid.uuid4().hex[:16]}"
            folder = self.settings.runs_dir if kind == "data_process" else self.settings.datasets_dir
            session.add(Run(id=run_id, kind=kind, status="running", instance=INSTANCE,
                            output_dir=str(folder / run_id), started_at=utcnow()))
            session.flush()
            wanted = (select(Job.id).where(Job.kind == kind, Job.status == "queued",
                                           Job.signature == first.signature)
                      .order_by(Job.created_at, Job.id).limit(limit).scalar_subquery())
            session.execute(update(Job).where(Job.id.in_(wanted), Job.status == "queued")
                            .values(status="processing", run_id=run_id, started_at=utcnow(),
                                    attempts=Job.attempts + 1)
                            .execution_options(synchronize_session=False))
            ids = list(session.scalars(select(Job.id).where(Job.run_id == run_id)))
            if not ids:
                session.delete(session.get(Run, run_id))
                return None
            execution_ids = set(session.scalars(select(Job.execution_id).where(Job.run_id == run_id)))
            if kind == "data_process":
                session.execute(update(Execution).where(Execution.id.in_(execution_ids),
                                                        Execution.status == "queued")
                                .values(status="processing"))
        return run_id, ids

    # -- restart --------------------------------------------------------------------------
    def recover(self) -> None:
        """Runs left running by an earlier server: ingest the finished ones, requeue the rest."""
        with self.db.session() as session:
            stale = list(session.scalars(select(Run).where(Run.status == "running",
                                                           Run.instance != INSTANCE)))
        for run in stale:
            finished = (Path(run.output_dir) / "_SUCCESS").exists()
            if not finished and run.kind == "data_process" and self.settings.remote_root:
                finished = self._fetch_finished_remote(run.id, Path(run.output_dir))
            if run.kind == "data_process" and finished:
                LOG.info("run %s finished before a restart: ingesting it", run.id)
                self._ingest(run.id)
                continue
            with self.db.session() as session:
                row = session.get(Run, run.id)
                row.status, row.finished_at = "abandoned", utcnow()
                session.execute(update(Job).where(Job.run_id == run.id, Job.status == "processing")
                                .values(status="queued", run_id=None, started_at=None))
                if run.kind == "dataset_build":
                    session.execute(update(Dataset).where(Dataset.build_job_id.in_(
                        select(Job.id).where(Job.run_id.is_(None), Job.kind == "dataset_build",
                                             Job.status == "queued"))).values(status="queued"))
            LOG.info("run %s was cut off by a restart: its jobs are queued again", run.id)

    def _fetch_finished_remote(self, run_id: str, output: Path) -> bool:
        """A run on a remote root that finished while no server watched: fetch its output."""
        remote = runners.remote_run_url(self.settings.remote_root, run_id) + "/output"
        try:
            import fsspec

            fs, root = fsspec.core.url_to_fs(remote)
            if not fs.exists(root.rstrip("/") + "/_SUCCESS"):
                return False
            runners.fetch_output(remote, output)
        except Exception as error:  # noqa: BLE001 - then it is run again, as if cut off
            LOG.error("run %s: fetching its remote output failed: %s", run_id, type(error).__name__)
            return False
        return (output / "_SUCCESS").exists()

    # -- events ---------------------------------------------------------------------------
    def _emit(self, job_ids: list[str]) -> None:
        """Tell the listeners about these jobs' final states (after the commit)."""
        if not self.listeners:
            return
        events = []
        with self.db.session() as session:
            for job in session.scalars(select(Job).where(Job.id.in_(job_ids))):
                if job.status not in ("completed", "failed"):
                    continue
                payload = {"job_id": job.id, "key_id": job.key_id, "type": job.kind,
                           "status": job.status, "execution_id": job.execution_id,
                           "document_id": job.document_id, "dataset_id": job.dataset_id,
                           "quality_grade": job.quality_grade, "quality_score": job.quality_score,
                           "failure_reason": job.failure_reason}
                events.append((f"job.{job.status}", payload))
                if job.kind == "dataset_build" and job.dataset_id is not None:
                    dataset = session.get(Dataset, job.dataset_id)
                    state = "ready" if job.status == "completed" else "failed"
                    events.append((f"dataset.{state}", {**payload, "row_count": dataset.row_count}))
        for event, payload in events:
            for listener in list(self.listeners):
                try:
                    listener(event, payload)
                except Exception as error:  # noqa: BLE001 - a listener never breaks the queue
                    LOG.error("event listener failed: %s", type(error).__name__)

    # -- running --------------------------------------------------------------------------
    def _spawn(self, argv: list[str], log_path: Path) -> int:
        return self.spawn(argv, dict(os.environ), log_path)

    def _run_process(self, run_id: str, job_ids: list[str]) -> None:
        with self.db.session() as session:
            run = session.get(Run, run_id)
            jobs = list(session.scalars(select(Job).where(Job.run_id == run_id)))
            first = jobs[0]
            execution = session.get(Execution, first.execution_id)
            key = session.get(ApiKey, first.key_id)
            files = []
            for job in jobs:
                document = session.get(Document, job.document_id)
                files.append({"path": document.storage_path, "original_name": document.filename,
                              "size_bytes": document.size_bytes})
            flags = job_flags(execution.locale, json.loads(execution.pipeline_config or "{}"),
                              key.privacy_profile == "raw")
            output = run.output_dir
        self.settings.runs_dir.mkdir(parents=True, exist_ok=True)
        remote = self.settings.remote_root
        target = output
        if remote:  # the workers cannot read our disk: stage the batch (runners.py)
            files = runners.stage_inputs(files, remote, run_id)
            target = runners.remote_run_url(remote, run_id) + "/output"
        manifest = self.settings.runs_dir / f"{run_id}.manifest.json"
        manifest.write_text(json.dumps({"files": files}), encoding="utf-8")
        argv = runners.process_argv(self.settings.runner, self.settings.pipeline_args, str(manifest),
                                    target, run_id, self.settings.max_upload_mb, flags)
        code = self._spawn(argv, self.settings.runs_dir / f"{run_id}.log")
        if self._stop.is_set():
            return  # shutting down: the run stays `running` and is recovered at next start
        if code == 0 and remote:
            runners.fetch_output(target, Path(output))
        if code == 0 and (Path(output) / "_SUCCESS").exists():
            self._ingest(run_id)
        else:
            self._run_failed(run_id, f"pipeline run exited with code {code}")

    def _run_failed(self, run_id: str, reason: str) -> None:
        LOG.error("run %s failed: %s", run_id, reason)
        with self.db.session() as session:
            run = session.get(Run, run_id)
            run.status, run.finished_at, run.error = "failed", utcnow(), reason
            for job in session.scalars(select(Job).where(Job.run_id == run_id,
                                                         Job.status == "processing")):
                if job.attempts < MAX_ATTEMPTS:
                    job.status, job.run_id, job.started_at = "queued", None, None
                else:
                    job.status, job.completed_at = "failed", utcnow()
                    job.failure_reason = f"INTERNAL_ERROR: {reason}"
                    if job.kind == "dataset_build" and job.dataset_id:
                        dataset = session.get(Dataset, job.dataset_id)
                        if dataset is not None:
                            dataset.status = "failed"
            self._finish_executions(session, run_id)
            job_ids = list(session.scalars(select(Job.id).where(Job.run_id == run_id)))
        self._emit(job_ids)
        self.wake()

    def _ingest(self, run_id: str) -> None:
        """The run's records onto its jobs, in one transaction."""
        with self.db.session() as session:
            run = session.get(Run, run_id)
            rows = read_rows(run.output_dir)
            pending = [job for job in session.scalars(select(Job).where(Job.run_id == run_id))
                       if job.status == "processing"]
            documents = {job.id: session.get(Document, job.document_id) for job in pending}
            for job, row in match_records(pending, documents, rows):
                if row is None:  # one document, one record: this is a bug, say so
                    job.status, job.completed_at = "failed", utcnow()
                    job.failure_reason = "INTERNAL_ERROR: the run wrote no record for this document"
                    continue
                apply_record(job, row)
                documents[job.id].status = "processed" if job.status == "completed" else "failed"
            run.status, run.finished_at = "completed", utcnow()
            self._finish_executions(session, run_id)
            job_ids = list(session.scalars(select(Job.id).where(Job.run_id == run_id)))
        self._emit(job_ids)

    @staticmethod
    def _finish_executions(session, run_id: str) -> None:  # noqa: ANN001
        execution_ids = set(session.scalars(select(Job.execution_id).where(Job.run_id == run_id,
                                                                            Job.kind == "data_process")))
        for execution_id in execution_ids:
            statuses = set(session.scalars(select(Job.status).where(Job.execution_id == execution_id,
                                                                    Job.kind == "data_process")))
            if statuses <= {"completed", "failed"}:
                execution = session.get(Execution, execution_id)
                execution.status = "completed" if "completed" in statuses else "failed"
                execution.completed_at = utcnow()

    def _run_build(self, run_id: str, job_ids: list[str]) -> None:
        with self.db.session() as session:
            run = session.get(Run, run_id)
            job = session.get(Job, job_ids[0])
            dataset = session.get(Dataset, job.dataset_id)
            dataset.status, dataset.path = "building", run.output_dir
            sources = list(session.execute(
                select(Job.record_id, Run.output_dir).join(Run, Run.id == Job.run_id)
                .where(Job.execution_id == job.execution_id, Job.kind == "data_process",
                       Job.record_id.is_not(None)).order_by(Job.created_at, Job.id)))
            execution = session.get(Execution, job.execution_id)
            min_grade = json.loads(execution.pipeline_config or "{}").get("min_grade")
            output = run.output_dir
        self.settings.datasets_dir.mkdir(parents=True, exist_ok=True)
        spec_path = self.settings.datasets_dir / f"{run_id}.spec.json"
        spec = {"output": output, "run_id": run_id, "ids": [r for r, _ in sources],
                "sources": sorted({folder for _, folder in sources}), "min_grade": min_grade}
        spec_path.write_text(json.dumps(spec), encoding="utf-8")
        argv = [sys.executable, "-m", "flexorch_beam.server.build_dataset", "--spec", str(spec_path),
                "--runner", "DirectRunner"]
        code = self._spawn(argv, self.settings.datasets_dir / f"{run_id}.log")
        if self._stop.is_set():
            return
        if code != 0 or not (Path(output) / "_SUCCESS").exists():
            self._run_failed(run_id, f"dataset build exited with code {code}")
            return
        summary = dataset_summary(output)
        with self.db.session() as session:
            run = session.get(Run, run_id)
            job = session.get(Job, job_ids[0])
            dataset = session.get(Dataset, job.dataset_id)
            for name, value in summary.items():
                setattr(dataset, name, value)
            dataset.status = "ready"
            job.status, job.completed_at = "completed", utcnow()
            run.status, run.finished_at = "completed", utcnow()
        self._emit(job_ids)


def match_records(jobs: list[Job], documents: dict[str, Document],
                  rows: list[dict]) -> list[tuple[Job, Optional[dict]]]:
    """Pair each job with its record: by the stored path in ``source_uri`` first; masking may
    have rewritten a path segment that looked like PII (README "File names and paths"), so
    then by content hash, then the last one left with the last one left."""
    left = {row["id"]: row for row in rows}  # record id -> row, not yet paired
    pairs: dict[str, Optional[dict]] = {}
    by_path = {unquote_to_bytes(row["source_uri"]): row for row in rows}
    for job in jobs:
        row = by_path.get(os.fsencode(documents[job.id].storage_path))
        if row is not None and row["id"] in left:
            pairs[job.id] = left.pop(row["id"])
    for job in jobs:
        if job.id in pairs:
            continue
        digest = documents[job.id].sha256
        found = next((rid for rid, r in left.items() if digest and r.get("sha256") == digest), None)
        if found is not None:
            pairs[job.id] = left.pop(found)
    unmatched = [job for job in jobs if job.id not in pairs]
    if len(unmatched) == 1 and len(left) == 1:
        pairs[unmatched[0].id] = left.popitem()[1]
    return [(job, pairs.get(job.id)) for job in jobs]


def apply_record(job: Job, row: dict) -> None:
    """One record's outcome onto its job (no text: the record stays in the run's files)."""
    job.record_id = row["id"]
    job.status = "completed" if row["status"] == "completed" else "failed"
    if job.status == "failed":
        job.failure_reason = f"{row.get('failure_reason')}: {row.get('processing_summary')}"
    job.quality_grade, job.quality_score = row.get("quality_grade"), row.get("quality_score")
    job.doc_type, job.language = row.get("doc_type"), row.get("language")
    job.page_count, job.ocr_used = row.get("page_count"), bool(row.get("ocr_used"))
    job.privacy_applied = bool(row.get("privacy_applied"))
    job.pii_findings_count = int(row.get("pii_findings_count") or 0)
    counts: dict[str, int] = {}
    for finding in row.get("pii_findings") or []:
        counts[finding["type"]] = counts.get(finding["type"], 0) + 1
    job.pii_type_summary = json.dumps(counts, sort_keys=True)
    job.warning_codes = json.dumps(sorted({w["code"] for w in row.get("warnings") or []}))
    job.credits = credits_for(row["status"], row.get("page_count"), bool(row.get("ocr_used")))
    job.completed_at = utcnow()


def dataset_summary(folder: str) -> dict[str, Any]:
    """Row count, privacy and the files of each format of a built dataset folder."""
    rows = read_rows(folder)
    counts: dict[str, int] = {}
    for row in rows:
        for finding in row.get("pii_findings") or []:
            counts[finding["type"]] = counts.get(finding["type"], 0) + 1
    files: dict[str, list[str]] = {}
    for entry in sorted(Path(folder).iterdir()):
        if entry.is_dir() and not entry.name.startswith((".", "_")):
            names = sorted(p.relative_to(entry).as_posix() for p in entry.rglob("*") if p.is_file())
            if names:
                files[entry.name] = names
    return {
        "row_count": len(rows),
        "privacy_applied": any(bool(r.get("privacy_applied")) for r in rows),
        "pii_findings_count": sum(int(r.get("pii_findings_count") or 0) for r in rows),
        "pii_type_summary": json.dumps(counts, sort_keys=True),
        "formats": json.dumps(files, sort_keys=True),
    }
