"""Whole-detector findings, written to a file and compared with another run's file: the check
that a speed change finds exactly what the code before it found.

Why: issue 14's speed work (the encoder's layout, the model gate, the feature cache) must not
change what is found. Texts: presidio-research's labelled sentences and the extracted text of
every real document (``--real-dir``); findings are (text number, type, start, end) - no
values are written, only offsets, so the file holds no PII. Measurement only.

    # on the code before the change, then after it
    .venv/bin/python bench/pii_findings_check.py --dataset $D --real-dir $S/docs --write before.json
    .venv/bin/python bench/pii_findings_check.py --dataset $D --real-dir $S/docs --compare before.json
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pii_tagger_speed import DATASET, REAL  # noqa: E402

from flexorch_beam.pii.step import detect  # noqa: E402


def texts(dataset: Path, real_dir: Path | None) -> list[tuple[str, str]]:
    """(name, text): the research sentences, then each real document's extracted text."""
    out = []
    if dataset.exists():
        rows = json.loads(dataset.read_text(encoding="utf-8"))
        out += [(f"research/{i}", r["full_text"]) for i, r in enumerate(rows)]
    if real_dir is not None:
        out += extracted(real_dir)
    return out


def extracted(folder: Path) -> list[tuple[str, str]]:
    from flexorch_beam.config import ProcessingConfig
    from flexorch_beam.sources import SourceFile, read_source
    from flexorch_beam.steps import STEPS
    from flexorch_beam.transforms.base import run_step

    config = ProcessingConfig(run_id="bench", sandbox=False)
    step = next(s for s in STEPS if s.name == "extract")
    extract = (lambda e, c, s=step: s.function(e, s.options(c)) if s.resource is None
               else s.function(e, s.options(c), None))
    out = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        record = run_step("extract", extract, read_source(SourceFile(str(path), path.name), config.input), config)
        if not record.failed and record.text:
            out.append((str(path.relative_to(folder)), record.text))
    return out


def findings(named: list[tuple[str, str]]) -> tuple[dict[str, list[list]], float]:
    """Per text: sorted [type, start, end] of its findings; and the seconds detection took."""
    out, seconds = {}, 0.0
    for name, text in named:
        started = time.perf_counter()
        found = detect(text)
        seconds += time.perf_counter() - started
        out[name] = sorted([m.type, m.start, m.end] for m in found)
    return out, seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", type=Path, default=DATASET)
    parser.add_argument("--real-dir", type=Path, default=REAL)
    parser.add_argument("--no-real", action="store_true")
    parser.add_argument("--write", type=Path)
    parser.add_argument("--compare", type=Path)
    args = parser.parse_args(argv)
    named = texts(args.dataset, None if args.no_real else args.real_dir)
    found, seconds = findings(named)
    total = sum(map(len, found.values()))
    print(f"{len(named)} texts, {sum(len(t) for _, t in named) / 1e6:.2f} M characters, "
          f"{total} findings, detection {seconds:.1f} s")
    if args.write:
        args.write.write_text(json.dumps(found), encoding="utf-8")
    if args.compare:
        before = json.loads(args.compare.read_text(encoding="utf-8"))
        differ = [n for n in sorted(set(before) | set(found)) if before.get(n) != found.get(n)]
        for name in differ[:20]:
            old, new = before.get(name) or [], found.get(name) or []
            lost = [f for f in old if f not in new]
            gained = [f for f in new if f not in old]
            print(f"DIFFERS {name}: lost {lost[:5]} gained {gained[:5]}")
        print(f"texts whose findings differ: {len(differ)} of {len(set(before) | set(found))}")
        return 1 if differ else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
