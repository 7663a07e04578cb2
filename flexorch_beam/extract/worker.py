"""The sandbox child: ``python -m flexorch_beam.extract.worker MEMORY_MB``.

Reads length-prefixed pickled ``(function, args)`` requests on stdin and answers each on
the original stdout with ``("ok", result)`` or ``("error", code, summary)``. Its stdout
file descriptor is moved aside first, so a library that prints cannot corrupt the
protocol; its address space is capped with RLIMIT_AS after the extractors are imported,
so a document that needs more memory than the cap gets a MemoryError here (or kills only
this process), never the Beam worker.
"""
from __future__ import annotations

import os
import pickle
import resource
import struct
import sys
from typing import BinaryIO, Optional

HEADER = struct.Struct("!Q")


def read_message(stream: BinaryIO) -> Optional[object]:
    header = stream.read(HEADER.size)
    if len(header) < HEADER.size:
        return None
    (length,) = HEADER.unpack(header)
    payload = stream.read(length)
    if len(payload) < length:
        return None
    return pickle.loads(payload)


def write_message(stream: BinaryIO, message: object) -> None:
    payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(HEADER.pack(len(payload)) + payload)
    stream.flush()


def _cap_memory(memory_mb: int) -> None:
    if memory_mb <= 0:
        return
    limit = memory_mb * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def serve(memory_mb: int) -> None:
    protocol_out = os.fdopen(os.dup(1), "wb")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    protocol_in = sys.stdin.buffer
    os.environ["OMP_THREAD_LIMIT"] = "1"

    from flexorch_beam import codes  # noqa: PLC0415 - imported before the cap applies
    from flexorch_beam.codes import ProcessingError
    import flexorch_beam.extract.registry  # noqa: F401

    _cap_memory(memory_mb)
    write_message(protocol_out, ("ready", os.getpid()))
    while True:
        request = read_message(protocol_in)
        if request is None:
            return
        function, args = request
        try:
            reply: tuple = ("ok", function(*args))
        except ProcessingError as error:
            reply = ("error", error.code, error.summary)
        except MemoryError:
            reply = (
                "error",
                codes.UNPROCESSABLE,
                f"document needs more than the {memory_mb} MB memory cap",
            )
        except Exception as error:  # noqa: BLE001 - reported by type only, never content
            reply = ("error", codes.INTERNAL_ERROR, f"extraction failed ({type(error).__name__})")
        try:
            write_message(protocol_out, reply)
        except MemoryError:
            write_message(
                protocol_out,
                ("error", codes.UNPROCESSABLE, f"result exceeds the {memory_mb} MB memory cap"),
            )


if __name__ == "__main__":
    serve(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
