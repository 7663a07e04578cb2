"""Cost of archive members against the same documents as loose files, side by side in one run.

    .venv/bin/python bench/archive_bench.py --files 500

Writes ``--files`` small text documents (about 2 KB each) into a temporary folder, and the same
documents as one ZIP, one tar and one tar.gz. Times (best of ``--repeat``, GC paused) the read
step's work for each: ``sources.read_source`` (+ ``expand_archive`` for an archive: listing with
the bomb checks, hashing, sniffing), and Extract's second read of every document
(``sources.fetch_content``: a loose file is opened again; a member is read again through its
archive). A tar.gz has no index, so each member's second read inflates the stream up to that
member: that cost grows with the member's position, which the per-document figure shows.
"""
from __future__ import annotations

import argparse
import dataclasses
import gc
import io
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flexorch_beam import sources  # noqa: E402
from flexorch_beam.config import ProcessingConfig  # noqa: E402


def _best(function, repeat: int) -> float:  # noqa: ANN001
    times = []
    for _ in range(repeat):
        gc.disable()
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
        gc.enable()
    return min(times)


def _documents(count: int) -> dict[str, bytes]:
    return {f"docs/{i:05d}.txt": (f"Invoice INV-{i} for order {i * 7919 % 10007}, total "
                                  f"{i % 997}.{i % 100:02d} EUR. " * 30).encode()
            for i in range(count)}


def _archives(folder: Path, documents: dict[str, bytes]) -> dict[str, Path]:
    paths = {"zip": folder / "batch.zip", "tar": folder / "batch.tar", "tar.gz": folder / "batch.tar.gz"}
    with zipfile.ZipFile(paths["zip"], "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in documents.items():
            archive.writestr(name, data)
    for kind, mode in (("tar", "w"), ("tar.gz", "w:gz")):
        with tarfile.open(paths[kind], mode) as archive:
            for name, data in documents.items():
                info = tarfile.TarInfo(name)
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    config = ProcessingConfig(run_id="bench")
    documents = _documents(args.files)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        loose = []
        for name, data in documents.items():
            path = folder / name
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(data)
            loose.append(sources.SourceFile(uri=str(path), file_name=path.name))
        archives = _archives(folder, documents)

        def read_loose() -> list:
            return [sources.read_source(source, config.input) for source in loose]

        def read_archive(path: Path):  # noqa: ANN202
            archive = sources.read_source(sources.SourceFile(uri=str(path), file_name=path.name),
                                          config.input)
            return list(sources.expand_archive(archive, config.input))

        rows = [("loose files", read_loose)] + [
            (kind, lambda path=path: read_archive(path)) for kind, path in archives.items()]
        base_read = base_fetch = None
        print(f"{args.files} documents of {len(next(iter(documents.values())))} bytes; "
              f"archives: " + ", ".join(f"{k} {p.stat().st_size // 1024} KB" for k, p in archives.items()))
        print("| documents from | read step, ms/doc | ratio | Extract's second read, ms/doc | ratio |")
        print("|---|---|---|---|---|")
        for label, read in rows:
            records = [dataclasses.replace(r, content=None) for r in read()]
            assert len(records) == args.files and not any(r.failed for r in records), label
            read_s = _best(read, args.repeat) / args.files
            fetch_s = _best(lambda: [sources.fetch_content(r, config.input) for r in records],
                            args.repeat) / args.files
            base_read = base_read or read_s
            base_fetch = base_fetch or fetch_s
            print(f"| {label} | {1000 * read_s:.3f} | {read_s / base_read:.2f}x | "
                  f"{1000 * fetch_s:.3f} | {fetch_s / base_fetch:.2f}x |")


if __name__ == "__main__":
    main()
