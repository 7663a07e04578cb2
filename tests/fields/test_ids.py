from stdnum.tr import vkn

from flexorch_beam.fields.ids import find_iban, validate_iban, validate_tax_id


def test_tax_id_schemes() -> None:
    assert validate_tax_id("DE 136 695 976").value == "DE136695976"
    assert validate_tax_id("DE136695976").scheme == "EU_VAT"
    assert validate_tax_id("ATU13585627").valid
    assert validate_tax_id("1234567890").scheme == "TR_VKN"
    assert validate_tax_id("10000000146").scheme == "TR_TCKN"
    ein = validate_tax_id("12-3456789")
    assert ein.scheme == "US_EIN" and ein.value == "123456789"
    assert validate_tax_id("93/815/08152").scheme == "DE_STNR"


def test_invalid_tax_ids_are_flagged_not_dropped() -> None:
    good = "1234567890"
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    assert vkn.is_valid(good) and not vkn.is_valid(bad)
    result = validate_tax_id(bad)
    assert result is not None and not result.valid
    assert validate_tax_id("DE136695977").valid is False


def test_not_a_tax_id() -> None:
    assert validate_tax_id("abc") is None
    assert validate_tax_id("TR1234") is None  # TR is no EU VAT prefix


def test_iban_found_compact_and_validated() -> None:
    assert find_iban("IBAN: TR33 0006 1005 1978 6457 8413 26 Banka") == (6, "TR330006100519786457841326", True)
    assert find_iban("IBAN DE89 3704 0044 0532 0130 00 BIC COBADEFFXXX")[1:] == ("DE89370400440532013000", True)
    assert validate_iban("de89 3704 0044 0532 0130 00") == ("DE89370400440532013000", True)
    assert validate_iban("DE88370400440532013000")[1] is False


def test_iban_with_ocr_letter_for_digit() -> None:
    assert find_iban("IBAN: TRO7 0001 2068 9850 3155 1386 71")[1:] == ("TR070001206898503155138671", True)
