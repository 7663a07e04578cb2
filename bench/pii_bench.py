"""PII detection: throughput (MB/s) and F1 of flexorch_beam against Microsoft Presidio.

Both tools read the same texts, one document at a time (as the pipeline does): the sample
corpus rendered as plain text (``flexorch_samples``, with its truth) plus the generated
labelled set (``flexorch_beam.pii.labelled``). Presidio runs its pattern recognizers (the
predefined English ones, plus its country recognizers for the types the two share,
registered for English) behind a blank spaCy pipeline, because no model can be downloaded
here; tldextract is pointed at its bundled suffix snapshot so it never reaches the network.

With ``--research`` (on by default when the file is there), the same two tools also run on
presidio-research's 1,500 labelled English sentences (``bench/pii_research.py`` scores them:
the six pattern types' micro F1, per-type P/R, PERSON and STREET_ADDRESS, the share of gold
values masked with no word left, and throughput on those texts); ``--research-only`` skips
the generated texts.

F1 is computed on the entity types both tools detect, mapped to one name each; Presidio is
scored at the confidence threshold that gives it its best F1. Timings: best of ``--rounds``
interleaved rounds for each tool; the claim is the ratio. Not a test: run by hand,
    .venv/bin/python bench/pii_bench.py
and paste the printed table into bench/RESULTS.md.
"""
from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from typing import Callable, Iterable

from flexorch_beam.pii.catalog import CATALOG
from flexorch_samples.pii_evaluation import Report, evaluate, from_truth
from flexorch_beam.pii.labelled import CHECKSUM_TYPES, LabelledDoc, generate
from flexorch_beam.pii.step import detect

# shared name -> (Presidio entities, flexorch types)
SHARED: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "EMAIL": (("EMAIL_ADDRESS",), ("EMAIL",)),
    "CREDIT_CARD": (("CREDIT_CARD",), ("CREDIT_CARD",)),
    "IBAN": (("IBAN_CODE",), ("IBAN", "TR_IBAN")),
    "IP_ADDRESS": (("IP_ADDRESS",), ("IP_ADDRESS",)),
    "MAC_ADDRESS": (("MAC_ADDRESS",), ("MAC_ADDRESS",)),
    "PHONE": (("PHONE_NUMBER",), ("TR_PHONE", "EU_PHONE", "US_PHONE")),
    "US_SSN": (("US_SSN",), ("US_SSN",)),
    "US_ITIN": (("US_ITIN",), ("US_ITIN",)),
    "US_PASSPORT": (("US_PASSPORT",), ("US_PASSPORT",)),
    "US_ABA_ROUTING": (("ABA_ROUTING_NUMBER",), ("US_ABA_ROUTING",)),
    "US_MBI": (("US_MBI",), ("US_MBI",)),
    "US_NPI": (("US_NPI",), ("US_NPI",)),
    "UK_NHS": (("UK_NHS",), ("UK_NHS",)),
    "UK_NINO": (("UK_NINO",), ("UK_NINO",)),
    "CRYPTO": (("CRYPTO",), ("CRYPTO_WALLET",)),
    "TR_TCKN": (("TR_NATIONAL_ID",), ("TR_TCKN",)),
    "TR_LICENSE_PLATE": (("TR_LICENSE_PLATE",), ("TR_LICENSE_PLATE",)),
    "ES_DNI": (("ES_NIF",), ("ES_DNI",)),
    "ES_NIE": (("ES_NIE",), ("ES_NIE",)),
    "IT_CODICE_FISCALE": (("IT_FISCAL_CODE",), ("IT_CODICE_FISCALE",)),
    "PL_PESEL": (("PL_PESEL",), ("PL_PESEL",)),
    "FI_HETU": (("FI_PERSONAL_IDENTITY_CODE",), ("FI_HETU",)),
    "SE_PERSONNUMMER": (("SE_PERSONNUMMER",), ("SE_PERSONNUMMER",)),
    "DE_STEUER_ID": (("DE_TAX_ID",), ("DE_STEUER_ID",)),
}
PRESIDIO_TO_SHARED = {e: name for name, (es, _) in SHARED.items() for e in es}
OURS_TO_SHARED = {t: name for name, (_, ts) in SHARED.items() for t in ts}
COUNTRY_RECOGNIZERS = (
    "TrNationalIdRecognizer", "TrLicensePlateRecognizer", "EsNifRecognizer", "EsNieRecognizer",
    "ItFiscalCodeRecognizer", "PlPeselRecognizer", "FiPersonalIdentityCodeRecognizer",
    "SePersonnummerRecognizer", "DeTaxIdRecognizer", "UkNinoRecognizer", "UsMbiRecognizer",
    "UsNpiRecognizer", "NhsRecognizer", "AbaRoutingRecognizer",
)


def sample_docs(count: int, seed: int) -> list[LabelledDoc]:
    """The sample corpus as plain text with its truth, or nothing if it is not installed."""
    try:
        from flexorch_samples.corpus import spec_for_slot
        from flexorch_samples.text import render_lines
    except ImportError:
        return []
    docs = []
    for index in range(count):
        spec = spec_for_slot(index, seed)
        docs.append(from_truth("\n".join(render_lines(spec)), spec.pii, spec.lookalikes))
    return docs


def real_pdf_texts(folder: str, max_pages: int = 20) -> list[str]:
    """Text of real PDFs (pypdfium2), for a throughput figure on documents nobody generated."""
    import glob
    import os

    import pypdfium2

    texts = []
    for path in sorted(glob.glob(os.path.join(folder, "*.pdf"))):
        try:
            pdf = pypdfium2.PdfDocument(path)
        except Exception:  # noqa: BLE001 - encrypted or broken test files
            continue
        try:
            pages = [pdf[i].get_textpage().get_text_range() for i in range(min(len(pdf), max_pages))]
        except Exception:  # noqa: BLE001
            pages = []
        finally:
            pdf.close()
        text = "\n".join(pages)
        if text.strip():
            texts.append(text)
    return texts


def presidio_analyzer():
    """AnalyzerEngine on a blank spaCy pipeline, offline."""
    import tldextract

    snapshot = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    tldextract.extract = snapshot
    tldextract.tldextract.TLD_EXTRACTOR = snapshot
    import spacy
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer import predefined_recognizers
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    class BlankSpacyEngine(SpacyNlpEngine):
        """No model download: tokenisation only (Presidio's NER recognizer finds nothing)."""

        def load(self) -> None:
            self.nlp = {"en": spacy.blank("en")}

    engine = BlankSpacyEngine(models=[{"lang_code": "en", "model_name": "blank"}])
    engine.load()
    registry = RecognizerRegistry()
    registry.load_predefined_recognizers(nlp_engine=engine, languages=["en"])
    loaded = {type(r).__name__ for r in registry.recognizers}
    for name in COUNTRY_RECOGNIZERS:
        if name not in loaded:
            registry.add_recognizer(getattr(predefined_recognizers, name)(supported_language="en"))
    return AnalyzerEngine(nlp_engine=engine, registry=registry, supported_languages=["en"])


def presidio_finder(analyzer, threshold: float) -> Callable[[str], Iterable[tuple[str, int, int]]]:
    def find(text: str) -> set[tuple[str, int, int]]:
        out = set()
        for result in analyzer.analyze(text, language="en", score_threshold=threshold):
            shared = PRESIDIO_TO_SHARED.get(result.entity_type)
            if shared:
                out.add((shared, result.start, result.end))
        return out

    return find


def ours(text: str) -> set[tuple[str, int, int]]:
    return {(OURS_TO_SHARED[m.type], m.start, m.end) for m in detect(text) if m.type in OURS_TO_SHARED}


def timed(function: Callable[[str], object], texts: list[str]) -> float:
    started = time.perf_counter()
    for text in texts:
        function(text)
    return time.perf_counter() - started


def validator_calls(corpus: list[str]) -> list[list[tuple[object, str, bool]]]:
    """Per document, the (recognizer, window, valid) validator calls ``detect`` makes."""
    calls: list[list[tuple[object, str, bool]]] = []
    originals = {r.id: r.validator for r in CATALOG if r.validator}

    def recording(recognizer, validator):  # noqa: ANN001, ANN202
        def run(value: str):  # noqa: ANN202
            verdict = validator(value)
            calls[-1].append((recognizer, value, bool(verdict)))
            return verdict
        return run

    try:
        for r in CATALOG:
            if r.validator:
                object.__setattr__(r, "validator", recording(r, r.validator))
        for text in corpus:
            calls.append([])
            detect(text)
    finally:
        for r in CATALOG:
            if r.id in originals:
                object.__setattr__(r, "validator", originals[r.id])
    return calls


def validation_floor(calls: list[list[tuple[object, str, bool]]], rounds: int,
                     valid_only: bool = False) -> float:
    """Best time of the library validator calls alone, replayed document by document as the
    detector made them: what the detector costs with a scanner that costs nothing."""
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for document in calls:
            for recognizer, value, valid in document:
                if valid or not valid_only:
                    recognizer.validator(value)
        best = min(best, time.perf_counter() - started)
    return best


def f1_table(report: Report, types: Iterable[str]) -> dict[str, tuple[float, float, float]]:
    return {t: (report.types[t].precision, report.types[t].recall, report.types[t].f1) for t in types}


RESEARCH_SET = "../shared/corpus/real/truth/pii/presidio_research_synth_dataset_v2.json"


def research(analyzer, path: str, rounds: int) -> None:
    """presidio-research sentences: quality and speed side by side (see pii_research.py)."""
    import os

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import pii_research

    sentences = pii_research.load(path)
    texts = [s.text for s in sentences]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"\n## presidio-research: {len(sentences)} sentences, {mb:.3f} MB ({path})")

    def find_ours(text: str) -> list[tuple[str, int, int]]:
        return [(m.type, m.start, m.end) for m in detect(text)]

    def find_theirs(threshold: float):  # noqa: ANN202
        def find(text: str) -> list[tuple[str, int, int]]:
            return [(r.entity_type, r.start, r.end)
                    for r in analyzer.analyze(text, language="en", score_threshold=threshold)]
        return find

    ours = pii_research.score(sentences, find_ours, "ours")
    best = None
    for threshold in (0.0, 0.3, 0.5, 0.7):
        theirs = pii_research.score(sentences, find_theirs(threshold), "presidio")
        if best is None or theirs.micro().f1 > best[1].micro().f1:
            best = (threshold, theirs)
    print(pii_research.report(ours, best[1], best[0]))
    ours_s = theirs_s = float("inf")
    for _ in range(rounds):  # interleaved, so both see the same machine load
        ours_s = min(ours_s, pii_research.best_time(detect, texts, 1))
        theirs_s = min(theirs_s, pii_research.best_time(
            lambda t: analyzer.analyze(t, language="en"), texts, 1))
    print(f"\nthroughput on these sentences: flexorch_beam {mb / ours_s:.2f} MB/s, "
          f"Presidio {mb / theirs_s:.4f} MB/s, ratio {theirs_s / ours_s:.1f}x (best of {rounds})")
    if os.environ.get("PII_BENCH_MISSES"):  # local eyeballing only; never pasted anywhere
        for gold, values in ours.misses.items():
            print(gold, len(values), values[:60])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=84, help="sample corpus documents")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--labelled-docs", type=int, default=4, help="generated labelled documents")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--real-corpus", default="../shared/corpus/pdfplumber-tests",
                        help="folder of real PDFs for a second throughput row ('' to skip)")
    parser.add_argument("--research", default=RESEARCH_SET,
                        help="presidio-research JSON ('' to skip; skipped when absent)")
    parser.add_argument("--research-only", action="store_true",
                        help="only the presidio-research part")
    args = parser.parse_args(argv)
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    import os

    if args.research_only:
        analyzer = presidio_analyzer()
        detect("warm up +49 30 1234567")
        research(analyzer, args.research, args.rounds)
        return 0

    samples = sample_docs(args.docs, args.seed)
    labelled = generate(seed=args.seed, docs=args.labelled_docs)
    docs = samples + labelled
    texts = [d.text for d in docs]
    size_mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"# {len(samples)} sample docs + {len(labelled)} labelled docs, {size_mb:.3f} MB, "
          f"{len(CATALOG)} catalog types")

    analyzer = presidio_analyzer()
    warm = "Mail a@example.com +49 30 1234567 TR33 0006 1005 1978 6457 8413 26 00:1A:2B:3C:4D:5E"
    analyzer.analyze(warm, language="en")
    for text in texts[:5] + [warm]:  # load stdnum/phonenumbers tables once, as a worker would
        detect(text)

    corpora = [("sample corpus + labelled set (PII-dense)", texts)]
    real = real_pdf_texts(args.real_corpus) if args.real_corpus else []
    if real:
        corpora.append((f"real PDFs, {args.real_corpus} ({len(real)} files)", real))
    for text in real[:3]:
        detect(text)
    floors = []
    print("\n| text | MB | flexorch_beam MB/s | presidio MB/s | speed-up best/best | median/median |")
    print("|---|---|---|---|---|---|")
    for name, corpus in corpora:
        mb = sum(len(t.encode("utf-8")) for t in corpus) / 1e6
        ours_times, theirs_times = [], []
        for _ in range(args.rounds):  # interleaved, so both see the same machine load
            ours_times.append(timed(detect, corpus))
            theirs_times.append(timed(lambda t: analyzer.analyze(t, language="en"), corpus))
            ours_times.append(timed(detect, corpus))
        best_ours, best_theirs = min(ours_times), min(theirs_times)
        print(f"| {name} | {mb:.3f} | {mb / best_ours:.2f} | {mb / best_theirs:.4f} | "
              f"{best_theirs / best_ours:.0f}x | "
              f"{statistics.median(theirs_times) / statistics.median(ours_times):.0f}x |")
        calls = validator_calls(corpus)
        floors.append((name, sum(map(len, calls)), sum(v for d in calls for *_, v in d),
                       best_ours, best_theirs, validation_floor(calls, 5),
                       validation_floor(calls, 5, valid_only=True)))
    print("\nThe validator libraries alone (python-stdnum, phonenumbers, ...): the calls the"
          " detector made, replayed with no scanning around them (best of 5):")
    print("\n| text | calls (valid) | detector ms | validators alone ms | valid values only ms |"
          " speed-up over Presidio with scanning free: all calls / valid only |")
    print("|---|---|---|---|---|---|")
    for name, n, valid, ours_s, theirs_s, floor_all, floor_valid in floors:
        print(f"| {name} | {n} ({valid}) | {ours_s * 1000:.1f} | {floor_all * 1000:.1f} | "
              f"{floor_valid * 1000:.1f} | {theirs_s / floor_all:.0f}x / {theirs_s / floor_valid:.0f}x |")

    shared = sorted(SHARED)
    our_report = evaluate(docs, ours, OURS_TO_SHARED)
    best = None
    for threshold in (0.0, 0.3, 0.5, 0.7):
        report = evaluate(docs, presidio_finder(analyzer, threshold), OURS_TO_SHARED)
        if best is None or report.total(shared).f1 > best[1].total(shared).f1:
            best = (threshold, report)
    threshold, their_report = best
    print(f"\nF1 on the {len(shared)} shared types (Presidio at its best threshold {threshold}):")
    print(f"micro F1 flexorch_beam {our_report.total(shared).f1:.3f} | presidio {their_report.total(shared).f1:.3f}")
    print("\n| shared type | labels | flexorch P / R / F1 | presidio P / R / F1 |")
    print("|---|---|---|---|")
    for name in shared:
        o, t = our_report.types[name], their_report.types[name]
        labels = o.tp + o.fn
        if labels == 0 and o.fp == 0 and t.fp == 0:
            continue
        print(f"| {name} | {labels} | {o.precision:.2f} / {o.recall:.2f} / {o.f1:.2f} | "
              f"{t.precision:.2f} / {t.recall:.2f} / {t.f1:.2f} |")

    print("\nQuality of flexorch_beam on all its types (same documents):")
    full = evaluate(docs, lambda text: [(m.type, m.start, m.end) for m in detect(text)])
    print(f"look-alikes: {full.lookalikes}, with a finding: {sum(full.lookalike_hits.values())}")
    print("\n| type | labels | precision | recall | checksum |")
    print("|---|---|---|---|---|")
    for name in sorted(full.types):
        s = full.types[name]
        print(f"| {name} | {s.tp + s.fn} | {s.precision:.3f} | {s.recall:.3f} | "
              f"{'yes' if name in CHECKSUM_TYPES else ''} |")
    if args.research and os.path.exists(args.research):
        research(analyzer, args.research, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
