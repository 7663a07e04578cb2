"""Dataflow Flex Template files, generated from the options objects so they never drift.

Each parameter is one flag field of a capability's options (flexorch_beam/config.py): its
name, help, parse, choices and default come from the field's flag metadata, the same metadata
``options.py`` generates the command-line parser from.

    python templates/build_flex_template.py                  # rewrite flex_template_metadata.json
    python templates/build_flex_template.py --image IMAGE --spec build/flex_template_spec.json

The spec is the JSON that ``gcloud dataflow flex-template build`` writes (image + SDK language +
metadata); copy it to gs://.../templates/flexorch.json and launch it with
``gcloud dataflow flex-template run``. The image is the one Dockerfile builds: it is both the
template launcher (FLEX_TEMPLATE_PYTHON_PY_FILE=run.py) and the SDK worker container.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
METADATA_PATH = HERE / "flex_template_metadata.json"
REQUIRED = frozenset({"output"})


def _flags() -> list:
    """(field, Flag) of every flag, in the order --help lists them."""
    from flexorch_beam.options import flag_specs

    return [(item, spec) for _options, item, spec in flag_specs()]


def _regexes(spec, choices) -> list[str]:  # noqa: ANN001 - a config.Flag
    from flexorch_beam.config import SWITCH

    if choices:
        return ["^(" + "|".join(choices) + ")$"]
    if spec.kind == SWITCH:  # a switch: --flag=true|false
        return ["^(true|false|True|False)$"]
    if spec.parse is int:
        return ["^[0-9]+$"]
    if spec.parse is float:
        return ["^[0-9]+(\\.[0-9]+)?$"]
    return []


def parameter(item, spec) -> dict:  # noqa: ANN001 - a dataclass field and its config.Flag
    """One Flex Template parameter from one flag field: its name is the flag's own, as the
    launcher passes it back (``--name=value``)."""
    name = spec.name
    entry = {
        "name": name,
        "label": name.replace("_", " ").capitalize(),
        "helpText": " ".join(spec.help_text().split()),
        "isOptional": name not in REQUIRED,
        "paramType": "TEXT",
    }
    regexes = _regexes(spec, spec.choice_values())
    if regexes:
        entry["regexes"] = regexes
    default = spec.flag_default(item.default)
    if default not in (None, False, ""):
        entry["defaultValue"] = str(default)
    return entry


def metadata() -> dict:
    return {
        "name": "flexorch_beam corpus build",
        "description": (
            "Turns documents in a bucket into a curated, privacy-safe dataset: extract (OCR "
            "for scans), classify, typed fields, PII detection and masking, quality score; "
            "JSONL/Parquet/... outputs. Use 'history' (earlier runs' Parquet) for incremental "
            "builds."
        ),
        "streaming": False,
        "parameters": [parameter(item, spec) for item, spec in _flags()],
    }


def spec(image: str) -> dict:
    return {"image": image, "sdkInfo": {"language": "PYTHON"}, "metadata": metadata(),
            "defaultEnvironment": {}}


def _dump(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--image", help="worker/launcher image for the spec")
    parser.add_argument("--spec", help="where to write the template spec (needs --image)")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when flex_template_metadata.json is out of date")
    args = parser.parse_args(argv)
    text = _dump(metadata())
    if args.check:
        current = METADATA_PATH.read_text() if METADATA_PATH.exists() else ""
        if current != text:
            print(f"{METADATA_PATH} is out of date: run {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    METADATA_PATH.write_text(text)
    if args.spec:
        if not args.image:
            parser.error("--spec needs --image")
        Path(args.spec).parent.mkdir(parents=True, exist_ok=True)
        Path(args.spec).write_text(_dump(spec(args.image)))
        print(f"wrote {args.spec}")
    print(f"wrote {METADATA_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
