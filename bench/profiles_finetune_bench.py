"""Privacy profiles and fine-tune formats, measured side by side in one run.

1. Sinks: the same generated rows written by the shared line base (``WriteJsonl``) and by the
   plain ``Map | WriteToText`` it replaced; the finetune sink in each ``--finetune-format``
   (chat and instruct as a ratio to text). Best of ``--rounds``, alternating.
2. Privacy profiles on presidio-research's labelled sentences (measured only, never tuned
   on): share of personal values fully masked, micro F1 of the pattern types, and detection
   time as a ratio to no profile.

    .venv/bin/python bench/profiles_finetune_bench.py --rows 20000 --rounds 3
"""
from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions

from flexorch_beam.config import ProcessingConfig
from flexorch_beam.record import Record, ExtractedField, document_id, job_id, to_row
from flexorch_beam.sinks.finetune import WriteFinetune
from flexorch_beam.sinks.jsonl import WriteJsonl, row_to_json_line

RESEARCH_SET = "../shared/corpus/real/truth/pii/presidio_research_synth_dataset_v2.json"
PARAGRAPH = ("Invoice INV-{i} from [PERSON] to [PERSON], [ADDRESS]. Total 1,428.00 EUR due "
             "2024-06-30, IBAN [IBAN]. Thank you for your business. ") * 12


def rows(count: int) -> list[dict]:
    out = []
    for i in range(count):
        sha = hashlib.sha256(str(i).encode()).hexdigest()
        uri = f"/data/in/doc_{i:06d}.pdf"
        out.append(to_row(Record(
            id=job_id("bench", uri), document_id=document_id(sha), source_uri=uri,
            file_name=f"doc_{i:06d}.pdf", format="pdf", mime_type="application/pdf",
            size_bytes=1000, sha256=sha, processing_summary="ok", text=PARAGRAPH.format(i=i),
            doc_type="invoice", doc_type_confidence=0.9, run_id="bench",
            fields=(ExtractedField("invoice_number", f"INV-{i}", 0.95, "rule"),
                    ExtractedField("total_amount", "1428.00", 0.4 if i % 10 == 0 else 0.9, "rule"),
                    ExtractedField("due_date", "2024-06-30", 0.8, "rule")))))
    return out


def _time_pipeline(data: list[dict], write) -> float:  # noqa: ANN001
    started = time.perf_counter()
    with beam.Pipeline() as pipeline:
        _ = pipeline | beam.Create(data, reshuffle=False) | write
    return time.perf_counter() - started


class _PlainJsonl(beam.PTransform):
    """What the jsonl sink was before the line base: Map to the line, then WriteToText."""

    def __init__(self, out: str) -> None:
        super().__init__()
        self._prefix = f"{out}/jsonl/records"

    def expand(self, pcoll):  # noqa: ANN001
        return (pcoll | beam.Map(row_to_json_line)
                | beam.io.WriteToText(self._prefix, file_name_suffix=".jsonl"))


def bench_sinks(count: int, rounds: int) -> None:
    data = rows(count)
    mb = sum(len(r["text"]) for r in data) / 1e6
    print(f"## sinks: {count} rows, {mb:.1f} MB of text, best of {rounds}")
    cases = {
        "jsonl, Map then WriteToText (before)": lambda out: _PlainJsonl(out),
        "jsonl, line base (WriteJsonl)": lambda out: WriteJsonl(out),
    }
    for fmt in ("text", "chat", "instruct"):
        config = ProcessingConfig(split=0.1, finetune_format=fmt)
        cases[f"finetune {fmt}"] = lambda out, config=config: WriteFinetune(out, config)
    best = {name: float("inf") for name in cases}
    sizes = {}
    for _ in range(rounds):
        for name, make in cases.items():
            with tempfile.TemporaryDirectory() as out:
                best[name] = min(best[name], _time_pipeline(data, make(out)))
                sizes[name] = sum(os.path.getsize(os.path.join(d, f))
                                  for d, _s, files in os.walk(out) for f in files)
    print("| sink | seconds | ratio | bytes written |\n|---|---|---|---|")
    base = {"jsonl": best["jsonl, Map then WriteToText (before)"], "finetune": best["finetune text"]}
    for name, seconds in best.items():
        ratio = seconds / base["jsonl" if name.startswith("jsonl") else "finetune"]
        print(f"| {name} | {seconds:.2f} | {ratio:.2f}x | {sizes[name]:,} |")


def bench_profiles(path: str) -> None:
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import pii_research

    from flexorch_beam.options import to_config
    from flexorch_beam.pii.step import detect, warm_up

    sentences = pii_research.load(path)
    print(f"\n## privacy profiles: {len(sentences)} presidio-research sentences ({path})")
    print("| profile | types | personal values fully masked | pattern micro F1 | seconds | "
          "time ratio |\n|---|---|---|---|---|---|")
    base = None
    for name in (None, "kvkk", "gdpr", "us", "strict"):
        config = to_config(PipelineOptions(["--privacy-profile", name] if name else []))
        warm_up(config.pii)
        started = time.perf_counter()
        score = pii_research.score(
            sentences, lambda text: [(m.type, m.start, m.end) for m in detect(text, config.pii)],
            "ours")
        seconds = time.perf_counter() - started
        base = base or seconds
        from flexorch_beam.pii.catalog import select

        types = len(select(config.pii.pii_types, config.pii.jurisdictions))
        print(f"| {name or '(none: all)'} | {types} | {score.masked_share():.1%} | "
              f"{score.micro().f1:.3f} | {seconds:.1f} | {seconds / base:.2f}x |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--research", default=RESEARCH_SET)
    parser.add_argument("--skip-sinks", action="store_true")
    args = parser.parse_args()
    if not args.skip_sinks:
        bench_sinks(args.rows, args.rounds)
    if os.path.exists(args.research):
        bench_profiles(args.research)
    else:
        print(f"\n(no {args.research}: privacy-profile part skipped)")


if __name__ == "__main__":
    main()
