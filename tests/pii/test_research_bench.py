"""bench/pii_research.py's scoring rules, on sentences written here (not the research set)."""
import importlib.util
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "pii_research.py"
spec = importlib.util.spec_from_file_location("pii_research", BENCH)
pii_research = importlib.util.module_from_spec(spec)
sys.modules["pii_research"] = pii_research
spec.loader.exec_module(pii_research)

TEXT = "Call Ann Lee at (415)555-0132 or mail ann@example.org."
GOLD = (("PERSON", 5, 12), ("PHONE_NUMBER", 16, 29), ("EMAIL_ADDRESS", 33, 48))


def run(findings):
    sentences = [pii_research.Sentence(TEXT, GOLD)]
    return pii_research.score(sentences, lambda text: findings, "ours")


def test_full_cover_counts_half_a_value_does_not():
    whole = run([("US_PHONE", 16, 29), ("EMAIL", 33, 48)])
    assert whole.rows["PHONE_NUMBER"].recall == 1.0 and whole.rows["EMAIL_ADDRESS"].recall == 1.0
    half = run([("US_PHONE", 21, 29)])
    assert half.rows["PHONE_NUMBER"].recall == 0.0
    assert half.rows["PHONE_NUMBER"].precision == 1.0  # it overlaps the gold value


def test_a_finding_on_another_types_value_is_a_false_positive():
    out = run([("US_PHONE", 5, 12)])
    assert out.rows["PHONE_NUMBER"].fp == 1 and out.rows["PHONE_NUMBER"].precision == 0.0


def test_masked_no_word_left_uses_findings_of_any_type():
    out = run([("PERSON", 5, 8), ("US_PHONE", 16, 29), ("EMAIL", 33, 48)])
    assert out.masked["PERSON"] == [0, 1]  # "Lee" is left
    assert out.masked["PHONE_NUMBER"] == [1, 1] and out.masked["EMAIL_ADDRESS"] == [1, 1]
    assert out.masked_share() == 2 / 3


def test_micro_sums_only_pattern_rows():
    out = run([("PERSON", 5, 12), ("US_PHONE", 16, 29)])
    micro = out.micro()
    assert (micro.tp, micro.fp, micro.found, micro.gold) == (1, 0, 1, 2)
