"""Sample-generator benchmark (a script, not a test): ``python bench/samples_bench.py [--count N]``.

Measures, side by side in one run:

1. seconds per document for every writer variant on the SAME specs (each spec of the first
   ``--count`` slots rendered once by every writer, writers interleaved per spec so machine
   load hits all alike), reported as a ratio to the digital-PDF writer;
2. the whole ``generate_corpus(count)`` (spec + render + page count + write) and the share of
   its time spent in scanned variants.

Ratios are the claim; absolute numbers vary with the load on the shared machine.
"""
from __future__ import annotations

import argparse
import collections
import statistics
import sys
import tempfile
import time

from flexorch_samples import WRITERS, build_spec, generate_corpus, plan
from flexorch_samples.mix import SCANNED


def per_writer(count: int, seed: int) -> dict[str, float]:
    """Median seconds per document for each writer over the same specs."""
    times: dict[str, list[float]] = collections.defaultdict(list)
    for s in plan(count):
        for variant in WRITERS:
            if variant == "ubl" and s.doc_type != "invoice":
                continue
            spec = build_spec(s.index, s.doc_type, s.language, variant, "clean", seed)
            start = time.perf_counter()
            WRITERS[variant](spec)
            times[variant].append(time.perf_counter() - start)
    return {v: statistics.median(t) for v, t in times.items()}


def whole_corpus(count: int, seed: int) -> tuple[float, float]:
    """(wall seconds, share of render time in scanned variants) for one corpus."""
    import flexorch_samples.corpus as corpus_mod

    spent: dict[bool, float] = collections.defaultdict(float)
    original = corpus_mod.render

    def timed(spec):
        start = time.perf_counter()
        try:
            return original(spec)
        finally:
            spent[spec.variant in SCANNED] += time.perf_counter() - start

    corpus_mod.render = timed
    try:
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            generate_corpus(out, count, seed)
            wall = time.perf_counter() - start
    finally:
        corpus_mod.render = original
    return wall, spent[True] / max(1e-9, spent[True] + spent[False])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=21, help="slots for the per-writer comparison")
    parser.add_argument("--corpus", type=int, default=60, help="documents in the whole-corpus run")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    medians = per_writer(args.count, args.seed)
    base = medians["pdf"]
    print(f"per-document render time, median over {args.count} specs, ratio to digital PDF:")
    for variant, sec in sorted(medians.items(), key=lambda kv: kv[1]):
        print(f"  {variant:9s} {sec * 1000:8.1f} ms   x{sec / base:6.2f}")
    wall, scan_share = whole_corpus(args.corpus, args.seed)
    scanned = sum(s.variant in SCANNED for s in plan(args.corpus))
    print(f"generate_corpus({args.corpus}): {wall:.1f} s wall, {args.corpus / wall:.1f} docs/s; "
          f"{scanned} scanned documents ({scanned / args.corpus:.0%}) take {scan_share:.0%} of render time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
