"""``flexorch serve``: the FlexOrch API (uvicorn) over a data dir; see README "Run the FlexOrch API"."""
from __future__ import annotations

import argparse

NAME = "serve"
HELP = "Run the FlexOrch API server (the flexorch-sdk's API) in front of the Beam job."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="Interface to listen on (default: %(default)s).")
    parser.add_argument("--port", type=int, default=8000, help="Port (default: %(default)s).")
    parser.add_argument("--data-dir", required=True,
                        help="Folder for uploads, pipeline runs, datasets and the SQLite database.")
    parser.add_argument("--database-url", default=None,
                        help="SQLAlchemy URL of the metadata database, e.g. "
                        "postgresql+psycopg://user:pw@host/db (default: SQLite in --data-dir).")
    parser.add_argument("--runner", default="DirectRunner",
                        help="Beam runner of the pipeline runs (DirectRunner, PortableRunner, "
                        "DataflowRunner, ...; default: %(default)s).")
    parser.add_argument("--pipeline-arg", action="append", default=[], metavar="FLAG",
                        help="An extra flag for every pipeline run (repeatable), e.g. "
                        "--pipeline-arg=--project=P --pipeline-arg=--region=R.")
    parser.add_argument("--remote-root", default=None, metavar="URL",
                        help="A URL the runner's workers share with the server (gs://... for "
                        "DataflowRunner, required there): each run's uploads are staged under it "
                        "and its output copied back.")
    parser.add_argument("--allow-private-urls", action="store_true",
                        help="Let webhooks and connector endpoints name loopback, private and "
                        "link-local hosts (refused by default: SSRF guard).")
    parser.add_argument("--rate-limit", type=int, default=120,
                        help="Requests a minute per key (default: %(default)s).")
    parser.add_argument("--max-upload-mb", type=float, default=50.0,
                        help="Largest upload per file, in MB (default: %(default)s).")
    parser.add_argument("--workers", type=int, default=1,
                        help="Pipeline runs at a time (default: %(default)s).")
    parser.add_argument("--max-docs-per-run", type=int, default=200,
                        help="Most queued documents one pipeline run takes (default: %(default)s).")
    parser.add_argument("--export-dir", action="append", default=[], metavar="DIR",
                        help="A local folder POST /datasets/{id}/export-s3 may write to (repeatable; "
                        "DATA_DIR/exports always).")
    parser.add_argument("--batch-quiet-s", type=float, default=1.0,
                        help="Start a run once no upload arrived for this long (default: %(default)s).")
    parser.add_argument("--batch-max-wait-s", type=float, default=5.0,
                        help="... or once the oldest queued upload waited this long (default: %(default)s).")


def settings_from(args: argparse.Namespace):  # noqa: ANN201
    from flexorch_beam.server.settings import Settings

    for name in ("rate_limit", "workers", "max_docs_per_run", "port"):
        if getattr(args, name) < 1:
            raise ValueError(f"--{name.replace('_', '-')} must be at least 1")
    if args.batch_quiet_s < 0 or args.batch_max_wait_s < 0:
        raise ValueError("--batch-quiet-s and --batch-max-wait-s must be >= 0")
    if args.max_upload_mb <= 0:
        raise ValueError("--max-upload-mb must be > 0")
    from flexorch_beam.server.runners import check

    check(args.runner, args.pipeline_arg, args.remote_root)  # a RunnerConfigError is a ValueError
    return Settings(data_dir=args.data_dir, database_url=args.database_url, host=args.host,
                    port=args.port, runner=args.runner, pipeline_args=tuple(args.pipeline_arg),
                    rate_limit_per_minute=args.rate_limit, max_upload_mb=args.max_upload_mb,
                    workers=args.workers, max_docs_per_run=args.max_docs_per_run,
                    export_dirs=tuple(args.export_dir), batch_quiet_s=args.batch_quiet_s, batch_max_wait_s=args.batch_max_wait_s,
                    remote_root=args.remote_root, allow_private_urls=args.allow_private_urls)


def run(args: argparse.Namespace) -> int:
    import sys

    import uvicorn

    from flexorch_beam.server.app import create_app

    try:
        settings = settings_from(args)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info")
    return 0
