"""Field rules per document type and language, on the text shapes our extractors produce."""
import pytest

from flexorch_beam.fields.extract import extract_rules


def values(text: str, doc_type: str, lang: str, fmt: str = "txt") -> dict[str, str]:
    return {k: v for k, (v, _) in extract_rules(text, doc_type, lang, fmt).items()}


TR_INVOICE = """e-Arşiv Fatura
Yıldız Teknoloji A.Ş.
Atatürk Cad. No: 12, 34000 Kadıköy/İstanbul
Vergi Dairesi: Kadıköy  VKN: 1234567890
SAYIN
Ahmet Yılmaz
Fatura No: GIB2024000000012
Fatura Tarihi: 5 Mart 2024
Son Ödeme Tarihi: 04.04.2024
Sipariş No: PO-55120
Sıra No | Mal / Hizmet | Miktar | Birim | Birim Fiyat | KDV % | Tutar
1 | Danışmanlık Hizmeti | 2 | Saat | 1.000,00 | 20 | 2.000,00
Ara Toplam: 2.000,00 TL
KDV %20: 400,00 TL
Genel Toplam: 2.400,00 TL
Ödeme Bilgileri: IBAN: TR33 0006 1005 1978 6457 8413 26
"""


def test_turkish_invoice() -> None:
    assert values(TR_INVOICE, "invoice", "tr") == {
        "invoice_number": "GIB2024000000012", "invoice_date": "2024-03-05", "due_date": "2024-04-04",
        "vendor_name": "Yıldız Teknoloji A.Ş.", "vendor_tax_id": "1234567890", "customer_name": "Ahmet Yılmaz",
        "currency": "TRY", "subtotal": "2000.00", "tax_amount": "400.00", "tax_rate": "20",
        "total_amount": "2400.00", "iban": "TR330006100519786457841326",
    }


DE_INVOICE_TABS = (
    "RECHNUNG\nMüller Bürobedarf GmbH\nHauptstraße 5, 10115 Berlin\nUSt-IdNr.: DE136695976\n"
    "Rechnungsempfänger:\nBeyer Elektro KG\n"
    "Rechnungsnummer\tRechnungsdatum\tFällig am\n"
    "RE-2024-00042\t20. Februar 2024\t21.03.2024\n"
    "Pos.\tBezeichnung\tMenge\tEinzelpreis\tBetrag\n1\tNotebook\t2\t700,00\t1.400,00\n"
    "Zwischensumme\t1.400,00 €\nMwSt. 19 %\t266,00 €\nGesamtbetrag\t1.666,00 €\n"
)


def test_german_invoice_with_header_row_table() -> None:
    got = values(DE_INVOICE_TABS, "invoice", "de", "xlsx")
    assert got["invoice_number"] == "RE-2024-00042"
    assert got["invoice_date"] == "2024-02-20"
    assert got["due_date"] == "2024-03-21"
    assert got["vendor_name"] == "Müller Bürobedarf GmbH"
    assert got["vendor_tax_id"] == "DE136695976"
    assert got["customer_name"] == "Beyer Elektro KG"
    assert (got["subtotal"], got["tax_amount"], got["tax_rate"], got["total_amount"]) == (
        "1400.00", "266.00", "19", "1666.00")
    assert got["currency"] == "EUR"


EN_INVOICE_EMAIL = """From: Acme Widgets LLC <billing@acme.example>
To: Jane Doe <jane@example.com>
Subject: Your Invoice INV-2024-0042

Dear Jane Doe,

please find your invoice below.

INVOICE
=======

Acme Widgets LLC
100 Main St, Springfield, IL 62701
EIN: 12-3456789

Bill To:
Globex Corporation

Invoice No.: INV-2024-0042
Invoice Date: 03/05/2024
Due Date: 04/04/2024

                              Subtotal: $1,450.00
                     Sales Tax 8.875%: $128.69
                                 Total: $1,578.69
"""


def test_english_invoice_in_an_email() -> None:
    got = values(EN_INVOICE_EMAIL, "invoice", "en", "eml")
    assert got["vendor_name"] == "Acme Widgets LLC"
    assert got["customer_name"] == "Globex Corporation"
    assert got["invoice_date"] == "2024-03-05"
    assert got["due_date"] == "2024-04-04"
    assert got["vendor_tax_id"] == "123456789"
    assert (got["subtotal"], got["tax_amount"], got["tax_rate"], got["total_amount"]) == (
        "1450.00", "128.69", "8.875", "1578.69")
    assert got["currency"] == "USD"


PAYROLL = {
    "tr": ("Maaş Bordrosu\nBilge İnşaat Ltd. Şti.\nPersonel: Ayşe Kaya\nSicil No: P74527\nDönem: Haziran 2024\n"
           "Açıklama | Kazançlar | Kesintiler\nAylık Brüt Ücret | 50.000,00 |\nGelir Vergisi |  | 6.000,00\n"
           "Brüt Ücret: 50.000,00 ₺\nToplam Kesinti: 13.250,00 ₺\nNet Ödenen: 36.750,00 ₺\n",
           {"employee_name": "Ayşe Kaya", "employee_id": "P74527", "employer_name": "Bilge İnşaat Ltd. Şti.",
            "period": "2024-06", "gross_pay": "50000.00", "deductions": "13250.00", "net_pay": "36750.00",
            "currency": "TRY"}),
    "de": ("Lohnabrechnung\nSchleich Maschinenbau GmbH & Co. KG\nMitarbeiter: Hans Müller\n"
           "Personalnummer: 4711\nAbrechnungsmonat: 03.2024\nGesamtbrutto: 4.200,00 EUR\n"
           "Summe Abzüge: 1.100,00 EUR\nAuszahlungsbetrag: 3.100,00 EUR\n",
           {"employee_name": "Hans Müller", "employee_id": "4711", "employer_name":
            "Schleich Maschinenbau GmbH & Co. KG", "period": "2024-03", "gross_pay": "4200.00",
            "deductions": "1100.00", "net_pay": "3100.00", "currency": "EUR"}),
    "en": ("Earnings Statement\nLewis Manufacturing Co.\nEmployee: John Smith\nEmployee ID: E10234\n"
           "Pay Period: March 2024\nDescription | Earnings | Deductions\nRegular Pay | 5,000.00 |\n"
           "Gross Pay: $5,000.00\nTotal Deductions: $1,250.00\nNet Pay: $3,750.00\n",
           {"employee_name": "John Smith", "employee_id": "E10234", "employer_name": "Lewis Manufacturing Co.",
            "period": "2024-03", "gross_pay": "5000.00", "deductions": "1250.00", "net_pay": "3750.00",
            "currency": "USD"}),
}


def test_payroll_slips_in_three_languages() -> None:
    for lang, (text, expected) in PAYROLL.items():
        assert values(text, "payroll_slip", lang) == expected, lang


def test_purchase_order_with_captions_and_pipes() -> None:
    text = ("Satın Alma Siparişi\nAlıcı\nAkçay Tekstil A.Ş.\nBağdat Cad. 5, İstanbul\nTedarikçi\n"
            "Eraslan Kimya Ltd. Şti.\nSipariş No: | SA-2025-7330\nSipariş Tarihi: | 13/03/2025\n"
            "Teslim Tarihi: | 23/03/2025\nAra Toplam | 18.269,00 TL\nKDV %20 | 3.653,80 TL\n"
            "Genel Toplam | 21.922,80 TL\n")
    assert values(text, "purchase_order", "tr", "html") == {
        "po_number": "SA-2025-7330", "order_date": "2025-03-13", "buyer_name": "Akçay Tekstil A.Ş.",
        "supplier_name": "Eraslan Kimya Ltd. Şti.", "delivery_date": "2025-03-23", "total_amount": "21922.80",
        "currency": "TRY"}


def test_glued_html_caption() -> None:
    text = "PURCHASE ORDER\nBuyerGraham Manufacturing Corp.\n1 Road\nVendorCarter Foods Corp.\nPO Number: | PO-1\n"
    got = values(text, "purchase_order", "en", "html")
    assert got["buyer_name"] == "Graham Manufacturing Corp."
    assert got["supplier_name"] == "Carter Foods Corp."


def test_receipt_ocr_with_misread_currency_sign() -> None:
    text = ("Soylu Eczanesi\n\nBagdat Cad. No: 93, Ankara\nBelge: Satış Fişi\nTarih: 09/04/2025\n"
            "Ürün Miktar Birim Fiyat Tutar\nSimit 2 17,51 35,02\nTOPKDV %10: 7,01 &\nTOPLAM: 77,07 %\n")
    got = values(text, "receipt", "tr", "tiff")
    assert got == {"merchant_name": "Soylu Eczanesi", "date": "2025-04-09", "total_amount": "77.07",
                   "currency": "TRY"}


def test_receipt_english() -> None:
    text = ("Rose's Deli\n12 Main St\nDocument: Receipt\nDate: Mar 5, 2024\nItem | Qty | Amount\n"
            "Coffee, large | 1 | 3.50\nSubtotal | $3.50\nSales Tax 7% | $0.25\nTotal | $3.75\n")
    assert values(text, "receipt", "en", "html") == {
        "merchant_name": "Rose's Deli", "date": "2024-03-05", "total_amount": "3.75", "currency": "USD"}


def test_bank_statement_label_block_layout() -> None:
    """PDF/OCR text of a two-column block: labels first, then values in the same order."""
    text = ("Kontoauszug\nRheinische Sparkasse\n\nKontoinhaber:\n\nIBAN:\nBIC:\n\nZeitraum:\n\n"
            "Manuel Pruschke\nDE89 3704 0044 0532 0130 00\nCOBADEFFXXX\n01.09.2023 - 30.09.2023\n\n"
            "Alter Kontostand: 1.000,00 €\nDatum Buchungstext Soll Haben Saldo\n"
            "05.09.2023 Miete 500,00 500,00\nNeuer Kontostand: -22,77 €\n")
    assert values(text, "bank_statement", "de", "pdf") == {
        "account_holder": "Manuel Pruschke", "iban": "DE89370400440532013000",
        "period": "2023-09-01/2023-09-30", "opening_balance": "1000.00", "closing_balance": "-22.77"}


def test_bank_statement_english_inline() -> None:
    text = ("Bank Statement\nAccount Holder: Steven Martin\nStatement Period: 2023-06-01 - 2023-06-30\n"
            "Opening Balance: USD 16,851.08\nDate Description Withdrawals Deposits Balance\n"
            "2023-06-02 Check #1262 449.51 16,401.57\nClosing Balance: USD 16,401.57\n")
    assert values(text, "bank_statement", "en") == {
        "account_holder": "Steven Martin", "period": "2023-06-01/2023-06-30",
        "opening_balance": "16851.08", "closing_balance": "16401.57"}


def test_iban_wrapped_onto_next_line_by_ocr() -> None:
    text = "Fatura\nFatura No: X-1\nÖdeme: IBAN: TRO7 0001 2068 9850 3155\n1386 71 SWIFT: ISBKTRIS\n"
    assert values(text, "invoice", "tr", "png")["iban"] == "TR070001206898503155138671"


def test_contract_and_other_have_no_fields() -> None:
    assert extract_rules("Hizmet Sözleşmesi\nMadde 1 - Taraflar", "contract", "tr") == {}
    assert extract_rules("Dear Sir", "other", "en") == {}


def test_direct_debit_iban_is_the_customers_not_the_payees() -> None:
    text = ("Rechnung\nRechnungsnummer: RE-1\nDer Betrag wird per SEPA-Lastschrift von Ihrem Konto\n"
            "IBAN DE30 3704 0044 6909 9033 54 eingezogen.\n"
            "Zahlungsinformationen: IBAN: DE89 3704 0044 0532 0130 00\n")
    assert values(text, "invoice", "de")["iban"] == "DE89370400440532013000"


def test_letterhead_fallback_reads_document_xml_but_not_ubl_paths() -> None:
    # generic XML is rendered like the page (extract/web.py), so its issuer line counts;
    # UBL is rendered as element-path lines and read by path only
    document = "Receipt\nCorner Shop\nContact\n12 Mill Lane, Leeds LS1 4AB\nDate: 2024-05-01\nTotal: 3.20 GBP\n"
    assert values(document, "receipt", "en", "xml")["merchant_name"] == "Corner Shop"
    ubl = "UBL Invoice\nInvoice\n  ID: INV-1\n  Note\n    Name: Corner Shop\n"
    assert "vendor_name" not in values(ubl, "invoice", "en", "xml")


def test_total_label_inside_a_debit_sentence_does_not_read_an_iban_group() -> None:
    # "Rechnungsbetrag" is a total label, but here it sits in a sentence whose only digits
    # after it are a date and a wrapped IBAN: the summary line's amount must win.
    text = ("Rechnung\nMüller Bau GmbH\nRechnungsnummer: RE-77\nZwischensumme: 1.000,00 €\n"
            "MwSt. 19 %: 190,00 €\nGesamtbetrag: 1.190,00 €\n"
            "Der Rechnungsbetrag wird am 01.09.2024 von Ihrem Konto IBAN DE76 5001\n"
            "0517 3723 3362 61 eingezogen.\n")
    assert values(text, "invoice", "de")["total_amount"] == "1190.00"


def test_total_after_a_phone_or_card_number_is_not_read_from_it() -> None:
    text = ("Invoice\nAcme Ltd\nInvoice No: A-12\nTotal: 250.00 GBP\n"
            "The amount due will be charged to card **** 4242; call +44 20 7946 0958.\n")
    assert values(text, "invoice", "en")["total_amount"] == "250.00"
    tr = ("Fatura\nYıldız Ltd. Şti.\nFatura No: F-9\nGenel Toplam: 1.200,00 TL\n"
          "Ödenecek tutar TR33 0006 1005 1978 6457 8413 26 hesabına yatırılmalıdır.\n")
    assert values(tr, "invoice", "tr")["total_amount"] == "1200.00"


@pytest.mark.parametrize("head,merchant", [
    ("Schuster\nLebensmittel\nSchleichstraße 81, 30292 Ebersberg\n", "Schuster Lebensmittel"),
    ("Bäckerei\nKrause & Sohn\nHauptstr. 3, 10115 Berlin\n", "Bäckerei Krause & Sohn"),
    ("Kafe\nBilge\nCumhuriyet Cad. No: 53, 35250 Konak/İzmir\n", "Kafe Bilge"),
    ("Corner\nShop\n12 Mill Lane, Leeds LS1 4AB\n", "Corner Shop"),
    ("Café\nBruno\nMarktplatz 2, 80331 München\n", "Café Bruno"),
    # the next line is an address, a phone, a label, a street without a number, a caption,
    # a title or a sentence: no join
    ("Schuster Lebensmittel\nSchleichstraße 81, 30292 Ebersberg\n", "Schuster Lebensmittel"),
    ("Schuster\nTel.: +49 69 54211752\n", "Schuster"),
    ("Schuster\nDatum: 07.12.2025\n", "Schuster"),
    ("Schuster\nBahnhofstraße\n", "Schuster"),
    ("Paul Market\nMain Street\n", "Paul Market"),
    ("Corner Shop\nContact\n", "Corner Shop"),
    ("Schuster\nKassenbon\n", "Schuster"),
    ("Schuster\nvielen dank für ihren einkauf\n", "Schuster"),
])
def test_receipt_merchant_wrapped_onto_two_lines_is_rejoined(head: str, merchant: str) -> None:
    text = head + "Datum: 07.12.2025\nSUMME: 19,41 EUR\n"
    assert values(text, "receipt", "de")["merchant_name"] == merchant


def test_wrapped_name_join_is_for_receipts_only() -> None:
    # an invoice letterhead's second line is often a tagline or department
    text = "Rechnung\nSchuster\nLebensmittel\nRechnungsnummer: RE-1\nGesamtbetrag: 10,00 €\n"
    assert values(text, "invoice", "de")["vendor_name"] == "Schuster"
