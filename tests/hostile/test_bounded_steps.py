"""Issue 17: no text holds a worker. Every step after extraction is linear on pathological
texts (times taken as a ratio to a business-like text of the same size, in the same run), and
a step that still overruns fails its record with TIMEOUT instead of hanging the job."""
from __future__ import annotations

import random
import time

import apache_beam as beam
import pytest
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that

from flexorch_beam import codes
from flexorch_beam.classify import classify_record
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.fields.step import extract_fields_record
from flexorch_beam.pii.step import detect_pii_record, warm_up
from flexorch_beam.quality import score_record
from flexorch_beam.record import Record, evolve
from flexorch_beam.transforms.base import ApplyStep, run_step

SIZE = 100_000
TYPED = ("invoice", "payroll_slip", "purchase_order", "receipt", "bank_statement")


def _business_text(size: int) -> str:
    rng = random.Random(7)
    lines = []
    while sum(len(line) + 1 for line in lines) < size:
        lines.append(rng.choice((
            f"Invoice No: INV-{rng.randint(1000, 9999)}",
            f"Date: {rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.2024",
            f"Item {rng.randint(1, 99)}\tWidget\t{rng.randint(1, 9)}\t{rng.randint(10, 999)},{rng.randint(10, 99)} EUR",
            f"Total amount due: {rng.randint(100, 9999)},{rng.randint(10, 99)} EUR",
            "Payment within 30 days to the account below. Thank you for your order.",
            f"Customer: Example GmbH, Hauptstrasse {rng.randint(1, 200)}, 10115 Berlin",
        )))
    return "\n".join(lines)[:size]


PATHOLOGICAL = {
    "one letter repeated": "x" * SIZE,
    "1 MB of one character": "a" * 1_000_000,
    "one-letter tokens": "a " * (SIZE // 2),
    "letter-spaced words": "T o t a l " * (SIZE // 10),
    "tab-separated letters": "a\tb\t" * (SIZE // 4),
    "a bracketed placeholder that never closes": "[A" + "_" * SIZE + "!",
    "deep nesting": "(" * (SIZE // 2) + ")" * (SIZE // 2),
    "labels glued by colons": "Total:" * (SIZE // 6),
    "labels on one line": "Invoice total amount date payment " * (SIZE // 34),
    "digits": "1" * SIZE,
    "digit tokens": "1 " * (SIZE // 2),
    "amounts": "1.234,56 " * (SIZE // 9),
    "at signs": "a@" * (SIZE // 2),
    "hex-like": "ab1" * (SIZE // 3),
    "capitals": "ABC " * (SIZE // 4),
    "newlines": "\n" * SIZE,
}


def _record(text: str, doc_type: str | None = None) -> Record:
    return Record(id="job_x", document_id="doc_x", source_uri="/in/x.txt", file_name="x.txt",
                     format="txt", text=text, page_count=1, doc_type=doc_type)


def _steps_time(text: str, config: ProcessingConfig) -> float:
    """Classify, fields for every typed class, PII and quality on ``text``: seconds."""
    started = time.perf_counter()
    classify_record(_record(text), config)
    for doc_type in TYPED:
        extract_fields_record(_record(text, doc_type), config.fields)
    detect_pii_record(_record(text), config.pii)
    score_record(_record(text), config)
    return time.perf_counter() - started


@pytest.fixture(scope="module")
def config() -> ProcessingConfig:
    config = ProcessingConfig()
    warm_up(config.pii)
    return config


@pytest.fixture(scope="module")
def normal_seconds(config: ProcessingConfig) -> float:
    return min(_steps_time(_business_text(SIZE), config) for _ in range(2))


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_text_costs_no_more_than_a_business_text(name, config, normal_seconds):
    text = PATHOLOGICAL[name]
    scale = len(text) / SIZE  # the 1 MB case may take 10x what a 100 KB text may
    seconds = _steps_time(text, config)
    assert seconds <= 5.0 * normal_seconds * max(1.0, scale) + 0.5, (
        f"{name}: {seconds:.2f} s against {normal_seconds:.2f} s for a business text")


def test_step_time_grows_linearly_with_text(config):
    small = _steps_time(PATHOLOGICAL["labels on one line"][: SIZE // 2], config)
    large = _steps_time(PATHOLOGICAL["labels on one line"], config)
    assert large <= 3.5 * small + 0.2, f"{small:.2f} s -> {large:.2f} s for twice the text"


def _spin_forever(record: Record, _config: ProcessingConfig) -> Record:
    while True:
        pass


def test_a_step_past_its_budget_fails_the_record_with_timeout():
    started = time.perf_counter()
    result = run_step("fields", _spin_forever, _record("hello"), ProcessingConfig(), budget_s=0.3)
    assert time.perf_counter() - started < 3
    assert result.status == codes.STATUS_FAILED and result.failure_reason == codes.TIMEOUT
    assert "fields" in result.processing_summary and "0.3 s" in result.processing_summary


def _spin_on_poison(record: Record, _config: ProcessingConfig) -> Record:
    while record.file_name == "poison.txt":
        pass
    return evolve(record, doc_type="other")


def test_one_overrunning_document_does_not_stop_the_job():
    records = [evolve(_record("fine"), id=f"job_{i}", file_name=f"doc{i}.txt") for i in range(3)]
    records.append(evolve(_record("bad"), id="job_poison", file_name="poison.txt"))
    config = ProcessingConfig(step_timeout_s=0.5)

    def check(results):
        by_name = {r.file_name: r for r in results}
        assert len(results) == 4
        assert by_name["poison.txt"].failure_reason == codes.TIMEOUT
        assert all(by_name[f"doc{i}.txt"].doc_type == "other" for i in range(3))

    with TestPipeline() as pipeline:
        out = pipeline | beam.Create(records) | ApplyStep("classify", _spin_on_poison, config)
        assert_that(out, check)


def _raise_inside(record: Record, _config: ProcessingConfig) -> Record:
    raise RuntimeError("a bug in a step")


@pytest.mark.parametrize("function,budget", [(_spin_forever, 0.2), (_raise_inside, None)])
def test_a_record_failing_in_a_step_publishes_no_unmasked_text(function, budget):
    raw = _record("Jane Doe, SSN 123-45-6789")
    result = run_step("pii", function, raw, ProcessingConfig(), budget_s=budget)
    assert result.failed and result.text is None and result.raw_text is None
