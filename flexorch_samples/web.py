"""HTML, a generic ERP-export XML and a UBL 2.1 e-invoice (Turkish e-Fatura / XRechnung style)."""
from __future__ import annotations

import html

from lxml import etree

from .l10n import norm_amount
from .model import DocSpec, Fields, Heading, Lines, PageBreak, Paragraph, Table, Totals

_CSS = """body{font-family:'DejaVu Sans',Arial,sans-serif;font-size:11pt;margin:2em;color:#222}
h1{font-size:18pt;border-bottom:2px solid #333}
.party{margin:.6em 0;white-space:normal}.party strong{display:block}
table{border-collapse:collapse;margin:.8em 0}table.items td,table.items th{border:1px solid #999;padding:3px 6px}
table.items th{background:#eee}td.num{text-align:right}table.totals{margin-left:auto}
table.totals td{padding:2px 8px}table.totals tr:last-child td{font-weight:bold;border-top:1px solid #333}
table.meta th{text-align:left;padding-right:1em;font-weight:normal;color:#555}"""


def render_html_body(spec: DocSpec) -> str:
    """The <body> content (also the HTML part of the e-mail)."""
    e = html.escape
    out: list[str] = []
    for b in spec.blocks:
        if isinstance(b, Heading):
            out.append(f"<h1>{e(b.text)}</h1>")
        elif isinstance(b, Lines):
            cls = f' class="party {e(b.key)}"' if b.key else ' class="party"'
            head = f"<strong>{e(b.title)}</strong>" if b.title else ""
            out.append(f"<div{cls}>{head}{'<br>'.join(e(x) for x in b.lines)}</div>")
        elif isinstance(b, Fields):
            rows = "".join(f'<tr><th>{e(lbl)}:</th><td data-field="{e(k)}">{e(v)}</td></tr>' for k, lbl, v in b.rows)
            out.append(f'<table class="meta">{rows}</table>')
        elif isinstance(b, Table):
            head = "".join(f"<th>{e(h)}</th>" for h in b.headers)
            body = "".join("<tr>" + "".join(f'<td{" class=num" if n else ""}>{e(c)}</td>' for c, n in zip(r, b.numeric))
                           + "</tr>" for r in b.rows)
            out.append(f'<table class="items"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>')
        elif isinstance(b, Totals):
            rows = "".join(f'<tr><td>{e(lbl)}</td><td class="num" data-field="{e(k)}">{e(v)}</td></tr>' for k, lbl, v in b.rows)
            out.append(f'<table class="totals">{rows}</table>')
        elif isinstance(b, Paragraph):
            out.append(f"<p>{e(b.text)}</p>")
        elif isinstance(b, PageBreak):
            out.append('<hr style="page-break-after:always">')
    return "\n".join(out)


def render_html(spec: DocSpec) -> bytes:
    """A standalone HTML page, the way web portals export documents."""
    page = (f'<!DOCTYPE html>\n<html lang="{spec.language}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(spec.title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
            f"{render_html_body(spec)}\n</body>\n</html>\n")
    return page.encode("utf-8")


_ROOTS = {"invoice": "Invoice", "payroll_slip": "Payslip", "purchase_order": "PurchaseOrder", "receipt": "Receipt",
          "bank_statement": "BankStatement", "contract": "Contract", "other": "Letter"}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def render_xml(spec: DocSpec) -> bytes:
    """A generic ERP export: blocks as elements, printed values as text."""
    root = etree.Element(_ROOTS[spec.doc_type], {"documentType": spec.doc_type, _XML_LANG: spec.language})
    for b in spec.blocks:
        if isinstance(b, Heading):
            etree.SubElement(root, "Title").text = b.text
        elif isinstance(b, Lines):
            el = etree.SubElement(root, "Party" if b.key else "Block", {"role": b.key} if b.key else {})
            if b.title:
                el.set("caption", b.title)
            for line in b.lines:
                etree.SubElement(el, "Line").text = line
        elif isinstance(b, Fields):
            el = etree.SubElement(root, "Header")
            for k, lbl, v in b.rows:
                etree.SubElement(el, "Field", {"name": k, "label": lbl}).text = v
        elif isinstance(b, Table):
            el = etree.SubElement(root, "Lines")
            for row in b.rows:
                item = etree.SubElement(el, "Line")
                for h, c in zip(b.headers, row):
                    etree.SubElement(item, "Value", {"column": h}).text = c
        elif isinstance(b, Totals):
            el = etree.SubElement(root, "Totals")
            for k, lbl, v in b.rows:
                etree.SubElement(el, "Amount", {"name": k, "label": lbl}).text = v
        elif isinstance(b, Paragraph):
            etree.SubElement(root, "Note").text = b.text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


UBL = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
_UNIT_CODES = {"Saat": "HUR", "Std.": "HUR", "hrs": "HUR", "Ay": "MON", "Monat": "MON", "mo": "MON"}


def _cbc(parent, tag: str, text: str, **attrs) -> etree._Element:
    el = etree.SubElement(parent, f"{{{CBC}}}{tag}", {k: v for k, v in attrs.items()})
    el.text = text
    return el


def _cac(parent, tag: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{CAC}}}{tag}")


def _party(parent, tag: str, spec: DocSpec, lines: tuple[str, ...], name: str, ids: list[tuple[str, str]],
           person: bool) -> None:
    party = _cac(_cac(parent, tag), "Party")
    for scheme, value in ids:
        _cbc(_cac(party, "PartyIdentification"), "ID", value, schemeID=scheme)
    _cbc(_cac(party, "PartyName"), "Name", name)
    address = _cac(party, "PostalAddress")
    _cbc(address, "StreetName", lines[1])
    country = _cac(address, "Country")
    _cbc(country, "Name", {"tr": "Türkiye", "de": "Deutschland", "en": "United States"}[spec.language])
    contact = _cac(party, "Contact")
    for line in lines[2:]:
        label, _, value = line.partition(": ")
        if "@" in value:
            _cbc(contact, "ElectronicMail", value)
        elif label.startswith(("Tel", "Phone")):
            _cbc(contact, "Telephone", value)
    if person:
        first, _, last = name.rpartition(" ")
        p = _cac(party, "Person")
        _cbc(p, "FirstName", first)
        _cbc(p, "FamilyName", last)


def render_ubl(spec: DocSpec) -> bytes:
    """A UBL 2.1 Invoice (UBL-TR 1.2 profile for tr, EN 16931 for de/en)."""
    d = spec.data
    cur = d["currency"]
    root = etree.Element(f"{{{UBL}}}Invoice", nsmap={None: UBL, "cac": CAC, "cbc": CBC})
    _cbc(root, "UBLVersionID", "2.1")
    if spec.language == "tr":
        _cbc(root, "CustomizationID", "TR1.2")
        _cbc(root, "ProfileID", d["profile"])
    else:
        _cbc(root, "CustomizationID", "urn:cen.eu:en16931:2017" + (
            "#compliant#urn:xoev-de:kosit:standard:xrechnung_2.3" if spec.language == "de" else ""))
    _cbc(root, "ID", d["number"])
    _cbc(root, "CopyIndicator", "false")
    _cbc(root, "UUID", d["ettn"])
    _cbc(root, "IssueDate", spec.doc_date.isoformat())
    _cbc(root, "DueDate", d["due"].isoformat())
    _cbc(root, "InvoiceTypeCode", "SATIS" if spec.language == "tr" else "380")
    _cbc(root, "Note", spec.title)
    for b in spec.blocks:
        if isinstance(b, Paragraph):
            _cbc(root, "Note", b.text)
    _cbc(root, "DocumentCurrencyCode", cur)
    _cbc(root, "LineCountNumeric", str(len(d["items"])))
    vendor_lines = next(b for b in spec.blocks if isinstance(b, Lines) and b.key == "vendor").lines
    cust_lines = next(b for b in spec.blocks if isinstance(b, Lines) and b.key == "customer").lines
    v = d["vendor"]
    scheme = {"TR_VKN": "VKN", "EU_VAT": "VAT", "US_EIN": "EIN"}[v.tax_type]
    _party(root, "AccountingSupplierParty", spec, vendor_lines, v.name, [(scheme, v.tax_id)], False)
    c = d["customer"]
    _party(root, "AccountingCustomerParty", spec, cust_lines, c["name"],
           [(c["scheme"], c["id"])] if c["id"] else [], c["person"])
    if v.iban:
        means = _cac(root, "PaymentMeans")
        _cbc(means, "PaymentMeansCode", "42")
        _cbc(means, "PaymentDueDate", d["due"].isoformat())
        account = _cac(means, "PayeeFinancialAccount")
        _cbc(account, "ID", v.iban)
        _cbc(_cac(account, "FinancialInstitutionBranch"), "ID", v.bic)
    tax_total = _cac(root, "TaxTotal")
    _cbc(tax_total, "TaxAmount", norm_amount(d["tax"]), currencyID=cur)
    sub = _cac(tax_total, "TaxSubtotal")
    _cbc(sub, "TaxableAmount", norm_amount(d["subtotal"]), currencyID=cur)
    _cbc(sub, "TaxAmount", norm_amount(d["tax"]), currencyID=cur)
    _cbc(sub, "Percent", f"{d['rate'].normalize():f}")
    scheme_el = _cac(_cac(sub, "TaxCategory"), "TaxScheme")
    _cbc(scheme_el, "Name", {"tr": "KDV", "de": "USt", "en": "Sales Tax"}[spec.language])
    if spec.language == "tr":
        _cbc(scheme_el, "TaxTypeCode", "0015")
    totals = _cac(root, "LegalMonetaryTotal")
    for tag, value in (("LineExtensionAmount", d["subtotal"]), ("TaxExclusiveAmount", d["subtotal"]),
                       ("TaxInclusiveAmount", d["total"]), ("PayableAmount", d["total"])):
        _cbc(totals, tag, norm_amount(value), currencyID=cur)
    for i, it in enumerate(d["items"], 1):
        line = _cac(root, "InvoiceLine")
        _cbc(line, "ID", str(i))
        _cbc(line, "InvoicedQuantity", f"{it['qty'].normalize():f}", unitCode=_UNIT_CODES.get(it["unit"], "C62"))
        _cbc(line, "LineExtensionAmount", norm_amount(it["total"]), currencyID=cur)
        _cbc(_cac(line, "Item"), "Name", it["name"])
        _cbc(_cac(line, "Price"), "PriceAmount", norm_amount(it["price"]), currencyID=cur)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
