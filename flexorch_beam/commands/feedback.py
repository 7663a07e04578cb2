"""``flexorch feedback DATASET --record ID (--positive|--negative) [--code C] [--note TEXT]``."""
from __future__ import annotations

import argparse

from flexorch_beam.commands._common import OK, guarded

NAME = "feedback"
HELP = ("Record feedback on a record's document in the table beside the dataset "
        "(DATASET/feedback/feedback.jsonl); the next export and build honour it: negative "
        "feedback sends the document to rejected/.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from flexorch_beam.feedback import CODES

    parser.add_argument("dataset", metavar="DATASET", help="a built dataset folder")
    parser.add_argument("--record", required=True, metavar="ID", help="the record's id (job_...)")
    verdict = parser.add_mutually_exclusive_group(required=True)
    verdict.add_argument("--positive", action="store_true", help="the record is right")
    verdict.add_argument("--negative", action="store_true",
                         help="the record is wrong: keep its document out of the dataset")
    parser.add_argument("--code", default=None,
                        help=f"what is wrong: {', '.join(CODES)} (negative default: OTHER)")
    parser.add_argument("--note", default=None,
                        help="a short note (one line, at most 2000 characters; no personal data)")


def run(args: argparse.Namespace) -> int:
    def work() -> int:
        from flexorch_beam.dataset import append_feedback, open_dataset

        dataset = open_dataset(args.dataset)
        verdict = append_feedback(dataset, args.record, args.positive, args.code, args.note)
        kind = "positive" if verdict.positive else "negative"
        code = f" {verdict.code}" if verdict.code else ""
        print(f"recorded {kind}{code} feedback on {args.record} (document sha256 "
              f"{verdict.sha256[:12]}…) in {dataset.join('feedback', 'feedback.jsonl')}")
        return OK

    return guarded(work)
