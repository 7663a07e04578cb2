"""The shared line-sink base and the sink registry."""
import glob

import apache_beam as beam
import pytest
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to
from apache_beam.transforms.display import DisplayData

from flexorch_beam.config import DEFAULT_FORMATS
from flexorch_beam.output_formats import OUTPUT_FORMATS
from flexorch_beam.sinks import registry, run_output
from flexorch_beam.sinks.csvfile import WriteCsv
from flexorch_beam.sinks.finetune import WriteFinetune
from flexorch_beam.sinks.jsonl import WriteJsonl
from flexorch_beam.sinks.lines import WriteLines
from flexorch_beam.sinks.markdown import WriteMarkdown
from flexorch_beam.sinks.rejected import WriteRejected
from flexorch_beam.sinks.xmlfile import WriteXml


class _WriteNames(WriteLines):
    folder = "names"
    suffix = ".txt"
    header = "# header"
    footer = "# footer"

    @staticmethod
    def to_line(row):
        return f"{row['name']}\t{row['n']}"


ROWS = [{"name": "ş-é", "n": 1}, {"name": "b", "n": 2}, {"name": "c", "n": 3}]


def test_rows_read_back_as_lines_between_header_and_footer(tmp_path):
    with TestPipeline() as pipeline:
        paths = pipeline | beam.Create(ROWS) | _WriteNames(str(tmp_path))
        assert_that(paths, equal_to([f"{tmp_path}/names/records-00000-of-00001.txt"]))
    with TestPipeline() as pipeline:
        lines = pipeline | beam.io.ReadFromText(f"{tmp_path}/names/*.txt")
        assert_that(lines, equal_to(["# header", "ş-é\t1", "b\t2", "c\t3", "# footer"]))
    raw = open(glob.glob(f"{tmp_path}/names/*.txt")[0], "rb").read()
    assert raw.startswith(b"# header\n") and raw.endswith(b"# footer\n")


def test_an_empty_input_still_writes_a_shard_with_header_and_footer(tmp_path):
    with TestPipeline() as pipeline:
        _ = pipeline | beam.Create([]) | _WriteNames(str(tmp_path), name="empty")
    files = glob.glob(f"{tmp_path}/names/empty-*.txt")
    assert [open(f, encoding="utf-8").read() for f in files] == ["# header\n# footer\n"]


def test_display_data_names_the_folder_and_pattern(tmp_path):
    items = {item.key: item.value for item in DisplayData.create_from(WriteJsonl(str(tmp_path))).items}
    assert items["folder"] == "jsonl"
    assert items["file_pattern"] == f"{tmp_path}/jsonl/records-SSSSS-of-NNNNN.jsonl"


@pytest.mark.parametrize("sink", [WriteJsonl, WriteCsv, WriteMarkdown, WriteXml, WriteRejected])
def test_line_formats_share_the_base(sink):
    assert issubclass(sink, WriteLines)


def test_finetune_writes_through_the_base():
    from flexorch_beam.sinks import finetune

    assert issubclass(finetune._WriteExamples, WriteLines)
    assert WriteFinetune.folder == "finetune"


def test_format_list_and_folders_derive_from_the_registry():
    assert registry.ALL_FORMATS == tuple(sink.id for sink in registry.PLUGINS)
    assert registry.ALL_FORMATS == OUTPUT_FORMATS
    assert set(DEFAULT_FORMATS) <= set(registry.ALL_FORMATS)
    assert run_output.SINK_FOLDERS == (*(s.transform.folder for s in registry.PLUGINS), "rejected")
    assert not hasattr(registry, "sink_path")
    import flexorch_beam.config as config

    assert not hasattr(config, "ALL_FORMATS")  # one list, in output_formats.py


def test_the_registry_refuses_plugins_that_differ_from_the_declared_ids():
    registry.check_plugins(registry.PLUGINS, OUTPUT_FORMATS)
    with pytest.raises(RuntimeError, match="differ from output_formats"):
        registry.check_plugins(registry.PLUGINS[:-1], OUTPUT_FORMATS)
    with pytest.raises(RuntimeError, match="differ from output_formats"):
        registry.check_plugins(registry.PLUGINS[::-1], OUTPUT_FORMATS)
    tsv = registry.Sink("tsv", _WriteNames)
    with pytest.raises(RuntimeError, match="differ from output_formats"):
        registry.check_plugins((*registry.PLUGINS, tsv), OUTPUT_FORMATS)
    twin = registry.Sink("twin", WriteCsv)  # declared, but writes csv's folder
    with pytest.raises(RuntimeError, match="share"):
        registry.check_plugins((*registry.PLUGINS, twin), (*OUTPUT_FORMATS, "twin"))


def test_the_settings_take_their_format_ids_from_the_leaf_not_the_sinks():
    import ast
    from pathlib import Path

    import flexorch_beam.config as config

    tree = ast.parse(Path(config.__file__).read_text())
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert "flexorch_beam.output_formats" in imported
    assert not [m for m in imported if m and m.startswith("flexorch_beam.sinks")]


def test_the_readme_sink_example_writes_a_readable_sink(tmp_path):
    """README's "Adding a sink" example is real code: it runs as printed."""
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    example = readme.split("**Adding a sink.**", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    from flexorch_beam.flat_rows import COLUMNS, flatten_row

    space = {"WriteLines": WriteLines, "COLUMNS": COLUMNS, "flatten_row": flatten_row}
    exec(compile(example, "README.md", "exec"), space)  # noqa: S102 - our own README
    with TestPipeline() as pipeline:
        _ = pipeline | beam.Create([{"id": "job_1", "status": "completed"}]) | space["WriteTsv"](str(tmp_path))
    lines = open(glob.glob(f"{tmp_path}/tsv/records-*.tsv")[0], encoding="utf-8").read().splitlines()
    assert lines[0].split("\t") == list(COLUMNS)
    assert lines[1].split("\t")[COLUMNS.index("id")] == "job_1"
    assert lines[1].split("\t")[COLUMNS.index("status")] == "completed"
