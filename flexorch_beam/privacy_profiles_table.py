"""The README table of the privacy profiles: ``python -m flexorch_beam.privacy_profiles_table``.

Apart from the profiles themselves because it counts each profile's PII types in the catalog
(pii/), which the profile table must not import: config.py reads the profile ids, and pii/
reads config.py. A test keeps README's section equal to :func:`render_markdown`.
"""
from __future__ import annotations

import argparse
import sys

from flexorch_beam.pii.catalog import select
from flexorch_beam.privacy_profiles import PROFILES, RAW_TEXT_FORBIDDEN

START, END = "<!-- privacy-profiles:start -->", "<!-- privacy-profiles:end -->"


def render_markdown() -> str:
    """The README table: one row per profile."""
    lines = [
        "| profile | PII types detected | mask mode | raw text | hash key | legal basis |",
        "|---|---|---|---|---|---|",
    ]
    for p in PROFILES:
        count = len(select(p.pii_types, p.jurisdictions))
        where = " + ".join(p.jurisdictions) if p.jurisdictions else "all jurisdictions"
        raw = "refused (`--keep-raw-text`, `--no-mask`)" if p.raw_text == RAW_TEXT_FORBIDDEN \
            else "off unless `--keep-raw-text`"
        lines.append(
            f"| `{p.id}` | {where}: {count} types | `{p.mask_mode}` | {raw} | "
            f">= {p.min_mask_key_bytes} bytes | {p.law} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print the privacy profiles table.")
    parser.add_argument("--markdown", action="store_true", help="the README table (default)")
    parser.parse_args(argv)
    sys.stdout.write(render_markdown())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
