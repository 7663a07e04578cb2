"""OCR word recall on the real SROIE receipts, side by side: tesseract CLI, a baseline
commit's code ("today's code") and this tree's code, interleaved page by page in one run.

    .venv/bin/python bench/ocr_bench.py [--real ../shared/corpus/real] [--baseline-ref REF]
                                        [--rotations 0,90,180,270] [--limit N]

**Word recall** (the figure issue 12 asks for) compares words, not layout:

* words are whitespace-separated tokens, lower-cased, with leading and trailing characters
  that are not letters or digits cut off (``"(RM)"`` -> ``rm``, ``"TOTAL:"`` -> ``total``);
  tokens left empty are dropped; inner punctuation stays (``22/12/2017``, ``u13/bg``);
* the truth is every transcript in ``truth/sroie/<name>.box.txt`` (the text after the 8
  box coordinates of each line), tokenised the same way;
* recall = sum over receipts of the multiset intersection |truth & ours| divided by the
  number of truth words (micro average: long receipts weigh more); precision is the same
  intersection over our words, printed so that a reader producing everything twice does not
  look good. The macro mean of per-receipt recall is printed too.

**Time**: each variant's CPU seconds (its own process plus the tesseract children it
waited for, from ``getrusage``) and wall seconds per page. The machine is shared, so CPU is
the fairer comparison; both are given. Every variant runs with ``OMP_THREAD_LIMIT=1``.

The baseline is the code at ``--baseline-ref`` (default: the commit before the OCR work),
exported with ``git archive`` to a temporary folder and run in its own worker process with
its default settings, as is this tree's code; both read the JPEG bytes through
``flexorch_beam.extract.image.extract`` in-process (no sandbox).

``--rotations 90,180,270`` also feeds every receipt rotated by those angles (lossless PNG) to
the baseline and the new code: page orientation correction, measured on real receipts.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import re
import resource
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_REAL = REPO.parent / "shared" / "corpus" / "real"
DEFAULT_BASELINE = "6f4f1fc"  # main before the OCR work of session 2026-12-03
_EDGE = re.compile(r"^[\W_]+|[\W_]+$", re.UNICODE)


def words(text: str) -> list[str]:
    """Lower-cased tokens with non-alphanumeric edges trimmed (see module docstring)."""
    out = []
    for token in text.split():
        token = _EDGE.sub("", token.lower())
        if token:
            out.append(token)
    return out


def truth_words(path: Path) -> list[str]:
    result: list[str] = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split(",", 8)
        if len(parts) == 9:
            result.extend(words(parts[8]))
    return result


def overlap(truth: list[str], ours: list[str]) -> int:
    return sum((Counter(truth) & Counter(ours)).values())


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


# --- worker: one process per code tree, reading jobs from stdin ------------------------

def worker() -> None:
    os.environ["OMP_THREAD_LIMIT"] = "1"
    from flexorch_beam.config import ExtractOptions
    from flexorch_beam.extract import image

    config = ExtractOptions(sandbox=False)
    for line in sys.stdin:
        job = json.loads(line)
        content = Path(job["path"]).read_bytes()
        if job.get("rotate"):
            content = _rotated_png(content, job["rotate"])
        cpu0, wall0 = _cpu(), time.perf_counter()
        try:
            text = image.extract(content, config).text
        except Exception as error:  # noqa: BLE001 - a bench records failures as empty text
            text = ""
            print(f"{job['path']}: {type(error).__name__}", file=sys.stderr)
        print(json.dumps({"text": text, "cpu": _cpu() - cpu0,
                          "wall": time.perf_counter() - wall0}), flush=True)


def _rotated_png(content: bytes, angle: int) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.open(io.BytesIO(content)).rotate(angle, expand=True).save(buffer, format="PNG")
    return buffer.getvalue()


class Worker:
    def __init__(self, root: Path) -> None:
        env = dict(os.environ, PYTHONPATH=str(root), OMP_THREAD_LIMIT="1")
        self.proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--worker"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env, cwd=str(root),
        )

    def run(self, path: Path, rotate: int = 0) -> dict:
        assert self.proc.stdin and self.proc.stdout
        self.proc.stdin.write(json.dumps({"path": str(path), "rotate": rotate}) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("bench worker died")
        return json.loads(line)

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc.wait(timeout=60)


def tesseract_cli(path: Path) -> dict:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    cpu0, wall0 = _cpu(), time.perf_counter()
    out = subprocess.run(["tesseract", str(path), "stdout", "-l", "eng"], capture_output=True,
                         text=True, env=env, check=False).stdout
    return {"text": out, "cpu": _cpu() - cpu0, "wall": time.perf_counter() - wall0}


def export_tree(ref: str, into: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(REPO), "archive", ref, "flexorch_beam"],
                             capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--real", type=Path, default=DEFAULT_REAL)
    parser.add_argument("--baseline-ref", default=DEFAULT_BASELINE)
    parser.add_argument("--rotations", default="", help="extra angles, e.g. 90,180,270")
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    if args.worker:
        worker()
        return
    receipts = sorted((args.real / "docs" / "jpg").glob("sroie__*.jpg"))
    if args.limit:
        receipts = receipts[: args.limit]
    if not receipts:
        sys.exit(f"no receipts under {args.real}/docs/jpg")
    rotations = [int(a) for a in args.rotations.split(",") if a.strip()]
    names = ("cli", "baseline", "new")
    totals = {name: Counter() for name in names}
    rotated = {name: Counter() for name in ("baseline", "new")}
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        workers = {"baseline": Worker(export_tree(args.baseline_ref, Path(tmp))),
                   "new": Worker(REPO)}
        try:
            for path in receipts:
                truth = truth_words(args.real / "truth" / "sroie" / (path.stem + ".box.txt"))
                results = {"cli": tesseract_cli(path)}
                for name, proc in workers.items():
                    results[name] = proc.run(path)
                row = {"receipt": path.stem}
                for name in names:
                    ours = words(results[name]["text"])
                    hit = overlap(truth, ours)
                    totals[name].update(hit=hit, truth=len(truth), ours=len(ours),
                                        cpu=results[name]["cpu"], wall=results[name]["wall"],
                                        pages=1, recall_sum=hit / max(len(truth), 1))
                    row[name] = round(hit / max(len(truth), 1), 3)
                for angle in rotations:
                    for name, proc in workers.items():
                        result = proc.run(path, angle)
                        ours = words(result["text"])
                        rotated[name].update(hit=overlap(truth, ours), truth=len(truth),
                                             cpu=result["cpu"], pages=1)
                rows.append(row)
                print(json.dumps(row), file=sys.stderr, flush=True)
        finally:
            for proc in workers.values():
                proc.close()
    report(args, totals, rotated, rotations, rows)


def report(args, totals, rotated, rotations, rows) -> None:  # noqa: ANN001
    print(f"receipts: {len(rows)}; baseline: {args.baseline_ref}; this tree: "
          f"{subprocess.run(['git', '-C', str(REPO), 'rev-parse', '--short', 'HEAD'], capture_output=True, text=True).stdout.strip()}")
    print()
    print("| variant | word recall | precision | macro recall | CPU s/page | wall s/page |")
    print("|---|---|---|---|---|---|")
    for name, t in totals.items():
        print(f"| {name} | {t['hit'] / t['truth']:.3f} | {t['hit'] / max(t['ours'], 1):.3f} | "
              f"{t['recall_sum'] / t['pages']:.3f} | {t['cpu'] / t['pages']:.2f} | "
              f"{t['wall'] / t['pages']:.2f} |")
    new, base, cli = totals["new"], totals["baseline"], totals["cli"]
    print()
    print(f"time new/baseline: CPU {new['cpu'] / base['cpu']:.2f}x, wall {new['wall'] / base['wall']:.2f}x; "
          f"new/cli: CPU {new['cpu'] / cli['cpu']:.2f}x, wall {new['wall'] / cli['wall']:.2f}x")
    if rotations:
        print()
        print(f"rotated by {','.join(map(str, rotations))} degrees:")
        for name, t in rotated.items():
            print(f"- {name}: word recall {t['hit'] / t['truth']:.3f}, CPU {t['cpu'] / t['pages']:.2f} s/page")
    print()
    print("per receipt (recall): " + ", ".join(
        f"{r['receipt'][7:]} {r['cli']:.2f}/{r['baseline']:.2f}/{r['new']:.2f}" for r in rows))


if __name__ == "__main__":
    main()
