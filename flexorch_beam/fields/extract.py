"""Rule-based field extraction for one document: labels first, then layout fallbacks.

Order of evidence per field: a specific label (confidence from where the value sat: same
line 0.9, next cell 0.88, same column 0.85, line below 0.8), a generic label (minus a small
penalty), then a layout fallback (document currency from the marks next to the total;
vendor/employer/merchant from the letterhead; the only IBAN in the text; the first date or
month in the head) at 0.6-0.7. Cross-checks (:mod:`.checks`) adjust confidences afterwards.
"""
from __future__ import annotations

import re
from typing import Optional, Sequence

from flexorch_beam.fields import currency as currency_mod
from flexorch_beam.fields import dates, ids, layout, locale, parsers, party, receipt
from flexorch_beam.fields.fold import fold
from flexorch_beam.fields.rules import Lines, first_value
from flexorch_beam.fields.specs import SPECS, FieldSpec
from flexorch_beam.fields.ubl import extract_ubl

Values = dict[str, tuple[str, float]]  # name -> (normalised value, confidence)

HEAD_LINES = 12
FALLBACK_CONFIDENCE = 0.65
LANGUAGE_CURRENCY = {"tr": "TRY", "de": "EUR"}
# Second-pass cost: an invalid checksum leaves the value well below the warning line.
LENIENT_PENALTY = {"amount": 0.1, "iban": 0.5, "tax_id": 0.5}


def _parser(kind: str, lang: Optional[str], order: str, lenient: bool = False):  # noqa: ANN202
    function = getattr(parsers, kind)
    if lenient:
        return lambda raw: function(raw, lang, order, lenient=True)
    return lambda raw: function(raw, lang, order)


def run_spec(spec: FieldSpec, lines: Lines, lang: Optional[str], order: str) -> Optional[tuple[str, float]]:
    """Tiers in order; amounts, IBANs and tax ids get a second, lenient pass (an amount
    whose currency sign OCR misread, an id that fails its checksum) at lower confidence."""
    passes = (False, True) if spec.kind in LENIENT_PENALTY else (False,)
    for lenient in passes:
        parse = _parser(spec.kind, lang, order, lenient)
        for pattern, reject, penalty in spec.compiled:
            found = first_value(lines, pattern, parse, reject, spec.pick, True, spec.kind == "iban",
                                spec.kind == "amount")
            if found is not None:
                cost = LENIENT_PENALTY[spec.kind] if lenient else 0.0
                return found[0], round(found[1] - penalty - cost, 3)
    return None


AMOUNT_KINDS = frozenset({"amount", "rate"})
RECEIPT_HEAD_CONFIDENCE = 0.7
RECEIPT_TOTAL_CONFIDENCE = 0.85


def extract_rules(
    text: str, doc_type: str, lang: Optional[str], fmt: Optional[str] = None, words: Sequence = ()
) -> Values:
    """Every field of ``doc_type`` the rules can find in ``text`` (``fmt``: the sniffed format).

    ``words`` (the first pages' word boxes, :mod:`flexorch_beam.extract.words`) add a second
    view of the same document: the page rendered as it looks (:mod:`.layout`), read first,
    so a value under its label or across a wide gap is found; the text is the fallback.
    How the document writes amounts and dates is decided once (:mod:`.locale`)."""
    specs = SPECS.get(doc_type, ())
    if not specs:
        return {}
    lines = Lines.of(text)
    document_locale = locale.decide(text, lang)
    order = document_locale.order
    amount_lang = document_locale.amount_lang or lang
    views = [Lines.of(layout.render(words)), lines] if words else [lines]
    values: Values = extract_ubl(text, doc_type, lang)
    if doc_type == "receipt":
        _receipt_head(values, views[0], amount_lang)
    for spec in specs:
        if spec.name in values:
            continue
        spec_lang = amount_lang if spec.kind in AMOUNT_KINDS else lang
        for view in views:
            found = run_spec(spec, view, spec_lang, order)
            if found is not None:
                values[spec.name] = found
                break
    if doc_type == "invoice" and "vendor_name" not in values and not (fmt == "xml" and text.startswith("UBL ")):
        found_issuer = party.issuer(views[0], words)
        if found_issuer:
            values["vendor_name"] = (found_issuer, FALLBACK_CONFIDENCE + 0.05)
    _fallbacks(values, doc_type, text, lines, lang, order, fmt, views[0])
    return values


def _fuller(candidate: str, name: str) -> bool:
    """Does ``candidate`` hold every word of ``name`` and more ("Corner Shop" / "Shop")?"""
    have, want = fold(candidate).split(), fold(name).split()
    return len(have) > len(want) and all(word in have for word in want)


def _receipt_head(values: Values, lines: Lines, lang: Optional[str]) -> None:
    """A till receipt's unlabelled shop name, address and total (:mod:`.receipt`)."""
    company, address, by_form = receipt.company_and_address(lines)
    letterhead = _letterhead(lines, exclude=set(), join_wrapped=True)
    if letterhead and (not by_form or (company and _fuller(letterhead, company))):
        # Without a company form the letterhead rules (titles, captions, wrapped names) are
        # the better judge; with one, the letterhead wins only when it rejoined the same name.
        company = letterhead
    if company:
        values["merchant_name"] = (company, RECEIPT_HEAD_CONFIDENCE)
    if address:
        values["address"] = (address, RECEIPT_HEAD_CONFIDENCE - 0.05)
    total = receipt.largest_total(lines, lang)
    if total:
        values["total_amount"] = (total, RECEIPT_TOTAL_CONFIDENCE)


def _fallbacks(
    values: Values, doc_type: str, text: str, lines: Lines, lang: Optional[str], order: str, fmt: Optional[str],
    page: Optional[Lines] = None,
) -> None:
    """``page``: the layout view when there are word boxes (the letterhead is read from the
    page's top as it looks, not from a reading order that may start with a table)."""
    names = {spec.name for spec in SPECS[doc_type]}
    if "currency" in names and "currency" not in values:
        code = _currency_near_total(text, lines) or currency_mod.dominant_currency(text)
        if code:
            values["currency"] = (code, FALLBACK_CONFIDENCE + 0.1)
        elif lang in LANGUAGE_CURRENCY:
            # No mark survived (OCR reads "₺" as "#", "%", "&"): the language's home currency,
            # flagged low so it is reviewed or asked of the LLM.
            values["currency"] = (LANGUAGE_CURRENCY[lang], 0.45)
    if "iban" in names and "iban" not in values and "iban" not in lines.folded:
        # Unlabelled only: where an "IBAN" label exists, its rule (with the direct-debit
        # exclusion) has already decided.
        found = ids.find_iban(text)
        if found is not None and found[2]:
            values["iban"] = (found[1], FALLBACK_CONFIDENCE + 0.1)
    party = {"invoice": "vendor_name", "payroll_slip": "employer_name", "receipt": "merchant_name",
             "purchase_order": "buyer_name"}.get(doc_type)
    # UBL is rendered as element-path lines (read by path), not as a page with a letterhead;
    # any other XML is rendered like the printed document (extract/web.py).
    if party and party not in values and not (fmt == "xml" and text.startswith("UBL ")):
        found_name = _letterhead(page or lines, exclude={v for v, _ in values.values()},
                                 join_wrapped=doc_type == "receipt")
        if found_name:
            values[party] = (found_name, FALLBACK_CONFIDENCE)
    if "invoice_number" in names and "invoice_number" not in values:
        found_number = _hash_number(page or lines)
        if found_number:
            values["invoice_number"] = (found_number, FALLBACK_CONFIDENCE - 0.05)
    for date_field in ("invoice_date", "order_date", "date"):
        if date_field in names and date_field not in values:
            # A receipt prints its date anywhere on the slip; other documents in the head.
            head_lines = len(lines.starts) if doc_type == "receipt" else HEAD_LINES * 2
            head = "\n".join(lines.line(i) for i in range(min(len(lines.starts), head_lines)))
            found_dates = dates.find_dates(head, lang, order)
            if found_dates:
                values[date_field] = (found_dates[0][2].isoformat(), FALLBACK_CONFIDENCE)
    if "period" in names and "period" not in values:
        head = "\n".join(lines.line(i) for i in range(min(len(lines.starts), HEAD_LINES)))
        found_period = dates.normalise_period(head, lang, order)
        if found_period:
            values["period"] = (found_period, FALLBACK_CONFIDENCE - 0.05)


_MAX_TOTAL_LINES = 50
_HASH_NUMBER = re.compile(r"^#\s?([A-Za-z0-9][\w\-/.]{1,39})$")


def _hash_number(lines: Lines) -> Optional[str]:
    """An unlabelled "# INV-0042" standing alone in its cell in the head of the page, as
    invoice templates print the number under a large title (which OCR may have lost)."""
    for i in range(min(len(lines.starts), HEAD_LINES)):
        for cell in re.split(r"\t|\s\|\s|\s{3,}", lines.line(i).strip()):
            found = _HASH_NUMBER.match(cell.strip())
            if found and any(c.isdigit() for c in found.group(1)):
                return found.group(1).rstrip(".")
    return None


def _currency_near_total(text: str, lines: Lines) -> Optional[str]:
    """The currency printed on the total's line (or the line after it)."""
    for pattern in (r"genel toplam|odenecek|gesamtbetrag|zu zahlen|grand total|total due|amount due|"
                    r"net odenen|auszahlung|net pay|toplam|summe|total|saldo|bakiye|balance",):
        # The last total counts most; a few hundred of them are plenty (linear-time bound).
        for m in reversed(list(re.finditer(pattern, lines.folded))[-_MAX_TOTAL_LINES:]):
            index = lines.line_at(m.start())
            for j in (index, index + 1):
                if j < len(lines.starts):
                    start, end = lines.span(j)
                    if j == index:  # a window around the label on a very long line
                        start, end = max(start, m.start() - 240), min(end, m.end() + 240)
                    code = currency_mod.normalise_currency(lines.text[start:end][:480])
                    if code:
                        return code
    return None


_DOC_TITLES = (
    r"e-?arsiv fatura|e-?arsiv|e-?fatura|fatura|rechnung|invoice|tax invoice|bordro|maas bordrosu|"
    r"ucret bordrosu|lohnabrechnung|gehaltsabrechnung|entgeltabrechnung|payslip|pay stub|"
    r"earnings statement|purchase order|satin alma siparisi|satin alma|siparis formu|siparis|"
    r"bestellung|auftrag|receipt|sales receipt|customer receipt|fis|satis fisi|makbuz|kassenbon|"
    r"quittung|beleg|hesap ozeti|hesap ekstresi|hesap|kontoauszug|bank statement|account statement"
)
_TITLE_WORDS = re.compile(
    r"^(?:" + _DOC_TITLES + r"|from|to|subject|date|cc|konu|kimden|kime|betreff|von|an|tarih|datum|"
    r"attachments|ekler|anlagen|dear|hello|hi|guten tag|hallo|sehr geehrte|liebe|sayin|merhaba|"
    r"degerli|anbei|ekte|attached|please|lutfen|bitte)\b"
)
_LONE_TITLE = re.compile(r"^(?:" + _DOC_TITLES + r")\W*$")


LETTERHEAD_WINDOW = 24


_LABEL_VALUE = re.compile(r"^\s*[^\W\d][^:|\t]{0,40}:(?:\s|$)")


def _head_candidates(lines: Lines, start: int, stop: int, exclude: set[str]) -> list[tuple[int, str]]:
    """(line index, name) of every name-like cell in lines ``start``..``stop``."""
    candidates: list[tuple[int, str]] = []
    for i in range(start, stop):
        raw = lines.line(i)
        words = raw.split()
        if (re.fullmatch(r"\s*[=\-_*]{3,}\s*", raw) or raw.rstrip().endswith(",") or len(words) > 8
                or sum(w[:1].islower() for w in words) >= 3 or _LABEL_VALUE.match(raw)
                or len(re.split(r"\t|\s\|\s|\s{3,}", raw.strip())) >= 3):
            continue  # underlines, salutations, sentences, "Label: value" rows, table rows
        for cell in re.split(r"\t|\s\|\s|\s{3,}", raw):
            cell = cell.strip()
            if not cell or cell.endswith(":") or _TITLE_WORDS.match(fold(cell)):
                continue
            parsed = parsers.name(cell, None, "dmy")
            if parsed and parsed not in exclude:
                candidates.append((i, parsed))
    return candidates


# Words that make a line an address, not the rest of a shop's name: German street words end
# a compound ("Bahnhofstraße"), the others stand alone ("Cad.", "Street", "No").
_ADDRESS_WORDS = re.compile(
    r"(?:stra(?:ss|s|b)e|str\.?|weg|platz|allee|gasse|ring|damm|ufer|chaussee)$"
    r"|^(?:cad\.?|caddesi|sok\.?|sokak|sokagi|mah\.?|mahallesi|bulvari|blv\.?|street|st\.|road|rd\.|"
    r"avenue|ave\.?|lane|ln\.|blvd\.?|drive|dr\.|suite|apt\.?|floor|kat|no\.?|postfach|p\.?o\.?)$"
)
# Section captions that follow a name in rendered XML/HTML ("Corner Shop" / "Contact").
_CAPTIONS = re.compile(
    r"^(?:contact|kontakt|iletisim|party|details|info|information|bilgi|bilgileri|branch|filiale|sube|"
    r"magaza|store|merchant|seller|supplier|items|artikel|urunler|summary|ozet|header|kopf)\b"
)
_CONNECTORS = frozenset("& + und and ve - / et".split())
MAX_WRAPPED_HEAD_WORDS = 2
MAX_CONTINUATION_WORDS = 3


def _title_case_words(text: str) -> bool:
    words = text.split()
    return bool(words) and all(w[:1].isupper() or w in _CONNECTORS for w in words) and words[-1] not in _CONNECTORS


def _continuation(line: str) -> bool:
    """Could ``line`` be the second half of a name a narrow layout wrapped? Not when it is an
    address, phone, date, label, title or e-mail line, or anything with digits."""
    text = line.strip()
    words = text.split()
    if not 1 <= len(words) <= MAX_CONTINUATION_WORDS or any(c.isdigit() for c in text):
        return False
    if ":" in text or "@" in text or "/" in text or not _title_case_words(text):
        return False
    folded = fold(text).strip()
    if _LONE_TITLE.match(folded) or _TITLE_WORDS.match(folded) or _CAPTIONS.match(folded):
        return False
    if any(_ADDRESS_WORDS.search(word) for word in folded.split()):
        return False
    return parsers.name(text, None, "dmy") == text


def _join_wrapped(lines: Lines, index: int, name: str) -> str:
    """``name`` plus the next line when a narrow receipt wrapped the shop's name ("Schuster"
    / "Lebensmittel"): only for a short title-case line that is the whole of its line, and
    a continuation that is not an address, phone, date or label line."""
    words = name.split()
    if lines.line(index).strip() != name or len(words) > MAX_WRAPPED_HEAD_WORDS or not _title_case_words(name):
        return name
    if index + 1 >= len(lines.starts):
        return name
    following = lines.line(index + 1)
    if not _continuation(following):
        return name
    return f"{name} {following.strip()}"


def _letterhead(lines: Lines, exclude: set[str], join_wrapped: bool = False) -> Optional[str]:
    """The issuing party: the first name-like line near the top that is not a title, a mail
    header, a salutation, a sentence, a label or a table row. Lines above a title that
    stands alone ("KASSENBON" under the shop's name) come first; if there is none there (an
    e-mail whose greeting precedes "RECHNUNG"), the lines below the title. ``join_wrapped``
    (receipts: narrow layouts) rejoins a name wrapped onto two lines."""
    window = min(len(lines.starts), LETTERHEAD_WINDOW)
    title = next((i for i in range(window) if _LONE_TITLE.match(fold(lines.line(i)).strip())), None)
    if title is None:
        found = _head_candidates(lines, 0, min(len(lines.starts), HEAD_LINES), exclude)
    else:
        found = (_head_candidates(lines, 0, title, exclude)
                 or _head_candidates(lines, title + 1, min(len(lines.starts), title + 1 + HEAD_LINES), exclude))
    if not found:
        return None
    index, name = found[0]
    return _join_wrapped(lines, index, name) if join_wrapped else name
