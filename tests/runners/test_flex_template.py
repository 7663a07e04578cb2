"""The Flex Template metadata lists every FlexOrchOptions parameter, stays in sync with
options.py, and a parameter passed the way the template launcher passes it (--name=value)
parses back to the same setting."""
from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

from apache_beam.options.pipeline_options import PipelineOptions

from flexorch_beam.options import FlexOrchOptions, check_flags, to_config

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "templates" / "build_flex_template.py"


def _builder():
    spec = importlib.util.spec_from_file_location("build_flex_template", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _option_names() -> set[str]:
    """Each flag's own name (``--llm_timeout`` sets ``llm_timeout_s``: the launcher passes
    the parameter's name back as the flag)."""
    parser = __import__("argparse").ArgumentParser(add_help=False)
    FlexOrchOptions._add_argparse_args(parser)
    return {action.option_strings[0][2:] for action in parser._actions if action.dest != "help"}


def test_committed_metadata_is_in_sync_with_options() -> None:
    builder = _builder()
    committed = json.loads(builder.METADATA_PATH.read_text())
    assert committed == builder.metadata(), (
        "templates/flex_template_metadata.json is stale: run "
        "`.venv/bin/python templates/build_flex_template.py`"
    )
    assert builder.main(["--check"]) == 0


def test_every_option_is_a_parameter_with_help() -> None:
    parameters = _builder().metadata()["parameters"]
    names = [item["name"] for item in parameters]
    assert len(names) == len(set(names))
    assert set(names) == _option_names()
    for item in parameters:
        assert item["helpText"] and re.fullmatch(r"[a-zA-Z][a-zA-Z0-9_]*", item["name"])
    output = next(item for item in parameters if item["name"] == "output")
    assert output["isOptional"] is False


def test_template_style_arguments_parse(tmp_path) -> None:
    """Each parameter's default, passed as --name=value, must satisfy its own regexes and
    give the same config as no flag at all; switches take true/false."""
    parameters = _builder().metadata()["parameters"]
    argv = []
    for item in parameters:
        if "defaultValue" in item:
            for pattern in item.get("regexes", []):
                assert re.fullmatch(pattern, item["defaultValue"]), item
            argv.append(f"--{item['name']}={item['defaultValue']}")
    switches = [item["name"] for item in parameters if "^(true|false|True|False)$" in
                item.get("regexes", [])]
    assert {"no_sandbox", "no_mask", "keep_raw_text", "reprocess"} <= set(switches)
    argv += [f"--{name}=false" for name in switches]
    check_flags(argv)  # the strict command-line check accepts every parameter by its name
    check_flags([f"--{item['name']}=1" for item in parameters if "regexes" in item
                 and "^[0-9]+$" in item["regexes"]])
    explicit = to_config(PipelineOptions(argv + ["--run_id=r"]))
    implicit = to_config(PipelineOptions(["--run_id=r"]))
    assert explicit == implicit
    flipped = to_config(PipelineOptions(["--run_id=r", "--no_sandbox=true", "--reprocess=True"]))
    assert flipped.extract.sandbox is False and flipped.dedup.reprocess is True


def test_spec_carries_image_and_metadata(tmp_path) -> None:
    builder = _builder()
    spec_path = tmp_path / "spec.json"
    image = "europe-docker.pkg.dev/demo/flexorch/worker:0.1.0"
    original = builder.METADATA_PATH.read_text()
    try:
        assert builder.main(["--image", image, "--spec", str(spec_path)]) == 0
    finally:
        builder.METADATA_PATH.write_text(original)
    spec = json.loads(spec_path.read_text())
    assert spec["image"] == image and spec["sdkInfo"] == {"language": "PYTHON"}
    assert spec["metadata"] == builder.metadata()
