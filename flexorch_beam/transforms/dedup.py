"""Duplicate handling as PTransforms: MarkDuplicates, CompleteDuplicates, MarkNearDuplicates.

Where the bytes go. Records carry ``content`` until extraction; grouping the records by
sha256 would move every file's bytes through the shuffle and pile all copies of a popular
file onto one worker. Instead only ``(sha256, (source_uri, job_id))`` is grouped, the
decisions (one small entry per duplicate) come back as a dict side input, and each record is
marked where it already is. The price: the content-carrying PCollection waits at that
barrier (a distributed runner materialises it once, as it would for any global decision);
no GroupByKey carries bytes, and duplicates lose their bytes right there.
"""
from __future__ import annotations

from typing import Iterator, Optional, Sequence, Union

import apache_beam as beam
from apache_beam.metrics import Metrics

from flexorch_beam import dedup, history
from flexorch_beam.pii.step import mask_names
from flexorch_beam.config import DedupOptions, PIIOptions, ProcessingConfig, options_for
from flexorch_beam.record import Record
from flexorch_beam.transforms.base import NAMESPACE


def _history_globs(
    config: DedupOptions, override: Optional[Sequence[str]], output_dir: Optional[str]
) -> list[str]:
    """History files, without this run's own output folder (see history.py)."""
    if config.reprocess:
        return []
    globs = tuple(override if override is not None else config.history)
    return history.history_files(globs, exclude_dir=output_dir)


class ReadHistoryRefs(beam.PTransform):
    """``(sha256, HistoryRef)`` for every completed document of the earlier runs (rows of
    ``run_id`` itself are not earlier)."""

    def __init__(self, files: Sequence[str], run_id: Optional[str] = None) -> None:
        super().__init__()
        self._files = list(files)
        self._run_id = run_id

    def expand(self, pbegin):  # noqa: ANN001
        return (
            pbegin
            | "HistoryFiles" >> beam.Create(self._files)
            | "SpreadFiles" >> beam.Reshuffle()
            | "ReadRefs" >> beam.FlatMap(history.read_refs, self._run_id)
            | "KeyBySha" >> beam.Map(lambda ref: (ref.sha256, ref))
        )


def _decide(item) -> Iterator[tuple[str, dedup.Original]]:  # noqa: ANN001
    """One content hash's copies of this run and of the history -> ``(job_id, Original)``."""
    _sha, grouped = item
    earlier = history.earliest(grouped["history"])
    return dedup.exact_decisions(grouped["run"], earlier.origin_job_id if earlier else None)


@beam.typehints.with_output_types(Record)
class _MarkFn(beam.DoFn):
    def __init__(self) -> None:
        self._duplicates = Metrics.counter(NAMESPACE, "duplicates_skipped")

    def process(self, record: Record, decisions) -> Iterator[Record]:  # noqa: ANN001
        original = decisions.get(record.id)
        if original is None:
            yield record
            return
        self._duplicates.inc()
        yield dedup.mark_duplicate(record, original)


class _ReadsHistory(beam.PTransform):
    """A dedup transform that looks into earlier runs.

    ``config``: its DedupOptions (or a ProcessingConfig, of which it keeps that part).
    ``history``: globs of earlier runs' Parquet files (default ``config.history``; ignored
    with ``config.reprocess``). Globs are expanded when the pipeline is built; files inside
    ``output_dir`` (this run's output) and rows of this run id are never history.
    """

    def __init__(
        self,
        config: Union[DedupOptions, ProcessingConfig, None] = None,
        history: Optional[Sequence[str]] = None,
        output_dir: Optional[str] = None,
    ) -> None:
        super().__init__()
        self._config = options_for("dedup", config)  # the dedup part only
        self._history_files = _history_globs(self._config, history, output_dir)

    def display_data(self) -> dict:
        return {"history_files": len(self._history_files), "run_id": self._config.run_id}


class MarkDuplicates(_ReadsHistory):
    """Flag exact duplicates (in this run, or completed in the history) and drop their bytes."""

    @property
    def history_files(self) -> list[str]:
        return list(self._history_files)

    def expand(self, records):  # noqa: ANN001
        keyed = (
            records
            | "Hashed" >> beam.Filter(lambda e: not e.failed and bool(e.sha256))
            | "KeyBySha" >> beam.Map(lambda e: (e.sha256, (e.source_uri, e.id)))
        )
        earlier = (
            records.pipeline
            | "ReadHistory" >> ReadHistoryRefs(self._history_files, self._config.run_id)
            if self._history_files
            else records.pipeline | "NoHistory" >> beam.Create([])
        )
        decisions = (
            {"run": keyed, "history": earlier}
            | "GroupBySha" >> beam.CoGroupByKey()
            | "Decide" >> beam.FlatMap(_decide)
        )
        return records | "Mark" >> beam.ParDo(_MarkFn(), beam.pvalue.AsDict(decisions))


def _needed_originals(duplicates):  # noqa: ANN001
    return (
        duplicates
        | "OriginalIds" >> beam.Map(lambda e: (e.original_job_id, True))
        | "OneEach" >> beam.CombinePerKey(lambda flags: True)
    )


def _fill(item, config: DedupOptions, pii: PIIOptions) -> Iterator[Record]:  # noqa: ANN001
    """A duplicate never ran DetectPII: its results come masked from its original, and its own
    file name and path are masked here, as that step masks every other record's."""
    _original_id, grouped = item
    for record in dedup.complete_duplicates(grouped["duplicate"], grouped["original"], config):
        yield mask_names(record, pii)


def _history_origin(record: Record) -> str:
    return record.original_job_id if record.is_duplicate else record.id


def _read_full_history(path: str, run_id: Optional[str] = None) -> Iterator[Record]:
    for row in history.read_rows(path):
        if history.ref_from_row(row, run_id) is not None:
            yield history.record_from_history(row)


class CompleteDuplicates(_ReadsHistory):
    """``(processed, duplicates) | CompleteDuplicates(dedup_options, pii=pii_options)``: each
    duplicate gets its original's results (from this run's processed records or the history
    files), and its own names masked with ``pii`` (DetectPII's options; from a ProcessingConfig
    its part).

    Only originals that have duplicates are keyed and grouped, never the whole dataset.
    """

    def __init__(
        self,
        config: Union[DedupOptions, ProcessingConfig, None] = None,
        history: Optional[Sequence[str]] = None,
        output_dir: Optional[str] = None,
        pii: Optional[PIIOptions] = None,
    ) -> None:
        super().__init__(config, history, output_dir)
        self._pii = pii if pii is not None else options_for("pii", config)\
            if isinstance(config, ProcessingConfig) else PIIOptions()

    def expand(self, pcolls):  # noqa: ANN001 - (processed, duplicates)
        processed, duplicates = pcolls
        needed = beam.pvalue.AsDict(_needed_originals(duplicates))
        sources = [
            processed
            | "RunOriginals" >> beam.Filter(lambda e, ids: e.id in ids, needed)
            | "KeyRunOriginal" >> beam.Map(lambda e: (e.id, e))
        ]
        if self._history_files:
            sources.append(
                duplicates.pipeline
                | "HistoryFilesFull" >> beam.Create(self._history_files)
                | "SpreadHistory" >> beam.Reshuffle()
                | "ReadHistoryRows" >> beam.FlatMap(_read_full_history, self._config.run_id)
                | "HistoryOriginals"
                >> beam.Filter(lambda e, ids: _history_origin(e) in ids, needed)
                | "KeyHistoryOriginal" >> beam.Map(lambda e: (_history_origin(e), e))
            )
        originals = (
            sources[0] if len(sources) == 1 else tuple(sources) | "AllOriginals" >> beam.Flatten()
        )
        keyed_duplicates = duplicates | "KeyDuplicate" >> beam.Map(
            lambda e: (e.original_job_id, e)
        )
        return (
            {"original": originals, "duplicate": keyed_duplicates}
            | "JoinOriginal" >> beam.CoGroupByKey()
            | "Fill" >> beam.FlatMap(_fill, self._config, self._pii).with_output_types(Record)
        )


@beam.typehints.with_output_types(Record)
class _MarkNearFn(beam.DoFn):
    def process(self, record: Record, decisions) -> Iterator[Record]:  # noqa: ANN001
        earlier = decisions.get(record.id)
        yield record if earlier is None else dedup.mark_near_duplicate(record, earlier)


class MarkNearDuplicates(beam.PTransform):
    """Flag completed records whose text nearly repeats an earlier one (smaller uri).

    Only signatures (~0.6 KB per document and band) travel through the shuffle; text stays put.
    """

    def __init__(self, config: Union[DedupOptions, ProcessingConfig, None] = None) -> None:
        super().__init__()
        self._config = options_for("dedup", config)  # no setting of its own yet

    def expand(self, records):  # noqa: ANN001
        decisions = (
            records
            | "Bands" >> beam.FlatMap(dedup.band_members)
            | "GroupByBand" >> beam.GroupByKey()
            | "Pairs" >> beam.FlatMap(lambda item: dedup.near_duplicate_pairs(item[1]))
            | "EarliestMatch" >> beam.CombinePerKey(min)
            | "JobOnly" >> beam.MapTuple(lambda job_id, earlier: (job_id, earlier[1]))
        )
        return records | "MarkNear" >> beam.ParDo(
            _MarkNearFn(), beam.pvalue.AsDict(decisions)
        )
