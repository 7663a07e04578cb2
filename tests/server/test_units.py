"""The server's pure parts: rate-limit window, upload names, pipeline_config, credits, keys."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from flexorch_beam.server import auth
from flexorch_beam.server.credits import credits_for
from flexorch_beam.server.db import Database, migrate
from flexorch_beam.server.models import ApiKey
from flexorch_beam.server.ratelimit import RateLimiter
from flexorch_beam.server.runconfig import check_locale, job_flags, parse_pipeline_config, signature
from flexorch_beam.server.uploads import clean_name


def test_sliding_window_allows_the_limit_then_says_when_to_retry(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'r.db'}")
    migrate(db.engine)
    first, second = auth.create_key(db, "a")[0], auth.create_key(db, "b")[0]
    now = [1000.0]
    limiter = RateLimiter(db, clock=lambda: now[0])
    assert all(limiter.hit(first, 3).allowed for _ in range(3))
    refused = limiter.hit(first, 3)
    assert not refused.allowed and refused.headers()["Retry-After"] == "60"
    assert limiter.hit(second, 3).allowed  # per key
    now[0] += 30
    assert limiter.peek(first, 3).reset_in_s == 30 and not limiter.hit(first, 3).allowed
    now[0] += 30.01
    decision = limiter.hit(first, 3)
    assert decision.allowed and decision.remaining == 2
    # Another limiter on the same database (another server process) sees the same window.
    other = RateLimiter(Database(db.url), clock=lambda: now[0])
    assert other.peek(first, 3).used == 1
    assert other.hit(first, 3).allowed and limiter.hit(first, 3).allowed
    assert not other.hit(first, 3).allowed and not limiter.hit(first, 3).allowed
    # Expired hits are not counted, and are deleted once more than 100 piled up.
    from flexorch_beam.server.ratelimit import RateLimitHit

    with db.session() as session:
        session.add_all([RateLimitHit(key_id=second, at=now[0] - 3600) for _ in range(101)])
    assert limiter.hit(second, 3).remaining == 2  # its hit at t=1000 expired too
    with db.session() as session:
        assert session.query(RateLimitHit).filter_by(key_id=second).count() == 1
    db.dispose()


@pytest.mark.parametrize("raw, expected", [
    ("invoice.pdf", "invoice.pdf"), ("  Fatura Ağustos.pdf ", "Fatura Ağustos.pdf"),
    ("a\x00b\x1f.txt", "ab.txt"), ("e\u0301.txt", "\u00e9.txt"), ("x" * 300 + ".pdf", "x" * 196 + ".pdf"),
])
def test_clean_names(raw, expected):
    assert clean_name(raw) == expected


@pytest.mark.parametrize("raw", ["../a.txt", "a/b.txt", "a\\b.txt", "..", ".", "", "\x00", "/etc/passwd"])
def test_names_with_a_path_are_refused(raw):
    with pytest.raises(ValueError):
        clean_name(raw)


def test_pipeline_config_is_checked_and_becomes_run_flags():
    assert parse_pipeline_config(None) == {} and parse_pipeline_config("") == {}
    config = parse_pipeline_config('{"mask_mode": "indexed", "min_grade": "B"}')
    assert job_flags(check_locale("tr"), config, False) == [
        "--jurisdictions", "TR,GLOBAL", "--mask-mode", "indexed"]
    assert job_flags("und", {}, True) == ["--keep-raw-text"]
    assert signature("und", {}, False) != signature("und", {}, True)
    for bad in ("{x", "[]", '{"mask_mode": 1}', '{"output": "/etc"}', '{"min_grade": "Z"}'):
        with pytest.raises(ValueError):
            parse_pipeline_config(bad)
    with pytest.raises(ValueError):
        check_locale("--input=/etc")


def test_credit_rule():
    assert credits_for("completed", 1, False) == 1
    assert credits_for("completed", 3, False) == 3
    assert credits_for("completed", 2, True) == 4
    assert credits_for("completed", None, False) == 1
    assert credits_for("failed", 9, True) == 0


def test_keys_are_stored_hashed_and_revocable(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'k.db'}")
    migrate(db.engine)
    key_id, key = auth.create_key(db, "ci")
    assert key.startswith("fx_") and len(key) > 40
    with db.session() as session:
        row = session.scalar(select(ApiKey))
        assert row.key_hash == auth.hash_key(key) and key not in (row.key_hash, row.prefix)
    assert auth.authenticate(db, key).key_id == key_id
    assert auth.revoke_key(db, str(key_id)) and not auth.revoke_key(db, str(key_id))
    with pytest.raises(Exception) as caught:
        auth.authenticate(db, key)
    assert getattr(caught.value, "code", "") == "AUTH_REQUIRED"
    migrate(db.engine)  # idempotent
    db.dispose()


def test_keys_command_create_list_revoke(tmp_path, capsys):
    from flexorch_beam.commands.main import main

    data = str(tmp_path / "d")
    assert main(["keys", "create", "--data-dir", data, "--name", "ci", "--rate-limit", "10"]) == 0
    key = capsys.readouterr().out.strip()
    assert key.startswith("fx_")
    assert main(["keys", "list", "--data-dir", data]) == 0
    listed = capsys.readouterr().out
    assert "ci" in listed and key not in listed and key[:10] in listed
    assert main(["keys", "revoke", "--data-dir", data, key[:10]]) == 0
    assert main(["keys", "revoke", "--data-dir", data, key[:10]]) == 2  # already revoked
    assert main(["keys", "create", "--data-dir", data, "--name", "x", "--rate-limit", "0"]) == 2
    assert main(["serve", "--data-dir", data, "--port", "0"]) == 2
    assert main(["serve", "--data-dir", data, "--max-upload-mb", "-1"]) == 2
    db = Database(f"sqlite:///{tmp_path / 'd' / 'flexorch.db'}")
    with pytest.raises(Exception) as caught:
        auth.authenticate(db, key)
    assert getattr(caught.value, "code", "") == "AUTH_REQUIRED"
    db.dispose()


def test_serve_flags_are_the_settings_fields_they_set(tmp_path):
    """`flexorch serve`'s parser comes from Settings' flag fields: every value reaches its
    field, the defaults are the fields' own, and a bound is refused with the flag's name."""
    import argparse
    import dataclasses

    from flexorch_beam.commands import serve
    from flexorch_beam.server.settings import Settings

    parser = argparse.ArgumentParser()
    serve.add_arguments(parser)
    given = serve.settings_from(parser.parse_args([
        "--data-dir", str(tmp_path), "--port", "9001", "--rate-limit", "7",
        "--max-upload-mb", "2.5", "--workers", "3", "--max-docs-per-run", "9",
        "--batch-quiet-s", "0", "--batch-max-wait-s", "2", "--pipeline-arg=--project=p",
        "--pipeline-arg=--region=r", "--export-dir", "/a", "--export-dir", "/b",
        "--allow-private-urls", "--host", "0.0.0.0", "--database-url", "sqlite:///x.db"]))
    assert (given.port, given.rate_limit_per_minute, given.max_upload_mb) == (9001, 7, 2.5)
    assert (given.workers, given.max_docs_per_run) == (3, 9)
    assert (given.batch_quiet_s, given.batch_max_wait_s) == (0.0, 2.0)
    assert given.pipeline_args == ("--project=p", "--region=r")
    assert given.export_dirs == ("/a", "/b") and given.allow_private_urls is True
    assert (given.host, given.db_url) == ("0.0.0.0", "sqlite:///x.db")
    assert given.uploads_dir == tmp_path.resolve() / "uploads"
    plain = serve.settings_from(parser.parse_args(["--data-dir", str(tmp_path)]))
    defaults = Settings(data_dir=tmp_path)
    assert dataclasses.asdict(plain) == dataclasses.asdict(defaults)
    with pytest.raises(SystemExit):  # --data-dir is required
        parser.parse_args([])
    for flag, value, message in (("--port", "0", "--port must be >= 1"),
                                 ("--max-upload-mb", "0", "--max-upload-mb must be > 0"),
                                 ("--batch-max-wait-s", "-1", "--batch-max-wait-s must be >= 0")):
        with pytest.raises(ValueError, match=message):
            serve.settings_from(parser.parse_args(["--data-dir", str(tmp_path), flag, value]))
