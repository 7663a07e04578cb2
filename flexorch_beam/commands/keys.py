"""``flexorch keys create|list|revoke --data-dir D``: the API keys of `flexorch serve`.

``create`` prints the new key (``fx_...``) once; only its SHA-256 is stored.
"""
from __future__ import annotations

import argparse
import sys

NAME = "keys"
HELP = "Create, list or revoke API keys of the FlexOrch API server."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    for action, text in (("create", "create a key and print it once"),
                         ("list", "list keys (id, name, prefix, created, revoked)"),
                         ("revoke", "revoke a key by id or prefix")):
        command = sub.add_parser(action, help=text, description=text)
        command.add_argument("--data-dir", required=True, help="The server's --data-dir.")
        command.add_argument("--database-url", default=None,
                             help="The server's --database-url, when it has one.")
        if action == "create":
            command.add_argument("--name", required=True, help="Who or what the key is for.")
            command.add_argument("--rate-limit", type=int, default=None,
                                 help="Requests a minute for this key (default: the server's).")
            command.add_argument("--credits-limit", type=int, default=None,
                                 help="Credit quota of this key (default: unlimited).")
            command.add_argument("--privacy-profile", choices=("masked", "raw"), default="masked",
                                 help="masked (default): masked text only; raw: also keep raw text.")
        if action == "revoke":
            command.add_argument("key", help="The key's id or its prefix (from `keys list`).")


def _db(args: argparse.Namespace):  # noqa: ANN202
    from flexorch_beam.server.db import Database, migrate
    from flexorch_beam.server.settings import Settings

    settings = Settings(data_dir=args.data_dir, database_url=args.database_url)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(settings.db_url)
    migrate(db.engine)
    return db


def run(args: argparse.Namespace) -> int:
    from flexorch_beam.server import auth

    db = _db(args)
    try:
        if args.action == "create":
            for name in ("rate_limit", "credits_limit"):
                value = getattr(args, name)
                if value is not None and value < 1:
                    print(f"error: --{name.replace('_', '-')} must be at least 1", file=sys.stderr)
                    return 2
            key_id, key = auth.create_key(db, args.name, args.rate_limit, args.credits_limit,
                                          args.privacy_profile)
            print(key)
            print(f"key {key_id} ({args.name}) created; it is shown only now", file=sys.stderr)
            return 0
        if args.action == "list":
            for row in auth.list_keys(db):
                revoked = row.revoked_at.isoformat() if row.revoked_at else "-"
                print(f"{row.id}\t{row.name}\t{row.prefix}...\t{row.privacy_profile}\t"
                      f"created {row.created_at.isoformat()}\trevoked {revoked}")
            return 0
        if not auth.revoke_key(db, args.key):
            print(f"error: no active key {args.key!r}", file=sys.stderr)
            return 2
        print(f"revoked {args.key}")
        return 0
    finally:
        db.dispose()
