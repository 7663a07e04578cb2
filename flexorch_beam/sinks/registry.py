"""The sink registry: every output format declared once, as a :class:`Sink` plugin.

The ``--formats`` ids (:data:`ALL_FORMATS`), the transform each id runs (:data:`SINKS`) and the
folders a dataset owns (:data:`FOLDERS`, which ``run_output`` lists, cleans and refuses to
overwrite) all derive from :data:`PLUGINS`. Adding a format is one module with a transform
that has a ``folder`` attribute, takes ``(output_dir, options)`` (OutputOptions) and a PCollection of
``record.to_row`` dicts and outputs its final file paths, plus one line here.
"""
from __future__ import annotations

from dataclasses import dataclass

from flexorch_beam.sinks.csvfile import WriteCsv
from flexorch_beam.sinks.finetune import WriteFinetune
from flexorch_beam.sinks.hf import WriteHf
from flexorch_beam.sinks.jsonl import WriteJsonl
from flexorch_beam.sinks.markdown import WriteMarkdown
from flexorch_beam.sinks.parquet import WriteParquet
from flexorch_beam.sinks.rejected import WriteRejected
from flexorch_beam.sinks.xlsx import WriteXlsx
from flexorch_beam.sinks.xmlfile import WriteXml


@dataclass(frozen=True)
class Sink:
    """One output: its ``--formats`` id and the PTransform that writes it."""

    id: str
    transform: type

    @property
    def folder(self) -> str:
        return self.transform.folder


PLUGINS: tuple[Sink, ...] = (
    Sink("jsonl", WriteJsonl),
    Sink("csv", WriteCsv),
    Sink("parquet", WriteParquet),
    Sink("hf", WriteHf),
    Sink("markdown", WriteMarkdown),
    Sink("xml", WriteXml),
    Sink("xlsx", WriteXlsx),
    Sink("finetune", WriteFinetune),
)
# Not a --formats choice: every run writes it (admission.py decides what goes there).
REJECTED = Sink("rejected", WriteRejected)

SINKS: dict[str, type] = {sink.id: sink.transform for sink in PLUGINS}
ALL_FORMATS: tuple[str, ...] = tuple(SINKS)
FOLDERS: tuple[str, ...] = tuple(sink.folder for sink in (*PLUGINS, REJECTED))
if len(SINKS) != len(PLUGINS) or len(set(FOLDERS)) != len(FOLDERS):
    raise RuntimeError("two sinks share a --formats id or a folder")
