"""The one base of every line sink (jsonl, csv, markdown, xml, finetune, rejected).

Beam's own shape (textio/filebasedsink): a thin public PTransform, :class:`WriteLines`, over a
private :class:`_LineFileSink` (a ``FileBasedSink``: ``open`` writes the header, ``write_record``
one line per row, ``close`` the footer; Beam's ``Write`` shards it into temp files and renames
them at finalize). A sink is a subclass that declares its folder, file suffix, header, footer
and ``to_line(row) -> str``; the bytes are those ``WriteToText`` wrote for the same lines
(UTF-8, ``\\n`` after the header, each line and the footer). The transform outputs the final
paths of its files, so ``run_output.FinishRun`` can wait for them.
"""
from __future__ import annotations

from typing import Callable, ClassVar, Optional

from apache_beam import coders
from apache_beam.io import filebasedsink
from apache_beam.io.iobase import Write
from apache_beam.transforms.display import DisplayDataItem

from flexorch_beam.sinks.base import FolderSink

_NEWLINE = b"\n"


class _LineFileSink(filebasedsink.FileBasedSink):
    """Shards of ``header? line* footer?``, each followed by a newline."""

    def __init__(
        self,
        prefix: str,
        suffix: str,
        to_line: Callable[[dict], str],
        header: Optional[str] = None,
        footer: Optional[str] = None,
    ) -> None:
        # The coder is unused: write_record turns the row into its line itself.
        super().__init__(
            prefix, coder=coders.BytesCoder(), file_name_suffix=suffix, mime_type="text/plain"
        )
        self._to_line = to_line
        self._header = header
        self._footer = footer

    def open(self, temp_path):  # noqa: ANN001, ANN201 - Beam's signature
        handle = super().open(temp_path)
        if self._header is not None:
            handle.write(self._header.encode("utf-8") + _NEWLINE)
        return handle

    def write_record(self, file_handle, value: dict) -> None:  # noqa: ANN001
        self.write_encoded_record(file_handle, self._to_line(value).encode("utf-8"))

    def write_encoded_record(self, file_handle, encoded_value: bytes) -> None:  # noqa: ANN001
        file_handle.write(encoded_value + _NEWLINE)

    def close(self, file_handle) -> None:  # noqa: ANN001
        if self._footer is not None:
            file_handle.write(self._footer.encode("utf-8") + _NEWLINE)
        super().close(file_handle)


class WriteLines(FolderSink):
    """Rows -> ``OUTPUT/<folder>/<name>-SSSSS-of-NNNNN<suffix>``, one line per row; outputs the
    final file paths. Subclasses set the class attributes and :meth:`to_line`; a sink whose
    line depends on its settings overrides :meth:`line_fn` instead."""

    suffix: ClassVar[str]
    header: ClassVar[Optional[str]] = None
    footer: ClassVar[Optional[str]] = None

    @staticmethod
    def to_line(row: dict) -> str:
        raise NotImplementedError

    def line_fn(self) -> Callable[[dict], str]:
        """The (picklable) row -> line function the workers run."""
        return type(self).to_line

    @property
    def prefix(self) -> str:
        return f"{self.folder_path}/{self._name}"

    def expand(self, rows):  # noqa: ANN001 - PCollection[dict] -> PCollection[str] (paths)
        sink = _LineFileSink(self.prefix, self.suffix, self.line_fn(), self.header, self.footer)
        return rows | "Write" >> Write(sink)

    def display_data(self) -> dict:
        return {
            "folder": DisplayDataItem(self.folder, label="Sink folder"),
            "file_pattern": DisplayDataItem(
                f"{self.prefix}-SSSSS-of-NNNNN{self.suffix}", label="File pattern"
            ),
        }
