"""Jobs survive a server restart: queued work is resumed, nothing is processed twice."""
from __future__ import annotations

from sqlalchemy import select, update

from flexorch_beam.server.models import Job, Run

from .conftest import corpus_file, running_server


def runs(server) -> list[Run]:
    with server.app.state.db.session() as session:
        return list(session.scalars(select(Run).order_by(Run.started_at)))


def test_queued_and_cut_off_work_resumes_once(tmp_path, corpus):
    data_dir = tmp_path / "data"
    # 1. A server whose worker dies mid-run: the job is claimed (a run row, status processing)
    #    and then the server goes away without finishing it.
    with running_server(data_dir, start_workers=False) as first:
        key = first.key()
        job = first.client(key).process(corpus_file(corpus, "*.txt"))
        queued_only = first.client(key).process(corpus_file(corpus, "*.html"))
        claim = first.app.state.queue.claim("data_process", limit=1)
        assert claim is not None and claim[1] == [job.id]
        with first.app.state.db.session() as session:  # as if another process had claimed it
            session.execute(update(Run).values(instance="a-server-that-died"))
    # 2. A new server on the same data dir: the cut-off run is abandoned and its job queued
    #    again; both jobs complete, each exactly once.
    with running_server(data_dir, poll_interval_s=0.2) as second:
        client = second.client(key)
        done = [client.jobs.get(job.id).wait(timeout=300, poll_interval=1),
                client.jobs.get(queued_only.id).wait(timeout=300, poll_interval=1)]
        assert [j.status for j in done] == ["completed", "completed"]
        all_runs = runs(second)
        assert [r.status for r in all_runs].count("abandoned") == 1
        completed = [r for r in all_runs if r.status == "completed"]
        with second.app.state.db.session() as session:
            jobs = list(session.scalars(select(Job)))
        assert len(jobs) == 2 and all(j.run_id in {r.id for r in completed} for j in jobs)
        # 3. A run that finished but was not yet written back when the server stopped.
        finished = completed[-1]
        with second.app.state.db.session() as session:
            session.execute(update(Run).where(Run.id == finished.id)
                            .values(status="running", instance="another-dead-server"))
            session.execute(update(Job).where(Job.run_id == finished.id)
                            .values(status="processing", quality_grade=None))
        before = len(all_runs)
    with running_server(data_dir, poll_interval_s=0.2) as third:
        client = third.client(key)
        again = [client.jobs.get(job.id), client.jobs.get(queued_only.id)]
        assert [j.status for j in again] == ["completed", "completed"]
        assert all(j.quality_grade for j in again)
        assert len(runs(third)) == before  # ingested from its output, not run again


def test_a_run_that_cannot_start_is_tried_again_then_its_jobs_fail(tmp_path, corpus):
    """A pipeline run that exits non-zero (here: a runner Beam does not know) is retried once;
    then its jobs fail with INTERNAL_ERROR and the SDK raises JobFailedError."""
    from flexorch_sdk import JobFailedError
    import pytest

    with running_server(tmp_path / "data", runner="NoSuchRunner", poll_interval_s=0.2,
                        batch_quiet_s=0) as server:
        client = server.client(server.key())
        job = client.process(corpus_file(corpus, "*.txt"))
        with pytest.raises(JobFailedError) as caught:
            job.wait(timeout=300, poll_interval=1)
        assert caught.value.failure_reason.startswith("INTERNAL_ERROR: pipeline run exited")
        assert [r.status for r in runs(server)] == ["failed", "failed"]
        with server.app.state.db.session() as session:
            assert session.get(Job, job.id).attempts == 2
