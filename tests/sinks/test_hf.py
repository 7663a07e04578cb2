"""HF sink: datasets.load_from_disk opens it, Features match the schema, splits are stable."""
import datasets
import pytest

from flexorch_beam.record import SCHEMA
from flexorch_beam.sinks.hf import finalize_dataset
from flexorch_beam.training_split import split_of


def test_load_from_disk_gives_train_and_validation_with_proper_features(dataset):
    out, _records, kept, _rejected = dataset
    loaded = datasets.load_from_disk(str(out / "hf"))
    assert isinstance(loaded, datasets.DatasetDict)
    assert set(loaded) == {"train", "validation"}
    expected_features = datasets.Features.from_arrow_schema(SCHEMA)
    seen = {}
    for split, part in loaded.items():
        assert part.features == expected_features
        assert part.split == split
        for row in part:
            assert split_of(row, 0.5) == split
            seen[row["id"]] = row
    assert seen == kept
    assert isinstance(loaded["train"].features["fields"], datasets.List)


def test_an_empty_dataset_still_loads(tmp_path):
    folder = tmp_path / "hf"
    finalize_dataset(str(folder), [], "train")
    empty = datasets.load_from_disk(str(folder))
    assert len(empty) == 0 and empty.column_names == SCHEMA.names


@pytest.mark.parametrize("fraction", [0.1, 0.5])
def test_split_is_stable_and_roughly_the_fraction(fraction):
    rows = [{"document_id": f"doc_{i:06d}"} for i in range(4000)]
    first = [split_of(r, fraction) for r in rows]
    assert first == [split_of(r, fraction) for r in rows]
    share = first.count("validation") / len(rows)
    assert abs(share - fraction) < 0.03
