"""The per-step public transforms take their step's settings as keyword arguments, Beam style."""
import dataclasses

import apache_beam as beam
import pytest
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to
from apache_beam.transforms.display import DisplayData

from flexorch_beam.config import ProcessingConfig
from flexorch_beam.record import Record
from flexorch_beam.steps import STEPS
from flexorch_beam.transforms.classify import Classify
from flexorch_beam.transforms.extract import Extract
from flexorch_beam.transforms.pii import DetectPII

IBAN = "DE89 3704 0044 0532 0130 00"


def test_every_declared_setting_is_a_config_field():
    from flexorch_beam.config import OWNER

    fields = set(OWNER)
    for step in STEPS:
        assert set(step.settings) <= fields, step.name


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
    assert transform.config.mask_mode == "redact" and transform.config.keep_raw_text
    assert transform.config.run_id == "r1"
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
