"""The compliance report over a real built dataset: counts by type, jurisdiction, mask mode;
never a PII value in any rendering."""
from __future__ import annotations

import pytest

from flexorch_beam.server import dataset_rows
from flexorch_beam.server.compliance import build_report, mask_mode_of, recorded_profile, render_html, render_pdf

from .conftest import RAW_EMAIL, RAW_IBAN, RAW_SSN, build_dataset


def _report(folder, **dataset):
    return build_report(dataset_rows.read_records(folder), dataset_rows.read_profile(folder),
                        {"id": 5, "name": "demo", **dataset}, "2026-12-03T00:00:00Z")


def test_report_counts_findings_by_type_jurisdiction_and_mode(built_dataset):
    report = _report(built_dataset, key_privacy_profile="raw")
    types = {row["type"]: row for row in report["by_type"]}
    assert {"EMAIL", "IBAN", "US_SSN"} <= set(types)
    assert types["IBAN"]["jurisdiction"] == "EU" and types["IBAN"]["regulation"]
    assert types["US_SSN"]["jurisdiction"] == "US"
    assert types["EMAIL"]["documents"] == 1 and types["EMAIL"]["mask_modes"] == {"placeholder": 1}
    places = {row["jurisdiction"]: row for row in report["by_jurisdiction"]}
    assert {"EU", "US", "GLOBAL"} <= set(places)
    assert sum(p["findings"] for p in places.values()) == report["findings_total"]
    assert report["documents"]["total"] == 3 and report["documents"]["with_pii"] == 2
    assert report["documents"]["masked"] == 2 and report["documents"]["unmasked_with_pii"] == 0
    assert report["by_mask_mode"] == [{"mask_mode": "placeholder", "findings": report["findings_total"], "documents": 2}]
    assert report["privacy_profile"]["raw_text_kept"] is True  # the run kept raw_text (key profile raw)
    page = render_html(report)
    pdf = render_pdf(report)
    assert pdf.startswith(b"%PDF") and "US_SSN" in page and "<script" not in page
    for value in (RAW_EMAIL, RAW_IBAN, RAW_SSN):
        assert value not in str(report) and value not in page and value.encode() not in pdf


def test_indexed_mode_and_no_mask_are_reported(tmp_path):
    indexed = build_dataset(tmp_path / "in", tmp_path / "indexed", run_id="idx", mask_mode="indexed")
    report = _report(indexed)
    assert [m["mask_mode"] for m in report["by_mask_mode"]] == ["indexed"]
    unmasked = build_dataset(tmp_path / "in", tmp_path / "raw", run_id="raw", mask=False)
    report = _report(unmasked)
    assert report["documents"]["unmasked_with_pii"] == 2 and report["documents"]["masked"] == 0
    assert [m["mask_mode"] for m in report["by_mask_mode"]] == ["none"]
    assert "NOT masked" in report["statement"]


@pytest.mark.parametrize("text, mode", [
    ("pay [IBAN] now", "placeholder"), ("mail <EMAIL_2>", "indexed"),
    ("x [IBAN:0123456789abcdef] y", "hash"), ("[REDACTED] and [REDACTED]", "redact"),
    ("no tokens [at all]", None), (None, None),
])
def test_mask_mode_is_read_off_the_tokens(text, mode):
    assert mask_mode_of(text) == mode


def test_recorded_profile_shapes():
    assert recorded_profile({})["name"] is None
    assert recorded_profile({"privacy_profile": "kvkk", "mask_mode": "hash"}) == {"name": "kvkk", "mask_mode": "hash"}
    assert recorded_profile({"privacy_profile": {"name": "gdpr", "mask_mode": "indexed"}})["mask_mode"] == "indexed"
    # The shape `--privacy-profile` runs record (sinks.profile.privacy_profile_entry).
    recorded = recorded_profile({"privacy_profile": {
        "name": "kvkk", "settings": {"mask_mode": "hash"}, "overridden": ["mask_mode"],
        "in_force": {"mask_mode": "indexed", "keep_raw_text": False, "jurisdictions": ["TR", "GLOBAL"]}}})
    assert recorded["name"] == "kvkk" and recorded["mask_mode"] == "indexed"
    assert recorded["overridden"] == ["mask_mode"] and recorded["jurisdictions"] == ["TR", "GLOBAL"]
    assert recorded_profile({"privacy_profile": None})["name"] is None
