"""``flexorch delete DATASET``: remove exactly the files the dataset wrote, listed first."""
from __future__ import annotations

import argparse
import sys

from flexorch_beam.commands._common import FAILED, OK, guarded

NAME = "delete"
HELP = ("Delete a dataset: exactly the files its _SUCCESS marker lists, then the markers; "
        "lists them first and asks unless --yes. Refuses a folder that is not a dataset.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dataset", metavar="DATASET", help="a built dataset folder")
    parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    parser.add_argument("--with-feedback", action="store_true",
                        help="also delete the feedback table (kept by default: it is keyed by "
                        "content and the next build reads it)")


def run(args: argparse.Namespace) -> int:
    def work() -> int:
        from flexorch_beam.dataset import delete_dataset, delete_plan, open_dataset

        dataset = open_dataset(args.dataset)
        plan = delete_plan(dataset, args.with_feedback)
        print(f"{len(plan)} file(s) of the dataset of run {dataset.run_id!r} in {dataset.path}:")
        for rel in plan:
            print(f"  {rel}")
        if not args.yes:
            print("Delete them? [y/N] ", end="", file=sys.stderr, flush=True)
            answer = sys.stdin.readline().strip().lower()
            if answer not in ("y", "yes"):
                print("nothing deleted", file=sys.stderr)
                return FAILED
        removed = delete_dataset(dataset, plan)
        print(f"deleted {len(removed)} file(s)")
        return OK

    return guarded(work)
