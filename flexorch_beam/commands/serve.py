"""``flexorch serve``: the FlexOrch API (uvicorn) over a data dir; see README "Run the FlexOrch API"."""
from __future__ import annotations

import argparse
import operator

NAME = "serve"
HELP = "Run the FlexOrch API server (the flexorch-sdk's API) in front of the Beam job."

# The server's numbers: flag, type, default, (the rule, its bound), what it sets.
NUMBERS = (
    ("--port", int, 8000, ("at least", 1), "Port"),
    ("--rate-limit", int, 120, ("at least", 1), "Requests a minute per key"),
    ("--max-upload-mb", float, 50.0, (">", 0), "Largest upload per file, in MB"),
    ("--workers", int, 1, ("at least", 1), "Pipeline runs at a time"),
    ("--max-docs-per-run", int, 200, ("at least", 1), "Most queued documents one pipeline run takes"),
    ("--batch-quiet-s", float, 1.0, (">=", 0), "Start a run once no upload arrived for this long"),
    ("--batch-max-wait-s", float, 5.0, (">=", 0), "... or once the oldest queued upload waited this long"),
)
RULES = {"at least": operator.ge, ">=": operator.ge, ">": operator.gt}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="Interface to listen on (default: %(default)s).")
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
    parser.add_argument("--export-dir", action="append", default=[], metavar="DIR",
                        help="A local folder POST /datasets/{id}/export-s3 may write to (repeatable; "
                        "DATA_DIR/exports always).")
    for flag, kind, default, _, what in NUMBERS:
        parser.add_argument(flag, type=kind, default=default, help=f"{what} (default: %(default)s).")


def settings_from(args: argparse.Namespace):  # noqa: ANN201
    from flexorch_beam.server.settings import Settings

    for flag, _, _, (rule, bound), _ in NUMBERS:
        if not RULES[rule](getattr(args, flag[2:].replace("-", "_")), bound):
            raise ValueError(f"{flag} must be {rule} {bound}")
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
