"""The Extract PTransform on real runners: failure pass-through, sandbox pool lifecycle,
DirectRunner multi-processing, and a DoFn that unpickles in a fresh interpreter."""
from __future__ import annotations

import subprocess
import sys

import apache_beam as beam
from apache_beam.internal import pickler
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.testing.util import assert_that

from flexorch_beam import codes
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.record import Record, fail
from flexorch_beam.transforms.extract import Extract, ExtractFn


def _record(name: str, content: bytes | None, fmt: str) -> Record:
    return Record(
        id=f"job_{name}", document_id=f"doc_{name}", source_uri=f"mem://{name}",
        file_name=name, format=fmt, content=content,
    )


def _outcomes(expected: dict[str, tuple[str, str | None]]):
    def check(records):  # noqa: ANN001
        seen = {r.id: (r.status, r.failure_reason) for r in records}
        assert seen == {f"job_{k}": v for k, v in expected.items()}, seen
        assert all(r.content is None for r in records)
    return check


def test_extract_sandboxed_every_input_one_record(slow_ocr_png):
    upstream_failure = fail(_record("toolarge", b"x", "txt"), codes.FILE_TOO_LARGE, "file is 99 MB")
    records = [
        _record("ok", b"an ordinary text", "txt"),
        _record("empty", b"", "empty"),
        _record("garbage", bytes(range(256)) * 4, "unknown"),
        _record("hang", slow_ocr_png, "png"),
        _record("after", b"processed after the timeout", "txt"),
        upstream_failure,
    ]
    config = ProcessingConfig(doc_timeout_s=1.0, ocr_langs="eng+deu+tur")
    with beam.Pipeline(options=PipelineOptions(["--runner=DirectRunner"])) as pipeline:
        out = pipeline | beam.Create(records, reshuffle=False) | Extract(config)
        assert_that(out, _outcomes({
            "ok": ("completed", None),
            "empty": ("failed", codes.UNPROCESSABLE),
            "garbage": ("failed", codes.UNSUPPORTED_FILE),
            "hang": ("failed", codes.TIMEOUT),
            "after": ("completed", None),
            "toolarge": ("failed", codes.FILE_TOO_LARGE),
        }))


def test_failed_records_pass_through_untouched():
    upstream = fail(_record("bad", None, "txt"), codes.READ_ERROR, "could not read")
    fn = ExtractFn(ProcessingConfig(sandbox=False))
    fn.setup()
    assert list(fn.process(upstream)) == [upstream]
    fn.teardown()


def test_direct_runner_multi_processing():
    records = [_record(f"d{i}", f"document number {i}".encode(), "txt") for i in range(6)]
    records.append(_record("bad", b"", "empty"))
    options = PipelineOptions(
        ["--runner=DirectRunner", "--direct_running_mode=multi_processing", "--direct_num_workers=2"]
    )
    expected = {f"d{i}": ("completed", None) for i in range(6)}
    expected["bad"] = ("failed", codes.UNPROCESSABLE)
    with beam.Pipeline(options=options) as pipeline:
        out = pipeline | beam.Create(records) | Extract(ProcessingConfig(doc_timeout_s=60))
        assert_that(out, _outcomes(expected))


def test_dofn_unpickles_and_runs_in_a_fresh_interpreter(tmp_path):
    """What a PortableRunner worker does: no main session, only the pickled DoFn."""
    fn = ExtractFn(ProcessingConfig(doc_timeout_s=30))
    fn.setup()
    payload = pickler.dumps(fn)  # even after setup, the live pool does not travel
    fn.teardown()
    path = tmp_path / "fn.pickle"
    path.write_bytes(payload)
    script = f"""
from apache_beam.internal import pickler
from flexorch_beam.record import Record
fn = pickler.loads(open({str(path)!r}, 'rb').read())
fn.setup()
record = Record(id='j', document_id='d', source_uri='u', file_name='f', format='txt', content=b'remote text')
out = list(fn.process(record))
fn.teardown()
print(out[0].status, out[0].text)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "completed remote text"
