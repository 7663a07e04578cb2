"""Conformance with Presidio's own recognizer tests: per PII type, how many of their cases
flexorch_beam agrees with. The cases are ``bench/presidio_conformance.json`` (transcribed from
microsoft/presidio's presidio-analyzer/tests, MIT licence; each case names its source file
and commit). A case agrees when our findings of that type are exactly the spans the test
expects (or, where it gives no spans, as many findings as it expects).

    .venv/bin/python bench/pii_conformance.py            # ours only
    .venv/bin/python bench/pii_conformance.py --presidio # and Presidio 2.2 on the same cases

Prints the table for bench/RESULTS.md and every disagreement (test data, not personal data).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict

from flexorch_beam.pii.step import detect

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "presidio_conformance.json")
OURS = {  # case type -> our catalog ids
    "CREDIT_CARD": ("CREDIT_CARD",),
    "EMAIL": ("EMAIL",),
    "US_SSN": ("US_SSN",),
    "PHONE": ("TR_PHONE", "EU_PHONE", "US_PHONE", "PHONE"),
    "IP_ADDRESS": ("IP_ADDRESS",),
    "IBAN": ("IBAN", "TR_IBAN"),
}
THEIRS = {"CREDIT_CARD": ("CREDIT_CARD",), "EMAIL": ("EMAIL_ADDRESS",), "US_SSN": ("US_SSN",),
          "PHONE": ("PHONE_NUMBER",), "IP_ADDRESS": ("IP_ADDRESS",), "IBAN": ("IBAN_CODE",)}


def agrees(case: dict, spans: list[tuple[int, int]]) -> bool:
    if case["spans"] is not None:
        return sorted(map(tuple, case["spans"])) == sorted(spans)
    return len(spans) == case["expected"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--presidio", action="store_true", help="score Presidio on the cases too")
    args = parser.parse_args(argv)
    with open(CASES, encoding="utf-8") as handle:
        cases = json.load(handle)["cases"]
    analyzer = None
    if args.presidio:
        sys.path.insert(0, HERE)
        from pii_bench import presidio_analyzer

        analyzer = presidio_analyzer()
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # ours, theirs, cases
    misses = []
    for case in cases:
        text, type_ = case["text"], case["type"]
        ours = [(m.start, m.end) for m in detect(text) if m.type in OURS[type_]]
        row = tally[type_]
        row[2] += 1
        if agrees(case, ours):
            row[0] += 1
        else:
            misses.append((type_, text, case["expected"], case["spans"], ours))
        if analyzer is not None:
            theirs = [(r.start, r.end) for r in analyzer.analyze(text, language="en", score_threshold=0.0)
                      if r.entity_type in THEIRS[type_]]
            row[1] += agrees(case, theirs)
    total = [sum(r[i] for r in tally.values()) for i in range(3)]
    print("| type | cases | flexorch_beam agrees | " + ("presidio agrees |" if analyzer else "")
          + "\n|---|---|---|" + ("---|" if analyzer else ""))
    for type_ in sorted(tally):
        ours_n, theirs_n, n = tally[type_]
        print(f"| {type_} | {n} | {ours_n} ({ours_n / n:.3f}) |"
              + (f" {theirs_n} ({theirs_n / n:.3f}) |" if analyzer else ""))
    print(f"| all | {total[2]} | {total[0]} ({total[0] / total[2]:.3f}) |"
          + (f" {total[1]} ({total[1] / total[2]:.3f}) |" if analyzer else ""))
    print("\nDisagreements (type | text | Presidio's test expects | ours):")
    for type_, text, expected, spans, ours in misses:
        print(f"- {type_} | {text!r} | {expected} {spans} | {ours}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
