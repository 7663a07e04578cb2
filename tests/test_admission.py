"""The admission policy is one pure module: rejected/, dataset sinks and training split."""
import ast
from pathlib import Path

from flexorch_beam import admission
from flexorch_beam.admission import (
    BELOW_MIN_GRADE,
    FAILED,
    NOT_GRADED,
    in_dataset,
    is_training_row,
    reject_reason,
)

_DONE = {"status": "completed", "text": "some text", "quality_grade": "B"}


def test_admission_imports_no_beam():
    tree = ast.parse(Path(admission.__file__).read_text())
    names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    names += [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert not [n for n in names if n and n.startswith("apache_beam")]


def test_rules():
    failed = {"status": "failed", "failure_reason": "TIMEOUT", "processing_summary": "slow"}
    assert reject_reason(failed, None)[0] == FAILED and in_dataset(failed, None)
    assert not in_dataset(failed, "D") and not is_training_row(failed)
    assert reject_reason(_DONE, None) is None and reject_reason(_DONE, "B") is None
    assert reject_reason(_DONE, "A")[0] == BELOW_MIN_GRADE and not in_dataset(_DONE, "A")
    assert reject_reason({**_DONE, "quality_grade": None}, "C")[0] == NOT_GRADED
    assert is_training_row(_DONE)
    assert not is_training_row({**_DONE, "is_duplicate": True})
    assert not is_training_row({**_DONE, "is_near_duplicate": True})
    assert not is_training_row({**_DONE, "text": ""})


def test_sinks_use_the_same_rules():
    from flexorch_beam.sinks import finetune, rejected

    assert rejected.reject_reason is reject_reason and rejected.in_dataset is in_dataset
    assert finetune.is_training_row is is_training_row
