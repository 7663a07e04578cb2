"""``flexorch export DATASET --output OUT --formats ...``: an existing dataset, read from its
Parquet through Beam, written to any sink format with its own profile and report."""
from __future__ import annotations

import argparse

from flexorch_beam.commands._common import OK, csv_list, guarded

NAME = "export"
HELP = ("Write an existing dataset (read from its Parquet, through Beam) to other sink formats, "
        "with its own profile.json and report.html; no document is processed again.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from flexorch_beam.config import GRADES
    from flexorch_beam.output_formats import OUTPUT_FORMATS

    parser.add_argument("dataset", metavar="DATASET", help="a built dataset folder")
    parser.add_argument("--output", required=True, help="the export's folder (outside DATASET)")
    parser.add_argument("--formats", required=True,
                        help=f"comma-separated sink formats: {', '.join(OUTPUT_FORMATS)}")
    parser.add_argument("--min-grade", default=None, metavar="GRADE",
                        help=f"only records at this grade or better ({', '.join(GRADES)}); the "
                        "rest go to the export's rejected/ with their reason (default: all)")
    parser.add_argument("--doc-types", default="", help="comma-separated doc types to export "
                        "(default: all)")
    parser.add_argument("--languages", default="", help="comma-separated languages (ISO 639-1) "
                        "to export (default: all)")
    parser.add_argument("--status", default="", help="completed, failed or both, comma-separated "
                        "(default: both)")
    parser.add_argument("--split", type=float, default=None,
                        help="validation fraction (0-1) for the hf and finetune formats")
    parser.add_argument("--feedback", action="append", default=[],
                        help="another feedback table to honour (DATASET's own is always read)")
    parser.add_argument("--run-id", default=None,
                        help="run id of the export's _SUCCESS (default: export-<dataset run id>)")
    parser.add_argument("--overwrite", action="store_true",
                        help="replace another run's dataset in --output")
    parser.add_argument("--pipeline-options", default="",
                        help="Beam flags for the export job, one string "
                        "(e.g. '--runner=DataflowRunner --project=P'); default DirectRunner")


def run(args: argparse.Namespace) -> int:
    def work() -> int:
        from flexorch_beam.cli import quiet_libraries
        from flexorch_beam.dataset import Selection, export, open_dataset

        quiet_libraries()
        dataset = open_dataset(args.dataset)
        selection = Selection(csv_list(args.doc_types), csv_list(args.languages),
                              csv_list(args.status))
        success = export(
            dataset, args.output, csv_list(args.formats), min_grade=args.min_grade,
            selection=selection, split=args.split, run_id=args.run_id,
            overwrite=args.overwrite, feedback_paths=args.feedback,
            pipeline_args=args.pipeline_options,
        )
        print(f"exported {success.get('record_count')} records of {dataset.path} to "
              f"{args.output} ({len(success.get('files') or [])} files, run id "
              f"{success.get('run_id')})")
        return OK

    return guarded(work)
