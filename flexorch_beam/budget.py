"""A time budget for one pure step on one document, enforced in the worker's own thread.

Extraction runs in a child process that is killed at ``--doc-timeout-s``; the steps after it
(classify, fields, PII, quality) run in the worker itself, where one pathological text must
not hold a worker forever (issue 17). Their checks are written to be linear in the text; this
is the backstop for what is not: when the budget runs out, a watchdog timer raises
:class:`StepOverrun` in the step's thread (``PyThreadState_SetAsyncExc``), the step's record
fails with TIMEOUT, and the worker goes on with the next document.

Why not a signal: SIGALRM reaches only the main thread, and Beam runs DoFns in worker threads.
Why not a process: the steps' models and tables (names, places, lingua) would load twice.
Limit: the exception is delivered between Python bytecodes, so it cannot cut a single long C
call (one regex match) short; that is why the checks themselves must stay linear.
"""
from __future__ import annotations

import ctypes
import threading
from contextlib import contextmanager
from typing import Iterator, Optional

_SET_ASYNC_EXC = ctypes.pythonapi.PyThreadState_SetAsyncExc
_SET_ASYNC_EXC.argtypes = (ctypes.c_ulong, ctypes.py_object)


class StepOverrun(BaseException):
    """Raised inside a step that ran past its budget. A BaseException, so that a library's
    ``except Exception`` inside the step cannot swallow it."""


@contextmanager
def time_budget(seconds: Optional[float]) -> Iterator[None]:
    """Run the ``with`` body under a budget of ``seconds`` (None or <= 0: no budget)."""
    if not seconds or seconds <= 0:
        yield
        return
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    def fire() -> None:
        with lock:
            if state["done"]:
                return
            state["fired"] = True
            _SET_ASYNC_EXC(target, StepOverrun)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["done"] = True
            fired = state["fired"]
        timer.cancel()
        if fired:
            # Fired after the body's last bytecode but before this point: the exception is
            # still pending on this thread; the body finished, so withdraw it.
            _SET_ASYNC_EXC(target, ctypes.py_object())  # NULL clears a pending exception
