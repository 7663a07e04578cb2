"""Classification generalises: the trade's vocabulary in EN/TR/DE/FR/NL/ES/IT/PL, structure
before words (till slips, e-mail subjects and attachments, spreadsheet header rows, e-document
roots in text), subtypes. Texts are written here in each language's ordinary wording."""
from __future__ import annotations

import pytest

from flexorch_beam.classify import classify_record, classify_text, subtype_of
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.record import Record

PAYSLIPS = {
    "en": "EARNINGS STATEMENT\nAcme Tools Inc.\nPeriod Beginning: 03/01/2024  Period Ending: 03/15/2024\n"
          "Pay Date: 03/20/2024\nEarnings      rate   hours   this period   year to date\n"
          "Regular      20.00   80.00    1,600.00      8,000.00\nGross Pay              $1,600.00     8,000.00\n"
          "Deductions   Statutory\nFederal Income Tax   -120.00\nSocial Security Tax   -99.20\n"
          "Medicare Tax   -23.20\nNet Pay   $1,357.60",
    "de": "Verdienstabrechnung März 2024\nPersonalnummer 4711  Steuerklasse I\nBruttolohn 3.500,00\n"
          "Lohnsteuer 512,33  Solidaritätszuschlag 0,00  Kirchensteuer 40,99\nRentenversicherung 325,50\n"
          "Krankenversicherung 285,25\nNettoverdienst 2.335,93\nAuszahlungsbetrag 2.335,93",
    "tr": "ÜCRET BORDROSU\nDönem: Mart 2024  Sicil No: 1203\nBrüt Ücret 25.000,00\nSGK İşçi Payı 3.500,00\n"
          "İşsizlik 250,00\nGelir Vergisi 2.300,00\nDamga Vergisi 189,75\nNet Ödenen 18.760,25",
    "fr": "BULLETIN DE PAIE\nPériode du 01/03/2024 au 31/03/2024\nSalaire de base 2 800,00\nSalaire brut 2 800,00\n"
          "Cotisations salariales 616,00\nCSG déductible 190,00\nNet imposable 2 250,00\nNet à payer avant impôt 2 184,00",
    "nl": "LOONSTROOK maart 2024\nWerknemer: 0042\nBrutoloon 3.200,00\nLoonheffing 780,00\nVakantiegeld 256,00\n"
          "Nettoloon 2.420,00",
    "es": "NÓMINA\nPeriodo de liquidación: marzo 2024\nSalario base 1.800,00\nTotal devengado 2.050,00\n"
          "Total a deducir 345,00\nLíquido a percibir 1.705,00",
    "it": "CEDOLINO PAGA\nMese di marzo 2024\nRetribuzione lorda 2.400,00\nTotale competenze 2.400,00\n"
          "Totale trattenute 610,00\nNetto in busta 1.790,00",
    "pl": "PASEK WYNAGRODZEŃ\nOkres: marzec 2024\nWynagrodzenie brutto 6 000,00\nSkładki ZUS 822,60\n"
          "Zaliczka na podatek 412,00\nDo wypłaty 4 300,00",
}

ORDERS = {
    "en": "PURCHASE ORDER\nPO Number: 4500012345\nOrder Date: 2024-03-01\nVendor: Steel Parts Ltd\n"
          "Ship To: Plant 2, Dock 4\nDelivery Date: 2024-03-15\nItem Qty Unit price\nBolts M8 500 0.12",
    "de": "Bestellung\nBestellnummer: B-2024-118\nBestelldatum: 01.03.2024\nLieferant: Muster GmbH\n"
          "Liefertermin: KW 12\nLieferadresse: Werk Nord\nPos. Menge Artikel Preis",
    "tr": "SATIN ALMA SİPARİŞİ\nSipariş No: SA-2024-77\nSipariş Tarihi: 01.03.2024\nTedarikçi: Demir A.Ş.\n"
          "Teslim Tarihi: 15.03.2024\nTeslimat Adresi: Depo 3",
    "fr": "BON DE COMMANDE\nN° de commande : BC-2024-031\nDate de commande : 01/03/2024\nFournisseur : Dupont SARL\n"
          "Date de livraison : 15/03/2024\nAdresse de livraison : Entrepôt Sud",
    "nl": "INKOOPORDER\nOrdernummer: IO-5512\nBesteldatum: 01-03-2024\nLeverancier: Jansen BV\n"
          "Leverdatum: 15-03-2024\nAfleveradres: Magazijn 1",
    "es": "ORDEN DE COMPRA\nNúmero de pedido: OC-2024-19\nFecha de pedido: 01/03/2024\nProveedor: Suministros SL\n"
          "Fecha de entrega: 15/03/2024\nDirección de entrega: Almacén central",
    "it": "ORDINE DI ACQUISTO\nNumero ordine: OA-2024-8\nData ordine: 01/03/2024\nFornitore: Rossi Srl\n"
          "Data di consegna: 15/03/2024\nIndirizzo di consegna: Magazzino",
    "pl": "ZAMÓWIENIE\nNumer zamówienia: ZM/2024/03/5\nData zamówienia: 01.03.2024\nDostawca: Kowalski Sp. z o.o.\n"
          "Termin dostawy: 15.03.2024\nAdres dostawy: Magazyn",
}

INVOICES = {
    "fr": "FACTURE\nN° de facture : F-2024-0113\nDate de facture : 05/03/2024\nTotal HT 1 000,00 €\nTVA 20 % 200,00 €\n"
          "Total TTC 1 200,00 €\nDate d'échéance : 04/04/2024",
    "nl": "Factuur\nFactuurnummer: 2024-113\nFactuurdatum: 05-03-2024\nVervaldatum: 04-04-2024\n"
          "Subtotaal € 1.000,00\nBTW 21% € 210,00\nTe betalen € 1.210,00",
    "es": "FACTURA\nNúmero de factura: A-2024/113\nFecha de factura: 05/03/2024\nBase imponible 1.000,00\n"
          "IVA 21% 210,00\nTotal 1.210,00 €",
    "it": "FATTURA\nNumero fattura: 113/2024\nData fattura: 05/03/2024\nPartita IVA: IT01234567890\n"
          "Imponibile 1.000,00\nIVA 22% 220,00\nTotale fattura 1.220,00",
    "pl": "FAKTURA VAT\nNumer faktury: FV/2024/03/113\nData wystawienia: 05.03.2024\nSprzedawca: ABC Sp. z o.o.\n"
          "Nabywca: XYZ S.A.\nKwota netto 1 000,00\nStawka VAT 23%\nDo zapłaty 1 230,00 zł",
}

TILL_SLIP = ("SUNRISE MART SDN BHD\n(GST ID No: 000123456789)\nNo. 8, Jalan Bunga\nTAX INVOICE\n"
             "Cashier: Aminah   Counter 2\n2 x Milo 1L            RM13.80 SR\n1 x Bread              RM3.50 SR\n"
             "Total Incl GST         RM17.30\nRounding               RM0.00\nCash                   RM20.00\n"
             "Change                 RM2.70\nGST Summary  Amount  Tax\nSR 6%   16.32   0.98\n"
             "Thank you. Please come again\nGoods sold are not returnable")


@pytest.mark.parametrize("lang", sorted(PAYSLIPS))
def test_payslips_in_eight_languages(lang: str) -> None:
    assert classify_text(PAYSLIPS[lang])[0] == "payroll_slip"


@pytest.mark.parametrize("lang", sorted(ORDERS))
def test_purchase_orders_in_eight_languages(lang: str) -> None:
    assert classify_text(ORDERS[lang])[0] == "purchase_order"


@pytest.mark.parametrize("lang", sorted(INVOICES))
def test_invoices_in_more_languages(lang: str) -> None:
    assert classify_text(INVOICES[lang])[0] == "invoice"


def test_till_slip_printing_tax_invoice_is_a_receipt() -> None:
    doc_type, confidence = classify_text(TILL_SLIP)
    assert doc_type == "receipt" and confidence > 0.5


def test_a_real_invoice_with_a_thank_you_stays_an_invoice() -> None:
    text = ("INVOICE\nInvoice No: INV-88\nInvoice Date: 2024-03-05\nBill To: Contoso Ltd\n"
            "Description                       Qty   Unit    Amount\n" +
            "\n".join(f"Consulting services, phase {i}, as agreed in the statement of work   1   500.00   500.00"
                      for i in range(1, 9)) +
            "\nSubtotal 4,000.00\nVAT 20% 800.00\nTotal due 4,800.00\nPayment terms: 30 days net\n"
            "Thank you for your business!")
    assert classify_text(text)[0] == "invoice"


def test_payroll_register_spreadsheet_by_its_header_row() -> None:
    sheet = ("Sheet: March\nEmployee | Hours | Gross Pay | Federal Withholding | FICA | Net Pay\n"
             "Smith, J | 80 | 1600.00 | 120.00 | 122.40 | 1357.60\nDoe, A | 72 | 1440.00 | 98.00 | 110.16 | 1231.84")
    assert classify_text(sheet)[0] == "payroll_slip"


def test_email_subject_and_attachments_are_titles() -> None:
    mail = ("From: billing@example.com\nTo: ap@example.org\nDate: Mon, 4 Mar 2024 10:00:00 +0000\n"
            "Subject: Rechnung 2024-113\n\nHallo, anbei die Rechnung für März.\nViele Grüße\n\n"
            "Attachments: Rechnung_2024-113.pdf")
    assert classify_text(mail)[0] == "invoice"
    letter = ("From: anna@example.com\nTo: team@example.com\nSubject: Lunch on Friday\n\n"
              "Dear all, shall we move the lunch to Friday? Kind regards, Anna")
    assert classify_text(letter)[0] == "other"


def test_edifact_and_cii_roots_in_text() -> None:
    assert classify_text("UNA:+.? 'UNB+UNOC:3+A+B+240101:1000+1'UNH+1+INVOIC:D:96A:UN'BGM+380+1'")[0] == "invoice"
    assert classify_text("UNH+1+ORDERS:D:96A:UN'BGM+220+PO1'")[0] == "purchase_order"
    assert classify_text('<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:'
                         'CrossIndustryInvoice:100">')[0] == "invoice"


def test_printed_subtypes() -> None:
    assert subtype_of("CREDIT NOTE\nCredit note no. CN-7\nTotal -100.00", "invoice") == "credit_note"
    assert subtype_of("Gutschrift\nGutschriftsnummer 12", "invoice") == "credit_note"
    assert subtype_of("Auftragsbestätigung\nBestellnummer 55", "purchase_order") == "order_response"
    assert subtype_of("Rechnung\nRechnungsnummer 1", "invoice") is None


def test_step_records_subtype_and_languages() -> None:
    record = Record(id="j", document_id=None, source_uri="", file_name="", format="txt",
                       text="Avoir\nNuméro de facture d'avoir : AV-2024-7\nDate de facture : 05/03/2024\n"
                            "Montant TTC : -120,00 €\nCe montant sera déduit de votre prochaine facture.")
    record = classify_record(record, ProcessingConfig())
    assert (record.doc_type, record.doc_subtype, record.language) == ("invoice", "credit_note", "fr")
    assert record.languages == ("fr",)


def test_low_confidence_ocr_has_no_language() -> None:
    record = Record(id="j", document_id=None, source_uri="", file_name="", format="png", ocr_used=True,
                       ocr_confidence=31.0, text="IR ROL Ha TS BK XS thw ROK LT RAD LU SRMN RU it BaP SAMI WIR SV")
    assert classify_record(record, ProcessingConfig()).language == "unknown"


@pytest.mark.parametrize("text", [
    "Muster GmbH\nRechnung\nRechnungsnummer: RE-2024-55\nRechnungsdatum: 01.03.2024\n"
    "Ihre Bestellung: B-7781 vom 20.02.2024\nBestellnummer: B-7781\nLieferdatum: 28.02.2024\n"
    "Lieferadresse: Werk Süd\nNettobetrag 100,00\nMwSt 19% 19,00\nGesamtbetrag 119,00",
    "Rossi Srl\nFATTURA N. 55/2024\nData fattura: 01/03/2024\nRif. ordine n. 7781 del 20/02/2024\n"
    "Data di consegna: 28/02/2024\nImponibile 100,00\nIVA 22% 22,00\nTotale fattura 122,00",
    "ACME Corp\nINVOICE\nInvoice Number: 10023\nYour order: PO-5531 of 2024-02-20\nShip To: Contoso Ltd\n"
    "Delivery Date: 2024-02-28\nSubtotal 50.00\nVAT 20% 10.00\nTotal 60.00",
])
def test_an_invoice_quoting_the_order_it_bills_stays_an_invoice(text: str) -> None:
    doc_type, confidence = classify_text(text)
    assert doc_type == "invoice" and confidence > 0.8


@pytest.mark.parametrize("text", [
    "Northwind Ltd\nPAYSLIP\nEmployee: J Bloggs   NI Number: QQ123456C   Tax Code: 1257L\nPay Date: 28/03/2024\n"
    "Basic Pay 2,500.00\nPAYE Tax 291.80\nNational Insurance 149.28\nTaxable Pay 2,500.00\nNet Pay 2,058.92",
    "Contoso Pvt Ltd\nSalary Slip for the month of March 2024\nBasic Salary 40,000\nHouse Rent Allowance 16,000\n"
    "Provident Fund 4,800\nProfessional Tax 200\nNet Salary Payable 51,000",
    "Pay Advice\nEmployee ID 1042\nPeriod ending 15/03/2024\nGross earnings 3,120.00\nPAYG withholding 640.00\n"
    "Superannuation 358.80\nNet pay 2,480.00",
])
def test_payslips_of_other_countries(text: str) -> None:
    assert classify_text(text)[0] == "payroll_slip"
