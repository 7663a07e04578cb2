from flexorch_beam.fields.fold import fold


def test_fold_is_length_preserving_and_turkish_aware() -> None:
    for text in ("e-Arşiv FATURA", "İŞÇİ PAYI", "Lohnabrechnung für März", "Straße", "Brüt Ücret", "ıi İI"):
        assert len(fold(text)) == len(text)
    assert fold("e-Arşiv FATURA") == "e-arsiv fatura"
    assert fold("İŞÇİ PAYI") == "isci payi"
    assert fold("ıi İI") == "ii ii"
    assert fold("Lohnabrechnung für März") == "lohnabrechnung fur marz"
    assert fold("1\u00a0234 – 5") == "1 234 - 5"
