"""ReadDocuments: globs or a manifest -> records (hashed and sniffed; the bytes
are let go here and read again by Extract, see ``sources.release_bytes``). An archive is
opened here: its member documents become records of their own, fanned out again."""
from __future__ import annotations

from typing import Iterator, Sequence, Union

import apache_beam as beam
from apache_beam.metrics import Metrics

from flexorch_beam import codes, formats
from flexorch_beam.config import InputOptions, ProcessingConfig, options_for
from flexorch_beam.progress import LISTED, READ, ProgressCounter
from flexorch_beam.record import Record, fail
from flexorch_beam.sources import (
    SourceFile,
    expand_archive,
    expand_glob,
    read_error,
    read_source,
    release_bytes,
)
from flexorch_beam.transforms.base import NAMESPACE


class _ExpandGlob(beam.DoFn):
    def __init__(self, config: InputOptions) -> None:
        self._config = config

    def process(self, pattern: str) -> Iterator[SourceFile]:
        yield from expand_glob(pattern, self._config.follow_symlinks, self._config.exclude_paths)


@beam.typehints.with_output_types(Record)
class _ReadFile(beam.DoFn):
    def __init__(self, config: InputOptions) -> None:
        self._config = config
        self._bytes = Metrics.counter(NAMESPACE, "bytes_read")
        self._read = ProgressCounter(READ)
        self._listed = ProgressCounter(LISTED)  # an archive's documents, found while reading

    def process(self, source: SourceFile) -> Iterator[Record]:
        try:
            record = read_source(source, self._config)
        except Exception as error:  # noqa: BLE001 - never lose a file
            record = read_error(source, self._config, error)
        if record.content is not None:
            self._bytes.inc(len(record.content))
        if record.failed or record.format not in formats.CONTAINERS:
            self._read.inc()
            yield release_bytes(record)
            return
        try:
            for count, member in enumerate(expand_archive(record, self._config)):
                if count:  # the archive was listed as one document: the others are new
                    self._listed.inc()
                self._read.inc()
                yield beam.pvalue.TaggedOutput(MEMBERS, release_bytes(member))
        except Exception as error:  # noqa: BLE001 - never lose the archive
            self._read.inc()
            yield fail(record, codes.INTERNAL_ERROR,
                       f"opening the archive failed ({type(error).__name__})")


MEMBERS = "members"


class _FromInputs(beam.PTransform):
    """A transform over globs and/or manifest entries, under the run's config."""

    def __init__(
        self,
        globs: Sequence[str] = (),
        manifest: Sequence[SourceFile] = (),
        config: Union[InputOptions, ProcessingConfig, None] = None,
    ) -> None:
        super().__init__()
        self._globs = list(globs)
        self._manifest = list(manifest)
        self._config = options_for("input", config)  # the input part only


class ListDocuments(_FromInputs):
    """Globs (expanded on the workers) and/or manifest entries -> SourceFile, fanned out."""

    def expand(self, pbegin):  # noqa: ANN001
        branches = []
        if self._globs:
            branches.append(
                pbegin
                | "Globs" >> beam.Create(self._globs)
                | "ExpandGlobs" >> beam.ParDo(_ExpandGlob(self._config))
            )
        if self._manifest:
            branches.append(pbegin | "ManifestFiles" >> beam.Create(self._manifest))
        if not branches:
            raise ValueError("ListDocuments needs globs or manifest entries")
        listed = branches[0] if len(branches) == 1 else tuple(branches) | beam.Flatten()
        # Overlapping globs must not give one file two records.
        return (
            listed
            | "KeyByUri" >> beam.Map(lambda source: (source.uri, source))
            | "GroupByUri" >> beam.GroupByKey()
            | "OnePerUri" >> beam.ParDo(_OnePerUri())
        )


class _OnePerUri(beam.DoFn):
    def __init__(self) -> None:
        self._listed = ProgressCounter(LISTED)

    def process(self, keyed) -> Iterator[SourceFile]:  # noqa: ANN001 - (uri, sources)
        self._listed.inc()
        yield _first(keyed[1])


def _first(sources) -> SourceFile:  # noqa: ANN001 - an iterable from GroupByKey
    """The same uri from several globs: keep one, deterministically (manifest entries
    carry names and metadata, so they win over bare listings)."""
    return min(sources, key=lambda s: (s.metadata is None, s.file_name, s.size_bytes or 0))


class ReadDocuments(_FromInputs):
    """The diagram's first box: list -> Reshuffle (fan out before any read) -> read; an
    archive's member documents become records there and are fanned out again."""

    def expand(self, pbegin):  # noqa: ANN001
        read = (
            pbegin
            | "List" >> ListDocuments(self._globs, self._manifest, self._config)
            | "FanOut" >> beam.Reshuffle()
            | "Read" >> beam.ParDo(_ReadFile(self._config)).with_outputs(MEMBERS, main="files")
        )
        # An archive's members were found on one worker: spread them before extraction.
        members = read[MEMBERS] | "FanOutMembers" >> beam.Reshuffle()
        return (read.files, members) | "Records" >> beam.Flatten()
