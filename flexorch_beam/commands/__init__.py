"""The ``flexorch`` console command: one module per subcommand, listed in ``SUBCOMMANDS``.

Adding a subcommand is one module with ``NAME``, ``HELP``, ``add_arguments(parser)`` and
``run(args) -> int`` (the process exit code: 0 done, 1 failed, 2 bad usage or bad input,
nothing changed), plus its line in ``SUBCOMMANDS`` and its test.
"""
