"""The steps are one declared list: ProcessDocuments wires exactly it, in its order."""
from __future__ import annotations

import apache_beam as beam
import pytest
from apache_beam.pipeline import PipelineVisitor

from flexorch_beam.config import ProcessingConfig
from flexorch_beam.record import Record
from flexorch_beam.steps import STEPS, step_named
from flexorch_beam.transforms.base import StepFn
from flexorch_beam.transforms.process import ProcessDocuments


def test_the_steps_in_order():
    assert [s.name for s in STEPS] == ["extract", "classify", "fields", "pii", "quality"]
    assert step_named("pii").check is not None and step_named("extract").resource is not None
    assert not step_named("extract").budgeted and all(s.budgeted for s in STEPS[1:])
    with pytest.raises(KeyError):
        step_named("translate")


def test_process_documents_wires_the_declared_list_in_order():
    pipeline = beam.Pipeline()
    _ = pipeline | beam.Create([]) | ProcessDocuments(ProcessingConfig(sandbox=False))
    wired: list[str] = []

    class Visitor(PipelineVisitor):
        def visit_transform(self, node) -> None:  # noqa: ANN001
            fn = getattr(node.transform, "fn", None)
            if isinstance(fn, StepFn):
                wired.append(fn.step.name)

    pipeline.visit(Visitor())
    assert wired == [s.name for s in STEPS]


def test_a_bad_setting_fails_when_the_graph_is_built():
    with pytest.raises(ValueError):
        ProcessDocuments(ProcessingConfig(mask_mode="scramble"))


def test_pii_counters_name_types_only():
    from flexorch_beam.record import PiiFinding

    record = Record(id="j", document_id="d", source_uri="u", file_name="f", privacy_applied=True,
                       pii_findings=(PiiFinding("EMAIL", "GLOBAL", 0, 5, 0.9),))
    assert list(step_named("pii").counters(record)) == ["pii_EMAIL", "pii_privacy_applied"]


def test_steps_are_typed_and_describe_themselves():
    from apache_beam.transforms.display import DisplayData

    from flexorch_beam.transforms.base import ApplyStep

    hints = StepFn(step_named("classify"), ProcessingConfig()).get_type_hints()
    assert hints.input_types[0] == (Record,) and hints.output_types[0] == (Record,)
    items = {item.key: item.value for item in DisplayData.create_from(
        ApplyStep(step_named("pii"), config=ProcessingConfig(step_timeout_s=9))).items}
    assert items["step"] == "pii" and items["time_budget_s"] == 9.0
    items = {item.key: item.value for item in DisplayData.create_from(ProcessDocuments()).items}
    assert items["steps"] == "extract -> classify -> fields -> pii -> quality"


def test_a_wrongly_typed_input_is_refused_when_the_graph_is_built():
    with pytest.raises(Exception, match="[Tt]ype"):
        with beam.Pipeline() as pipeline:
            _ = pipeline | beam.Create(["not a record"]) | ProcessDocuments(ProcessingConfig(sandbox=False))
