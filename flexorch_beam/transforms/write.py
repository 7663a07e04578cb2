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

from typing import Mapping, Optional, Union

import apache_beam as beam

from flexorch_beam import feedback as feedback_table
from flexorch_beam.admission import in_dataset, reject_reason
from flexorch_beam.config import OutputOptions, ProcessingConfig, options_for
from flexorch_beam.feedback import Verdict
from flexorch_beam.record import to_row
from flexorch_beam.sinks import SINKS
from flexorch_beam.sinks.profile import ProfileCombineFn, privacy_profile_entry
from flexorch_beam.sinks.rejected import WriteRejected
from flexorch_beam.sinks.run_output import FinishRun


def build_feedback(config: OutputOptions, output_dir: str) -> dict[str, Verdict]:
    """The feedback a build honours: ``--feedback`` tables, the table in OUTPUT (a rebuild
    into the same folder) and those beside the ``--history`` datasets. ``--feedback`` must be
    readable; the other two places are looked in when they can be listed. Read in the
    pipeline (ReadFeedback, one small element), never while the graph is built, so an
    offline ``--dry_run`` touches no store."""
    optional = [output_dir, *feedback_table.history_patterns(config.history)]
    return feedback_table.load(config.feedback, optional=optional)


class ReadFeedback(beam.PTransform):
    """``pipeline | ReadFeedback(config, OUT)``: one element, the verdicts in force (content
    hash -> Verdict); feedback tables are small (one line per review), so a side input."""

    def __init__(self, config: Union[OutputOptions, ProcessingConfig], output_dir: str) -> None:
        super().__init__()
        self._config = options_for("output", config)
        self._output_dir = output_dir

    def expand(self, pbegin):  # noqa: ANN001
        config, output_dir = self._config, self._output_dir
        return (
            pbegin
            | "Once" >> beam.Create([None])
            | "Load" >> beam.Map(lambda _none: build_feedback(config, output_dir))
        )


class WriteDataset(beam.PTransform):
    """``records | WriteDataset(OUT, OutputOptions(formats=("jsonl",)))``; ``from_rows=True``
    takes ``to_row`` dicts instead (``flexorch export`` reads them from a dataset's Parquet).
    ``feedback`` (content hash -> Verdict) defaults to :func:`build_feedback`. ``privacy`` is
    what profile.json records as ``privacy_profile`` (``profile.privacy_profile_entry``).
    Given a whole ProcessingConfig it keeps its output part and that record only."""

    def __init__(
        self,
        output_dir: str,
        config: Union[OutputOptions, ProcessingConfig, None] = None,
        feedback: Optional[Mapping[str, Verdict]] = None,
        from_rows: bool = False,
        privacy: Optional[dict] = None,
    ) -> None:
        super().__init__()
        self._output_dir = output_dir
        if privacy is None and isinstance(config, ProcessingConfig):
            privacy = privacy_profile_entry(config.pii)
        self._config = options_for("output", config)
        self._privacy = privacy
        self._feedback = feedback
        self._from_rows = from_rows

    @property
    def options(self) -> OutputOptions:
        return self._config

    def expand(self, records):  # noqa: ANN001
        min_grade = self._config.min_grade
        pipeline = records.pipeline
        if self._feedback is None:
            verdicts = pipeline | "ReadFeedback" >> ReadFeedback(self._config, self._output_dir)
        else:
            verdicts = pipeline | "Feedback" >> beam.Create([dict(self._feedback)])
        feedback = beam.pvalue.AsSingleton(verdicts)
        rows = records if self._from_rows else records | "ToRow" >> beam.Map(to_row)
        kept = rows | "DatasetRows" >> beam.Filter(in_dataset, min_grade, feedback)
        rejected = rows | "RejectedRows" >> beam.Filter(
            lambda row, verdicts: reject_reason(row, min_grade, verdicts) is not None, feedback
        )
        results = {}
        for fmt in self._config.formats:
            results[fmt] = kept | f"Write_{fmt}" >> SINKS[fmt](self._output_dir, self._config)
        results["rejected"] = rejected | "WriteRejected" >> WriteRejected(
            self._output_dir, self._config, feedback=feedback
        )
        sink_files = tuple(results.values()) | "SinkFiles" >> beam.Flatten()
        profile = rows | "Profile" >> beam.CombineGlobally(
            ProfileCombineFn(min_grade, None, self._config, self._privacy), feedback
        )
        results["profile"] = profile | "Finish" >> FinishRun(
            self._output_dir, self._config.run_id, sink_files
        )
        return results
