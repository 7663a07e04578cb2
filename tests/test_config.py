"""One options object per capability: each checks itself, and the command-line flags are
generated from their fields (names, defaults and help kept from the hand-written parser)."""
from __future__ import annotations

import argparse
import dataclasses
import pickle

import pytest

from flexorch_beam.config import (
    CAPABILITIES,
    OWNER,
    ExtractOptions,
    FieldsOptions,
    FinetuneFormat,
    FlagError,
    InputOptions,
    MaskMode,
    OutputOptions,
    PIIOptions,
    ProcessingConfig,
    RunOptions,
)
from flexorch_beam.options import FlexOrchOptions

# Every flag of the hand-written parser it replaces: dest -> (option strings, default).
OLD_FLAGS = {
    "input": (("--input",), None),
    "manifest": (("--manifest",), None),
    "output": (("--output",), None),
    "formats": (("--formats",), "jsonl,parquet"),
    "run_id": (("--run_id", "--run-id"), None),
    "max_file_mb": (("--max_file_mb", "--max-file-mb"), 50.0),
    "max_text_chars": (("--max_text_chars", "--max-text-chars"), 2_000_000),
    "doc_timeout_s": (("--doc_timeout_s", "--doc-timeout-s"), 120.0),
    "step_timeout_s": (("--step_timeout_s", "--step-timeout-s"), 60.0),
    "doc_memory_mb": (("--doc_memory_mb", "--doc-memory-mb"), 2048),
    "no_sandbox": (("--no_sandbox", "--no-sandbox"), False),
    "ocr_langs": (("--ocr_langs", "--ocr-langs"), "auto"),
    "ocr_dpi": (("--ocr_dpi", "--ocr-dpi"), 300),
    "ocr_min_confidence": (("--ocr_min_confidence", "--ocr-min-confidence"), 60.0),
    "llm_endpoint": (("--llm_endpoint", "--llm-endpoint"), None),
    "llm_model": (("--llm_model", "--llm-model"), None),
    "llm_timeout_s": (("--llm_timeout", "--llm-timeout"), 30.0),
    "llm_max_retries": (("--llm_max_retries", "--llm-max-retries"), 3),
    "mask_mode": (("--mask_mode", "--mask-mode"), "placeholder"),
    "mask_key_env": (("--mask_key_env", "--mask-key-env"), "FLEXORCH_MASK_KEY"),
    "no_mask": (("--no_mask", "--no-mask"), False),
    "pii_types": (("--pii_types", "--pii-types"), ""),
    "jurisdictions": (("--jurisdictions",), ""),
    "keep_raw_text": (("--keep_raw_text", "--keep-raw-text"), False),
    "privacy_profile": (("--privacy_profile", "--privacy-profile"), None),
    "min_grade": (("--min_grade", "--min-grade"), None),
    "history": (("--history",), None),
    "feedback": (("--feedback",), None),
    "reprocess": (("--reprocess",), False),
    "split": (("--split",), None),
    "finetune_format": (("--finetune_format", "--finetune-format"), "text"),
    "finetune_task": (("--finetune_task", "--finetune-task"), "fields"),
    "finetune_min_confidence": (("--finetune_min_confidence", "--finetune-min-confidence"), 0.5),
    "overwrite": (("--overwrite",), False),
    "follow_symlinks": (("--follow_symlinks", "--follow-symlinks"), False),
    "progress": (("--progress",), "auto"),
    "progress_interval_s": (("--progress_interval_s", "--progress-interval-s"), 5.0),
}


def _actions() -> dict[str, argparse.Action]:
    parser = argparse.ArgumentParser(add_help=False)
    FlexOrchOptions._add_argparse_args(parser)  # noqa: SLF001
    return {action.dest: action for action in parser._actions}  # noqa: SLF001


def test_generated_flags_equal_the_old_set():
    actions = _actions()
    assert set(actions) == set(OLD_FLAGS)
    for dest, (names, default) in OLD_FLAGS.items():
        action = actions[dest]
        assert tuple(action.option_strings) == names, dest
        assert action.default == default and type(action.default) is type(default), dest
        assert action.help and len(action.help) > 15, dest
    assert actions["mask_mode"].choices == ("placeholder", "indexed", "hash", "redact")
    assert actions["min_grade"].choices == ("A", "B", "C", "D")
    assert set(actions["privacy_profile"].choices) == {"kvkk", "gdpr", "us", "strict"}


@pytest.mark.parametrize(("options", "changes", "message"), [
    (InputOptions, {"max_file_mb": 0}, "--max-file-mb must be > 0, got 0"),
    (ExtractOptions, {"doc_timeout_s": -1}, "--doc-timeout-s must be > 0, got -1"),
    (ExtractOptions, {"ocr_dpi": 10}, "--ocr-dpi must be >= 50 and <= 1200, got 10"),
    (ExtractOptions, {"doc_memory_mb": 32}, "--doc-memory-mb must be >= 64, got 32"),
    (ExtractOptions, {"ocr_min_confidence": 101}, "--ocr-min-confidence must be >= 0 and <= 100"),
    (FieldsOptions, {"llm_max_retries": 21}, "--llm-max-retries must be >= 0 and <= 20, got 21"),
    (FieldsOptions, {"llm_timeout_s": 0}, "--llm-timeout must be > 0, got 0"),
    (PIIOptions, {"mask_mode": "rot13"}, "unknown mask mode 'rot13' (choose from placeholder, "
                                         "indexed, hash, redact)"),
    (PIIOptions, {"privacy_profile": "hipaa"}, "unknown --privacy-profile 'hipaa'; choose from "
                                               "kvkk, gdpr, us, strict"),
    (OutputOptions, {"split": 1.0}, "--split must be > 0 and < 1, got 1"),
    (OutputOptions, {"formats": ("jsonl", "docx")}, "unknown --formats ['docx']"),
    (OutputOptions, {"formats": ("csv", "csv")}, "--formats names csv more than once"),
    (OutputOptions, {"min_grade": "E"}, "unknown --min-grade 'E'; choose from A, B, C, D"),
    (OutputOptions, {"finetune_format": "sharegpt"},
     "--finetune-format must be one of text, chat, instruct, got 'sharegpt'"),
    (OutputOptions, {"finetune_task": "summarise"},
     "--finetune-task must be one of fields, classify, got 'summarise'"),
    (OutputOptions, {"finetune_min_confidence": 1.5}, "--finetune-min-confidence must be >= 0"),
    (RunOptions, {"step_timeout_s": 0}, "--step-timeout-s must be > 0, got 0"),
    (RunOptions, {"progress_interval_s": -1}, "--progress-interval-s must be > 0"),
])
def test_each_options_object_checks_itself(options, changes, message):
    with pytest.raises(FlagError) as raised:
        options(**changes)
    assert message in str(raised.value)
    with pytest.raises(ValueError, match=message.split(" ")[0]):  # FlagError is a ValueError
        ProcessingConfig(**changes)


def test_closed_values_are_enums_equal_to_their_text():
    pii = PIIOptions(mask_mode="hash", privacy_profile="gdpr")
    assert pii.mask_mode is MaskMode.HASH and pii.mask_mode == "hash"
    assert f"{pii.privacy_profile}" == "gdpr"
    output = OutputOptions(finetune_format="chat", min_grade="B")
    assert output.finetune_format is FinetuneFormat.CHAT and output.finetune_target == "fields"
    assert OutputOptions(formats=()).formats == ("jsonl", "parquet")


def test_every_setting_has_one_owner_and_shared_ones_follow_it():
    owners = {}
    for options in CAPABILITIES:
        for name in (item.name for item in dataclasses.fields(options)):
            owners.setdefault(name, []).append(options.CAPABILITY)
    assert {name for name, parts in owners.items() if len(parts) > 1} == {
        "max_file_mb", "pii_types", "jurisdictions", "keep_raw_text", "history", "run_id"}
    config = ProcessingConfig(pii_types=("IBAN",), jurisdictions=("EU",), keep_raw_text=True,
                              history=("h/*.parquet",), max_file_mb=5)
    assert config.fields.pii_types == ("IBAN",) and config.fields.jurisdictions == ("EU",)
    assert config.dedup.keep_raw_text and config.output.history == ("h/*.parquet",)
    assert config.extract.max_file_mb == 5 == config.input.max_file_mb
    assert ProcessingConfig(run_id="r7").output.run_id == "r7" == ProcessingConfig(
        run_id="r7").input.run_id
    assert OWNER["pii_types"] == "pii" and OWNER["history"] == "dedup"
    given = ProcessingConfig(pii=PIIOptions(pii_types=("EMAIL",)))
    assert given.fields.pii_types == ("EMAIL",)
    with pytest.raises(TypeError, match="takes no setting colour"):
        ProcessingConfig(colour="red")


def test_the_composite_is_plain_data():
    config = ProcessingConfig(run_id="r", mask_mode="indexed", formats=("csv",))
    assert pickle.loads(pickle.dumps(config)) == config
    assert hash(config) == hash(ProcessingConfig(run_id="r", mask_mode="indexed",
                                                 formats=("csv",)))
    assert config.part("pii") is config.pii and config.replace(run_id="s").run.run_id == "s"
    with pytest.raises(KeyError):
        config.part("colour")


def test_no_transform_of_the_job_holds_the_whole_config(tmp_path):
    """Only the builders (ProcessDocuments) hold the composite; every step, DoFn, sink and
    writer of the built graph keeps its own capability's options."""
    import apache_beam as beam
    from apache_beam.pipeline import PipelineVisitor

    from flexorch_beam import pipeline as pipeline_module
    from flexorch_beam.transforms.process import ProcessDocuments

    (tmp_path / "a.txt").write_text("hello")
    pipe = beam.Pipeline()
    config = ProcessingConfig(run_id="r", formats=("jsonl", "csv", "finetune"), sandbox=False)
    pipeline_module.build(pipe, config, str(tmp_path / "out"), globs=[f"{tmp_path}/*.txt"],
                          check_output=False)
    holders, parts = [], set()

    class Visitor(PipelineVisitor):
        def visit_transform(self, node) -> None:  # noqa: ANN001
            for thing in (node.transform, getattr(node.transform, "fn", None)):
                for value in vars(thing).values() if thing is not None else ():
                    if isinstance(value, ProcessingConfig):
                        holders.append(type(thing).__name__)
                    elif type(value) in CAPABILITIES:
                        parts.add(type(value).__name__)

        enter_composite_transform = visit_transform

    pipe.visit(Visitor())
    assert set(holders) == {ProcessDocuments.__name__}, holders  # seen, and the only one
    assert {"InputOptions", "ExtractOptions", "FieldsOptions", "PIIOptions", "DedupOptions",
            "OutputOptions"} <= parts
