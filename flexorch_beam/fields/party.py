"""Who issued the document when no label says so: the shapes a letterhead takes.

Tried in order, each a habit of printed business documents rather than of one issuer:

* the **sender line** over the address window of a European letter: the issuer's name, street
  and town on one small line, parted by dashes, dots or bars ("Acme GmbH - Hauptstr. 1 -
  12345 Berlin");
* the **heading**: the line in the largest type in the top part of the first page (word
  boxes, :mod:`flexorch_beam.extract.words`), with a document title after it dropped
  ("Acme Services Invoice" -> "Acme Services");
* a **company name with a legal form** (GmbH, AG, B.V., S.A., SARL, Ltd, Inc, Sp. z o.o., ...)
  standing alone in a cell, first in the head, then in the footer, but not inside the
  customer's address block ("Bill to", "Factuuradres", "Nabywca", ...);
* the **footer name**: a name alone on the line over the registration details ("Siège
  social", "au capital", "Handelsregister", "KvK", "Registered office").
"""
from __future__ import annotations

import re
from statistics import median
from typing import Optional, Sequence

from flexorch_beam.fields import parsers
from flexorch_beam.fields.fold import fold
from flexorch_beam.fields.layout import WORD_SPACE, _lines
from flexorch_beam.fields.rules import CELL_SPLIT, Lines

HEAD_LINES = 15
HEADING_TOP_SHARE = 0.3  # the heading sits in the top 30% of the first page
HEADING_SIZE = 1.3  # ... and is set at least this much larger than the page's body type
CUSTOMER_BLOCK_LINES = 5
MAX_NAME_WORDS = 6

_LEGAL_FORM = re.compile(
    r"(?:^|\s)(?:gmbh|ag|kg|ug|se|b\.?\s?v\.?|n\.?\s?v\.?|s\.?\s?a\.?\s?s\.?|s\.?\s?a\.?|sarl|s\.?\s?a\.?\s?r\.?\s?l\.?|"
    r"s\.?\s?r\.?\s?l\.?|s\.?\s?p\.?\s?a\.?|s\.?\s?l\.?|ltd\.?|limited|llc|inc\.?|plc|corp\.?|pvt\.?\s?ltd\.?|"
    r"sp\.?\s?z\s?o\.?\s?o\.?|spolka akcyjna|a\.?\s?s\.?|oy|ab|sdn\.?\s?bhd\.?|bhd|ltda\.?|"
    r"a\.?\s?s\.?|ltd\.?\s?sti\.?|san\.? ve tic\.?)$"
)
_SENDER_SPLIT = re.compile(r"\s+[-–·•|]\s+")
_POSTCODE = re.compile(r"\b(?:[a-z]{1,2}-?)?\d{4,5}\b|\b\d{2}-\d{3}\b|\b[a-z]\d[a-z] ?\d[a-z]\d\b")
_CUSTOMER = re.compile(
    r"\b(?:bill(?:ed)? to|ship(?:ped)? to|sold to|invoice to|deliver to|customer|attn|"
    r"rechnungsempfanger|rechnungsadresse|lieferadresse|kunde|empfanger|factuuradres|afleveradres|"
    r"klant|facture a|adresse de facturation|adresse de livraison|client|facturar a|cliente|"
    r"destinatario|nabywca|odbiorca|sayin|alici|musteri|buyer|purchaser|kaufer|acheteur|koper|comprador|"
    r"acquirente)\b"
)
_TITLE = re.compile(
    r"\s+(?:tax\s+)?(?:invoice|rechnung|facture|factuur|factura|fattura|faktura|fatura|receipt|"
    r"credit note|gutschrift|quittung|bill)\W*$",
    re.IGNORECASE,
)


def sender_line(lines: Lines) -> Optional[str]:
    """The issuer named first on a one-line return address in the head."""
    for i in range(min(len(lines.starts), HEAD_LINES)):
        parts = _SENDER_SPLIT.split(lines.line(i).strip())
        if len(parts) >= 3 and any(_POSTCODE.search(fold(part)) for part in parts[1:]):
            found = parsers.name(parts[0], None, "dmy")
            if found and _LEGAL_FORM.search(fold(found)):
                return found
    return None


_TITLES = (
    r"(?:e-?arsiv|e-?fatura|tax|proforma|pro forma|commercial|original|copy|kopie|copie|sales|"
    r"invoice|rechnung|facture|factuur|factura|fattura|faktura|fatura|receipt|credit note|gutschrift|"
    r"quittung|kassenbon|beleg|bill|statement|order|bestellung|siparis|payslip|bordro)"
)
_ONLY_TITLES = re.compile(r"^(?:" + _TITLES + r"[\s./-]*)+$")


def heading(words: Sequence) -> Optional[str]:
    """The largest line of type near the top of the first page, title words dropped."""
    first = [w for w in words if w.page == 0]
    if len(first) < 5:
        return None
    top = min(w.top for w in first)
    bottom = max(w.bottom for w in first)
    limit = top + HEADING_TOP_SHARE * (bottom - top)
    body = median(w.bottom - w.top for w in first)
    best: Optional[tuple[float, str]] = None
    for line in _lines(first):
        if line[0].top > limit:
            continue
        for cell in _cells(line):
            size = median(w.bottom - w.top for w in cell)
            if size < HEADING_SIZE * body:
                continue
            found = _heading_name(" ".join(w.text for w in cell))
            if found and (best is None or size > best[0]):
                best = (size, found)
    return best[1] if best else None


def _cells(line: list) -> list[list]:
    """A line's words split where the gap is wider than a word space (a logo beside a title)."""
    cells = [[line[0]]]
    for previous, word in zip(line, line[1:]):
        height = min(word.bottom - word.top, previous.bottom - previous.top)
        if word.x0 - previous.x1 > WORD_SPACE * height:
            cells.append([word])
        else:
            cells[-1].append(word)
    return cells


def _heading_name(whole: str) -> Optional[str]:
    """The name in a heading, its title word dropped; None for a title alone."""
    if _ONLY_TITLES.match(fold(whole)):
        return None  # "e-Arşiv Fatura", "TAX INVOICE": a title, not a name
    found = parsers.name(_TITLE.sub("", whole).strip(), None, "dmy")
    if not found or not re.search(r"[^\W\d_]{3,}", found):
        return None  # OCR specks of a logo ("N VV")
    if sum(w[:1].islower() for w in found.split()) >= 2:
        return None  # a slogan in large type ("Dat betaal ik zelf wel."), not a name
    return found


def legal_name(lines: Lines) -> Optional[str]:
    """The first cell that is a company name with its legal form, outside the customer's
    block: in the head first, then anywhere (a footer)."""
    count = len(lines.starts)
    order = list(range(min(count, HEAD_LINES))) + list(range(min(count, HEAD_LINES), count))
    for i in order:
        window = " ".join(lines.line(j) for j in range(max(0, i - CUSTOMER_BLOCK_LINES), i + 1))
        line = lines.line(i)
        for cell in CELL_SPLIT.split(line.strip()):
            cell = cell.strip(" ,;:")
            folded = fold(cell)
            if not _LEGAL_FORM.search(folded):
                continue
            if _CUSTOMER.search(fold(window)):
                break
            found = parsers.name(cell, None, "dmy")
            if found and len(found.split()) >= 2:
                return found
    return None


_REGISTERED = re.compile(
    r"\b(?:siege social|registered office|registered in|au capital|capital social|sitz der gesellschaft|"
    r"handelsregister|amtsgericht|geschaftsfuhrer|rcs|siret|siren|kvk|handelsregister|krs|regon|"
    r"company registration|company no|reg\.? no|mersis|ticaret sicil)\b"
)


def footer_name(lines: Lines) -> Optional[str]:
    """A name standing alone on the line over the company's registration details
    ("NETPRESSE" / "Siège social : ... RCS ..."), the footer of many European invoices."""
    count = len(lines.starts)
    for i in range(count - 1, 0, -1):
        if not _REGISTERED.search(fold(lines.line(i))):
            continue
        above = lines.next_nonempty(i - 2, 1) if i >= 2 else None
        previous = lines.line(i - 1).strip() if lines.line(i - 1).strip() else (
            lines.line(above).strip() if above is not None else "")
        cells = [c for c in CELL_SPLIT.split(previous) if c.strip()]
        if len(cells) == 1 and not any(ch.isdigit() for ch in previous):
            found = parsers.name(cells[0], None, "dmy")
            words = (found or "").split()
            if (found and len(words) <= MAX_NAME_WORDS and sum(w[:1].islower() for w in words) <= 1
                    and not _CUSTOMER.search(fold(found))):
                return found  # a name, not a sentence ("Au verso, vous trouverez ...")
    return None


# The seller's own payment and registration details: its bank account, VAT id, chamber of
# commerce number. A company named in that block is the legal seller.
_SELLER_DETAILS = re.compile(
    r"\b(?:iban|bic|swift|bank account|account no|kontonummer|bankverbindung|rekeningnummer|"
    r"compte bancaire|rib|cuenta bancaria|conto corrente|numer konta|hesap no|"
    r"vat no|vat reg|vat number|btw nr|btw nummer|ust id|ust idnr|usi nr|steuernummer|tva intracom|"
    r"n tva|nif|cif|partita iva|p iva|nip|vergi no|vergi dairesi|vkn|mersis|kvk|handelsregister|siret|krs)\b"
)
BANK_BLOCK_LINES = 6


def _legal_prefix(cell: str) -> Optional[str]:
    """The company name at the start of a cell, up to its legal form ("e-Luscious Nederland
    B.V. iov Saeco.com" -> "e-Luscious Nederland B.V."); None without a legal form."""
    words = cell.split()
    for end in range(len(words), 1, -1):
        head = " ".join(words[:end]).strip(" ,;:")
        if _LEGAL_FORM.search(fold(head)):
            found = parsers.name(head, None, "dmy")
            return found if found and len(found.split()) >= 2 else None
    return None


def bank_block_name(lines: Lines) -> Optional[str]:
    """The company with its legal form printed in the block of the seller's bank account,
    VAT id or registration numbers (a footer or a side column), nearest above first; a
    name under a customer caption ("Bill to", "Factuuradres") or beside "your VAT number"
    is the buyer's."""
    count = len(lines.starts)
    for i in range(count):
        folded = fold(lines.line(i))
        if not _SELLER_DETAILS.search(folded) or re.search(r"\b(?:your|uw|ihre|votre|su|tu)\b", folded):
            continue
        for j in range(i, max(-1, i - BANK_BLOCK_LINES), -1):
            window = " ".join(lines.line(k) for k in range(max(0, j - CUSTOMER_BLOCK_LINES), j + 1))
            if _CUSTOMER.search(fold(window)):
                break
            for cell in CELL_SPLIT.split(lines.line(j).strip()):
                found = _legal_prefix(cell.strip(" ,;:"))
                if found:
                    return found
    return None


def address_block(lines: Lines) -> Optional[str]:
    """The first name in the head that stands over its own address (a postcode and a town
    within the next three lines) or its own e-mail address, in the same columns (a letterhead's party block: "Azure Interior" / "4557 De Silva St" /
    "Fremont CA 94538"), unless a customer caption introduces it."""
    count = min(len(lines.starts), HEAD_LINES)
    for i in range(count):
        line = lines.line(i)
        for start, cell in _cell_spans(line):
            if any(c.isdigit() for c in cell) or _ONLY_TITLES.match(fold(cell)):
                continue
            below = [_cell_at(lines.line(j), start) for j in range(i + 1, min(len(lines.starts), i + 4))]
            below = [b for b in below if b]
            if not any(_POSTCODE.search(fold(b)) and re.search(r"[^\W\d_]{3,}", b) for b in below) and not (
                    below and _own_mail(cell, below[0])):
                continue  # no town line (postcode and place name) or own e-mail under it
            window = " ".join(lines.line(k) for k in range(max(0, i - 2), i + 1))
            if _CUSTOMER.search(fold(window)):
                continue
            found = parsers.name(cell, None, "dmy")
            if found and re.search(r"[^\W\d_]{3,}", found):
                return found
    return None


_MAIL = re.compile(r"([\w.+-]+)@([\w-]+(?:\.[\w-]+)+)")


def _own_mail(name: str, line: str) -> bool:
    """Is ``line`` an e-mail address that spells a word of ``name`` ("Sammy Maystone" /
    "smaystone4@...", "Azure Interior" / "azure.interior@...")?"""
    found = _MAIL.search(line)
    if not found:
        return False
    spelled = re.sub(r"[^a-z]", "", fold(found.group(1) + " " + found.group(2).rsplit(".", 1)[0]))
    return any(len(word) >= 4 and word in spelled for word in re.findall(r"[a-z]+", fold(name)))


def _cell_spans(line: str) -> list[tuple[int, str]]:
    spans, pos = [], 0
    for m in CELL_SPLIT.finditer(line):
        if line[pos:m.start()].strip():
            spans.append((pos, line[pos:m.start()].strip()))
        pos = m.end()
    if line[pos:].strip():
        spans.append((pos, line[pos:].strip()))
    return spans


def _cell_at(line: str, column: int) -> Optional[str]:
    """The cell of ``line`` that starts within a few columns of ``column``."""
    for start, cell in _cell_spans(line):
        if abs(start - column) <= 2:
            return cell
    return None


def issuer(lines: Lines, words: Sequence) -> Optional[str]:
    return (sender_line(lines) or bank_block_name(lines) or (heading(words) if words else None)
            or legal_name(lines) or footer_name(lines) or address_block(lines))
