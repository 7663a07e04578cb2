"""``flexorch run``: build a dataset; the same flags as ``python run.py``."""
from __future__ import annotations

import argparse
from typing import Sequence

NAME = "run"
HELP = "Build a dataset from documents (the Beam job; every run.py flag, see `flexorch run --help`)."
ADD_HELP = False  # --help belongs to the job's own parser


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("job_flags", nargs=argparse.REMAINDER, help="flags of the Beam job")


def run_argv(argv: Sequence[str]) -> int:
    from flexorch_beam import cli  # Beam is imported only when a job runs

    cli.quiet_libraries()
    return cli.run(list(argv))


def run(args: argparse.Namespace) -> int:
    return run_argv(args.job_flags)
