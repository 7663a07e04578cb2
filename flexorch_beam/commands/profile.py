"""``flexorch profile DATASET``: recompute profile.json and report.html from the records."""
from __future__ import annotations

import argparse
import json

from flexorch_beam.commands._common import OK, guarded

NAME = "profile"
HELP = ("Recompute a dataset's profile.json and report.html from its records, with the feedback "
        "recorded so far; prints the profile's headline numbers (--json: the whole profile).")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dataset", metavar="DATASET", help="a built dataset folder")
    parser.add_argument("--feedback", action="append", default=[],
                        help="another feedback table to count (DATASET's own is always read)")
    parser.add_argument("--json", action="store_true", help="print profile.json")


def run(args: argparse.Namespace) -> int:
    def work() -> int:
        from flexorch_beam.dataset import open_dataset, recompute_profile

        dataset = open_dataset(args.dataset)
        profile = recompute_profile(dataset, args.feedback)
        if args.json:
            print(json.dumps(profile, indent=2, ensure_ascii=False))
        else:
            keys = ("record_count", "completed_count", "failed_count", "dataset_count",
                    "rejected_count", "training_count", "feedback_positive_count",
                    "feedback_negative_count")
            print("  ".join(f"{key.removesuffix('_count')} {profile.get(key)}" for key in keys))
            print(f"wrote {dataset.join('profile.json')} and {dataset.join('report.html')}")
        return OK

    return guarded(work)
