"""`flexorch export | profile | records | feedback | delete` end to end on a dataset the test
builds (conftest.py): what each writes, its exit codes, and that bad input changes nothing."""
import glob
import json
import os
import shutil

import pyarrow.parquet as pq
import pytest

from flexorch_beam.commands.main import main
from flexorch_beam.sinks.registry import ALL_FORMATS


def _tree(folder):
    """Every file under ``folder`` with its bytes: the 'nothing changed' check."""
    out = {}
    for root, _dirs, files in os.walk(folder):
        for name in files:
            path = os.path.join(root, name)
            with open(path, "rb") as handle:
                out[os.path.relpath(path, folder)] = handle.read()
    return out


def _jsonl(pattern):
    return [json.loads(line) for part in sorted(glob.glob(pattern))
            for line in open(part, encoding="utf-8") if line.strip()]


def _copy(built, tmp_path):
    """A private copy of the built dataset for a test that changes it."""
    out, rows = built
    copy = tmp_path / "ds"
    shutil.copytree(out, copy)
    return copy, rows


def _json_out(capsys):
    return json.loads(capsys.readouterr().out)


# -- records -----------------------------------------------------------------------------

def test_records_list_table_and_json(built, capsys):
    out, rows = built
    assert main(["records", "list", str(out)]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[:3] == ["id", "status", "doc_type"]
    assert sorted(line.split()[0] for line in table[1:]) == sorted(r["id"] for r in rows.values())

    assert main(["records", "list", str(out), "--status", "failed", "--json"]) == 0
    failed = _json_out(capsys)
    assert [r["id"] for r in failed] == [rows["broken.pdf"]["id"]]
    assert failed[0]["failure_reason"] == "CORRUPT_FILE" and failed[0]["reject_code"] == "FAILED"

    assert main(["records", "list", str(out), "--failure-code", "CORRUPT_FILE", "--json"]) == 0
    assert [r["id"] for r in _json_out(capsys)] == [rows["broken.pdf"]["id"]]
    assert main(["records", "list", str(out), "--doc-type", "invoice", "--json"]) == 0
    invoices = {r["id"] for r in _json_out(capsys)}
    assert invoices == {r["id"] for r in rows.values() if r["doc_type"] == "invoice"}
    assert rows["invoice.txt"]["id"] in invoices
    assert main(["records", "list", str(out), "--pii-type", "EMAIL", "--json"]) == 0
    emails = {r["id"] for r in _json_out(capsys)}
    assert rows["invoice.txt"]["id"] in emails and rows["receipt.txt"]["id"] not in emails
    grade = rows["receipt.txt"]["quality_grade"]
    assert main(["records", "list", str(out), "--grade", grade, "--json"]) == 0
    assert all(r["quality_grade"] == grade for r in _json_out(capsys))
    assert main(["records", "list", str(out), "--limit", "2", "--json"]) == 0
    assert len(_json_out(capsys)) == 2


def test_records_show_one_and_unknown_id(built, capsys):
    out, rows = built
    wanted = rows["receipt.txt"]
    assert main(["records", "show", str(out), wanted["id"]]) == 0
    shown = _json_out(capsys)
    assert {k: shown[k] for k in ("id", "sha256", "text", "doc_type")} == {
        k: wanted[k] for k in ("id", "sha256", "text", "doc_type")}
    assert shown["feedback"] is None
    assert main(["records", "show", str(out), "job_nope"]) == 2
    assert "no record 'job_nope'" in capsys.readouterr().err


# -- not a dataset ---------------------------------------------------------------------------

@pytest.mark.parametrize("argv", [
    ["records", "list", "{d}"],
    ["records", "show", "{d}", "job_x"],
    ["profile", "{d}"],
    ["feedback", "{d}", "--record", "job_x", "--positive"],
    ["delete", "{d}", "--yes"],
    ["export", "{d}", "--output", "{d}/../exported", "--formats", "jsonl"],
])
def test_a_folder_that_is_not_a_dataset_is_refused(tmp_path, capsys, argv):
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    (folder / "jsonl").mkdir()
    (folder / "jsonl" / "x.jsonl").write_text("{}\n")
    before = _tree(tmp_path)
    assert main([a.replace("{d}", str(folder)) for a in argv]) == 2
    assert "is not a dataset" in capsys.readouterr().err
    assert _tree(tmp_path) == before


def test_an_unfinished_run_is_not_a_dataset(built, tmp_path, capsys):
    copy, _rows = _copy(built, tmp_path)
    os.remove(copy / "_SUCCESS")
    assert main(["records", "list", str(copy)]) == 2
    assert "never finished" in capsys.readouterr().err


def test_a_dataset_without_parquet_or_jsonl_cannot_list_records(built, tmp_path, capsys):
    copy, _rows = _copy(built, tmp_path)
    success = json.loads((copy / "_SUCCESS").read_text())
    success["files"] = [e for e in success["files"] if not e["path"].startswith(("jsonl/", "parquet/"))]
    (copy / "_SUCCESS").write_text(json.dumps(success))
    before = _tree(copy)
    assert main(["records", "list", str(copy)]) == 2
    assert main(["profile", str(copy)]) == 2
    assert main(["export", str(copy), "--output", str(tmp_path / "x"), "--formats", "jsonl"]) == 2
    assert "no Parquet" in capsys.readouterr().err and _tree(copy) == before


# -- feedback, profile, export -------------------------------------------------------------

def test_feedback_bad_code_and_unknown_record_change_nothing(built, tmp_path, capsys):
    copy, rows = _copy(built, tmp_path)
    before = _tree(copy)
    record = rows["receipt.txt"]["id"]
    assert main(["feedback", str(copy), "--record", record, "--negative", "--code", "WRONG"]) == 2
    assert "unknown feedback code 'WRONG'" in capsys.readouterr().err
    assert main(["feedback", str(copy), "--record", "job_nope", "--negative"]) == 2
    assert main(["feedback", str(copy), "--record", record]) == 2  # neither --positive nor --negative
    assert _tree(copy) == before


def test_feedback_profile_and_export_honour_it(built, tmp_path, capsys):
    copy, rows = _copy(built, tmp_path)
    receipt, invoice, brief = rows["receipt.txt"], rows["invoice.txt"], rows["brief.txt"]
    assert main(["feedback", str(copy), "--record", receipt["id"], "--negative",
                 "--code", "WRONG_TYPE", "--note", "a  till\nreceipt"]) == 0
    assert main(["feedback", str(copy), "--record", brief["id"], "--positive"]) == 0
    table = _jsonl(f"{copy}/feedback/feedback.jsonl")
    assert [(e["sha256"], e["verdict"], e["code"]) for e in table] == [
        (receipt["sha256"], "negative", "WRONG_TYPE"), (brief["sha256"], "positive", None)]
    assert table[0]["note"] == "a till receipt"
    capsys.readouterr()

    assert main(["profile", str(copy), "--json"]) == 0
    profile = _json_out(capsys)
    assert profile == json.loads((copy / "profile.json").read_text())
    assert (profile["feedback_negative_count"], profile["feedback_positive_count"]) == (1, 1)
    assert profile["feedback_code_counts"] == {"WRONG_TYPE": 1}
    assert profile["reject_counts"] == {"FAILED": 1, "NEGATIVE_FEEDBACK": 1}
    assert profile["record_count"] == len(rows)
    report = (copy / "report.html").read_text()
    assert "Feedback by code" in report and "WRONG_TYPE" in report
    success = json.loads((copy / "_SUCCESS").read_text())
    sizes = {e["path"]: e["bytes"] for e in success["files"]}
    assert sizes["profile.json"] == (copy / "profile.json").stat().st_size
    assert sizes["report.html"] == (copy / "report.html").stat().st_size

    exported = tmp_path / "exported"
    assert main(["export", str(copy), "--output", str(exported),
                 "--formats", "jsonl,finetune"]) == 0
    kept = {r["id"] for r in _jsonl(f"{exported}/jsonl/*.jsonl")}
    assert receipt["id"] not in kept and invoice["id"] in kept and brief["id"] in kept
    trained = {e["meta"]["id"] for e in _jsonl(f"{exported}/finetune/*.jsonl")}
    assert receipt["id"] not in trained and brief["id"] in trained
    rejected = {r["id"]: r for r in _jsonl(f"{exported}/rejected/*.jsonl")}
    assert rejected[receipt["id"]]["reject_code"] == "NEGATIVE_FEEDBACK"
    assert rejected[receipt["id"]]["reject_reason"] == "negative feedback WRONG_TYPE: a till receipt"
    exported_profile = json.loads((exported / "profile.json").read_text())
    assert exported_profile["feedback_positive_count"] == 1
    assert exported_profile["dataset_count"] == len(rows) - 1


def test_export_to_every_format_with_filters(built, tmp_path, capsys):
    out, rows = built
    before = _tree(out)
    exported = tmp_path / "all"
    assert main(["export", str(out), "--output", str(exported), "--formats", ",".join(ALL_FORMATS),
                 "--status", "completed", "--languages", "en", "--split", "0.5"]) == 0
    assert "exported" in capsys.readouterr().out
    wanted = {r["id"] for r in rows.values() if r["status"] == "completed" and r["language"] == "en"}
    assert wanted and rows["brief.txt"]["id"] not in wanted
    got = {r["id"] for f in glob.glob(f"{exported}/parquet/*.parquet")
           for r in pq.read_table(f).to_pylist()}
    assert got == wanted
    assert {r["id"] for r in _jsonl(f"{exported}/jsonl/*.jsonl")} == wanted
    for fmt in ALL_FORMATS:
        assert (exported / fmt).is_dir(), fmt
    assert os.path.exists(exported / "hf" / "dataset_dict.json")
    success = json.loads((exported / "_SUCCESS").read_text())
    assert success["run_id"] == "export-day1" and success["record_count"] == len(wanted)
    listed = {e["path"] for e in success["files"]}
    assert {"profile.json", "report.html"} <= listed
    assert json.loads((exported / "profile.json").read_text())["record_count"] == len(wanted)
    assert _tree(out) == before  # the source dataset is only read

    graded = tmp_path / "graded"
    assert main(["export", str(out), "--output", str(graded), "--formats", "jsonl",
                 "--doc-types", "invoice", "--min-grade", "A"]) == 0
    invoices = {r["id"]: r for r in rows.values() if r["doc_type"] == "invoice"}
    kept = {r["id"] for r in _jsonl(f"{graded}/jsonl/*.jsonl")}
    below = {r["id"] for r in _jsonl(f"{graded}/rejected/*.jsonl")}
    assert kept | below == set(invoices) and not kept & below
    assert all(invoices[i]["quality_grade"] == "A" for i in kept)


@pytest.mark.parametrize("extra, message", [
    (["--formats", "jsonl,docx"], "unknown export format docx"),
    (["--formats", "jsonl", "--status", "done"], "unknown --status done"),
    (["--formats", "jsonl", "--min-grade", "E"], "unknown --min-grade"),
])
def test_export_bad_input_writes_nothing(built, tmp_path, capsys, extra, message):
    out, _rows = built
    before = _tree(out)
    target = tmp_path / "never"
    assert main(["export", str(out), "--output", str(target), *extra]) == 2
    assert message in capsys.readouterr().err
    assert not target.exists() and _tree(out) == before


def test_export_into_the_dataset_or_a_used_folder_is_refused(built, tmp_path, capsys):
    out, _rows = built
    before = _tree(out)
    assert main(["export", str(out), "--output", str(out / "inside"), "--formats", "jsonl"]) == 2
    assert _tree(out) == before
    other = tmp_path / "other"
    assert main(["export", str(out), "--output", str(other), "--formats", "jsonl",
                 "--run-id", "first"]) == 0
    kept = _tree(other)
    assert main(["export", str(out), "--output", str(other), "--formats", "csv",
                 "--run-id", "second"]) == 2
    assert "holds the dataset of run 'first'" in capsys.readouterr().err
    assert _tree(other) == kept


def test_the_next_build_honours_feedback_beside_its_history(built, tmp_path):
    """Feedback on day 1's dataset keeps the document out of day 2's build, which reads day 1
    as --history (nothing is processed again) and its feedback table beside it."""
    copy, rows = _copy(built, tmp_path)
    invoice = rows["invoice.txt"]
    assert main(["feedback", str(copy), "--record", invoice["id"], "--negative",
                 "--code", "PII_MISSED"]) == 0
    day2 = tmp_path / "day2"
    inbox = os.path.dirname(invoice["source_uri"])
    assert main(["run", "--input", f"{inbox}/*", "--output", str(day2), "--formats", "jsonl,finetune",
                 "--run_id", "day2", "--no_sandbox", "--progress=false",
                 "--history", f"{tmp_path}/*/parquet/*.parquet"]) == 0
    kept = {r["file_name"]: r for r in _jsonl(f"{day2}/jsonl/*.jsonl")}
    rejected = {r["file_name"]: r for r in _jsonl(f"{day2}/rejected/*.jsonl")}
    # both copies of the invoice (same content hash) are out, with the feedback as reason
    for name in ("invoice.txt", "invoice_copy.txt"):
        assert name not in kept and rejected[name]["reject_code"] == "NEGATIVE_FEEDBACK"
        assert rejected[name]["reject_reason"] == "negative feedback PII_MISSED"
    assert kept["receipt.txt"]["is_duplicate"]  # read from history, not processed again
    profile = json.loads((day2 / "profile.json").read_text())
    assert profile["feedback_code_counts"] == {"PII_MISSED": 2}


def test_a_build_takes_feedback_from_a_flag(built, tmp_path):
    copy, rows = _copy(built, tmp_path)
    receipt = rows["receipt.txt"]
    assert main(["feedback", str(copy), "--record", receipt["id"], "--negative"]) == 0
    table = tmp_path / "reviews.jsonl"
    shutil.move(copy / "feedback" / "feedback.jsonl", table)
    out = tmp_path / "rebuilt"
    inbox = os.path.dirname(receipt["source_uri"])
    assert main(["run", "--input", f"{inbox}/receipt.txt", "--output", str(out), "--formats", "jsonl",
                 "--run_id", "r", "--no_sandbox", "--progress=false", "--feedback", str(table)]) == 0
    assert _jsonl(f"{out}/jsonl/*.jsonl") == []
    assert [r["reject_reason"] for r in _jsonl(f"{out}/rejected/*.jsonl")] == ["negative feedback OTHER"]


# -- delete --------------------------------------------------------------------------------

def test_delete_lists_asks_and_removes_exactly_the_dataset_files(built, tmp_path, capsys, monkeypatch):
    import io

    copy, _rows = _copy(built, tmp_path)
    (copy / "notes.txt").write_text("my own notes")
    (copy / "jsonl" / "mine.txt").write_text("also mine")
    assert main(["feedback", str(copy), "--record", _rows["receipt.txt"]["id"], "--positive"]) == 0
    capsys.readouterr()
    success = json.loads((copy / "_SUCCESS").read_text())
    listed = sorted([e["path"] for e in success["files"]] + ["_STARTED", "_SUCCESS"])
    before = _tree(copy)

    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    assert main(["delete", str(copy)]) == 1
    printed = capsys.readouterr()
    assert sorted(line.strip() for line in printed.out.splitlines()[1:]) == listed
    assert "nothing deleted" in printed.err and _tree(copy) == before

    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    assert main(["delete", str(copy)]) == 0
    assert sorted(_tree(copy)) == ["feedback/feedback.jsonl", "jsonl/mine.txt", "notes.txt"]
    assert not (copy / "parquet").exists() and not (copy / "rejected").exists()
    assert main(["delete", str(copy), "--yes"]) == 2  # no longer a dataset


def test_delete_with_feedback_and_yes(built, tmp_path):
    copy, rows = _copy(built, tmp_path)
    assert main(["feedback", str(copy), "--record", rows["receipt.txt"]["id"], "--positive"]) == 0
    assert main(["delete", str(copy), "--yes", "--with-feedback"]) == 0
    assert not copy.exists() or _tree(copy) == {}
