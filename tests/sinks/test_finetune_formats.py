"""--finetune-format chat|instruct: rows a trainer loads as-is.

Each format is written by WriteDataset, read back with Hugging Face ``datasets``, and the chat
rows are rendered through ``transformers``' ``apply_chat_template`` with a ChatML template
shipped here, on a tokenizer built offline from a tiny ``tokenizers`` vocabulary (no model
download).
"""
import glob
import json

import apache_beam as beam
import pytest
from apache_beam.testing.test_pipeline import TestPipeline

from flexorch_beam import admission
from flexorch_beam.classify import DOC_TYPES
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.record import ExtractedField, to_row
from flexorch_beam.sinks.finetune import (
    CLASSIFY_INSTRUCTION,
    WriteFinetune,
    chat_example,
    instruct_example,
)
from flexorch_beam.training_split import TRAIN, VALIDATION, split_of
from flexorch_beam.transforms.write import WriteDataset

from .conftest import RUN, make

CHATML = (
    "{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)


def _records():
    return [
        make(0, "Invoice INV-0 for [PERSON], total 1428.00\nsecond line; café ş 請求"),
        make(1, "Second invoice, total 1428.00", language="de", doc_type="receipt"),
        make(2, "A contract between [PERSON] and [PERSON].", doc_type="contract",
             doc_type_confidence=0.3),  # fields fine, class unconfident
        make(3, "Copy of invoice 0", is_duplicate=True, original_job_id="job_x"),
        make(9, "Low confidence invoice", fields=(
            ExtractedField("invoice_number", "INV-9", 0.3, "rule"),
            ExtractedField("total_amount", "10.00", 0.9, "rule"))),
        make(10, "Nothing found here", fields=(ExtractedField("due_date", None, 0.0, "rule"),)),
    ]


def _build(tmp_path, fmt, task):
    out = tmp_path / f"{fmt}-{task}"
    config = ProcessingConfig(run_id=RUN, formats=("finetune",), split=0.5,
                              finetune_format=fmt, finetune_task=task)
    with TestPipeline() as pipeline:
        _ = pipeline | beam.Create(_records()) | WriteDataset(str(out), config)
    return out, config


def _lines(pattern):
    return [json.loads(line) for f in sorted(glob.glob(pattern)) for line in open(f, encoding="utf-8")]


@pytest.fixture(scope="module", params=[("chat", "fields"), ("chat", "classify"),
                                        ("instruct", "fields"), ("instruct", "classify")])
def built(request, tmp_path_factory):
    fmt, task = request.param
    out, config = _build(tmp_path_factory.mktemp("ft"), fmt, task)
    return out, config


def _expected(task):
    rows = [to_row(r) for r in _records()]
    keep = [r for r in rows if admission.is_training_row(r)
            and admission.finetune_skip(r, task, 0.5) is None]
    return rows, keep


def test_only_confident_training_rows_go_in_split_by_content_hash(built):
    out, config = built
    rows, keep = _expected(config.output.finetune_task)
    example = chat_example if config.output.finetune_format == "chat" else instruct_example
    for split in (TRAIN, VALIDATION):
        got = _lines(f"{out}/finetune/{split}-*.jsonl")
        want = [example(r, config.output.finetune_task) for r in keep if split_of(r, 0.5) == split]
        key = json.dumps
        assert sorted(map(key, got)) == sorted(map(key, want))
    assert {split_of(r, 0.5) for r in keep} == {TRAIN, VALIDATION}  # both files hold rows
    profile = json.loads((out / "profile.json").read_text())
    assert profile["training_count"] == len(keep)
    assert profile["finetune"] == {"format": config.output.finetune_format,
                                   "task": config.output.finetune_task, "min_confidence": 0.5}
    if config.output.finetune_task == "fields":
        assert profile["finetune_skipped"] == {"LOW_FIELD_CONFIDENCE": 1, "NO_FIELDS": 1}
        assert len(keep) == 3
    else:
        assert profile["finetune_skipped"] == {"LOW_CLASS_CONFIDENCE": 1}
        assert len(keep) == 4


def test_rows_load_with_datasets_and_hold_only_training_keys(built):
    from datasets import load_dataset

    out, config = built
    files = {split: sorted(glob.glob(f"{out}/finetune/{split}-*.jsonl")) for split in (TRAIN, VALIDATION)}
    loaded = load_dataset("json", data_files=files, cache_dir=str(out / ".hf-cache"))
    _rows, keep = _expected(config.output.finetune_task)
    assert loaded["train"].num_rows + loaded["validation"].num_rows == len(keep)
    texts = {r["text"] for r in keep}
    for split in (TRAIN, VALIDATION):
        for row in loaded[split]:
            if config.output.finetune_format == "chat":
                assert list(row) == ["messages"]
                assert [m["role"] for m in row["messages"]] == ["system", "user", "assistant"]
                user, answer = row["messages"][1]["content"], row["messages"][2]["content"]
            else:
                assert list(row) == ["instruction", "input", "output"]
                user, answer = row["input"], row["output"]
            assert user in texts  # the masked text, verbatim
            source = next(r for r in keep if r["text"] == user)
            if config.output.finetune_task == "fields":
                assert json.loads(answer) == {f["name"]: f["value"] for f in source["fields"]}
            else:
                assert answer == source["doc_type"] and answer in DOC_TYPES


def _offline_tokenizer():
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    words = ["[UNK]", "<|im_start|>", "<|im_end|>", "system", "user", "assistant", "invoice",
             "Invoice", "total", "null"]
    tokenizer = Tokenizer(models.WordLevel({w: i for i, w in enumerate(words)}, unk_token="[UNK]"))
    tokenizer.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    fast = PreTrainedTokenizerFast(tokenizer_object=tokenizer, unk_token="[UNK]",
                                   bos_token="<|im_start|>", eos_token="<|im_end|>")
    fast.chat_template = CHATML
    return fast


def test_chat_rows_render_through_a_chat_template(tmp_path):
    from datasets import load_dataset

    out, _config = _build(tmp_path, "chat", "fields")
    loaded = load_dataset("json", data_files=sorted(glob.glob(f"{out}/finetune/*.jsonl")),
                          cache_dir=str(tmp_path / ".hf-cache"), split="train")
    tokenizer = _offline_tokenizer()
    assert loaded.num_rows == 3
    for row in loaded:
        rendered = tokenizer.apply_chat_template(row["messages"], tokenize=False)
        expected = "".join(
            f"<|im_start|>{m['role']}\n{m['content']}<|im_end|>\n" for m in row["messages"]
        )
        assert rendered == expected
        prompt = tokenizer.apply_chat_template(row["messages"][:2], tokenize=False,
                                               add_generation_prompt=True)
        assert rendered.startswith(prompt.removesuffix("<|im_start|>assistant\n"))
        ids = tokenizer.apply_chat_template(row["messages"], tokenize=True)
        ids = ids["input_ids"] if isinstance(ids, dict) or hasattr(ids, "keys") else ids
        assert ids.count(tokenizer.convert_tokens_to_ids("<|im_end|>")) == 3


def test_classify_instruction_names_every_class():
    row = to_row(_records()[0])
    example = instruct_example(row, "classify")
    assert example == {"instruction": CLASSIFY_INSTRUCTION, "input": row["text"], "output": "invoice"}
    assert all(t in CLASSIFY_INSTRUCTION for t in DOC_TYPES)
    fields = instruct_example(row, "fields")
    assert "invoice_number, total_amount, due_date" in fields["instruction"]
    assert json.loads(fields["output"]) == {"invoice_number": "INV-0", "total_amount": "1428.00",
                                            "due_date": None}


def test_text_format_ignores_the_confidence_threshold():
    rows = [to_row(r) for r in _records()]
    config = ProcessingConfig(finetune_min_confidence=1.0)
    assert config.output.finetune_target is None
    assert all(admission.finetune_skip(r, config.output.finetune_target, 1.0) is None for r in rows)


@pytest.mark.parametrize("changes, message", [
    ({"finetune_format": "sharegpt"}, "--finetune-format"),
    ({"finetune_task": "summarise"}, "--finetune-task"),
    ({"finetune_min_confidence": 1.5}, "--finetune-min-confidence"),
])
def test_bad_finetune_settings_are_refused(changes, message):
    with pytest.raises(ValueError, match=message):
        WriteFinetune("/tmp/x", ProcessingConfig(**changes))
