"""Template-free fields from the page as it looks: word boxes (PDF text layer and real
tesseract), fixed-pitch layout, multilingual labels, one locale per document, receipts'
company, address and total. Fixtures are generated here (reportlab PDFs, PIL images)."""
from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw, ImageFont

from flexorch_beam import codes
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.extract import image as image_extract
from flexorch_beam.extract import pdf
from flexorch_beam.extract.words import Word
from flexorch_beam.fields import layout, locale
from flexorch_beam.fields.extract import extract_rules
from flexorch_beam.fields.step import extract_fields_record
from flexorch_beam.fields.specs import FIELD_KINDS
from flexorch_beam.record import Record, fail

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
CONFIG = ProcessingConfig(sandbox=False, ocr_langs="eng", ocr_dpi=150)


def values(text: str, doc_type: str, lang: str | None, words=()) -> dict[str, str]:  # noqa: ANN001
    return {k: v for k, (v, _) in extract_rules(text, doc_type, lang, "pdf", words).items()}


def header_row_pdf() -> bytes:
    """A Dutch invoice whose number and dates sit in a header row with the values printed
    under their captions, the captions split differently from the values."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setFont("Helvetica-Bold", 20)
    page.drawString(60, 790, "Fietsenwinkel Noord B.V.")
    page.setFont("Helvetica", 10)
    page.drawString(60, 700, "Klant")
    page.drawString(160, 700, "Factuur datum")
    page.drawString(300, 700, "Factuur")
    page.drawString(420, 700, "Vervaldatum")
    page.drawString(60, 684, "K-0042")
    page.drawString(172, 684, "8-9-2022")
    page.drawString(300, 684, "VF1005193039")
    page.drawString(425, 684, "22-9-2022")
    page.drawString(300, 600, "BTW %")
    page.drawString(360, 600, "Grondslag BTW bedrag")
    page.drawString(500, 600, "Totaal")
    page.drawString(305, 584, "21 %")
    page.drawString(362, 584, "1.041,31")
    page.drawString(440, 584, "218,68")
    page.drawString(500, 584, "1.259,99")
    page.showPage()
    page.save()
    return buffer.getvalue()


def test_pdf_words_carry_positions_and_render_as_the_page_looks() -> None:
    result = pdf.extract(header_row_pdf(), CONFIG.extract)
    assert result.words and all(isinstance(w, Word) for w in result.words)
    assert {"Factuur", "VF1005193039", "Grondslag"} <= {w.text for w in result.words}
    rendered = layout.render(result.words).splitlines()
    caption = next(line for line in rendered if "Vervaldatum" in line)
    below = rendered[rendered.index(caption) + 1]
    # The value starts in its caption's columns.
    assert abs(below.index("VF1005193039") - caption.index("Factuur  ")) <= 2


def test_values_under_header_captions_are_read_from_the_layout() -> None:
    result = pdf.extract(header_row_pdf(), CONFIG.extract)
    found = values(result.text, "invoice", "nl", result.words)
    assert found["invoice_number"] == "VF1005193039"
    assert found["invoice_date"] == "2022-09-08"
    assert found["due_date"] == "2022-09-22"
    assert found["subtotal"] == "1041.31"
    assert found["vendor_name"] == "Fietsenwinkel Noord B.V."


def test_the_fields_step_drops_the_words_and_fail_drops_them_too() -> None:
    result = pdf.extract(header_row_pdf(), CONFIG.extract)
    record = Record(id="x", document_id=None, source_uri="", file_name="a.pdf", format="pdf",
                          text=result.text, doc_type="invoice", language="nl", words=result.words)
    done = extract_fields_record(record, CONFIG.fields)
    assert done.words == ()
    assert {f.name: f.value for f in done.fields}["invoice_number"] == "VF1005193039"
    assert fail(record, codes.TIMEOUT, "t").words == ()


def test_layout_puts_a_wide_gap_between_cells_and_one_space_between_words() -> None:
    words = [Word(0, 10, 10, 40, 20, "Total"), Word(0, 44, 10, 70, 20, "due"),
             Word(0, 300, 11, 340, 21, "15.90"), Word(0, 10, 40, 60, 50, "Thanks")]
    lines = layout.render(words).splitlines()
    assert lines[0].startswith("Total due   ") and lines[0].endswith("15.90")
    assert lines[1] == "Thanks"


@pytest.mark.parametrize("text, lang, expected", [
    ("Facture n° 2022089083\nDate : 28/11/2022\nTotal HT : 46,68 €\nTVA 20% : 9,34 €\nTotal TTC : 56,02 €",
     "fr", {"invoice_number": "2022089083", "invoice_date": "2022-11-28", "subtotal": "46.68",
            "tax_amount": "9.34", "total_amount": "56.02", "currency": "EUR"}),
    ("Factuurnummer: 993548900\nFactuurdatum: 19 april 2014\nExclusief BTW € 593,36\nTotaal € 717,97",
     "nl", {"invoice_number": "993548900", "invoice_date": "2014-04-19", "subtotal": "593.36",
            "total_amount": "717.97"}),
    ("Factura nº: F-2024-118\nFecha de emisión: 5 de marzo de 2024\nBase imponible: 1.200,00\n"
     "IVA 21%: 252,00\nTotal a pagar: 1.452,00 EUR",
     "es", {"invoice_number": "F-2024-118", "invoice_date": "2024-03-05", "subtotal": "1200.00",
            "tax_amount": "252.00", "total_amount": "1452.00"}),
    ("Fattura n. 2024/77\nData fattura: 12 gennaio 2024\nImponibile: 100,00\nIVA 22%: 22,00\n"
     "Totale documento: 122,00",
     "it", {"invoice_number": "2024/77", "invoice_date": "2024-01-12", "subtotal": "100.00",
            "total_amount": "122.00"}),
    ("Faktura nr: FV/12/2023\nData wystawienia: 3 listopada 2023\nSprzedawca: Hurtownia Kowalski Sp. z o.o.\n"
     "Należność ogółem: 316,83 PLN",
     "pl", {"invoice_number": "FV/12/2023", "invoice_date": "2023-11-03",
            "vendor_name": "Hurtownia Kowalski Sp. z o.o.", "total_amount": "316.83", "currency": "PLN"}),
])
def test_invoice_labels_in_more_languages(text: str, lang: str, expected: dict[str, str]) -> None:
    found = values(text, "invoice", lang)
    assert {k: found.get(k) for k in expected} == expected


def test_the_decimal_mark_is_decided_once_for_the_document() -> None:
    assert locale.decimal_mark("Qty 2 x 12,50 = 25,00\nTotal 1.234", None) == ","
    assert locale.decimal_mark("Qty 2 x 12.50 = 25.00\nTotal 1,234", None) == "."
    # The same ambiguous "1.234" total, read with the rest of its document:
    comma_doc = "Artikel 12,50\nVersand 4,90\nGesamtbetrag 1.234"
    dot_doc = "Item 12.50\nShipping 4.90\nTotal amount 1.234"
    assert values(comma_doc, "invoice", None)["total_amount"] == "1234.00"
    assert values(dot_doc, "invoice", None)["total_amount"] == "1.234"


def test_day_and_month_order_is_decided_from_all_dates() -> None:
    assert locale.date_order("Invoice date 05/03/2024\nDelivered 25/02/2024", "en") == "dmy"
    assert locale.date_order("Invoice date 05/03/2024\nDelivered 02/25/2024", "en") == "mdy"
    assert locale.date_order("Date 05/03/2024 Total RM 9.00", "en") == "dmy"
    assert locale.date_order("Date 05/03/2024 Total $9.00 Tax $1.00", "en") == "mdy"
    assert locale.date_order("Date 05/03/2024 Total $9.00", "en") == "mdy"
    assert locale.date_order("Date 05/03/2024 Total RM 9.00 $9, G0", "en") == "dmy"
    text = "INVOICE\nInvoice date: 05/03/2024\nShipped: 25/02/2024\nTotal: 10.00"
    assert values(text, "invoice", "en")["invoice_date"] == "2024-03-05"


def receipt_png() -> bytes:
    lines = ["SINAR JAYA TRADING SDN BHD", "(123456-X)", "NO 12, JALAN MAWAR 3,", "41150 KLANG, SELANGOR",
             "TEL: 03-1234 5678", "TAX INVOICE", "Date: 22/12/2017 14:03", "", "TAPE 1 x 15.90      15.90",
             "SUBTOTAL            15.90", "TOTAL               15.90", "CASH                50.00",
             "CHANGE              34.10"]
    font = ImageFont.truetype(FONT, 30)
    image = Image.new("L", (760, 60 + 46 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((30, 30 + 46 * i), line, fill=0, font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def test_receipt_company_address_date_and_total_from_real_ocr() -> None:
    result = image_extract.extract(receipt_png(), CONFIG.extract)
    assert result.words, "tesseract's word boxes reach the record"
    found = values(result.text, "receipt", "en", result.words)
    assert found["merchant_name"] == "SINAR JAYA TRADING SDN BHD"
    assert found["address"].replace(",", "") == "NO 12 JALAN MAWAR 3 41150 KLANG SELANGOR"
    assert found["date"] == "2017-12-22"
    assert found["total_amount"] == "15.90"


def test_receipt_total_is_the_largest_total_line_not_cash_or_change() -> None:
    text = ("KEDAI RUNCIT MAJU\nJALAN BESAR 4\nTotal Excl GST 15.00\nTotal Incl GST 15.95\n"
            "Rounding Adj 0.05\nTotal Rounded 16.00\nCash 50.00\nChange 34.00\nTotal Items 2")
    assert values(text, "receipt", "en")["total_amount"] == "16.00"


def test_receipts_have_an_address_field() -> None:
    assert FIELD_KINDS["receipt"]["address"] == "address"


def test_one_misread_digit_on_the_total_line_is_outvoted_by_the_slip() -> None:
    text = ("HARDWARE TRADING SDN BHD\nLOT 204, JALAN BATU 12\nTotal (Incl GST) 142.00\nTotal 142.60\n"
            "CASH 152.00\nChange 10.00\n")
    assert values(text, "receipt", "en")["total_amount"] == "142.00"


def test_issuer_from_the_sender_line_over_the_address_window() -> None:
    text = ("Nordlicht Hosting AG - Uferweg 40-42 - D-63571 Gelnhausen\nKleinkunde Ltd.\n93B Harbour Road\n"
            "Rechnung\nRechnungsnr. 30064443\nRechnungsdatum 7. Mai 2014\nGesamtbetrag 34,73 EUR\n")
    assert values(text, "invoice", "de")["vendor_name"] == "Nordlicht Hosting AG"


def heading_pdf() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setFont("Helvetica", 9)
    page.drawString(60, 810, "Questions? Write to us at any time.")
    page.setFont("Helvetica-Bold", 22)
    page.drawString(300, 780, "Nordwind Cloud Services Invoice")
    page.setFont("Helvetica", 10)
    for i, line in enumerate(["Invoice Number: 42183017", "Invoice Date: August 3, 2014",
                              "Bill to: Harbour Labs", "TOTAL AMOUNT DUE $4.11", "Charges $4.11"]):
        page.drawString(300, 740 - 16 * i, line)
    page.showPage()
    page.save()
    return buffer.getvalue()


def test_issuer_from_the_largest_heading_without_its_title_word() -> None:
    result = pdf.extract(heading_pdf(), CONFIG.extract)
    found = values(result.text, "invoice", "en", result.words)
    assert found["vendor_name"] == "Nordwind Cloud Services"
    assert found["invoice_date"] == "2014-08-03"


def test_an_accented_capital_stays_in_its_word() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVu", FONT))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.setFont("DejaVu", 18)
    page.drawString(60, 700, "Ücret Bordrosu")
    page.showPage()
    page.save()
    words = [w.text for w in pdf.extract(buffer.getvalue(), CONFIG.extract).words]
    assert words == ["Ücret", "Bordrosu"]


def test_issuer_from_the_footer_over_its_registration_details() -> None:
    text = ("ALEXINUX\n27 rue Henri Rolland\n69100 Villeurbanne\nFacture n° 2022089083\nDate : 28/11/2022\n"
            "Total TTC : 56,02 €\nAu verso, vous trouverez le détail de votre facture\n"
            "PRESSEVENTE\nSiège social : 16 rue Mollien - 92100 BOULOGNE\n"
            "Sarl au capital de 10 000€ - RCS Paris B 530 848 134\n")
    from flexorch_beam.fields import party
    from flexorch_beam.fields.rules import Lines
    assert party.footer_name(Lines.of(text)) == "PRESSEVENTE"


def test_a_small_line_under_a_tall_heading_stays_its_own_line() -> None:
    words = [Word(0, 186, 101, 318, 138, "Sammy"), Word(0, 331, 102, 503, 138, "Maystone"),
             Word(0, 190, 130, 420, 146, "shop@example.com"), Word(0, 1700, 105, 1830, 140, "INVOICE")]
    lines = [line.split() for line in layout.render(words).splitlines()]
    assert lines == [["Sammy", "Maystone", "INVOICE"], ["shop@example.com"]]
