"""The PII catalog: ONE table (every recognizer of tr/eu/us/global_ids) and its README rendering.

``python -m flexorch_beam.pii.catalog --markdown`` prints the table that README.md carries
between the ``pii-catalog`` markers; a test keeps the two equal.
"""
from __future__ import annotations

import argparse
import sys
from functools import lru_cache
from typing import Iterable

from flexorch_beam.pii import global_ids, eu, tr, us
from flexorch_beam.pii.recognizer import JURISDICTIONS, Recognizer

CATALOG: tuple[Recognizer, ...] = tr.RECOGNIZERS + eu.RECOGNIZERS + us.RECOGNIZERS + global_ids.RECOGNIZERS
BY_ID: dict[str, Recognizer] = {r.id: r for r in CATALOG}
if len(BY_ID) != len(CATALOG):
    raise RuntimeError("duplicate PII type id in the catalog")


class UnknownSelection(ValueError):
    """A --pii-types / --jurisdictions value that names nothing in the catalog."""


@lru_cache(maxsize=64)
def select(pii_types: tuple[str, ...] = (), jurisdictions: tuple[str, ...] = ()) -> tuple[Recognizer, ...]:
    """The catalog narrowed to ``pii_types`` and ``jurisdictions`` (empty: no narrowing)."""
    types = tuple(t.strip().upper() for t in pii_types if t.strip())
    places = tuple(j.strip().upper() for j in jurisdictions if j.strip())
    unknown = sorted(set(types) - set(BY_ID))
    if unknown:
        raise UnknownSelection(f"unknown PII type(s): {', '.join(unknown)}")
    bad = sorted(set(places) - set(JURISDICTIONS))
    if bad:
        raise UnknownSelection(
            f"unknown jurisdiction(s): {', '.join(bad)} (choose from {', '.join(JURISDICTIONS)})"
        )
    return tuple(
        r for r in CATALOG
        if (not types or r.id in types) and (not places or r.jurisdiction in places)
    )


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_markdown(recognizers: Iterable[Recognizer] = CATALOG) -> str:
    """The README table: one row per type, in catalog order."""
    rows = list(recognizers)
    lines = [
        f"{len(rows)} PII types, one recognizer each (pattern set + validator), in "
        "`flexorch_beam/pii/{tr,eu,us,global_ids}.py`. Detection is on by default and masks what it "
        "finds in `text`, in extracted fields, in `file_name` and `source_uri` and in the LLM "
        "prompt, at every occurrence of a found value (`--mask-mode placeholder|indexed|hash|redact`, "
        "`--mask-key-env`, `--no-mask`, `--keep-raw-text`); `--pii-types` and `--jurisdictions` "
        "narrow it. Context words (EN/TR/DE) on the value's line raise a finding's score; rows "
        "whose context column says *required* are reported only with one of their own words "
        "nearby (their checksums are too weak, or their shape too common, to stand alone). "
        "Findings carry type, jurisdiction, span and score, never the value. Rendered by "
        "`python -m flexorch_beam.pii.catalog --markdown`.",
        "",
        "| id | type | jurisdiction | regulation | detection | validator | context |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        context = "required" if r.context_required else ("raises score" if r.context else "built in")
        lines.append(
            f"| `{r.id}` | {_cell(r.name)} | {r.jurisdiction} | {_cell(r.regulation)} | "
            f"{_cell(r.method)} | {_cell(r.validator_name)} | {context} |"
        )
    return "\n".join(lines) + "\n"


START, END = "<!-- pii-catalog:start -->", "<!-- pii-catalog:end -->"


def readme_section(readme: str) -> str:
    """What README.md holds between the pii-catalog markers."""
    head, _, rest = readme.partition(START)
    section, found, _ = rest.partition(END)
    if not found:
        raise ValueError("README has no pii-catalog markers")
    return section.strip("\n") + "\n"


def with_section(readme: str, markdown: str) -> str:
    """README text with the section between the markers replaced by ``markdown``."""
    head, _, rest = readme.partition(START)
    _, found, tail = rest.partition(END)
    if not found:
        raise ValueError("README has no pii-catalog markers")
    return f"{head}{START}\n{markdown.rstrip()}\n{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print the PII catalog.")
    parser.add_argument("--markdown", action="store_true", help="the README table (default)")
    parser.add_argument("--write-readme", metavar="PATH",
                        help="replace the pii-catalog section of this README in place")
    args = parser.parse_args(argv)
    markdown = render_markdown()
    if args.write_readme:
        with open(args.write_readme, encoding="utf-8") as handle:
            text = handle.read()
        with open(args.write_readme, "w", encoding="utf-8") as handle:
            handle.write(with_section(text, markdown))
        return 0
    sys.stdout.write(markdown)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
