"""The repository holds its own design (docs/DESIGN.md): its record table and code lists are
the code's, so the page cannot drift from what the pipeline writes."""
from __future__ import annotations

import re
from pathlib import Path

from flexorch_beam import codes
from flexorch_beam.record import COLUMNS

DESIGN = Path(__file__).resolve().parents[1] / "docs" / "DESIGN.md"


def _record_table() -> list[str]:
    section = DESIGN.read_text().split("## The record", 1)[1].split("\n## ", 1)[0]
    return [name for name in re.findall(r"^\| ([a-z_0-9]+) \|", section, flags=re.MULTILINE) if name != "field"]


def test_the_record_table_lists_every_schema_column_in_order():
    assert _record_table() == list(COLUMNS)


def test_every_code_is_documented():
    text = DESIGN.read_text()
    for code in (*codes.FAILURE_CODES, *codes.WARNING_CODES):
        assert f"`{code}`" in text, code


def test_nothing_in_the_repository_points_outside_it():
    """The package and the README never point beside the repository; a test may use the
    optional real corpus there, but only with a skip (and its reason) when it is absent."""
    root = DESIGN.parents[1]
    for path in [root / "README.md", *root.glob("flexorch_beam/**/*.py")]:
        assert "../shared" not in path.read_text(errors="replace"), path
    for path in root.glob("tests/**/*.py"):
        text = path.read_text(errors="replace")
        if path != Path(__file__) and ("../shared" in text or "shared/corpus" in text):
            assert "skip" in text, f"{path} reads the shared corpus without a skip"


def test_the_settings_table_names_every_options_class_and_flag():
    from flexorch_beam.config import CAPABILITIES, flags

    section = DESIGN.read_text().split("## Settings", 1)[1].split("\n## ", 1)[0]
    rows = {line.split("`")[1]: line for line in section.splitlines() if line.startswith("| `")}
    assert list(rows) == [options.__name__ for options in CAPABILITIES]
    for options in CAPABILITIES:
        for _field, spec in flags(options):
            assert f"`{spec.label}`" in rows[options.__name__], (options.__name__, spec.label)
