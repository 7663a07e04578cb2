"""The sink registry: every output format declared once, as a :class:`Sink` plugin.

The transform each ``--formats`` id runs (:data:`SINKS`) and the folders a dataset owns
(:data:`FOLDERS`, which ``run_output`` lists, cleans and refuses to overwrite) derive from
:data:`PLUGINS`. The ids themselves (:data:`ALL_FORMATS`) are ``output_formats.OUTPUT_FORMATS``,
the leaf config.py validates against; this module refuses to load when its plugins differ from
them. Adding a format is one module with a transform that has a ``folder`` attribute, takes
``(output_dir, options)`` (OutputOptions) and a PCollection of ``record.to_row`` dicts and
outputs its final file paths, plus one line here and its id in ``output_formats.py``.
"""
from __future__ import annotations

from dataclasses import dataclass

from flexorch_beam.output_formats import OUTPUT_FORMATS
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


def check_plugins(plugins: tuple[Sink, ...], declared: tuple[str, ...]) -> None:
    """Refuse a registry whose ids are not the declared ``--formats`` ids in their order, or
    whose sinks share an id or a folder: config.py validates flags against ``declared``."""
    ids = tuple(sink.id for sink in plugins)
    if ids != declared:
        raise RuntimeError(f"sink plugins {list(ids)} differ from output_formats "
                           f"{list(declared)}")
    folders = [sink.folder for sink in (*plugins, REJECTED)]
    if len(set(ids)) != len(ids) or len(set(folders)) != len(folders):
        raise RuntimeError("two sinks share a --formats id or a folder")


check_plugins(PLUGINS, OUTPUT_FORMATS)
SINKS: dict[str, type] = {sink.id: sink.transform for sink in PLUGINS}
ALL_FORMATS: tuple[str, ...] = OUTPUT_FORMATS
FOLDERS: tuple[str, ...] = tuple(sink.folder for sink in (*PLUGINS, REJECTED))
