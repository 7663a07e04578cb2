import pytest

from flexorch_beam.fields.fold import fold
from flexorch_beam.language import detect_language

SNIPPETS = {
    "en": "Invoice number and date, bill to the customer, payment terms net thirty days, total amount due",
    "tr": "Fatura numarası ve tarihi, sayın müşterimiz, ödeme vadesi otuz gündür, genel toplam ödenecek tutar",
    "de": "Rechnungsnummer und Rechnungsdatum, zahlbar innerhalb von dreißig Tagen ohne Abzug, Gesamtbetrag",
}


@pytest.mark.parametrize("lang", sorted(SNIPPETS))
def test_detects_language_with_confidence(lang: str) -> None:
    code, confidence = detect_language(SNIPPETS[lang])
    assert code == lang
    assert 0.5 < confidence <= 1.0


@pytest.mark.parametrize("lang", sorted(SNIPPETS))
def test_survives_ocr_losing_diacritics(lang: str) -> None:
    assert detect_language(fold(SNIPPETS[lang]).upper())[0] == lang


def test_short_business_lines() -> None:
    assert detect_language("Maaş Bordrosu Brüt Ücret Net Ödenen")[0] == "tr"
    assert detect_language("Kontoauszug Alter Kontostand Neuer Kontostand")[0] == "de"
    assert detect_language("Opening balance and closing balance")[0] == "en"


def test_numbers_alone_have_no_language() -> None:
    assert detect_language("12.03.2024 1.234,56 TR33 0006 1005") == (None, None)
    assert detect_language("") == (None, None)
    assert detect_language(None) == (None, None)


def test_script_decides_before_any_latin_model():
    assert detect_language("中华人民共和国国务院关于印发全国农业现代化规划的通知各省自治区直辖市人民政府")[0] == "zh"
    assert detect_language("請求書の合計金額をご確認ください。お支払いは月末までにお願いします。")[0] == "ja"
    assert detect_language("청구서 총액을 확인하시고 월말까지 지불해 주십시오 감사합니다")[0] == "ko"
    assert detect_language("שלום רב, מצורפת חשבונית מס עבור השירותים שסופקו בחודש מרץ")[0] == "he"
    assert detect_language("Вся информация о компании и её деятельности в этом документе")[0] == "ru"
    assert detect_language("Όλες οι πληροφορίες για την εταιρεία και τις δραστηριότητές της")[0] == "el"
    assert detect_language("جميع المعلومات عن الشركة وأنشطتها في هذه الوثيقة الرسمية")[0] == "ar"


def test_mostly_non_words_is_unknown():
    ocr_noise = "Xq7 zzvK kwpt brrgh hjklmn qwrtzx zxcvb mnbvc plkjh tRw0 gh#j 3kL ppqq wvxz krrt"
    assert detect_language(ocr_noise) == ("unknown", None)
    base64 = "U29tZSB0ZXh0IGVuY29kZWQgaW4gYmFzZTY0IHRoYXQgaXMgbm90IGEgbGFuZ3VhZ2U="
    assert detect_language(base64 * 3)[0] == "unknown"


def test_mail_addresses_do_not_decide_the_language():
    text = ("From: hans.mueller@beispiel-firma.de\nTo: jens.schroeder@gmbh-muster.de\n"
            "Subject: Meeting\n\nHi Jens, can we move our meeting to Thursday afternoon? Thanks, Hans")
    assert detect_language(text)[0] == "en"


def test_mixed_document_lists_its_languages_in_order():
    from flexorch_beam.language import detect_languages

    english = "The weather is calm today and the sea is blue, so we will go out sailing after lunch. " * 4
    spanish = "El tiempo está tranquilo hoy y el mar está azul, así que saldremos a navegar después de comer. " * 4
    main, confidence, languages = detect_languages(english + "\n\n" + spanish + "\n\n" + english)
    assert main == "en" and confidence > 0.5
    assert languages == ("en", "es")
    assert detect_languages(english)[2] == ("en",)
    assert detect_languages("") == (None, None, ())


def test_no_confident_candidate_means_unknown():
    from flexorch_beam.language import detect_language

    language, confidence = detect_language("xq zzv kwpt brrg hjkl qwrt zxcv mnbv plkj")
    assert language == "unknown" or confidence >= 0.25


def test_mail_header_block_is_protocol_not_language():
    from flexorch_beam.language import drop_headers

    text = ("X-Gmail-Labels: Archived,Category Updates\nDelivered-To: a@b.example\n"
            "Received: by 2002:a05:6520:4584:b0:227:1173:a5f9 with SMTP id s4csp864;\n"
            "        Mon, 4 Mar 2024 10:00:00 -0800 (PST)\nSubject: Your order has shipped\n\n"
            "Hello, your parcel left our warehouse this morning and should arrive on Thursday.")
    assert drop_headers(text).startswith("Your order has shipped\n")
    assert detect_language(text)[0] == "en"
