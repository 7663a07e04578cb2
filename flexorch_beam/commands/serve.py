"""``flexorch serve``: the FlexOrch API (uvicorn) over a data dir; see README "Run the FlexOrch API".

Its flags are the fields of ``server/settings.Settings`` declared with a flag: the parser, the
bounds and the Settings object all come from those fields."""
from __future__ import annotations

import argparse

NAME = "serve"
HELP = "Run the FlexOrch API server (the flexorch-sdk's API) in front of the Beam job."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from flexorch_beam.config import flags
    from flexorch_beam.server.settings import Settings

    for item, spec in flags(Settings):
        parser.add_argument(*spec.option_strings, **spec.argparse_kwargs(item.default))


def settings_from(args: argparse.Namespace):  # noqa: ANN201
    """The Settings the parsed flags give; a bound or a runner setup broken is a ValueError."""
    from flexorch_beam.config import flags
    from flexorch_beam.server.runners import check
    from flexorch_beam.server.settings import Settings

    values = {}
    for item, spec in flags(Settings):
        values[item.name] = spec.value(getattr(args, spec.parameter), item.default)
        spec.check_range(values[item.name])
    # A RunnerConfigError is a ValueError too.
    check(values["runner"], values["pipeline_args"], values["remote_root"])
    return Settings(**values)


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
