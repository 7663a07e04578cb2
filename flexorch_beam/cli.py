"""Command line: parse flags, check inputs before the job starts, run, print the summary."""
from __future__ import annotations

import argparse
import logging
import sys
import time
from typing import Optional, Sequence

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions

from flexorch_beam import pipeline as pipeline_module
from flexorch_beam.fsspec_filesystem import register_on_workers
from flexorch_beam.options import FlexOrchOptions, to_config
from flexorch_beam.sources import EmptyInputError, SourceFile, check_globs, parse_manifest
from flexorch_beam.summary import counters_from_result, distributions_from_result, render_summary
from flexorch_beam.worker_memory import use_system_arrow_pool

LOG = logging.getLogger("flexorch_beam")


def _manifest(value: Optional[str]) -> list[SourceFile]:
    if not value:
        return []
    if value == "-":
        return parse_manifest(sys.stdin)
    import fsspec

    with fsspec.open(value, "r", encoding="utf-8") as handle:
        return parse_manifest(handle)


def print_help() -> None:
    """Beam's PipelineOptions swallows --help; show the job's own flags instead."""
    parser = argparse.ArgumentParser(
        prog="run.py",
        description="Turn documents into a curated, privacy-safe dataset (Apache Beam batch job).",
        epilog="Beam's runner flags (--runner, --project, --region, --temp_location, "
        "--direct_num_workers, --flink_master, --sdk_container_image, ...) are accepted too.",
    )
    FlexOrchOptions._add_argparse_args(parser)  # noqa: SLF001 - Beam's documented hook
    parser.print_help()


def run(argv: Optional[Sequence[str]] = None, wait: bool = True) -> int:
    """Run the job; returns a process exit code (0 also when some documents failed:
    failures are records, not errors)."""
    args = list(argv) if argv is not None else sys.argv[1:]
    if "-h" in args or "--help" in args:
        print_help()
        return 0
    options = PipelineOptions(args)
    flex = options.view_as(FlexOrchOptions)
    if not flex.output:
        print("error: --output is required", file=sys.stderr)
        return 2
    try:
        config = to_config(options)
        manifest = _manifest(flex.manifest)
        globs = list(flex.input or [])
        if globs or not manifest:
            check_globs(globs)
    except (EmptyInputError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    started = time.monotonic()
    register_on_workers(options)
    use_system_arrow_pool()
    pipe = beam.Pipeline(options=options)
    try:
        # Steps check their settings while the graph is built (e.g. an unknown --pii-types
        # id or a missing --mask-key-env key): still before the job starts.
        pipeline_module.build(pipe, config, flex.output, globs=globs, manifest=manifest)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    result = pipe.run()
    if not wait:
        return 0
    result.wait_until_finish()
    wall = time.monotonic() - started
    runner = options.view_as(StandardOptions).runner or "DirectRunner"
    print(render_summary(counters_from_result(result), wall, distributions_from_result(result)))
    print(f"runner: {runner}   run id: {config.run_id}   output: {flex.output}")
    return 0


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("apache_beam", "urllib3", "fsspec", "s3fs", "gcsfs", "botocore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    sys.exit(run())


if __name__ == "__main__":
    main()
