"""Which pipeline stage raises an SDK worker's peak memory (diagnosis, not a test).

Put this directory on ``PYTHONPATH`` of a run whose SDK workers are separate processes
(``--direct_running_mode=multi_processing``): each worker then appends one line per bundle to
``$STAGE_MEMORY_DIR/worker_<pid>.log`` (default ``/tmp``) with the bundle's seconds, RSS and
peak RSS (VmHWM) before and after, and the stage's first transforms. For example::

    PYTHONPATH=bench/stage_memory OMP_THREAD_LIMIT=1 .venv/bin/python bench/e2e_bench.py \\
        --child multi_processing --manifest /tmp/flexorch_e2e/manifest_16x.json \\
        --output /tmp/o --workers 2
"""
import os
import time


def _status_mib() -> tuple[int, int]:
    values = {}
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(("VmRSS:", "VmHWM:")):
                key, value = line.split(":")
                values[key] = int(value.split()[0]) >> 10
    return values["VmRSS"], values["VmHWM"]


def _install() -> None:
    from apache_beam.runners.worker import bundle_processor

    original = bundle_processor.BundleProcessor.process_bundle
    directory = os.environ.get("STAGE_MEMORY_DIR", "/tmp")
    log = open(os.path.join(directory, f"worker_{os.getpid()}.log"), "a")

    def process_bundle(self, instruction_id, *args, **kwargs):
        rss, peak = _status_mib()
        started = time.time()
        try:
            return original(self, instruction_id, *args, **kwargs)
        finally:
            rss_after, peak_after = _status_mib()
            names = sorted(
                t.unique_name for t in self.process_bundle_descriptor.transforms.values()
                if not t.spec.urn.startswith("beam:runner:")
            )
            log.write(f"{time.time() - started:8.2f}s rss {rss}->{rss_after} MiB "
                      f"peak {peak}->{peak_after} MiB  {names[:2]}\n")
            log.flush()

    bundle_processor.BundleProcessor.process_bundle = process_bundle


with open("/proc/self/cmdline", "rb") as _cmdline:
    if b"sdk_worker_main" in _cmdline.read():
        _install()
