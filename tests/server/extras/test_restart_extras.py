"""A restart resumes the extras' background work: a sync left running is queued again, a
delivery left sending is due again, and the job watermark is kept (no replayed events)."""
from __future__ import annotations

from flexorch_beam.server import auth
from flexorch_beam.server.db import utcnow
from flexorch_beam.server.extras_models import (
    Connector, ServiceState, SyncLog, SyncSchedule, Webhook, WebhookDelivery,
)
from flexorch_beam.server.webhooks import WATERMARK

from .conftest import running_server


def test_restart_requeues_running_syncs_and_sending_deliveries(tmp_path):
    data = tmp_path / "data"
    with running_server(data, start_workers=False) as server:
        key_id, _key = auth.create_key(server.app.state.db, "restart")
        now = utcnow()
        with server.app.state.db.session() as session:
            connector = Connector(key_id=key_id, name="c", type="local", config_public="{}", created_at=now)
            session.add(connector)
            session.flush()
            schedule = SyncSchedule(key_id=key_id, connector_id=connector.id, cron_expression="0 2 * * *",
                                    created_at=now, next_run_at=now)
            hook = Webhook(key_id=key_id, url="http://127.0.0.1:9/x", events='["job.completed"]',
                           secret="sealed", created_at=now)
            session.add_all([schedule, hook])
            session.flush()
            session.add(SyncLog(key_id=key_id, schedule_id=schedule.id, status="running", created_at=now))
            session.add(WebhookDelivery(key_id=key_id, webhook_id=hook.id, event="job.completed",
                                        subject="job:x", delivery_id="dlv_x", payload="{}",
                                        status="sending", created_at=now, next_attempt_at=now))
            mark = session.get(ServiceState, WATERMARK).value
    with running_server(data, start_workers=False) as server:  # the restart
        with server.app.state.db.session() as session:
            assert [log.status for log in session.query(SyncLog)] == ["queued"]
            assert [d.status for d in session.query(WebhookDelivery)] == ["pending"]
            assert session.get(ServiceState, WATERMARK).value == mark
