"""The base of every dataset sink: a PTransform that writes rows as files under
``OUTPUT/<folder>/`` and outputs their paths. It holds what all of them take, the output
folder, the output options (or a whole ProcessingConfig) and the files' name, so a sink
declares only its ``folder`` (and ``default_name``) and how it writes."""
from __future__ import annotations

from typing import ClassVar, Optional, Union

import apache_beam as beam

from flexorch_beam.config import OutputOptions, ProcessingConfig, options_for


class FolderSink(beam.PTransform):
    folder: ClassVar[str]
    default_name: ClassVar[str] = "records"

    def __init__(
        self,
        output_dir: str,
        config: Union[OutputOptions, ProcessingConfig, None] = None,
        name: Optional[str] = None,
    ) -> None:
        super().__init__()
        self._output_dir = output_dir.rstrip("/")
        self._config = options_for("output", config)  # the output part only
        self._name = name or self.default_name

    @property
    def folder_path(self) -> str:
        """``OUTPUT/<folder>``."""
        return f"{self._output_dir}/{self.folder}"
