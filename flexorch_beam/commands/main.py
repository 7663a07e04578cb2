"""Dispatch ``flexorch SUBCOMMAND ...`` to the subcommand modules.

``flexorch run`` hands its arguments untouched to the Beam job's own parser (``cli.run``), so it
takes exactly the flags ``run.py`` takes, Beam's runner flags included.
"""
from __future__ import annotations

import argparse
import importlib
import logging
import sys
from types import ModuleType
from typing import Optional, Sequence

# Subcommand name -> module. Modules are imported only when chosen: `flexorch --help` and
# `flexorch records` must not pay for Beam or the server stack.
SUBCOMMANDS: dict[str, str] = {
    "run": "flexorch_beam.commands.run",
    "export": "flexorch_beam.commands.export",
    "profile": "flexorch_beam.commands.profile",
    "records": "flexorch_beam.commands.records",
    "feedback": "flexorch_beam.commands.feedback",
    "delete": "flexorch_beam.commands.delete",
    "serve": "flexorch_beam.commands.serve",
    "keys": "flexorch_beam.commands.keys",
}


def _module(name: str) -> ModuleType:
    return importlib.import_module(SUBCOMMANDS[name])


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="flexorch",
        description="FlexOrch on Apache Beam: build a curated, privacy-safe dataset from "
        "documents, then work with the built dataset.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMANDS:
        module = _module(name)
        command = sub.add_parser(name, help=module.HELP, description=module.HELP,
                                 add_help=getattr(module, "ADD_HELP", True))
        module.add_arguments(command)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "run":  # every run.py flag, Beam's included, passes through as is
        return _module("run").run_argv(args[1:])
    parser = build_parser()
    if not args:
        parser.print_help(sys.stderr)
        return 2
    try:
        namespace = parser.parse_args(args)
    except SystemExit as stop:  # argparse: 0 for --help, 2 for bad usage
        return int(stop.code or 0)
    return int(_module(namespace.command).run(namespace))


def entry_point() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    sys.exit(main())
