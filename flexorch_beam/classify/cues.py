"""Cue words per document type in EN, TR, DE, FR, NL, ES, IT and PL, folded (see
:mod:`flexorch_beam.fields.fold`: lower case, Turkish i, diacritics removed, ß -> s).

Three strengths per type: **titles** (what a document calls itself: "Rechnung", "Factuur",
"Bordro", "Bon de commande"), **labels** only that type prints ("Net à payer",
"Factuurnummer", "Anfangssaldo"), and **generic** words that add up but never decide alone.
The vocabulary is the trade's own (payroll: earnings, deductions, YTD, FICA, Lohnsteuer,
SGK, cotisations, loonheffing, trattenute, ZUS...), not any one issuer's wording.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Cue:
    doc_type: str
    pattern: re.Pattern
    weight: float
    title: bool = False
    needle: str = ""  # the phrase's first word: a substring test skips most cues cheaply


def cues(doc_type: str, weight: float, words: str, title: bool = False) -> list[Cue]:
    """One cue per '|'-separated folded phrase, matched on word boundaries."""
    return [
        Cue(doc_type, re.compile(r"(?<![a-z0-9@./])" + re.escape(phrase.strip()).replace(r"\ ", r"[\s\-_]+")
                                 + r"(?![a-z0-9@])"), weight, title, phrase.strip().split(" ")[0])
        for phrase in words.split("|") if phrase.strip()
    ]


INVOICE = [
    *cues("invoice", 3.0,
          # EN / TR / DE / FR / NL / ES / IT / PL
          "invoice|commercial invoice|vat invoice|credit note|credit memo|debit note|"
          "fatura|e-fatura|e-arsiv fatura|e-arsiv|iade faturasi|"
          "rechnung|gutschrift|rechnungskorrektur|stornorechnung|"
          "facture|avoir|note de credit|facture d'avoir|"
          "factuur|creditnota|creditfactuur|"
          "factura|factura simplificada|nota de credito|"
          "fattura|nota di credito|"
          "faktura|faktura vat|faktura korygujaca|korekta faktury", title=True),
    *cues("invoice", 2.0,
          "invoice no|invoice number|invoice date|invoice #|invoice id|invoice total|bill to|billed to|"
          "fatura no|fatura numarasi|fatura tarihi|ettn|fatura tutari|son odeme tarihi|"
          "rechnungsnummer|rechnungsnr|rechnungsdatum|rechnungsbetrag|rechnungsempfanger|"
          "numero de facture|n de facture|date de facture|date d'echeance|montant ttc|total ttc|total ht|"
          "net a payer ttc|facture n|"
          "factuurnummer|factuurdatum|vervaldatum|totaal incl btw|totaal excl btw|te betalen|btw-nummer|"
          "numero de factura|n de factura|fecha de factura|fecha de vencimiento|base imponible|"
          "numero fattura|data fattura|imponibile|totale fattura|partita iva|scadenza|"
          "numer faktury|data wystawienia|do zaplaty|sprzedawca|nabywca|termin platnosci|"
          "kwota brutto|kwota netto|stawka vat"),
    *cues("invoice", 1.0,
          "subtotal|vat|sales tax|due date|payment due|amount due|net 30|payment terms|"
          "ara toplam|kdv|vergi dairesi|genel toplam|odenecek tutar|"
          "zwischensumme|mwst|ust|ust-idnr|fallig|zahlbar|nettobetrag|leistungsdatum|steuernummer|"
          "tva|echeance|hors taxes|"
          "btw|subtotaal|"
          "iva|importe|vencimiento|"
          "totale|"
          "nip|netto|brutto"),
]

RECEIPT = [
    *cues("receipt", 3.0,
          "receipt|sales receipt|customer receipt|cash receipt|official receipt|cash sale|cash bill|"
          "fis|satis fisi|makbuz|tahsilat makbuzu|"
          "kassenbon|kassenbeleg|quittung|beleg|"
          "ticket de caisse|recu|"
          "kassabon|kassaticket|"
          "ticket de compra|recibo|"
          "scontrino|ricevuta|"
          "paragon|paragon fiskalny|rachunek", title=True),
    *cues("receipt", 2.0,
          "change due|cash tendered|tendered|thank you for shopping|thank you for your purchase|"
          "thank you please come again|please come again|thank you come again|goods sold are not returnable|"
          "cashier|round adj|rounding adj|cash inv|cash invoice|cash sale|cash bill|served by|"
          "customer's copy|customer copy|"
          "para ustu|tesekkur ederiz|fis no|kasiyer|z no|eku no|"
          "ruckgeld|gegeben|bon-nr|beleg-nr|kasse|vielen dank fur ihren einkauf|"
          "rendu monnaie|merci de votre visite|caissier|"
          "wisselgeld|bedankt voor uw aankoop|"
          "cambio|gracias por su compra|"
          "resto|grazie e arrivederci|"
          "reszta|gotowka|dziekujemy"),
    *cues("receipt", 1.0,
          "cash|change|rounding|counter|card|visa|mastercard|terminal|qty|total|nakit|kredi karti|toplam|topkdv|summe|ec-karte|"
          "girocard|especes|contant|efectivo|contanti|karta|gst|sst"),
]

PAYROLL = [
    *cues("payroll_slip", 3.0,
          "payslip|pay slip|pay stub|paystub|pay statement|earnings statement|statement of earnings|"
          "salary slip|payroll statement|payroll register|payroll summary|payroll report|payroll|"
          "wage statement|advice of deposit|pay advice|direct deposit advice|salary statement|"
          "bordro|maas bordrosu|ucret bordrosu|ucret pusulasi|"
          "lohnabrechnung|gehaltsabrechnung|entgeltabrechnung|verdienstabrechnung|bezugeabrechnung|"
          "lohnjournal|lohnkonto|"
          "fiche de paie|bulletin de paie|bulletin de salaire|fiche de salaire|"
          "loonstrook|salarisstrook|loonspecificatie|salarisspecificatie|loonstaat|"
          "nomina|recibo de salarios|recibo de nomina|hoja de salario|"
          "busta paga|cedolino|cedolino paga|prospetto paga|libro unico|"
          "pasek wynagrodzen|pasek wyplaty|lista plac|odcinek wyplaty|karta wynagrodzen", title=True),
    *cues("payroll_slip", 2.0,
          "gross pay|net pay|gross earnings|total earnings|take home|take home pay|net salary|"
          "federal income tax|fed income tax|federal withholding|fica|oasdi|medicare tax|"
          "social security tax|state income tax|year to date|ytd gross|ytd net|pay date|check date|"
          "pay period|period beginning|period ending|regular pay|overtime pay|hourly rate|"
          "paye|national insurance|ni number|ni letter|taxable pay|employer's ni|superannuation|"
          "provident fund|professional tax|house rent allowance|basic salary|net salary payable|"
          "brut ucret|brut maas|net odenen|net ucret|sgk isci|sgk primi|isci payi|gelir vergisi|"
          "damga vergisi|issizlik|"
          "bruttolohn|bruttogehalt|gesamtbrutto|nettolohn|nettogehalt|nettoverdienst|auszahlungsbetrag|"
          "lohnsteuer|solidaritatszuschlag|kirchensteuer|rentenversicherung|krankenversicherung|"
          "arbeitslosenversicherung|pflegeversicherung|steuerklasse|sv-brutto|steuer-brutto|"
          "salaire brut|salaire net|net a payer|net a payer avant impot|cotisations salariales|"
          "cotisations patronales|csg|crds|net imposable|"
          "brutoloon|nettoloon|brutosalaris|nettosalaris|loonheffing|loonheffingskorting|vakantiegeld|"
          "salario bruto|salario neto|liquido a percibir|total devengado|total a deducir|devengos|"
          "retribuzione lorda|retribuzione netta|netto in busta|netto del mese|totale competenze|"
          "totale trattenute|trattenute|competenze|"
          "wynagrodzenie brutto|wynagrodzenie netto|do wyplaty|skladki zus|zaliczka na podatek"),
    *cues("payroll_slip", 1.0,
          "earnings|deductions|employee|employee id|employee no|employer|hours|rate|overtime|"
          "salary|wages|withholding|social security|medicare|401k|"
          "personel|sicil no|kesintiler|isveren|calisan|fazla mesai|maas|ucret|"
          "personalnummer|abzuge|arbeitgeber|mitarbeiter|gehalt|lohn|"
          "salarie|employeur|salaire|"
          "werknemer|werkgever|salaris|loon|"
          "empleado|empresa|salario|"
          "dipendente|datore di lavoro|stipendio|"
          "pracownik|pracodawca|wynagrodzenie"),
]

PURCHASE_ORDER = [
    *cues("purchase_order", 3.0,
          "purchase order|purchase requisition|order form|sales order|order confirmation|"
          "order acknowledgement|order change|"
          "satin alma siparisi|satinalma siparisi|siparis formu|siparis|"
          "bestellung|bestellschein|auftrag|auftragsbestatigung|bestellanderung|"
          "bon de commande|commande|confirmation de commande|"
          "inkooporder|bestelbon|bestelling|orderbevestiging|"
          "orden de compra|pedido|hoja de pedido|"
          "ordine di acquisto|ordine d'acquisto|ordine|conferma d'ordine|"
          "zamowienie|zamowienie zakupu|potwierdzenie zamowienia", title=True),
    *cues("purchase_order", 2.0,
          "po number|po no|po #|p.o. number|p.o. no|order number|order no|order date|delivery date|"
          "ship to|deliver to|requested by|requested delivery|please supply|"
          "siparis no|siparis numarasi|siparis tarihi|teslim tarihi|teslimat tarihi|teslimat adresi|"
          "bestellnummer|bestellnr|bestelldatum|liefertermin|lieferdatum|lieferadresse|wunschtermin|"
          "numero de commande|n de commande|date de commande|date de livraison|adresse de livraison|"
          "ordernummer|bestelnummer|besteldatum|leverdatum|afleveradres|"
          "numero de pedido|fecha de pedido|fecha de entrega|direccion de entrega|"
          "numero ordine|data ordine|data di consegna|indirizzo di consegna|"
          "numer zamowienia|data zamowienia|termin dostawy|adres dostawy"),
    *cues("purchase_order", 1.0,
          "supplier|vendor|buyer|purchasing|delivery terms|incoterms|"
          "tedarikci|alici|teslim sekli|lieferant|besteller|einkauf|lieferbedingungen|"
          "fournisseur|acheteur|livraison|leverancier|levering|proveedor|entrega|fornitore|consegna|"
          "dostawca|dostawa"),
]

BANK_STATEMENT = [
    *cues("bank_statement", 3.0,
          "bank statement|account statement|statement of account|"
          "hesap ozeti|hesap ekstresi|kontoauszug|kontoubersicht|"
          "releve de compte|releve bancaire|extrait de compte|"
          "rekeningafschrift|bankafschrift|"
          "extracto bancario|extracto de cuenta|"
          "estratto conto|"
          "wyciag bankowy|wyciag z rachunku", title=True),
    *cues("bank_statement", 2.0,
          "opening balance|closing balance|beginning balance|ending balance|previous balance|"
          "donem basi bakiye|donem sonu bakiye|devreden bakiye|acilis bakiyesi|kapanis bakiyesi|"
          "anfangssaldo|endsaldo|alter kontostand|neuer kontostand|alter saldo|neuer saldo|buchungstag|"
          "wertstellung|"
          "solde initial|solde final|ancien solde|nouveau solde|solde crediteur|"
          "beginsaldo|eindsaldo|vorig saldo|nieuw saldo|"
          "saldo inicial|saldo final|saldo anterior|"
          "saldo iniziale|saldo finale|saldo contabile|"
          "saldo poczatkowe|saldo koncowe"),
    *cues("bank_statement", 1.0,
          "balance|withdrawal|deposit|account number|statement period|transactions|"
          "bakiye|islem tarihi|hesap no|saldo|lastschrift|uberweisung|kontonummer|umsatze|"
          "virement|prelevement|overschrijving|transferencia|bonifico|przelew"),
]

CONTRACT = [
    *cues("contract", 3.0,
          "agreement|contract|service agreement|employment contract|lease agreement|"
          "sozlesme|sozlesmesi|sozlesmesidir|"
          "vertrag|mietvertrag|arbeitsvertrag|dienstleistungsvertrag|"
          "contrat|contrat de travail|contrat de bail|"
          "overeenkomst|contract|arbeidsovereenkomst|huurovereenkomst|"
          "contrato|contrato de trabajo|"
          "contratto|contratto di lavoro|"
          "umowa|umowa o prace", title=True),
    *cues("contract", 2.0,
          "hereinafter|whereas|the parties|parties agree|in witness whereof|governing law|"
          "term of this agreement|taraflar|isbu sozlesme|vertragsparteien|vertragslaufzeit|"
          "ci-apres denomme|les parties|hierna te noemen|partijen|en lo sucesivo|las partes|"
          "di seguito denominato|le parti|zwana dalej|strony umowy"),
    *cues("contract", 1.0,
          "article|clause|obligations|confidentiality|termination|effective date|liability|"
          "madde|fesih|kundigung|pflichten|resiliation|opzegging|rescision|recesso|wypowiedzenie"),
]

# Letters (notices, cover letters, e-mails) are "other" unless a document type speaks
# louder: a salutation and a closing formula are evidence for "other".
OTHER = [
    *cues("other", 3.0, "dear|sehr geehrte|sehr geehrter|sayin|degerli|liebe|lieber|"
          "madame, monsieur|chere madame|cher monsieur|geachte|beste|estimado|estimada|"
          "gentile|egregio|szanowny|szanowna|szanowni"),
    *cues("other", 3.0, "sincerely|yours faithfully|kind regards|best regards|regards|"
          "mit freundlichen grusen|mit freundlichen grussen|saygilarimizla|saygilarimla|hochachtungsvoll|"
          "cordialement|salutations distinguees|met vriendelijke groet|hoogachtend|"
          "atentamente|saludos cordiales|cordiali saluti|distinti saluti|z powazaniem|pozdrawiam"),
]

CUES: list[Cue] = INVOICE + RECEIPT + PAYROLL + PURCHASE_ORDER + BANK_STATEMENT + CONTRACT + OTHER
