"""The sandbox pool with real processes: reuse, a real kill on timeout, memory cap, crashes."""
from __future__ import annotations

import os
import signal
import time

import pytest

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError
from flexorch_beam.config import ExtractOptions
from flexorch_beam.extract.registry import extract_content
from flexorch_beam.extract.sandbox import SandboxPool


@pytest.fixture()
def pool():
    sandbox = SandboxPool(timeout_s=1.5, memory_mb=1024)
    sandbox.start()
    yield sandbox
    sandbox.close()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is dead for our purposes
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


def test_one_child_serves_many_documents(pool):
    pid = pool.pid
    config = ExtractOptions(sandbox=True)
    for index in range(5):
        result = pool.call(extract_content, f"document {index}".encode(), "txt", config)
        assert result.text == f"document {index}"
    assert pool.pid == pid and pool.starts == 1
    assert pid != os.getpid()


def test_processing_errors_cross_the_process_boundary(pool):
    with pytest.raises(ProcessingError) as error:
        pool.call(extract_content, b"", "txt", ExtractOptions())
    assert error.value.code == codes.UNPROCESSABLE


def test_hang_is_killed_with_timeout_and_the_worker_replaced(pool):
    first = pool.pid
    started = time.monotonic()
    with pytest.raises(ProcessingError) as error:
        pool.call(time.sleep, 30)
    assert error.value.code == codes.TIMEOUT
    assert time.monotonic() - started < 5
    assert not _alive(first)  # really killed
    assert pool.call(extract_content, b"next", "txt", ExtractOptions()).text == "next"
    assert pool.pid != first and pool.starts == 2


def test_slow_real_ocr_is_killed_with_its_tesseract_child(pool, slow_ocr_png):
    """Real pathological input (dense gibberish) and a real kill of the whole process group."""
    config = ExtractOptions(ocr_langs="eng+deu+tur")
    worker = pool.pid
    started = time.monotonic()
    with pytest.raises(ProcessingError) as error:
        pool.call(extract_content, slow_ocr_png, "png", config)
    assert error.value.code == codes.TIMEOUT
    assert time.monotonic() - started < 5
    time.sleep(0.2)
    leftovers = [
        pid for pid in map(int, filter(str.isdigit, os.listdir("/proc")))
        if _alive(pid) and _pgid(pid) == worker
    ]
    assert leftovers == []  # the worker's whole process group, tesseract included, is gone


def _pgid(pid: int) -> int:
    try:
        return os.getpgid(pid)
    except ProcessLookupError:
        return -1


def test_memory_blow_up_under_the_cap_is_unprocessable(pool):
    with pytest.raises(ProcessingError) as error:
        pool.call(bytearray, 2 * 1024 ** 3)  # 2 GB against a 1 GB address-space cap
    assert error.value.code == codes.UNPROCESSABLE
    assert "memory cap" in error.value.summary
    assert pool.starts == 1  # a MemoryError does not even cost the worker


def test_crash_signals_map_to_codes(pool):
    with pytest.raises(ProcessingError) as error:
        pool.call(os.kill, 0, signal.SIGSEGV)  # pid 0: the child's own process group
    assert error.value.code == codes.CORRUPT_FILE
    assert "SIGSEGV" in error.value.summary
    with pytest.raises(ProcessingError) as error:
        pool.call(os.abort)
    assert error.value.code == codes.UNPROCESSABLE
    assert pool.call(extract_content, b"alive", "txt", ExtractOptions()).text == "alive"


def test_close_stops_the_child():
    sandbox = SandboxPool(timeout_s=5, memory_mb=0)
    sandbox.start()
    pid = sandbox.pid
    sandbox.close()
    assert not _alive(pid)
