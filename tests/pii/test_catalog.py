"""The catalog: one table, >= 46 types, every required id, the README section rendered from it."""
import random
from pathlib import Path

import pytest

from flexorch_beam.pii import catalog
from flexorch_beam.pii.catalog import BY_ID, CATALOG, UnknownSelection, select
from flexorch_beam.pii.recognizer import JURISDICTIONS
from flexorch_beam.pii.step import detect

README = Path(__file__).resolve().parents[2] / "README.md"

# The ids shared with the samples generator (COMMON.md): all must be in the catalog.
SHARED_IDS = (
    "TR_TCKN TR_VKN TR_PHONE TR_IBAN TR_PASSPORT TR_LICENSE_PLATE IBAN EU_VAT DE_STEUER_ID "
    "FR_NIR ES_DNI ES_NIE IT_CODICE_FISCALE NL_BSN PL_PESEL UK_NINO EU_PHONE US_SSN US_ITIN "
    "US_EIN US_PASSPORT US_ABA_ROUTING US_MBI US_PHONE EMAIL CREDIT_CARD IP_ADDRESS MAC_ADDRESS "
    "SWIFT_BIC DATE_OF_BIRTH PERSON ADDRESS"
).split()


def test_at_least_46_types_with_every_shared_id():
    assert len(CATALOG) >= 46
    assert set(SHARED_IDS) <= set(BY_ID)


@pytest.mark.parametrize("recognizer", CATALOG, ids=lambda r: r.id)
def test_every_row_is_complete(recognizer):
    assert recognizer.jurisdiction in JURISDICTIONS
    assert recognizer.regulation and recognizer.method and recognizer.validator_name and recognizer.name
    assert recognizer.scanner or (recognizer.patterns and recognizer.lengths)
    if recognizer.jurisdiction == "TR":
        assert "KVKK" in recognizer.regulation
    if recognizer.jurisdiction == "EU":
        assert "GDPR" in recognizer.regulation


def test_readme_section_is_the_rendering():
    rendered = catalog.render_markdown()
    assert catalog.readme_section(README.read_text(encoding="utf-8")) == rendered
    assert rendered.count("\n| `") == len(CATALOG)


def test_with_section_replaces_only_between_markers():
    text = "a\n<!-- pii-catalog:start -->\nold\n<!-- pii-catalog:end -->\nb\n"
    assert catalog.with_section(text, "new\n") == "a\n<!-- pii-catalog:start -->\nnew\n<!-- pii-catalog:end -->\nb\n"
    with pytest.raises(ValueError):
        catalog.readme_section("no markers")


def test_narrowing_by_type_and_jurisdiction():
    assert [r.id for r in select(("iban", "TR_IBAN"))] == ["TR_IBAN", "IBAN"]
    assert {r.jurisdiction for r in select((), ("TR",))} == {"TR"}
    assert [r.id for r in select(("EMAIL", "TR_TCKN"), ("GLOBAL",))] == ["EMAIL"]
    assert select() == CATALOG


def test_unknown_selection_is_a_clear_error():
    with pytest.raises(UnknownSelection, match="NOT_A_TYPE"):
        select(("NOT_A_TYPE",))
    with pytest.raises(UnknownSelection, match="MARS"):
        select((), ("MARS",))


@pytest.mark.parametrize("recognizer", CATALOG, ids=lambda r: r.id)
def test_every_type_brings_an_example_it_finds_and_a_lookalike_it_does_not(recognizer):
    """One source of test values: each catalog row declares a valid example and an invalid
    twin (the labelled set, the sample corpus and the warm-up read these)."""
    from flexorch_beam.pii.labelled import LABELS

    assert recognizer.example is not None and recognizer.lookalike is not None, recognizer.id
    assert recognizer.example(random.Random(1)) == recognizer.example(random.Random(1))
    assert recognizer.lookalike(random.Random(1)) == recognizer.lookalike(random.Random(1))
    rng = random.Random(recognizer.id)
    for n in range(3):
        value = recognizer.example(rng)
        text = f"Kunde 4711\n{LABELS[recognizer.id][n % 3]}: {value}\n\nSumme 12,50 EUR\n"
        assert (recognizer.id, value) in [(m.type, text[m.start:m.end]) for m in detect(text)], text
        twin = recognizer.lookalike(rng)
        assert twin != value and detect(f"Reference: {twin}\n") == [], twin
