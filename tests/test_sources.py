"""Listing, manifests and bounded reads."""
import io
import json

import fsspec
import pytest

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.sources import (
    EmptyInputError,
    SourceFile,
    check_globs,
    expand_glob,
    fetch_content,
    parse_manifest,
    read_source,
    release_bytes,
)

CONFIG = ProcessingConfig(run_id="t", max_file_mb=1)


@pytest.fixture()
def tree(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "b").mkdir()
    (tmp_path / "a" / "one.txt").write_text("one")
    (tmp_path / "a" / "b" / "two.txt").write_text("two two")
    (tmp_path / "top.txt").write_text("top")
    return tmp_path


def test_recursive_glob_lists_files_with_sizes_and_skips_directories(tree):
    found = list(expand_glob(f"{tree}/**"))
    names = sorted(s.file_name for s in found)
    assert names == ["one.txt", "top.txt", "two.txt"]
    assert {s.file_name: s.size_bytes for s in found}["two.txt"] == 7


def test_file_url_glob_keeps_the_scheme(tree):
    found = list(expand_glob(f"file://{tree}/a/*.txt"))
    assert [s.uri for s in found] == [f"file://{tree}/a/one.txt"]


def test_memory_filesystem_glob():
    fs = fsspec.filesystem("memory")
    fs.pipe("/globtest/x/1.txt", b"1")
    fs.pipe("/globtest/x/2.csv", b"a,b")
    found = list(expand_glob("memory://globtest/x/*.txt"))
    assert [s.uri for s in found] == ["memory:///globtest/x/1.txt"]
    assert read_source(found[0], CONFIG.input).content == b"1"


def test_directory_path_expands_recursively(tree):
    assert len(list(expand_glob(str(tree / "a")))) == 2


def test_missing_literal_path_still_yields_one_source(tree):
    found = list(expand_glob(str(tree / "nope.pdf")))
    assert [s.file_name for s in found] == ["nope.pdf"]
    record = read_source(found[0], CONFIG.input)
    assert record.failure_reason == codes.READ_ERROR


def test_empty_glob_is_an_error_before_the_job(tree):
    with pytest.raises(EmptyInputError):
        check_globs([f"{tree}/*.pdf"])
    check_globs([f"{tree}/*.txt", f"{tree}/a/*.txt"])
    with pytest.raises(EmptyInputError, match=r"\*\.pdf"):  # every --input must match
        check_globs([f"{tree}/*.txt", f"{tree}/*.pdf"])
    with pytest.raises(EmptyInputError):
        check_globs([])


def test_oversize_file_fails_without_being_read(tmp_path):
    # The listing says 5 MiB; the path does not even exist, so any read would be READ_ERROR.
    source = SourceFile(uri=str(tmp_path / "ghost.pdf"), file_name="ghost.pdf", size_bytes=5 << 20)
    record = read_source(source, CONFIG.input)
    assert record.failure_reason == codes.FILE_TOO_LARGE
    assert "MiB" in record.processing_summary


def test_file_that_grew_past_the_limit_is_caught_while_reading(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * ((1 << 20) + 10))
    source = SourceFile(uri=str(path), file_name="big.txt", size_bytes=3)  # stale listing
    assert read_source(source, CONFIG.input).failure_reason == codes.FILE_TOO_LARGE


def test_read_sets_hash_format_and_ids(tree):
    source = next(expand_glob(str(tree / "top.txt")))
    record = read_source(source, CONFIG.input)
    assert record.status == codes.STATUS_COMPLETED
    assert record.format == "txt" and record.mime_type == "text/plain"
    assert record.sha256 and record.document_id == "doc_" + record.sha256[:24]
    assert record.id.startswith("job_") and record.run_id == "t"


def test_empty_and_binary_files_fail_with_their_codes(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 8)
    empty = read_source(next(expand_glob(str(tmp_path / "empty.txt"))), CONFIG.input)
    blob = read_source(next(expand_glob(str(tmp_path / "blob.txt"))), CONFIG.input)
    assert empty.failure_reason == codes.UNPROCESSABLE and "empty" in empty.processing_summary
    assert blob.failure_reason == codes.UNSUPPORTED_FILE


def test_manifest_carries_names_types_and_metadata():
    manifest = {
        "files": [
            {"path": "/in/x1", "original_name": "invoice.pdf", "content_type": "application/pdf",
             "size_bytes": 12},
            {"path": "/in/x2"},
        ],
        "metadata": {"tenant": "acme", "batch": 7},
    }
    files = parse_manifest(io.StringIO(json.dumps(manifest)))
    assert files[0].file_name == "invoice.pdf" and files[0].size_bytes == 12
    assert files[1].file_name == "x2"
    assert json.loads(files[0].metadata) == {"batch": 7, "tenant": "acme"}


@pytest.mark.parametrize(
    "text",
    ["not json", "[]", '{"files": "x"}', '{"files": [{"name": 1}]}', '{"files": []}',
     '{"files": [{"path": "a"}], "metadata": [1]}'],
)
def test_bad_manifests_are_clear_errors(text):
    with pytest.raises(ValueError):
        parse_manifest(io.StringIO(text))


def test_extract_reads_the_file_again_and_refuses_a_changed_one(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text("first version")
    record = release_bytes(read_source(next(expand_glob(str(path))), CONFIG.input))
    assert record.content is None and record.sha256
    assert fetch_content(record, CONFIG.input) == b"first version"
    path.write_text("first versioN")  # same size, other bytes
    with pytest.raises(ProcessingError) as error:
        fetch_content(record, CONFIG.input)
    assert error.value.code == codes.READ_ERROR and "changed" in error.value.summary
    path.unlink()
    with pytest.raises(ProcessingError) as error:
        fetch_content(record, CONFIG.input)
    assert error.value.code == codes.READ_ERROR and "disappeared" in error.value.summary


@pytest.mark.parametrize(
    "glob", ["**", "*", "*.txt", "a/*", "**/*.txt", "a/**", "*/*.txt", "?op.txt", "[ot]*.txt",
             "a/**/two.txt", "**/b/*"],
)
def test_local_walk_matches_fsspec_glob_on_an_ordinary_tree(tree, glob):
    """The local walker (symlink and FIFO safe) keeps fsspec's glob semantics."""
    fs = fsspec.filesystem("file")
    expected = sorted(
        name for name, info in fs.glob(f"{tree}/{glob}", detail=True).items()
        if info["type"] == "file"
    )
    assert sorted(s.uri for s in expand_glob(f"{tree}/{glob}")) == expected


def test_object_store_listing_skips_the_output_prefix():
    fs = fsspec.filesystem("memory")
    fs.pipe("/excl/in/1.txt", b"1")
    fs.pipe("/excl/in/out/jsonl/records.jsonl", b"{}")
    found = list(expand_glob("memory://excl/in/**", exclude=("memory://excl/in/out",)))
    assert [s.file_name for s in found] == ["1.txt"]
