"""``python -m flexorch_samples OUT_DIR [--count N] [--seed S]``."""
from __future__ import annotations

import argparse
import collections
import sys
import time



def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m flexorch_samples",
        description="Write a deterministic sample corpus: OUT_DIR/docs/** (documents only) and "
                    "OUT_DIR/truth/** (one ground-truth JSON per document), then OUT_DIR/.complete.")
    parser.add_argument("out_dir", help="output folder (created if missing)")
    parser.add_argument("--count", type=int, default=60,
                        help="number of documents (42 already covers every doc type, language and format)")
    parser.add_argument("--seed", type=int, default=7, help="seed: the same seed gives the same bytes")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("--count must be at least 1")
    try:
        from .corpus import generate_corpus
    except ImportError as exc:  # reportlab/faker live in the "samples" extra
        parser.exit(2, f"the sample generator needs the samples extra: pip install 'flexorch_beam[samples]' ({exc})\n")
    start = time.perf_counter()
    records = generate_corpus(args.out_dir, args.count, args.seed)
    took = time.perf_counter() - start
    formats = collections.Counter(r.variant for r in records)
    scanned = sum(r.scanned for r in records)
    print(f"wrote {len(records)} documents to {args.out_dir}/docs ({scanned} scanned) and their truth to "
          f"{args.out_dir}/truth in {took:.1f}s; formats: "
          + ", ".join(f"{k}={v}" for k, v in sorted(formats.items())), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
