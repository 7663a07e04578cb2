"""The per-step public transforms take their step's settings as keyword arguments, Beam style."""
import dataclasses

import apache_beam as beam
import pytest
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to
from apache_beam.transforms.display import DisplayData

from flexorch_beam.config import BY_PART, ExtractOptions, FieldsOptions, PIIOptions, ProcessingConfig
from flexorch_beam.record import Record
from flexorch_beam.steps import STEPS, step_named
from flexorch_beam.transforms.classify import Classify
from flexorch_beam.transforms.extract import Extract
from flexorch_beam.transforms.fields import ExtractFields
from flexorch_beam.transforms.pii import DetectPII

IBAN = "DE89 3704 0044 0532 0130 00"


def test_each_step_reads_its_own_capability_only():
    assert {step.name: step.part for step in STEPS} == {
        "extract": "extract", "classify": None, "fields": "fields", "pii": "pii", "quality": None}
    for step in STEPS:
        expected = {f.name for f in dataclasses.fields(BY_PART[step.part])} if step.part else set()
        assert set(step.settings) == expected, step.name
        options = step.options(ProcessingConfig(run_id="r"))
        assert options is None or type(options) is BY_PART[step.part]


def test_a_transform_refuses_another_capabilitys_options():
    with pytest.raises(TypeError, match="Extract takes ExtractOptions or a ProcessingConfig, not "
                                        "PIIOptions"):
        Extract(PIIOptions())
    with pytest.raises(TypeError, match="step pii takes PIIOptions, not ExtractOptions"):
        step_named("pii").options(ExtractOptions())
    with pytest.raises(TypeError, match="ExtractFields takes no setting mask_mode"):
        ExtractFields(mask_mode="indexed")
    with pytest.raises(TypeError, match="Extract takes no setting run_id"):
        Extract(run_id="r")
    fields = ExtractFields(ProcessingConfig(pii_types=("IBAN",), llm_model="m"))
    assert fields.options == FieldsOptions(llm_model="m", pii_types=("IBAN",))


def test_detect_pii_with_keyword_arguments():
    record = Record(id="job_1", document_id="doc_1", source_uri="mem://a", file_name="a.txt",
                       text=f"Please pay to IBAN {IBAN} by Friday. Call +49 30 901820.")
    with TestPipeline() as pipeline:
        masked = (pipeline | beam.Create([record])
                  | DetectPII(mask_mode="indexed", pii_types=["IBAN"])
                  | beam.Map(lambda r: (r.text, r.pii_types)))
        assert_that(masked, equal_to([("Please pay to IBAN <IBAN_1> by Friday. Call +49 30 901820.",
                                       ("IBAN",))]))


def test_keyword_arguments_override_a_config_and_are_shown():
    transform = DetectPII(ProcessingConfig(run_id="r1", mask_mode="redact"), keep_raw_text=True)
    assert transform.options.mask_mode == "redact" and transform.options.keep_raw_text
    assert isinstance(transform.options, PIIOptions)  # its own part only, not the run's config
    assert DetectPII(PIIOptions(mask_mode="hash", mask_key_env="HOME")).options.mask_mode == "hash"
    shown = {item.key: item.value for item in DisplayData.create_from(transform).items}
    assert shown["mask_mode"] == "redact" and shown["keep_raw_text"] is True and shown["step"] == "pii"
    extract = {item.key: item.value for item in DisplayData.create_from(Extract(ocr_langs="eng")).items}
    assert extract["ocr_langs"] == "eng"


def test_a_setting_of_another_step_is_refused_and_a_bad_value_checked():
    with pytest.raises(TypeError, match="DetectPII takes no setting ocr_langs"):
        DetectPII(ocr_langs="eng")
    with pytest.raises(TypeError, match="its settings: step_timeout_s"):
        Classify(mask_mode="indexed")
    with pytest.raises(ValueError, match="unknown mask mode"):
        DetectPII(mask_mode="scramble")
