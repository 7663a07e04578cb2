"""Command line: parse flags, check inputs before the job starts, run, print the summary."""
from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from typing import Optional, Sequence

import apache_beam as beam
from apache_beam.options.pipeline_options import (
    DirectOptions,
    PipelineOptions,
    StandardOptions,
    TestOptions,
)

from flexorch_beam import pipeline as pipeline_module
from flexorch_beam.config import _switch
from flexorch_beam.fsspec_filesystem import register_on_workers
from flexorch_beam.local_files import local_path
from flexorch_beam.options import (
    FlagError,
    FlexOrchOptions,
    add_flags,
    check_flags,
    check_mask_key,
    check_ocr_langs,
    to_config,
)
from flexorch_beam.progress import ProgressReporter, progress_wanted
from flexorch_beam.sources import (
    EmptyInputError,
    SourceFile,
    check_globs,
    filesystem,
    parse_manifest,
)
from flexorch_beam.summary import counters_from_result, distributions_from_result, render_summary
from flexorch_beam.worker_memory import use_system_arrow_pool

LOG = logging.getLogger("flexorch_beam")


def _manifest(value: Optional[str]) -> list[SourceFile]:
    if not value:
        return []
    if value == "-":
        return parse_manifest(sys.stdin)
    try:
        fs, path = filesystem(value)
        with fs.open(path, "r", encoding="utf-8") as handle:
            return parse_manifest(handle)
    except FileNotFoundError:
        raise FlagError(f"--manifest {value}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise FlagError(f"--manifest {value}: cannot be read ({type(error).__name__})") from None


def _check_output(output: str) -> None:
    """A local output must be a folder (or not exist yet): a file there is an error. (On an
    object store a key and a prefix may share a name; checking would also cost a round trip.)"""
    path = local_path(output)
    if path is not None and os.path.exists(path) and not os.path.isdir(path):
        raise FlagError(f"--output {output} is a file, not a folder")


def print_help() -> None:
    """Beam's PipelineOptions swallows --help; show the job's own flags instead."""
    parser = argparse.ArgumentParser(
        prog="run.py",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
        description="Turn documents into a curated, privacy-safe dataset (Apache Beam batch job).",
        epilog="Beam's runner flags (--runner, --project, --region, --temp_location, "
        "--direct_num_workers, --flink_master, --sdk_container_image, ...) are accepted too.",
    )
    add_flags(parser, grouped=True)  # one section per capability's options
    parser.print_help()


def run(argv: Optional[Sequence[str]] = None, wait: bool = True) -> int:
    """Run the job; returns a process exit code (0 also when some documents failed:
    failures are records, not errors)."""
    args = list(argv) if argv is not None else sys.argv[1:]
    if "-h" in args or "--help" in args:
        print_help()
        return 0
    try:
        check_flags(args)
    except FlagError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    options = PipelineOptions(args)
    standard = options.view_as(StandardOptions)
    if not standard.runner:
        standard.runner = "DirectRunner"  # explicit: Beam logs "Missing pipeline option" else
    flex = options.view_as(FlexOrchOptions)
    if not flex.output:
        print("error: --output is required", file=sys.stderr)
        return 2
    try:
        config = to_config(options)
        check_ocr_langs(config.extract.ocr_langs)
        check_mask_key(config.pii)
        _check_output(flex.output)
        manifest = _manifest(flex.manifest)
        globs = list(flex.input or [])
        if globs or not manifest:
            check_globs(globs, config.input.follow_symlinks, config.input.exclude_paths)
    except (EmptyInputError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    started = time.monotonic()
    register_on_workers(options)
    use_system_arrow_pool()
    try:
        pipe = beam.Pipeline(options=options)  # an unknown --runner is a ValueError here
        # Steps check their settings while the graph is built (e.g. an unknown --pii-types
        # id or a missing --mask-key-env key): still before the job starts.
        pipeline_module.build(pipe, config, flex.output, globs=globs, manifest=manifest)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    reporter = None
    wanted = progress_wanted(flex.progress, sys.stderr)
    in_process = _runs_in_process(options)
    if wanted and in_process:  # pipe.run() returns only at the end: read the live counters
        reporter = ProgressReporter(sys.stderr, flex.progress_interval_s)
        reporter.start()
    try:
        result = pipe.run()
        if wanted and wait and not in_process and not _dry_run(options):
            reporter = ProgressReporter(
                sys.stderr, flex.progress_interval_s, counts=lambda: counters_from_result(result))
            reporter.start()
        if wait:
            result.wait_until_finish()
    finally:
        if reporter is not None:
            reporter.stop()
    if not wait:
        return 0
    runner = standard.runner
    if _dry_run(options):
        print(f"dry run: the job graph was built and checked, nothing ran (runner: {runner})")
        return 0
    wall = time.monotonic() - started
    print(render_summary(counters_from_result(result), wall, distributions_from_result(result)))
    print(f"runner: {runner}   run id: {config.run.run_id}   output: {flex.output}")
    return 0


def _runs_in_process(options: PipelineOptions) -> bool:
    """The DirectRunner in one process (its default): its DoFns share this process."""
    runner = options.view_as(StandardOptions).runner or "DirectRunner"
    mode = options.view_as(DirectOptions).direct_running_mode
    return runner in ("DirectRunner", "direct", "BundleBasedDirectRunner") and mode != "multi_processing"


def _dry_run(options: PipelineOptions) -> bool:
    value = options.view_as(TestOptions).dry_run
    try:
        return _switch(str(value)) if isinstance(value, str) else bool(value)
    except ValueError:
        return True


def quiet_libraries() -> None:
    """Keep the job's own log readable: the libraries' INFO lines are noise to our users."""
    for noisy in ("apache_beam", "urllib3", "fsspec", "s3fs", "gcsfs", "botocore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    quiet_libraries()
    sys.exit(run())


if __name__ == "__main__":
    main()
