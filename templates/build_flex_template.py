"""Dataflow Flex Template files, generated from FlexOrchOptions so they never drift.

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


def _option_actions() -> list[argparse.Action]:
    from flexorch_beam.options import FlexOrchOptions

    parser = argparse.ArgumentParser(add_help=False)
    FlexOrchOptions._add_argparse_args(parser)  # noqa: SLF001 - Beam's own hook
    return [action for action in parser._actions if action.dest != "help"]  # noqa: SLF001


def _regexes(action: argparse.Action) -> list[str]:
    if action.choices:
        return ["^(" + "|".join(action.choices) + ")$"]
    if action.const is True:  # a switch: --flag=true|false
        return ["^(true|false|True|False)$"]
    if action.type is int:
        return ["^[0-9]+$"]
    if action.type is float:
        return ["^[0-9]+(\\.[0-9]+)?$"]
    return []


def parameter(action: argparse.Action) -> dict:
    """One Flex Template parameter from one argparse action (dest = the --name it passes)."""
    item = {
        "name": action.dest,
        "label": action.dest.replace("_", " ").capitalize(),
        "helpText": " ".join((action.help or "").split()),
        "isOptional": action.dest not in REQUIRED,
        "paramType": "TEXT",
    }
    regexes = _regexes(action)
    if regexes:
        item["regexes"] = regexes
    if action.default not in (None, False, ""):
        item["defaultValue"] = str(action.default)
    return item


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
        "parameters": [parameter(action) for action in _option_actions()],
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
