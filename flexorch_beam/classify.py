"""Document type: weighted keyword and structure cues in EN/TR/DE, and a calibrated confidence.

How it decides. Text is folded (see :mod:`flexorch_beam.fields.fold`: case, Turkish i,
diacritics), so "E-ARŞİV FATURA", "e-Arsiv Fatura" and an OCR'd "e-arsiv fatura" are the same.
Each type has cues with weights:

* **titles** ("Fatura", "Rechnung", "Invoice", "Bordro", "Lohnabrechnung", "Payslip",
  "Sipariş Formu", "Bestellung", "Purchase Order", "Kontoauszug", "Sözleşme", ...) count
  three times their weight in the document's head (first lines), where a document states
  what it is, and a third of it in the body, where an invoice may well mention "your
  purchase order" and a report "the receipt of comments";
* **labels** that only that type prints ("Fatura Tarihi", "Net Ödenen", "Anfangssaldo",
  "Bill To", "Delivery Date", "Para Üstü", ...), each counted at most twice;
* generic words ("total", "employee", "balance") add up but never decide alone: a type
  needs at least one strong cue (a title in the head, a type-specific label, a UBL root, or
  clear structure) to score above :data:`MIN_SCORE`;
* **structure**: UBL root elements (``<Invoice xmlns="urn:oasis:...:Invoice-2">``, ``Order-2``,
  ``CreditNote-2``), many dated amount rows (statements), numbered clauses or § paragraphs
  (contracts).

Confidence. With s1 >= s2 the two best scores, the confidence is
``separation * evidence`` where ``separation = softmax(scores / T)[best]`` (how clearly the
winner beats the others) and ``evidence = 1 - exp(-s1 / K)`` (how much was seen at all: a
title plus a few labels saturates it). T and K were set on the generated corpus by reading
its reliability table (per confidence bin: mean confidence against share correct) and its
expected calibration error, 0.034 on the tuned corpus and 0.045 on a hold-out
(``bench/accuracy.py``, bench/RESULTS.md). That corpus has almost no classification errors,
so the table mostly guards against under-confidence; "other" decided only by letter formulas
(salutation, closing) is deliberately kept around 0.75, the weakest evidence we accept. Below
:data:`MIN_SCORE` nothing is convincing and the type is ``other``, with confidence
``1 - evidence``, capped at 0.9 (a text with no cue at all is fairly surely "other").
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from flexorch_beam.config import ProcessingConfig
from flexorch_beam.fields.fold import fold
from flexorch_beam.language import detect_language
from flexorch_beam.record import Execution, evolve

DOC_TYPES: tuple[str, ...] = (
    "invoice", "payroll_slip", "purchase_order", "receipt", "bank_statement", "contract", "other",
)

HEAD_CHARS = 400  # the "head": where titles are printed
# A document shows its type in its first pages; cue scans cost time linear in the text, so
# only this much is scored.
CLASSIFY_CHARS = 30_000
HEAD_LINES = 8
TITLE_HEAD_FACTOR = 3.0
MAX_COUNT = 2
TEMPERATURE = 1.5
EVIDENCE_SCALE = 3.0
MIN_SCORE = 3.0
OTHER_CAP = 0.9  # "no cue at all" is good evidence for other, not proof


@dataclass(frozen=True)
class Cue:
    doc_type: str
    pattern: re.Pattern
    weight: float
    title: bool = False


def _cues(doc_type: str, weight: float, words: str, title: bool = False) -> list[Cue]:
    """One cue per '|'-separated folded phrase, matched on word boundaries."""
    return [
        Cue(doc_type, re.compile(r"(?<![a-z0-9@./])" + phrase.strip().replace(" ", r"[\s\-_]*") + r"(?![a-z0-9@])"),
            weight, title)
        for phrase in words.split("|")
    ]


CUES: list[Cue] = [
    # invoice
    *_cues("invoice", 3.0, "fatura|e-fatura|e-arsiv fatura|e-arsiv|rechnung|invoice|tax invoice|"
           "facture|factura|fattura|faktura|commercial invoice", title=True),
    *_cues("invoice", 2.0, "fatura no|fatura numarasi|fatura tarihi|rechnungsnummer|rechnungsnr|"
           "rechnungsdatum|invoice no|invoice number|invoice date|invoice #|ettn|rechnungsbetrag|"
           "invoice total|fatura tutari|son odeme tarihi|rechnungsempfanger|bill to|billed to"),
    *_cues("invoice", 1.0, "ara toplam|zwischensumme|subtotal|kdv|mwst|ust|ust-idnr|vat|sales tax|"
           "vergi dairesi|due date|payment due|fallig|zahlbar|odenecek tutar|amount due|"
           "genel toplam|nettobetrag|leistungsdatum|steuernummer|net 30"),
    # payroll slip
    *_cues("payroll_slip", 3.0, "bordro|maas bordrosu|ucret bordrosu|lohnabrechnung|gehaltsabrechnung|"
           "entgeltabrechnung|payslip|pay slip|pay stub|paystub|earnings statement|salary slip|"
           "payroll statement", title=True),
    *_cues("payroll_slip", 2.0, "brut ucret|brut maas|net odenen|net ucret|sgk isci|sgk primi|"
           "isci payi|gelir vergisi|damga vergisi|issizlik|bruttolohn|bruttogehalt|nettolohn|"
           "nettogehalt|auszahlungsbetrag|lohnsteuer|solidaritatszuschlag|sozialversicherung|"
           "rentenversicherung|krankenversicherung|gross pay|net pay|gross earnings|"
           "federal income tax|year to date|ytd|take home"),
    *_cues("payroll_slip", 1.0, "personel|sicil no|personalnummer|employee id|employee no|"
           "pay period|pay date|abrechnungszeitraum|deductions|abzuge|kesintiler|employer|"
           "arbeitgeber|isveren|calisan|mitarbeiter|employee|steuerklasse|overtime|fazla mesai|"
           "social security|medicare"),
    # purchase order
    *_cues("purchase_order", 3.0, "purchase order|satin alma siparisi|siparis formu|satinalma siparisi|"
           "bestellung|auftrag|bestellschein|order form|siparis", title=True),
    *_cues("purchase_order", 2.0, "po number|po no|po #|p.o. number|order number|siparis no|"
           "siparis numarasi|siparis tarihi|bestellnummer|bestellnr|bestelldatum|order date|"
           "delivery date|teslim tarihi|teslimat tarihi|liefertermin|lieferdatum|ship to|"
           "deliver to|teslimat adresi|lieferadresse|requested by|wunschtermin"),
    *_cues("purchase_order", 1.0, "supplier|vendor|tedarikci|lieferant|buyer|alici|besteller|"
           "einkauf|purchasing|satin alma|please supply|lutfen|bitte liefern|delivery terms|"
           "teslim sekli|lieferbedingungen|incoterms"),
    # receipt
    *_cues("receipt", 3.0, "receipt|sales receipt|customer receipt|fis|satis fisi|makbuz|"
           "kassenbon|kassenbeleg|quittung|beleg|tahsilat makbuzu", title=True),
    *_cues("receipt", 2.0, "para ustu|ruckgeld|change due|cash tendered|thank you for shopping|"
           "thank you for your purchase|tesekkur ederiz|vielen dank fur ihren einkauf|"
           "fis no|bon-nr|beleg-nr|kasse|kasiyer|cashier|z no|eku no"),
    *_cues("receipt", 1.0, "nakit|cash|kredi karti|ec-karte|girocard|visa|mastercard|terminal|"
           "toplam|summe|total|topkdv|gegeben|tendered|card"),
    # bank statement
    *_cues("bank_statement", 3.0, "hesap ozeti|hesap ekstresi|kontoauszug|bank statement|"
           "account statement|statement of account|kontoubersicht", title=True),
    *_cues("bank_statement", 2.0, "opening balance|closing balance|beginning balance|ending balance|"
           "donem basi bakiye|donem sonu bakiye|devreden bakiye|acilis bakiyesi|kapanis bakiyesi|"
           "anfangssaldo|endsaldo|alter kontostand|neuer kontostand|alter saldo|neuer saldo|"
           "account holder|hesap sahibi|kontoinhaber|buchungstag|valuta|wertstellung"),
    *_cues("bank_statement", 1.0, "bakiye|saldo|balance|withdrawal|deposit|lastschrift|gutschrift|"
           "uberweisung|eft|havale|islem tarihi|transactions|islemler|umsatze|account number|"
           "hesap no|kontonummer|statement period"),
    # contract
    *_cues("contract", 3.0, "sozlesme|sozlesmesi|sozlesmesidir|vertrag|mietvertrag|arbeitsvertrag|"
           "dienstleistungsvertrag|agreement|contract|service agreement|employment contract|"
           "lease agreement", title=True),
    *_cues("contract", 2.0, "taraflar|isbu sozlesme|hereinafter|whereas|the parties|parties agree|"
           "vertragsparteien|zwischen|in witness whereof|governing law|fesih|kundigung|"
           "vertragslaufzeit|term of this agreement|yururluk|inkrafttreten|imza|unterschrift|"
           "signature|signed"),
    *_cues("contract", 1.0, "madde|article|clause|paragraf|obligations|yukumlulukler|pflichten|"
           "confidentiality|gizlilik|vertraulichkeit|termination|effective date|liability"),
]

# Letters (notices, cover letters) are "other" unless a document type speaks louder: a
# salutation and a closing formula are evidence for "other", not just absence of evidence.
CUES += [
    *_cues("other", 3.0, "dear|sehr geehrte|sehr geehrter|sayin|degerli|liebe|lieber"),
    *_cues("other", 3.0, "sincerely|yours faithfully|kind regards|best regards|mit freundlichen grusen|mit freundlichen grussen|"
           "saygilarimizla|saygilarimla|hochachtungsvoll"),
]

_UBL = [
    ("invoice", re.compile(r"<(?:\w+:)?invoice\b[^>]*ubl:schema:xsd:invoice-2", re.S), 12.0),
    ("invoice", re.compile(r"<(?:\w+:)?creditnote\b[^>]*ubl:schema:xsd:creditnote-2", re.S), 8.0),
    ("purchase_order", re.compile(r"<(?:\w+:)?order\b[^>]*ubl:schema:xsd:order-2", re.S), 12.0),
]
_CLAUSE = re.compile(r"(?m)^\s*(?:madde\s+\d+|§\s*\d+|article\s+\d+|artikel\s+\d+|\d{1,2}\.\s+[a-z])")
_LEGAL_CLAUSE = re.compile(r"(?m)^\s*(?:madde\s+\d+|§\s*\d+|article\s+\d+|artikel\s+\d+)")
_TXN_ROW = re.compile(
    r"(?m)^.{0,12}\d{1,4}[./-]\d{1,2}[./-]\d{2,4}.{3,}?-?\d[\d.,]*[.,]\d{2}\b.*-?\d[\d.,]*[.,]\d{2}\b"
)
_AMOUNT = re.compile(r"\d[.,]\d{2}(?!\d)")


def head_of(folded: str) -> int:
    """End offset of the head: the first HEAD_LINES non-empty lines, at most HEAD_CHARS."""
    count = 0
    for m in re.finditer(r"[^\n]*\S[^\n]*", folded):
        count += 1
        if count >= HEAD_LINES or m.end() >= HEAD_CHARS:
            return min(m.end(), HEAD_CHARS)
    return min(len(folded), HEAD_CHARS)


def score_types(text: str) -> dict[str, float]:
    """Raw cue scores per type (``other`` scores letter formulas)."""
    folded = fold(text)
    head = head_of(folded)
    scores = {t: 0.0 for t in DOC_TYPES}
    strong: set[str] = {"other"}
    for cue in CUES:
        matches = cue.pattern.finditer(folded)
        count = 0
        in_head = False
        for m in matches:
            count += 1
            in_head = in_head or m.start() < head
            if count >= MAX_COUNT and (in_head or not cue.title):
                break
        if not count:
            continue
        if cue.title:
            # A title says what the document is only where titles stand; in the body it is
            # a mention ("see the attached invoice") and counts a third.
            weight = cue.weight * TITLE_HEAD_FACTOR if in_head else cue.weight / 3 * min(count, MAX_COUNT)
        else:
            weight = cue.weight * min(count, MAX_COUNT)
        if cue.weight >= 2 and (in_head or not cue.title):
            strong.add(cue.doc_type)
        scores[cue.doc_type] += weight
    for doc_type, pattern, weight in _UBL:
        if pattern.search(folded[:4000]):
            scores[doc_type] += weight
            strong.add(doc_type)
    clauses = len(_CLAUSE.findall(folded))
    amounts = len(_AMOUNT.findall(folded))
    if clauses >= 4 and amounts < clauses:
        scores["contract"] += min(clauses, 10) * 0.5
        if len(_LEGAL_CLAUSE.findall(folded)) >= 3:  # plain numbered lists are in every report
            strong.add("contract")
    rows = len(_TXN_ROW.findall(folded))
    if rows >= 3:
        scores["bank_statement"] += min(rows, 10) * 0.5
        if rows >= 6:
            strong.add("bank_statement")
    # Generic vocabulary alone ("total", "employee", "balance") convinces of nothing.
    for doc_type in scores:
        if doc_type != "other" and doc_type not in strong:
            scores[doc_type] = min(scores[doc_type], MIN_SCORE - 0.5)
    return scores


def calibrate(scores: dict[str, float]) -> tuple[str, float]:
    """(doc_type, confidence) from raw scores; see the module docstring."""
    ranked = sorted(scores.items(), key=lambda item: (-item[1], DOC_TYPES.index(item[0])))
    best_type, best = ranked[0]
    evidence = 1.0 - math.exp(-best / EVIDENCE_SCALE)
    if best < MIN_SCORE:
        return "other", round(min(OTHER_CAP, 1.0 - evidence), 4)
    exps = [math.exp((s - best) / TEMPERATURE) for _, s in ranked]
    separation = 1.0 / sum(exps)
    return best_type, round(separation * evidence, 4)


def classify_text(text: str) -> tuple[str, float]:
    """The document type of ``text`` and its calibrated confidence."""
    if not text or not text.strip():
        return "other", 0.0
    return calibrate(score_types(text[:CLASSIFY_CHARS]))


def classify_execution(execution: Execution, config: ProcessingConfig) -> Execution:
    """The Classify step: language and document type, with their confidences."""
    text = execution.text or ""
    language, language_confidence = detect_language(text)
    doc_type, confidence = classify_text(text)
    return evolve(
        execution,
        language=language,
        language_confidence=language_confidence,
        doc_type=doc_type,
        doc_type_confidence=confidence,
    )
