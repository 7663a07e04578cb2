"""Cost of the safe local listing and read against fsspec's, side by side in one run.

    .venv/bin/python bench/listing_bench.py --folders 100 --files 200

Builds a tree of folders x files small text files in a temporary folder, then times (best of
``--repeat``) listing it with fsspec's local glob (what the job used before) and with
``sources.expand_glob`` (the walk that checks symlinks and file types), and reading every file
with fsspec (``sources._read_bounded``, still the path for object stores) and with
``local_files.read_local`` (lstat, O_NOFOLLOW|O_NONBLOCK open, fstat).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import fsspec  # noqa: E402

from flexorch_beam import local_files, sources  # noqa: E402


def _best(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folders", type=int, default=100)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for index in range(args.folders):
            sub = Path(folder) / f"d{index:04d}"
            sub.mkdir()
            for number in range(args.files):
                (sub / f"f{number:04d}.txt").write_bytes(b"a small letter\n" * 20)
        pattern = f"{folder}/**"
        fs = fsspec.filesystem("file")
        old = [n for n, i in fs.glob(pattern, detail=True).items() if i["type"] != "directory"]
        new = [source.uri for source in sources.expand_glob(pattern)]
        assert sorted(old) == sorted(new), "the two listings differ"
        list_old = _best(lambda: fs.glob(pattern, detail=True), args.repeat)
        list_new = _best(lambda: list(sources.expand_glob(pattern)), args.repeat)
        limit = 50 << 20
        read_old = _best(lambda: [sources._read_bounded(p, limit) for p in old], args.repeat)
        read_new = _best(
            lambda: [local_files.read_local(p, limit, folder, False) for p in old], args.repeat)
    count = len(old)
    print(f"{count} files in {args.folders} folders, best of {args.repeat}")
    print("| step | fsspec s | safe local s | safe / fsspec |")
    print("|---|---:|---:|---:|")
    print(f"| list | {list_old:.3f} | {list_new:.3f} | {list_new / list_old:.2f} |")
    print(f"| read every file | {read_old:.3f} | {read_new:.3f} | {read_new / read_old:.2f} |")


if __name__ == "__main__":
    main()
