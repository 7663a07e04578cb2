"""Real-document evaluation (a bench, not a test): the pipeline's pure steps over the real
development set beside the repository (``../shared/corpus/real/docs``).

Two steps, so the same report can compare two checkouts side by side:

    # 1. collect: run read -> extract -> classify -> fields -> pii -> quality on every file
    #    (sandboxed, as the pipeline) and write one JSON line per file
    .venv/bin/python bench/real_eval.py collect --out /tmp/real_after.jsonl
    # (the "before" run: the same command with PYTHONPATH set to a checkout of main)

    # 2. report: coverage by format, failures by code with a verdict per file, the share of
    #    non-language characters, the grade distribution, A/B records over 20% non-language
    .venv/bin/python bench/real_eval.py report /tmp/real_after.jsonl --before /tmp/real_before.jsonl

``collect`` imports only what every checkout has (so it runs on an older main); ``report``
measures non-language text with this checkout's ``flexorch_beam.usable_text``, the same
measure the quality step uses, on both runs.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO.parent / "shared" / "corpus" / "real" / "docs"  # or --docs DIR
TRUTH = REPO.parent / "shared" / "corpus" / "real" / "truth"

# Formats that never hold readable text of their own.
_TEXTLESS_EXTENSIONS = frozenset({"wav", "p7s"})
# Failed files looked at by a person (this bench's judgement of the development set, not a
# rule of the pipeline): what the file holds.
_LOOKED_AT = {
    "jpg/unstructured__img__example.jpg": "expected: a photo of a flower, no text",
    "bmp/unstructured__img__bmp_24.bmp": "expected: three coloured triangles, no text",
    "jpg/sroie__387.jpg": "OCR gap: a faint thermal receipt with readable text (OCR's area)",
    "txt/unstructured__hebrew-text-base64-iso88598i.txt":
        "gap: base64 of 42 bytes of ISO-8859-8 Hebrew; too short to tell its code page",
}


def _pipeline_steps(config):  # noqa: ANN001, ANN202
    """[(name, function(record, config) -> record)] and a closer: the declared step list
    (flexorch_beam/steps.py) where the checkout has it, else the five core functions."""
    try:
        from flexorch_beam.steps import STEPS
    except ImportError:  # an older main: the same steps, imported one by one
        from flexorch_beam.classify import classify_record
        from flexorch_beam.extract.sandbox import SandboxPool
        from flexorch_beam.extract_step import extract_record
        from flexorch_beam.fields.step import extract_fields_record
        from flexorch_beam.pii.step import detect_pii_record
        from flexorch_beam.quality import score_record

        pool = SandboxPool(config.extract.doc_timeout_s, config.extract.doc_memory_mb)
        pool.start()
        # each step gets its own part of the config, as the pipeline hands them out
        steps = [("extract", lambda e, c: extract_record(e, c.extract, pool), None),
                 ("classify", classify_record, None),
                 ("fields", lambda e, c: extract_fields_record(e, c.fields), None),
                 ("pii", lambda e, c: detect_pii_record(e, c.pii), None),
                 ("quality", score_record, None)]
        return steps, pool.close
    handles = {s.name: s.resource.open(s.options(config)) for s in STEPS if s.resource is not None}
    for step in STEPS:
        if step.warm_up is not None:
            step.warm_up(step.options(config))

    def close() -> None:
        for step in STEPS:
            if step.name in handles:
                step.resource.close(handles[step.name])

    budget = config.run.step_timeout_s  # as the pipeline: per step and document
    return [(s.name, lambda e, c, s=s: s.apply(e, s.options(c), handles.get(s.name)),
             budget if s.budgeted else None) for s in STEPS], close


def collect(docs: Path, out: Path) -> None:
    from flexorch_beam.config import ProcessingConfig
    from flexorch_beam.sources import SourceFile, read_error, read_source, release_bytes

    config = ProcessingConfig(run_id="real_eval")
    files = sorted(p for p in docs.rglob("*") if p.is_file())
    steps, close = _pipeline_steps(config)
    started = time.perf_counter()
    try:
        with out.open("w") as handle:
            for path in files:
                source = SourceFile(uri=str(path), file_name=path.name, size_bytes=path.stat().st_size)
                try:
                    read = _expand(read_source(source, config.input), config)
                except Exception as error:  # noqa: BLE001 - as ReadDocuments
                    read = [("", read_error(source, config.input, error))]
                for member, record in read:
                    _write_row(handle, str(path.relative_to(docs)) + member,
                               release_bytes(record), steps, config)
    finally:
        close()
    wall = time.perf_counter() - started
    with out.with_suffix(".wall").open("w") as handle:
        handle.write(f"{wall:.1f}\n")
    print(f"{len(files)} files in {wall:.1f} s -> {out}")


def _expand(record, config):  # noqa: ANN001, ANN202
    """[(path suffix, record)]: an archive's member documents as ReadDocuments makes them
    (``::`` and the member's path after the archive's), where the checkout does that."""
    try:
        from flexorch_beam import formats
        from flexorch_beam.sources import expand_archive
    except ImportError:  # an older main: an archive is one record
        return [("", record)]
    if record.failed or record.format not in formats.CONTAINERS:
        return [("", record)]
    return [("::" + "/".join(m.member.path) if m.member is not None else "", m)
            for m in expand_archive(record, config.input)]


def _write_row(handle, path: str, record, steps, config) -> None:  # noqa: ANN001
    from flexorch_beam.transforms.base import run_step

    before = time.perf_counter()
    for name, function, budget in steps:
        record = (run_step(name, function, record, config, budget) if budget
                     else run_step(name, function, record, config))
    row = {
        "path": path,
        "format": record.format,
        "status": record.status,
        "failure_reason": record.failure_reason,
        "summary": record.processing_summary,
        "warnings": [w.code for w in record.warnings],
        "grade": record.quality_grade,
        "score": record.quality_score,
        "doc_type": record.doc_type,
        "fields": len([f for f in record.fields if f.value]),
        "attachments": len(getattr(record, "attachments", ()) or ()),
        "seconds": round(time.perf_counter() - before, 3),
        "text": record.text or "",
    }
    handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    handle.flush()  # progress is visible while a long document runs


def _rows(path: Path) -> list[dict]:
    with path.open() as handle:
        return [json.loads(line) for line in handle]


def verdict(row: dict) -> str:
    """One line on a failed file: expected (nothing readable to get) or a gap to close."""
    extension = _extension(row["path"])
    code, summary = row["failure_reason"], row["summary"]
    if row["path"] in _LOOKED_AT:
        return _LOOKED_AT[row["path"]]
    if extension in _TEXTLESS_EXTENSIONS:
        return f"expected: .{extension} is not a text document"
    if code == "ENCRYPTED_FILE":
        return "expected: password-protected"
    if code == "UNPROCESSABLE" and "0 bytes" in summary:
        return "expected: empty file"
    if code == "UNPROCESSABLE" and "no extractable text" in summary and row["format"] in (
            "txt", "xlsx", "eml", "docx", "csv"):
        return "expected: the file holds only whitespace or empty cells (" + summary + ")"
    if code == "UNPROCESSABLE" and "no extractable text" in summary:
        return "check: " + summary
    if code == "UNSUPPORTED_FILE":
        return "gap: a format that holds text is not read: " + summary
    return "gap: " + summary


def _extension(path: str) -> str:
    """The listed file's extension (an archive member counts under its archive's)."""
    return path.split("::", 1)[0].rsplit(".", 1)[-1].lower()


def _wall(path: Path) -> str:
    wall = path.with_suffix(".wall")
    return wall.read_text().strip() if wall.exists() else "?"


def _summary(rows: list[dict]) -> dict:
    from flexorch_beam.usable_text import LIMIT, measure

    total_chars = non_language = 0
    over_ab = []
    grades: Counter = Counter()
    for row in rows:
        if row["status"] != "completed":
            continue
        share = measure(row["text"])
        total_chars += share.chars
        non_language += share.non_language
        grades[row["grade"]] += 1
        if share.ratio > LIMIT and row["grade"] in ("A", "B"):
            over_ab.append((row["path"], share.ratio, row["grade"]))
    return {
        "chars": total_chars,
        "non_language": non_language,
        "share": non_language / total_chars if total_chars else 0.0,
        "grades": grades,
        "over_ab": over_ab,
        "completed": sum(1 for r in rows if r["status"] == "completed"),
        "failed": [r for r in rows if r["status"] != "completed"],
        "warnings": Counter(code for r in rows for code in set(r["warnings"])),
    }


def report(after_path: Path, before_path: Path | None) -> str:
    after = _rows(after_path)
    runs = [("after", after_path, after)]
    if before_path is not None:
        runs.insert(0, ("before (main)", before_path, _rows(before_path)))
    summaries = {name: _summary(rows) for name, _path, rows in runs}
    lines = ["| measure | " + " | ".join(name for name, _p, _r in runs) + " |",
             "|---|" + "---|" * len(runs)]

    def add(label: str, values: list[str]) -> None:
        lines.append(f"| {label} | " + " | ".join(values) + " |")

    add("files", [str(len(rows)) for _n, _p, rows in runs])
    add("completed (text out)", [str(summaries[n]["completed"]) for n, _p, _r in runs])
    add("failed", [str(len(summaries[n]["failed"])) for n, _p, _r in runs])
    add("characters of text (completed records)", [f"{summaries[n]['chars']:,}" for n, _p, _r in runs])
    add("non-language characters", [f"{summaries[n]['non_language']:,} "
                                    f"({100 * summaries[n]['share']:.2f}%)" for n, _p, _r in runs])
    add("grades A/B/C/D", ["/".join(str(summaries[n]["grades"].get(g, 0)) for g in "ABCD")
                           for n, _p, _r in runs])
    add("records > 20% non-language graded A/B",
        [str(len(summaries[n]["over_ab"])) for n, _p, _r in runs])
    add("wall time, s (sandboxed, 1 process)", [_wall(p) for _n, p, _r in runs])
    warning_codes = sorted(set().union(*(summaries[n]["warnings"] for n, _p, _r in runs)))
    for code in warning_codes:
        add(f"records with warning {code}", [str(summaries[n]["warnings"].get(code, 0))
                                              for n, _p, _r in runs])

    lines += ["", "Coverage by format (completed / files):", "",
              "| format | " + " | ".join(name for name, _p, _r in runs) + " |",
              "|---|" + "---|" * len(runs)]
    by_format: dict = defaultdict(dict)
    for name, _p, rows in runs:
        counts: dict = defaultdict(lambda: [0, 0])
        for row in rows:
            extension = _extension(row["path"])
            counts[extension][1] += 1
            counts[extension][0] += row["status"] == "completed"
        for extension, (done, files) in counts.items():
            by_format[extension][name] = f"{done}/{files}"
    for extension in sorted(by_format):
        lines.append(f"| {extension} | " + " | ".join(by_format[extension].get(n, "-")
                                                     for n, _p, _r in runs) + " |")

    final = summaries["after"]
    lines += ["", f"Failures after, by code, with a verdict per file ({len(final['failed'])}):", ""]
    by_code: dict = defaultdict(list)
    for row in final["failed"]:
        by_code[row["failure_reason"]].append(row)
    for code in sorted(by_code):
        lines.append(f"- **{code}** ({len(by_code[code])})")
        for row in by_code[code]:
            lines.append(f"  - `{row['path']}`: {verdict(row)}")
    if final["over_ab"]:
        lines += ["", "Records over 20% non-language graded A/B (after):", ""]
        lines += [f"- `{p}`: {100 * r:.1f}% non-language, grade {g}" for p, r, g in final["over_ab"]]
    worst = sorted(((measure_ratio(r["text"]), r["path"]) for r in after
                    if r["status"] == "completed"), reverse=True)[:5]
    lines += ["", "Highest non-language shares after: " + ", ".join(
        f"`{p}` {100 * r:.1f}%" for r, p in worst)]
    return "\n".join(lines)


def measure_ratio(text: str) -> float:
    from flexorch_beam.usable_text import measure

    return measure(text).ratio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("collect")
    run.add_argument("--docs", type=Path, default=DOCS)
    run.add_argument("--out", type=Path, required=True)
    show = sub.add_parser("report")
    show.add_argument("after", type=Path)
    show.add_argument("--before", type=Path)
    args = parser.parse_args()
    if args.command == "collect":
        if not args.docs.is_dir():
            sys.exit(f"no development set at {args.docs}")
        collect(args.docs, args.out)
    else:
        print(report(args.after, args.before))


if __name__ == "__main__":
    main()
