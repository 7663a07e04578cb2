"""WriteDataset: records -> rows under the one schema -> grade filter -> every selected sink,
plus the rejected output, then the dataset profile (profile.json + report.html) and the
``_SUCCESS`` marker.

Dataset sinks get every record when ``--min-grade`` is unset (completed or failed: one input
file, one record), and only completed records at that grade or better when it is set. Exact
and near-duplicates stay in, flagged; the finetune sink leaves them and failures out.
``rejected/`` always gets the failed records and the ones under ``--min-grade``, with their
reason. Negative feedback on a document (feedback.py) keeps its records out of every dataset
sink and sends them to ``rejected/`` with the feedback as reason; the rules are
admission.py. The profile counts every record, and the feedback by kind and code.

Order: every sink outputs the final paths of its files (after Beam's finalize renames); the
finish step takes all of them as a side input, so profile.json, report.html and then
``_SUCCESS`` (run id + manifest of the files) are written only once every sink is in place
(sinks/run_output.py). OUTPUT is checked and cleared before the run by
``run_output.prepare_output`` (pipeline.build).
"""
from __future__ import annotations

from typing import Mapping, Optional

import apache_beam as beam

from flexorch_beam import feedback as feedback_table
from flexorch_beam.admission import in_dataset, reject_reason
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.feedback import Verdict
from flexorch_beam.record import to_row
from flexorch_beam.sinks import SINKS
from flexorch_beam.sinks.profile import ProfileCombineFn
from flexorch_beam.sinks.rejected import WriteRejected
from flexorch_beam.sinks.run_output import FinishRun


def build_feedback(config: ProcessingConfig, output_dir: str) -> dict[str, Verdict]:
    """The feedback a build honours: ``--feedback`` tables, the table in OUTPUT (a rebuild
    into the same folder) and those beside the ``--history`` datasets. Read once, on the
    launcher, while the graph is built (feedback tables are small: one line per review)."""
    paths = [*config.feedback, output_dir, *feedback_table.history_tables(config.history)]
    return feedback_table.load(paths)


class WriteDataset(beam.PTransform):
    """``executions | WriteDataset(OUT, config)``; ``from_rows=True`` takes ``to_row`` dicts
    instead (``flexorch export`` reads them from a dataset's Parquet). ``feedback`` (content
    hash -> Verdict) defaults to :func:`build_feedback`."""

    def __init__(
        self,
        output_dir: str,
        config: Optional[ProcessingConfig] = None,
        feedback: Optional[Mapping[str, Verdict]] = None,
        from_rows: bool = False,
    ) -> None:
        super().__init__()
        self._output_dir = output_dir
        self._config = config or ProcessingConfig()
        self._feedback = feedback
        self._from_rows = from_rows

    def expand(self, executions):  # noqa: ANN001
        min_grade = self._config.min_grade
        feedback = dict(
            build_feedback(self._config, self._output_dir)
            if self._feedback is None else self._feedback
        )
        rows = executions if self._from_rows else executions | "ToRow" >> beam.Map(to_row)
        kept = rows | "DatasetRows" >> beam.Filter(in_dataset, min_grade, feedback)
        rejected = rows | "RejectedRows" >> beam.Filter(
            lambda row: reject_reason(row, min_grade, feedback) is not None
        )
        results = {}
        for fmt in self._config.formats:
            results[fmt] = kept | f"Write_{fmt}" >> SINKS[fmt](self._output_dir, self._config)
        results["rejected"] = rejected | "WriteRejected" >> WriteRejected(
            self._output_dir, self._config, feedback=feedback
        )
        sink_files = tuple(results.values()) | "SinkFiles" >> beam.Flatten()
        profile = rows | "Profile" >> beam.CombineGlobally(
            ProfileCombineFn(min_grade, feedback, self._config)
        )
        results["profile"] = profile | "Finish" >> FinishRun(
            self._output_dir, self._config.run_id, sink_files
        )
        return results
