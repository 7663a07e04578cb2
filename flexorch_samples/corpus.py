"""Write a whole corpus: ``docs/<lang>/<doc_type>/<name>.<ext>`` and
``truth/<lang>/<doc_type>/<name>.<ext>.json`` (the path under docs/ + ".json"). Re-running
into a folder that holds an earlier corpus replaces its docs/ and truth/ (nothing else).
``.complete`` is written last (the Makefile and tests use it as the "done" marker)."""
from __future__ import annotations

import io
import os
import shutil
from pathlib import Path
from typing import Optional

from .content import build_spec
from .model import DocSpec
from .mix import plan
from .writers import render
from .truth import TruthRecord, truth_for

COMPLETE_MARKER = ".complete"
PARTIAL_MARKER = ".partial"  # present while writing; lets a re-run clear a half-written corpus


def spec_for_slot(index: int, seed: int = 0) -> DocSpec:
    """The spec of corpus slot ``index`` for ``seed`` (what ``generate_corpus`` renders)."""
    from .mix import slot

    s = slot(index)
    return build_spec(s.index, s.doc_type, s.language, s.variant, s.quality, seed)


def page_count(spec: DocSpec, data: bytes) -> Optional[int]:
    """Pages of paginated formats (PDF, TIFF, PNG=1); None for flowing formats."""
    if spec.format == "pdf":
        import pypdfium2

        doc = pypdfium2.PdfDocument(data)
        try:
            return len(doc)
        finally:
            doc.close()
    if spec.format in ("tiff", "png"):
        from PIL import Image

        with Image.open(io.BytesIO(data)) as im:
            return getattr(im, "n_frames", 1)
    return None


def truth_relpath(doc_relpath: str) -> str:
    """``docs/en/invoice/inv_0000.pdf`` -> ``truth/en/invoice/inv_0000.pdf.json``."""
    inner = doc_relpath[len("docs/"):] if doc_relpath.startswith("docs/") else doc_relpath
    return f"truth/{inner}.json"


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def generate_corpus(out_dir: str | os.PathLike, count: int = 60, seed: int = 7) -> list[TruthRecord]:
    """Render ``count`` documents and their truth under ``out_dir``; returns the truth."""
    root = Path(out_dir)
    marker, partial = root / COMPLETE_MARKER, root / PARTIAL_MARKER
    if marker.exists() or partial.exists():  # a corpus we wrote before: drop it, no stale files
        for sub in ("docs", "truth"):
            shutil.rmtree(root / sub, ignore_errors=True)
        marker.unlink(missing_ok=True)
    root.mkdir(parents=True, exist_ok=True)
    partial.write_text("generating\n")
    records = []
    for s in plan(count):
        spec = build_spec(s.index, s.doc_type, s.language, s.variant, s.quality, seed)
        data = render(spec)
        record = truth_for(spec, page_count(spec, data))
        _write(root / spec.relpath, data)
        _write(root / truth_relpath(spec.relpath), record.to_json().encode("utf-8"))
        records.append(record)
    marker.write_text(f"count={count} seed={seed}\n")
    partial.unlink()
    return records


def load_truth(out_dir: str | os.PathLike) -> list[TruthRecord]:
    """All truth records of a generated corpus, sorted by path."""
    root = Path(out_dir) / "truth"
    return [TruthRecord.from_json(p.read_text("utf-8")) for p in sorted(root.rglob("*.json"))]
