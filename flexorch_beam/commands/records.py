"""``flexorch records list|show DATASET``: the records of a built dataset."""
from __future__ import annotations

import argparse
import json
import sys

from flexorch_beam.commands._common import BAD_INPUT, OK, csv_list, guarded

NAME = "records"
HELP = "List a dataset's records (a table, or JSON with --json), or show one record."
COLUMNS = ("id", "status", "doc_type", "quality_grade", "language", "pii_findings_count",
           "failure_reason", "reject_code", "file_name")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION")
    listing = sub.add_parser("list", help="list records, filtered",
                             description="List a dataset's records (every filter must match; "
                             "each takes comma-separated values).")
    listing.add_argument("dataset", metavar="DATASET", help="a built dataset folder")
    listing.add_argument("--status", default="", help="completed and/or failed")
    listing.add_argument("--doc-type", default="", help="e.g. invoice,receipt")
    listing.add_argument("--grade", default="", help="quality grades, e.g. A,B")
    listing.add_argument("--failure-code", default="", help="e.g. CORRUPT_FILE,TIMEOUT")
    listing.add_argument("--pii-type", default="", help="records holding any of these PII types")
    listing.add_argument("--limit", type=int, default=None, help="at most this many records")
    listing.add_argument("--json", action="store_true",
                         help="one JSON array of the listed columns instead of a table")
    show = sub.add_parser("show", help="show one record as JSON",
                          description="Show one record (every column, as JSON) and the "
                          "feedback in force on its document.")
    show.add_argument("dataset", metavar="DATASET", help="a built dataset folder")
    show.add_argument("record_id", metavar="ID", help="the record's id (job_...)")


def _cell(value) -> str:  # noqa: ANN001
    text = "" if value is None else str(value)
    return " ".join(text.split())


def _table(rows: list[dict]) -> str:
    cells = [[_cell(row.get(c)) for c in COLUMNS] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(COLUMNS)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(COLUMNS, widths)).rstrip()]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in cells]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    if args.action not in ("list", "show"):
        print("error: records needs an action: list or show", file=sys.stderr)
        return BAD_INPUT

    def work() -> int:
        from flexorch_beam.dataset import (
            dataset_feedback, get_record, list_records, open_dataset,
        )

        dataset = open_dataset(args.dataset)
        if args.action == "show":
            row = get_record(dataset, args.record_id)
            verdict = dataset_feedback(dataset).get(row.get("sha256") or "")
            row["feedback"] = verdict.to_json() if verdict else None
            print(json.dumps(row, indent=2, ensure_ascii=False, default=str))
            return OK
        rows = []
        for row in list_records(dataset, status=csv_list(args.status),
                                doc_type=csv_list(args.doc_type), grade=csv_list(args.grade),
                                failure_code=csv_list(args.failure_code),
                                pii_type=csv_list(args.pii_type), columns=COLUMNS):
            rows.append({c: row.get(c) for c in COLUMNS})
            if args.limit is not None and len(rows) >= args.limit:
                break
        if args.json:
            print(json.dumps(rows, indent=2, ensure_ascii=False))
        else:
            print(_table(rows))
            print(f"{len(rows)} record(s)", file=sys.stderr)
        return OK

    return guarded(work)
