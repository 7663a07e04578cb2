"""The fsspec-backed Beam FileSystem: Beam's file sinks write through it (temp files, rename,
match, delete), shown here on fsspec's in-memory store under a scheme of its own."""
from __future__ import annotations

import apache_beam as beam
import fsspec
import pytest
from apache_beam.io.filesystem import BeamIOError
from apache_beam.io.filesystems import FileSystems
from fsspec.implementations.memory import MemoryFileSystem

from flexorch_beam.fsspec_filesystem import AzureBlobFileSystem, FsspecFileSystem


class _FlexMemFS(MemoryFileSystem):
    protocol = ("flexmem",)
    store: dict = {}
    pseudo_dirs = [""]

    @classmethod
    def _strip_protocol(cls, path):  # noqa: ANN001, ANN206 - fsspec's signature
        if isinstance(path, str) and path.startswith("flexmem://"):
            path = path[len("flexmem://"):]
        return MemoryFileSystem._strip_protocol(path)


class FlexMemFileSystem(FsspecFileSystem):
    SCHEME = "flexmem"


fsspec.register_implementation("flexmem", _FlexMemFS, clobber=True)


def test_az_scheme_is_registered_with_beam() -> None:
    import flexorch_beam.sinks  # noqa: F401 - what the pipeline imports

    assert isinstance(FileSystems.get_filesystem("az://container/x"), AzureBlobFileSystem)


def test_split_and_join() -> None:
    fs = FlexMemFileSystem(pipeline_options=None)
    assert fs.join("flexmem://b/out/", "jsonl", "/x.jsonl") == "flexmem://b/out/jsonl/x.jsonl"
    assert fs.split("flexmem://b/out/x.jsonl") == ("flexmem://b/out", "x.jsonl")
    assert fs.split("flexmem://b") == ("flexmem://b", "")


def test_beam_text_sink_writes_through_it() -> None:
    prefix = "flexmem://bucket/run/records"
    with beam.Pipeline(runner="DirectRunner") as pipe:
        pipe | beam.Create([f"row {i}" for i in range(7)]) | beam.io.WriteToText(
            prefix, file_name_suffix=".jsonl", num_shards=2
        )
    matched = sorted(m.path for m in FileSystems.match([prefix + "*"])[0].metadata_list)
    assert matched == [f"{prefix}-0000{i}-of-00002.jsonl" for i in range(2)]
    lines = []
    for path in matched:
        with FileSystems.open(path) as handle:
            lines += handle.read().decode().splitlines()
    assert sorted(lines) == sorted(f"row {i}" for i in range(7))
    store = fsspec.filesystem("flexmem")
    assert not [p for p in store.find("/bucket/run") if "beam-temp" in p], "temp files left"
    FileSystems.delete([matched[0]])
    assert not FileSystems.exists(matched[0])
    FileSystems.delete(["flexmem://bucket/run/never-written"])  # already gone: no error
    with pytest.raises(BeamIOError):
        FileSystems.rename(["flexmem://bucket/missing"], ["flexmem://bucket/other"])


def test_workers_import_the_module_through_beam_plugins() -> None:
    from apache_beam.options.pipeline_options import PipelineOptions, SetupOptions

    from flexorch_beam.fsspec_filesystem import register_on_workers

    options = PipelineOptions(["--beam_plugins", "other.plugin"])
    register_on_workers(options)
    register_on_workers(options)  # idempotent
    assert options.view_as(SetupOptions).beam_plugins == [
        "other.plugin", "flexorch_beam.fsspec_filesystem"
    ]
