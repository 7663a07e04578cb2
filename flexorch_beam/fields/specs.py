"""Per document type: which fields, found under which labels (EN/TR/DE, folded).

Labels are grouped in tiers: specific labels first ("Fatura Tarihi", "Rechnungsdatum",
"Invoice Date"), generic ones after ("Tarih", "Datum", "Date") with a ``reject`` pattern
for the words around them that make them mean something else ("Due date", "Subtotal",
"Tax ID"), and a small confidence penalty since a generic label is weaker evidence.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Optional

from flexorch_beam.fields.rules import label_pattern


@dataclass(frozen=True)
class Tier:
    labels: tuple[str, ...]
    reject: Optional[str] = None
    penalty: float = 0.0


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: str  # a parser in parsers.py: amount, date, period, rate, currency_code, identifier, tax_id, iban, name
    tiers: tuple[Tier, ...]
    pick: str = "first"  # "last" for totals: the summary block comes after the line items

    @functools.cached_property
    def compiled(self) -> tuple[tuple[re.Pattern, Optional[re.Pattern], float], ...]:
        return tuple(
            (label_pattern(t.labels), re.compile(t.reject) if t.reject else None, t.penalty)
            for t in self.tiers
        )


def _t(labels: str, reject: Optional[str] = None, penalty: float = 0.0) -> Tier:
    return Tier(tuple(x.strip() for x in labels.split("|")), reject, penalty)


_NOT_ISSUE_DATE = (
    r"(?:due|delivery|order|birth|ship|son odeme|vade|teslim|siparis|dogum|liefer|bestell|"
    r"fallig|geburt|leistungs|valuta|islem|buchungs|pay|limite|echeance|verval|vencimiento|scadenza|"
    r"termin|order|levering|livraison|entrega|consegna|dostawy|sprzedazy)[\s\-]*(?:date|tarihi|datum|de|di)?\s*\x00"
    r"|\x00\s*(?:of birth|of delivery|limite|d.?echeance|de paiement|de livraison|di scadenza|de vencimiento|"
    r"platnosci|zaplaty)"
)
_TAX_ID_AFTER = r"\x00[\s.\-]*(?:id|idnr|nr|no|number|numarasi|dairesi|kimlik|identification|-id|reg)"
_NOT_TOTAL = (
    r"(?:ara|sub|zwischen|net|netto|kdv|vat|tax|mwst|steuer|line|satir|positions|sous|btw|tva|iva)[\s\-]*\x00"
    r"|\x00[\s\-]*(?:tax|vat|kdv|mwst|net|netto|items|qty|quantity|adet|menge|discount|indirim|rabatt|"
    r"ht\b|hors|excl|exclusief|btw\b|tva\b|iva\b|imponibile|aantal|nombre|cantidad|quantita|ilosc)"
)
_TAX_LABELS = ("hesaplanan kdv|kdv tutari|toplam kdv|kdv|mwst|mehrwertsteuer|umsatzsteuer|ust|vat|sales tax|tax|"
               "montant tva|total tva|tva|btw bedrag|totaal btw|btw|cuota iva|total iva|totale iva|iva|"
               "imposta|kwota vat")

# The invoice number's stand-ins, in EN, TR, DE, FR, NL, ES, IT, PL: booking and reservation
# numbers, confirmation numbers, document numbers, a reference number.
_DOCUMENT_NUMBER_LABELS = (
    "booking id|booking no|booking number|booking ref|booking reference|reservation id|reservation no|"
    "reservation number|confirmation no|confirmation number|confirmation code|folio no|folio number|"
    "document no|document number|doc no|receipt no|receipt number|reference no|reference number|ref no|"
    "rezervasyon no|rezervasyon numarasi|makbuz no|evrak no|"
    "buchungsnummer|buchungs nr|reservierungsnummer|belegnummer|beleg nr|dokumentnummer|referenznummer|"
    "numero de reservation|n de reservation|numero de document|n de document|numero de reference|"
    "boekingsnummer|reserveringsnummer|documentnummer|referentienummer|"
    "numero de reserva|localizador|numero de documento|numero de referencia|"
    "numero di prenotazione|numero documento|numero di riferimento|"
    "numer rezerwacji|numer dokumentu|nr dokumentu|numer referencyjny"
)
# A number that belongs to someone else: the customer's reference, an order's or a contract's.
_NOT_OUR_NUMBER = (
    r"(?:your|customer|client|kunden|ihre|ihr|votre|uw|su|vostro|sua|wasz|musteri|order|bestell|"
    r"commande|bestel|pedido|ordine|zamowienia|siparis)[\s\-]*\x00"
)

TOTAL = FieldSpec("total_amount", "amount", (
    _t("genel toplam|odenecek tutar|vergiler dahil toplam tutar|odenecek toplam|gesamtbetrag|"
       "rechnungsbetrag|endbetrag|gesamtsumme|zu zahlen|zahlbetrag|grand total|total due|amount due|"
       "balance due|total amount|invoice total|order total|total payable|total incl|"
       "total ttc|montant ttc|net a payer|somme a payer|total a payer|montant total|totaal incl|"
       "te betalen|totaalbedrag|factuur totaal|factuurbedrag|total a pagar|importe total|total factura|"
       "totale fattura|totale documento|totale da pagare|importo totale|naleznosc ogolem|"
       "razem do zaplaty|do zaplaty|wartosc brutto"),
    _t("toplam|gesamt|summe|total|betrag|totaal|totale|razem|suma", _NOT_TOTAL, 0.1),
), pick="last")

CURRENCY = FieldSpec("currency", "currency_code", (
    _t("para birimi|doviz cinsi|doviz|wahrung|currency|devise|valuta|moneda|divisa|waluta"),
))

# The payee's account, not one quoted in a direct-debit note ("... von Ihrem Konto IBAN ...
# eingezogen", "will be debited from IBAN ..."), which is the customer's.
IBAN = FieldSpec("iban", "iban", (
    _t("iban", r"\x00.*(?:eingezogen|abgebucht|lastschrift|mandat|debited|direct debit|otomatik odeme|"
               r"talimat|tahsil edilecek)|(?:ihrem|ihres|your|from)\s+(?:konto|account)?\s*\x01?\s*\x00"),
))

INVOICE: tuple[FieldSpec, ...] = (
    FieldSpec("invoice_number", "identifier", (
        _t("fatura no|fatura numarasi|fatura seri sira no|belge no|rechnungsnummer|rechnungs-nr|"
           "rechnungsnr|rechnung nr|invoice no|invoice number|invoice #|invoice id|inv no|"
           "numero de facture|facture n|facture no|n de facture|factuurnummer|factuurnr|factuur nr|"
           "factuur nummer|numero de factura|factura n|factura no|no de factura|numero fattura|fattura n|"
           "fattura nr|faktura nr|numer faktury|faktura vat nr|nr faktury|bill no|bill number"),
        _t("fatura|rechnung|invoice|facture|factuur|factura|fattura|faktura",
           r"\x00[\s.:]*(?:date|datum|tarihi|total|to\b|adresi|du\b|data|fecha|totaal|adres|aan|a\b|"
           r"an\b|pour|para|per|voor|dla|client|klant|cliente|consists|needs)", 0.15),
        # No invoice label at all: the number a booking confirmation, a hotel folio or a
        # billing document prints instead, behind every invoice label (a receipt-like invoice
        # says "Booking ID"; a customer's "your reference" or an order number is not it).
        _t(_DOCUMENT_NUMBER_LABELS, _NOT_OUR_NUMBER, 0.25),
    )),
    FieldSpec("invoice_date", "date", (
        _t("fatura tarihi|duzenleme tarihi|belge tarihi|rechnungsdatum|invoice date|date of issue|"
           "issue date|issued on|date issued|date de facture|date facture|date d emission|date de la facture|"
           "factuurdatum|factuur datum|fecha de factura|fecha de emision|fecha factura|fecha|"
           "data fattura|data di emissione|data documento|data wystawienia|data faktury"),
        _t("tarih|datum|date|data", _NOT_ISSUE_DATE, 0.1),
        # "Facture n° 562044387 du 02 juillet 2015": the date on the number's line.
        _t("facture n|factuur|invoice no|invoice number|rechnung nr|fattura n|factura n|faktura nr",
           None, 0.15),
    )),
    FieldSpec("due_date", "date", (
        _t("son odeme tarihi|vade tarihi|odeme tarihi|falligkeitsdatum|fallig am|fallig bis|"
           "zahlbar bis|zahlungsziel|due date|payment due|date due|pay by|date limite de paiement|"
           "date d echeance|echeance|a payer avant|vervaldatum|uiterste betaaldatum|fecha de vencimiento|"
           "vencimiento|data di scadenza|data scadenza|scadenza|termin platnosci|termin zaplaty"),
        _t("vade|fallig|due", None, 0.1),
    )),
    FieldSpec("vendor_name", "name", (
        _t("satici|saticI firma|duzenleyen|verkaufer|rechnungssteller|leistungserbringer|seller|"
           "vendor|supplier|bill from|issued by|sold by|verkauft von|vendu par|verkocht door|vendido por|"
           "venduto da|fournisseur|vendeur|emetteur|leverancier|verkoper|"
           "proveedor|vendedor|emisor|fornitore|venditore|cedente prestatore|sprzedawca|wystawca"),
        # "From:" as a caption, not "Greetings from ..." inside a sentence.
        _t("from", r"[a-z,]\s*\x00", 0.05),
    )),
    FieldSpec("vendor_tax_id", "tax_id", (
        _t("vkn|vergi kimlik no|vergi kimlik numarasi|vergi no|vergi numarasi|tckn|ust-idnr|ust-id|"
           "ust idnr|ust id nr|ustid|umsatzsteuer-id|umsatzsteuer-identifikationsnummer|steuernummer|"
           "steuer-nr|st.-nr|vat no|vat id|vat number|vat reg no|tax id|tax number|ein|tin|fein|"
           "n tva|numero de tva|tva intracommunautaire|tva intra|no tva|btw nummer|btw-nummer|btw nr|"
           "btw-id|btw|nif|cif|partita iva|p iva|piva|nip|gstin|vat",
           # the customer's number is not the issuer's ("Uw BTW nummer", "Your VAT no.")
           r"(?:^|\W)(?:uw|your|votre|ihre|kunden|client|klant|customer|buyer|cliente|alici|musteri)\W*\x00"),
    )),
    FieldSpec("customer_name", "name", (
        _t("sayin|alici|musteri adi|musteri|rechnungsempfanger|rechnungsadresse|kunde|empfanger|"
           "bill to|billed to|sold to|invoice to|customer|facture a|adresse de facturation|factuuradres|"
           "afnemer|facturar a|cessionario committente|nabywca|odbiorca"),
    )),
    CURRENCY,
    FieldSpec("subtotal", "amount", (
        # "before tax" wording first: some shops print their gross sum as "Subtotal".
        _t("mal hizmet toplam tutari|toplam mal hizmet|nettobetrag|summe netto|gesamt netto|nettosumme|"
           "net amount|total net|net total|total before tax|amount before tax|total excl|total ht|"
           "montant ht|total hors taxes|totaal excl|exclusief btw|excl btw|grondslag|base imponible|"
           "imponibile|totale imponibile|wartosc netto|razem netto"),
        _t("ara toplam|zwischensumme|netto|subtotal|sub total|sous-total|sous total|subtotaal"),
    ), pick="last"),
    FieldSpec("tax_amount", "amount", (
        _t(_TAX_LABELS, _TAX_ID_AFTER + r"|\x00[\s.\-]*(?:%\s*$|rate|orani|satz|\(?%?\s*$)"
           r"|(?:incl|inkl|dahil|excl|zzgl|haric|before|vor|inclusief|exclusief|compris|inclus)[\s.\-]*\x00|matrah"),
    ), pick="last"),
    FieldSpec("tax_rate", "rate", (
        _t(_TAX_LABELS + "|tax rate|vat rate|kdv orani|steuersatz", _TAX_ID_AFTER),
    ), pick="last"),
    TOTAL,
    IBAN,
    # EN16931 fields an e-invoice states (BT-48, BT-115, UBL-TR's ETTN); printed invoices
    # label them too, less often.
    FieldSpec("customer_tax_id", "tax_id", (
        _t("alici vkn|alici vergi no|musteri vkn|musteri vergi no|kunden-ust-idnr|kunden ust-id|"
           "ust-idnr des kunden|customer vat|customer vat no|customer vat number|buyer vat|"
           "buyer vat number|customer tax id|buyer tax id|tva client|n tva client|btw klant"),
    )),
    FieldSpec("amount_due", "amount", (
        _t("odenecek tutar|odenecek toplam|zu zahlen|zahlbetrag|amount due|balance due|total due|"
           "amount payable|net a payer|a payer|te betalen|importe a pagar|da pagare|do zaplaty"),
    ), pick="last"),
    FieldSpec("document_uuid", "identifier", (
        _t("ettn|uuid"),
    )),
)

PAYROLL: tuple[FieldSpec, ...] = (
    FieldSpec("employee_name", "name", (
        _t("personel adi soyadi|calisan adi soyadi|adi soyadi|ad soyad|isim soyisim|calisan|personel|"
           "mitarbeiter|arbeitnehmer|name des mitarbeiters|employee name|employee|name", None),
    )),
    FieldSpec("employee_id", "identifier", (
        _t("sicil no|sicil numarasi|personel no|personel numarasi|personalnummer|personal-nr|pers.-nr|"
           "pers-nr|mitarbeiternummer|mitarbeiter-nr|employee id|employee no|employee number|emp id|"
           "emp no|staff id|staff no"),
    )),
    FieldSpec("employer_name", "name", (
        _t("isveren|isyeri unvani|isyeri|sirket|firma|unvan|arbeitgeber|firma|employer|company"),
    )),
    FieldSpec("period", "period", (
        _t("bordro donemi|ait oldugu donem|odeme donemi|donem|abrechnungszeitraum|abrechnungsmonat|"
           "zeitraum|monat|pay period|payroll period|period|for the month of"),
    )),
    FieldSpec("gross_pay", "amount", (
        _t("brut ucret toplami|toplam brut|brut toplam|brut ucret|brut maas|brut kazanc|bruttolohn|"
           "bruttogehalt|gesamtbrutto|brutto gesamt|bruttobezuge|gross pay|gross earnings|total gross|"
           "gross salary|total earnings"),
        _t("brut|brutto|gross", None, 0.1),
    ), pick="last"),
    FieldSpec("deductions", "amount", (
        _t("toplam kesinti|kesintiler toplami|yasal kesintiler toplami|toplam yasal kesinti|"
           "summe abzuge|gesamtabzuge|abzuge gesamt|summe der abzuge|total deductions|deductions total"),
        _t("kesintiler|abzuge|deductions", None, 0.1),
    ), pick="last"),
    FieldSpec("net_pay", "amount", (
        _t("net odenen|odenecek net|net ucret|net maas|net odeme|auszahlungsbetrag|nettolohn|"
           "nettogehalt|nettobezuge|auszahlung|net pay|take home pay|net amount|amount paid"),
        _t("net|netto", r"\x00[\s\-]*(?:ucret|maas)?\s*$", 0.1),
    ), pick="last"),
    CURRENCY,
)

PURCHASE_ORDER: tuple[FieldSpec, ...] = (
    FieldSpec("po_number", "identifier", (
        _t("siparis no|siparis numarasi|satin alma siparisi no|bestellnummer|bestell-nr|bestellnr|"
           "auftragsnummer|auftrags-nr|po number|po no|po #|p.o. number|p.o. no|purchase order no|"
           "purchase order number|purchase order #|order number|order no"),
        _t("purchase order|bestellung|siparis", r"\x00[\s.:]*(?:date|datum|tarihi)", 0.15),
    )),
    FieldSpec("order_date", "date", (
        _t("siparis tarihi|bestelldatum|auftragsdatum|order date|po date|date of order|date ordered"),
        _t("tarih|datum|date", _NOT_ISSUE_DATE, 0.1),
    )),
    FieldSpec("buyer_name", "name", (
        _t("siparis veren|alici firma|alici|besteller|auftraggeber|buyer|ordered by|purchaser|bill to"),
    )),
    FieldSpec("supplier_name", "name", (
        _t("tedarikci firma|tedarikci|satici|lieferant|auftragnehmer|supplier|vendor|seller"),
    )),
    FieldSpec("delivery_date", "date", (
        _t("teslim tarihi|teslimat tarihi|termin tarihi|liefertermin|lieferdatum|liefertag|"
           "delivery date|deliver by|required by|required date|ship date|delivery by"),
    )),
    TOTAL,
    CURRENCY,
)

RECEIPT: tuple[FieldSpec, ...] = (
    FieldSpec("merchant_name", "name", (
        _t("isyeri|magaza|firma|geschaft|filiale|merchant|store"),
    )),
    FieldSpec("date", "date", (
        _t("tarih|datum|date|islem tarihi|belegdatum|kaufdatum|transaction date|fecha|data|"
           "bizdate|tanggal|tarikh"),
    )),
    # The shop's printed address (unlabelled on most slips: :mod:`.receipt` reads the head).
    FieldSpec("address", "address", (
        _t("adres|adresi|anschrift|adresse|address|direccion|indirizzo|adres sklepu"),
    )),
    TOTAL,
    CURRENCY,
)

BANK_STATEMENT: tuple[FieldSpec, ...] = (
    FieldSpec("account_holder", "name", (
        _t("hesap sahibi|hesap adi|musteri adi|kontoinhaber|inhaber|account holder|account name|"
           "customer name"),
        _t("musteri|kunde|name|customer", None, 0.1),
    )),
    IBAN,
    FieldSpec("period", "period", (
        _t("hesap donemi|ekstre donemi|donem|auszugszeitraum|abrechnungszeitraum|zeitraum|"
           "statement period|period covered|period|for the period"),
    )),
    FieldSpec("opening_balance", "amount", (
        _t("donem basi bakiye|devreden bakiye|acilis bakiyesi|onceki bakiye|baslangic bakiyesi|"
           "anfangssaldo|alter kontostand|alter saldo|saldo alt|opening balance|beginning balance|"
           "previous balance|balance forward|starting balance"),
    )),
    FieldSpec("closing_balance", "amount", (
        _t("donem sonu bakiye|kapanis bakiyesi|guncel bakiye|son bakiye|endsaldo|neuer kontostand|"
           "neuer saldo|saldo neu|closing balance|ending balance|new balance|final balance"),
    ), pick="last"),
)

SPECS: dict[str, tuple[FieldSpec, ...]] = {
    "invoice": INVOICE,
    "payroll_slip": PAYROLL,
    "purchase_order": PURCHASE_ORDER,
    "receipt": RECEIPT,
    "bank_statement": BANK_STATEMENT,
    "contract": (),
    "other": (),
}

FIELD_KINDS: dict[str, dict[str, str]] = {
    doc_type: {spec.name: spec.kind for spec in specs} for doc_type, specs in SPECS.items()
}
