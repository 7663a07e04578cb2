"""README "Run the FlexOrch API": its two commands and its SDK quick start, run as written
(the `flexorch` console command in a subprocess; only the data dir, port, key and sample path
are this test's)."""
from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import httpx

from .conftest import corpus_file, free_port

README = Path(__file__).resolve().parents[2] / "README.md"


def section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("## Run the FlexOrch API")
    return text[start:text.index("\n## ", start + 5)]


def test_readme_commands_start_the_server_and_the_quick_start_runs(tmp_path, corpus):
    blocks = re.findall(r"```(bash|python)\n(.*?)```", section(), re.S)
    bash = [line for line in dict(blocks)["bash"].splitlines() if line.strip()]
    python = dict(blocks)["python"]
    assert len(bash) == 2 and "keys create" in bash[0] and "flexorch serve" in bash[1]
    bin_dir = Path(sys.executable).parent
    data_dir, port = tmp_path / "data", free_port()

    def argv(line: str) -> list[str]:
        line = line.split("#")[0].replace("/srv/flexorch", str(data_dir)).replace("8000", str(port))
        words = line.split()
        return [str(bin_dir / "flexorch")] + words[1:]

    key = subprocess.run(argv(bash[0]), check=True, capture_output=True, text=True).stdout.strip()
    assert re.fullmatch(r"fx_[A-Za-z0-9_-]{40,}", key)
    server = subprocess.Popen(argv(bash[1]), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/v1/health").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, "serve did not start"
            time.sleep(0.3)
        script = (python.replace("fx_...", key).replace("8000", str(port))
                  .replace("samples/docs/en/invoice/inv_0000.pdf", str(corpus_file(corpus, "inv_*.pdf"))))
        done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True,
                              text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-2000:]
        grade, score = done.stdout.split()
        assert grade in "ABCD" and 0 <= float(score) <= 100
        assert (tmp_path / "output.jsonl").read_text().count("\n") == 1
    finally:
        server.terminate()
        server.wait(timeout=60)
