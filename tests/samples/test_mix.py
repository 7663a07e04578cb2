from collections import Counter

from flexorch_samples.model import VARIANT_FORMAT
from flexorch_samples.mix import DOC_TYPES, FORMAT_CYCLE, LANGUAGES, SCANNED, plan


def test_42_slots_cover_every_type_language_format_and_variant():
    slots = plan(42)
    assert {s.doc_type for s in slots} == set(DOC_TYPES)
    assert {s.language for s in slots} == set(LANGUAGES)
    assert {s.variant for s in slots} == set(VARIANT_FORMAT)  # incl. ubl, scan_pdf, png, tiff
    assert {(s.doc_type, s.language) for s in slots} == {(d, l) for d in DOC_TYPES for l in LANGUAGES}
    assert any(s.variant == "xml" and s.doc_type == "invoice" for s in slots)
    assert any(s.variant == "ubl" for s in slots)
    assert any(s.quality == "poor" for s in slots)


def test_scanned_share_is_moderate():
    for n in (42, 60, 160):
        share = sum(s.variant in SCANNED for s in plan(n)) / n
        assert 0.14 <= share <= 0.21, (n, share)
    assert all(s.quality == "clean" for s in plan(100) if s.variant not in SCANNED)


def test_plan_is_a_prefix():
    assert plan(60)[:42] == plan(42)
    assert Counter(FORMAT_CYCLE)["pdf"] == 2
