"""Document specs: what each business document says, per doc type and language.

``build_spec(index, doc_type, language, variant, quality, seed)`` is a pure function of its
arguments: the same arguments give the same :class:`DocSpec` (Faker and ``random`` are
seeded from them). Arithmetic is done in ``Decimal`` so printed totals always add up.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import random
import uuid
from decimal import Decimal

from flexorch_beam.pii import eu, global_ids, tr, us
from flexorch_beam.pii.catalog import BY_ID
from flexorch_beam.pii.examples import broken_iban, iban_for

from .catalog import (BANKS, ITEMS, LABELS, MERCHANTS, RECEIPT_ITEMS, TERMS, TITLES,
                      TRANSACTIONS)
from .l10n import Style, fmt_qty, fmt_rate, money, norm_amount, tr_amount_words
from .model import (DocSpec, Fields, Heading, Lines, PageBreak, Paragraph, Table, Totals)
from .people import TLD, TR_PLACES, Company, Person, ascii_slug, company, faker_for, person

COUNTRY = {"tr": "TR", "de": "DE", "en": "US"}
EU_PARTNERS = ["AT", "FR", "NL", "ES", "IT", "PL", "BE"]
PREFIX = {"invoice": "inv", "payroll_slip": "pay", "purchase_order": "po", "receipt": "rcpt",
          "bank_statement": "stmt", "contract": "ctr", "other": "ltr"}


def derive_seed(*parts: object) -> int:
    """A stable 63-bit seed from any parts (``hash()`` is salted per process, this is not)."""
    digest = hashlib.sha256(":".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:8], "big") >> 1


class _Doc:
    """Collects blocks and truth while a builder writes a document."""

    def __init__(self, index: int, doc_type: str, lang: str, variant: str, quality: str, seed: int):
        self.index, self.doc_type, self.lang, self.variant, self.quality = index, doc_type, lang, variant, quality
        self.seed = derive_seed(seed, index, doc_type, lang)
        self.rng = random.Random(self.seed)
        self.L = LABELS[lang]
        self.blocks: list = []
        self.fields: dict[str, str] = {}
        self.pii: list[dict[str, str]] = []
        self.lookalikes: list[dict[str, str]] = []
        self.data: dict = {}
        self.currency = ""
        self._n = 0
        year = self.rng.choice([2023, 2024, 2025])
        self.date = dt.date(year, self.rng.randint(1, 12), self.rng.randint(1, 28))
        self.title = self.rng.choice(TITLES[doc_type][lang]) if doc_type in TITLES else ""

    def sub_seed(self) -> int:
        self._n += 1
        return derive_seed(self.seed, self._n)

    def person(self, country: str) -> Person:
        return person(self.rng, country, self.sub_seed())

    def company(self, country: str) -> Company:
        return company(self.rng, country, self.sub_seed())

    def p(self, type_id: str, value: str) -> str:
        """Record ``value`` as PII of ``type_id`` (once) and return it for printing."""
        if value and type_id and {"type": type_id, "value": value} not in self.pii:
            self.pii.append({"type": type_id, "value": value})
        return value

    def lookalike(self, type_id: str, value: str) -> str:
        self.lookalikes.append({"type": type_id, "value": value})
        return value

    def style(self, currency: str) -> Style:
        self.currency = currency
        return Style(self.lang, currency, self.rng)

    def company_lines(self, c: Company) -> tuple[str, ...]:
        """Name, address, phone, mail and tax id, the letterhead of a company."""
        L = self.L
        out = [c.name, self.p("ADDRESS", c.address)]
        if c.phone:
            out.append(f"{L['phone']}: {self.p(c.phone_type, c.phone)}")
        out.append(f"{L['email']}: {self.p('EMAIL', c.email)}")
        if c.tax_type == "TR_VKN":
            out.append(f"{L['tax_office']}: {c.extras['tax_office']}  {L['vkn']}: {self.p('TR_VKN', c.tax_id)}")
        elif c.tax_type == "EU_VAT":
            out.append(f"{L['vat']}: {self.p('EU_VAT', c.tax_id)}")
        elif c.tax_type == "US_EIN":
            out.append(f"{L.get('ein', 'EIN')}: {self.p('US_EIN', c.tax_id)}")
        return tuple(out)

    def person_lines(self, who: Person, id_line: str | None = None) -> tuple[str, ...]:
        out = [self.p("PERSON", who.name), self.p("ADDRESS", who.address)]
        if id_line:
            out.append(id_line)
        if who.phone:
            out.append(f"{self.L['phone']}: {self.p(who.phone_type, who.phone)}")
        out.append(f"{self.L['email']}: {self.p('EMAIL', who.email)}")
        return tuple(out)

    def national_id(self, who: Person, us_itin: bool = False) -> tuple[str, str, str]:
        """(label, value, type) of the person's national id as their country prints it.
        Spaniards show a DNI, except contract parties who are foreign residents (NIE)."""
        c, r = who.country, self.rng
        if c == "TR":
            return "T.C. Kimlik No", tr.tckn_example(r), "TR_TCKN"
        if c in ("DE", "AT"):
            return "Steuer-IdNr.", eu.steuer_id_example(r), "DE_STEUER_ID"
        if c == "FR":
            return "N° de sécurité sociale (NIR)", eu.nir_example(r, who.birth, who.female), "FR_NIR"
        if c == "ES":
            return ("NIE", eu.nie_example(r), "ES_NIE") if self.doc_type == "contract" else ("DNI", eu.dni_example(r), "ES_DNI")
        if c == "IT":
            return "Codice Fiscale", eu.codice_fiscale_example(r, who.first, who.last, who.birth, who.female), "IT_CODICE_FISCALE"
        if c == "NL":
            return "BSN", eu.bsn_example(r), "NL_BSN"
        if c == "PL":
            return "PESEL", eu.pesel_example(r, who.birth, who.female), "PL_PESEL"
        if c == "UK":
            return "National Insurance No.", eu.nino_example(r), "UK_NINO"
        if us_itin:
            return "ITIN", us.itin_example(r), "US_ITIN"
        return "SSN", us.ssn_example(r), "US_SSN"

    def plant_lookalike(self, kind: str | None = None) -> None:
        """A broken-checksum number in a plausible context (reference, customer no.)."""
        r = self.rng
        kind = kind or {"tr": r.choice(["TR_TCKN", "TR_IBAN", "TR_VKN"]),
                        "de": r.choice(["IBAN", "DE_STEUER_ID", "CREDIT_CARD"]),
                        "en": r.choice(["US_SSN", "CREDIT_CARD", "IBAN"])}[self.lang]
        if kind == "TR_TCKN":
            value = BY_ID[kind].lookalike(r)
        elif kind == "TR_VKN":
            value = BY_ID[kind].lookalike(r)
        elif kind == "DE_STEUER_ID":
            value = BY_ID[kind].lookalike(r)
        elif kind == "TR_IBAN":
            value = BY_ID[kind].lookalike(r)
        elif kind == "IBAN":
            value = broken_iban(r, iban_for(r, r.choice(["DE", "NL", "FR"])))
        elif kind == "CREDIT_CARD":
            value = BY_ID[kind].lookalike(r)
        else:
            value = BY_ID["US_SSN"].lookalike(r)
        label = {"tr": {"TR_TCKN": "Abone No", "TR_VKN": "Referans No", "TR_IBAN": "Eski Hesap (kapalı)"},
                 "de": {"IBAN": "Altes Konto (aufgelöst)", "DE_STEUER_ID": "Vorgangsnummer",
                        "CREDIT_CARD": "Referenz"},
                 "en": {"US_SSN": "Claim No.", "CREDIT_CARD": "Tracking No.", "IBAN": "Former account (closed)"}}
        self.blocks.append(Paragraph(f"{label[self.lang][kind]}: {self.lookalike(kind, value)}"))

    def finish(self, name_prefix: str) -> DocSpec:
        if self.variant == "eml":
            self._mail_headers()
        if self.variant == "tiff" and not any(isinstance(b, PageBreak) for b in self.blocks):
            self.blocks.append(PageBreak())
            terms = TERMS[self.lang]
            self.blocks.append(Heading(terms[0]))
            self.blocks.extend(Paragraph(t) for t in terms[1:])
        return DocSpec(
            index=self.index, name=f"{name_prefix}_{self.index:04d}", doc_type=self.doc_type,
            language=self.lang, variant=self.variant, quality=self.quality,
            title=self.title, doc_date=self.date, blocks=self.blocks,
            fields=self.fields, pii=self.pii, lookalikes=self.lookalikes,
            currency=self.currency, data=self.data)

    def _mail_headers(self) -> None:
        """Sender, recipient and subject of the e-mail this document travels in."""
        sender_name, sender = self.data["sender"]
        self.p("EMAIL", sender)
        to = self.data.get("recipient") or self.person(COUNTRY[self.lang])
        number = self.fields.get("invoice_number") or self.fields.get("po_number", "")
        title = self.title
        if title.isupper() and self.doc_type in TITLES:
            title = next((t for t in TITLES[self.doc_type][self.lang] if not t.isupper()), title)
        subject = {"tr": f"{title} {number}".strip() + " hk.", "de": f"{title} {number}".strip(),
                   "en": f"Your {title} {number}".strip()}[self.lang]
        if self.doc_type in ("other", "contract", "payroll_slip", "bank_statement"):
            subject = {"tr": f"{title} - Bilginize", "de": f"{title} - zur Kenntnis",
                       "en": f"{title} - for your records"}[self.lang]
        self.data["mail"] = {"from_name": sender_name, "from": sender, "to_name": self.p("PERSON", to.name),
                             "to": self.p("EMAIL", to.email), "subject": subject}


# --------------------------------------------------------------------------------------

def _tax_rate(d: _Doc) -> Decimal:
    return Decimal(d.rng.choice({"tr": ["20", "20", "10", "1"], "de": ["19", "19", "7"],
                                 "en": ["8", "8.875", "6.25", "7"]}[d.lang]))


def _items(d: _Doc, n_min: int = 2, n_max: int = 6) -> tuple[list[dict], Decimal]:
    """2-6 catalogue lines with quantities and prices; returns (items, subtotal)."""
    catalog = ITEMS[d.lang]
    picked = d.rng.sample(catalog, d.rng.randint(n_min, n_max))
    items, subtotal = [], Decimal("0")
    for name, unit, lo, hi in picked:
        qty = Decimal(d.rng.choice([1, 1, 2, 3, 4, 5, 10, 12, 20]) if unit not in ("Saat", "Std.", "hrs")
                      else d.rng.choice([2, 4, 6, 7.5, 8, 16]))
        price = money(Decimal(d.rng.uniform(lo, hi)))
        total = money(qty * price)
        subtotal += total
        items.append({"name": name, "unit": unit, "qty": qty, "price": price, "total": total})
    return items, money(subtotal)


def _item_table(d: _Doc, s: Style, items: list[dict], rate: Decimal | None) -> Table:
    L = d.L
    headers = [L["pos"], L["item"], L["qty"], L["unit"], L["unit_price"]]
    numeric = [False, False, True, False, True]
    if rate is not None and d.lang == "tr":
        headers.append(L["vat_pct"])
        numeric.append(True)
    headers.append(L["amount"])
    numeric.append(True)
    rows = []
    for i, it in enumerate(items, 1):
        row = [str(i), it["name"], fmt_qty(it["qty"], d.lang), it["unit"], s.amount(it["price"])]
        if rate is not None and d.lang == "tr":
            row.append(fmt_rate(rate, d.lang))
        row.append(s.amount(it["total"]))
        rows.append(tuple(row))
    widths = (0.9, 3.8, 1.0, 1.0, 1.4) + ((0.8,) if len(headers) == 7 else ()) + (1.5,)
    return Table(tuple(headers), tuple(rows), tuple(numeric), widths)


def _currency(d: _Doc) -> str:
    r = d.rng.random()
    if d.lang == "tr":
        return "TRY" if r < 0.8 else ("EUR" if r < 0.9 else "USD")
    if d.lang == "de":
        return "EUR" if r < 0.9 else "USD"
    return "USD" if r < 0.8 else "EUR"


def build_invoice(d: _Doc) -> str:
    L, r = d.L, d.rng
    currency = _currency(d)
    s = d.style(currency)
    vendor = d.company(COUNTRY[d.lang])
    y = d.date.year
    number = {"tr": f"{r.choice(['GIB', 'ABC', 'EAR', 'FTR'])}{y}{r.randint(1, 999999):09d}",
              "de": f"RE-{y}-{r.randint(1, 99999):05d}",
              "en": f"INV-{y}-{r.randint(1, 9999):04d}"}[d.lang]
    due = d.date + dt.timedelta(days=r.choice([7, 14, 30]))
    items, subtotal = _items(d)
    rate = _tax_rate(d)
    reverse_charge = False
    d.blocks.append(Heading(d.title))
    d.blocks.append(Lines(None, d.company_lines(vendor), key="vendor"))
    # customer: a person or a company, domestic or (de/en) an EU partner
    if r.random() < 0.45:
        cust = d.person(COUNTRY[d.lang])
        id_line = None
        if d.lang == "tr":
            id_line = f"{L['tckn']}: {d.p('TR_TCKN', tr.tckn_example(r))}"
        cust_lines = d.person_lines(cust, id_line)
        cust_name, cust_block = cust.name, {"name": cust.name, "address": cust.address, "person": True,
                                            "id": id_line.split(": ")[1] if id_line else "", "scheme": "TCKN" if id_line else ""}
    else:
        country = COUNTRY[d.lang] if (d.lang == "tr" or r.random() < 0.6) else r.choice(EU_PARTNERS)
        cust_c = d.company(country)
        if d.lang == "de" and country != "DE":
            reverse_charge = True
            rate = Decimal("0")
        cust_lines = d.company_lines(cust_c)
        cust_name, cust_block = cust_c.name, {"name": cust_c.name, "address": cust_c.address, "person": False,
                                              "id": cust_c.tax_id,
                                              "scheme": {"TR_VKN": "VKN", "EU_VAT": "VAT", "US_EIN": "EIN"}.get(cust_c.tax_type, "")}
    d.blocks.append(Lines(L["bill_to"], cust_lines, key="customer"))
    rows = [("invoice_number", L["invoice_number"], number), ("invoice_date", L["invoice_date"], s.date(d.date)),
            ("due_date", L["due_date"], s.date(due))]
    ettn = str(uuid.UUID(int=d.rng.getrandbits(128), version=4))
    profile = "EARSIVFATURA" if "Arşiv" in d.title else r.choice(["TEMELFATURA", "TICARIFATURA"])
    if d.lang == "tr":
        rows += [("ettn", L["ettn"], ettn), ("profile", "Senaryo", profile), ("invoice_type", "Fatura Tipi", "SATIŞ")]
    if r.random() < 0.5:
        rows.append(("order_ref", L["order_ref"], f"PO-{r.randint(10000, 99999)}"))
    d.blocks.append(Fields(tuple(rows)))
    d.blocks.append(_item_table(d, s, items, rate))
    tax = money(subtotal * rate / 100)
    total = subtotal + tax
    tax_label = L["tax"].format(rate=fmt_rate(rate, d.lang))
    d.blocks.append(Totals((("subtotal", L["subtotal"], s.money(subtotal)), ("tax", tax_label, s.money(tax)),
                            ("total", L["total"], s.money(total)))))
    if d.lang == "tr":
        d.blocks.append(Paragraph(tr_amount_words(total, currency)))
    if d.lang == "de" and cust_block["person"] and r.random() < 0.6:
        debit_iban = d.p("IBAN", iban_for(r, "DE"))
        d.blocks.append(Paragraph(f"Der Rechnungsbetrag wird am {s.date(due)} per SEPA-Lastschrift von Ihrem Konto "
                                  f"IBAN {debit_iban} eingezogen. Mandatsreferenz: M{r.randint(10**7, 10**8 - 1)}, "
                                  f"Gläubiger-ID: DE98ZZZ0{r.randint(10**9, 10**10 - 1)}."))
    if reverse_charge:
        d.blocks.append(Paragraph("Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge, § 13b UStG)."))
    pay = [f"{L['payment']}: {L['bank']}: {r.choice(BANKS[d.lang])}"]
    iban_value = ""
    if vendor.iban:
        iban_value = vendor.iban
        pay.append(f"{L['iban']}: {d.p(vendor.iban_type, vendor.iban)}  {L['bic']}: {d.p('SWIFT_BIC', vendor.bic)}")
    else:
        pay.append(f"{L['routing']}: {d.p('US_ABA_ROUTING', vendor.extras['routing'])}  "
                   f"{L['account']}: {vendor.extras['account']}")
    d.blocks.append(Paragraph(" · ".join(pay)))
    if d.lang == "de":
        boss = d.person("DE")
        d.blocks.append(Paragraph(f"Geschäftsführer: {d.p('PERSON', boss.name)} · {L['register']}: {vendor.extras['register']}"))
    if r.random() < 0.5:
        d.plant_lookalike()
    d.fields.update({
        "invoice_number": number, "invoice_date": d.date.isoformat(), "due_date": due.isoformat(),
        "vendor_name": vendor.name, "vendor_tax_id": vendor.tax_id.replace(" ", "").replace("-", ""),
        "customer_name": cust_name, "currency": currency, "subtotal": norm_amount(subtotal),
        "tax_amount": norm_amount(tax), "tax_rate": f"{rate.normalize():f}", "total_amount": norm_amount(total)})
    if iban_value:
        d.fields["iban"] = iban_value.replace(" ", "")
    d.data["sender"] = (vendor.name, vendor.email)
    d.data["recipient"] = cust if cust_block["person"] else None
    d.data.update({"number": number, "ettn": ettn, "due": due, "vendor": vendor, "customer": cust_block,
                   "items": items, "rate": rate, "subtotal": subtotal, "tax": tax, "total": total,
                   "currency": currency, "profile": profile})
    return PREFIX["invoice"]


def build_payroll(d: _Doc) -> str:
    L, r = d.L, d.rng
    country = COUNTRY[d.lang]
    emp_country = nationality(d)
    employer = d.company("UK" if emp_country == "UK" else country)
    # a UK employee of the group is paid in pounds into a GB account
    currency = "GBP" if emp_country == "UK" else {"tr": "TRY", "de": "EUR", "en": "USD"}[d.lang]
    s = d.style(currency)
    emp = d.person(emp_country)
    period = d.date.replace(day=1)
    emp_no = f"{r.choice(['P', 'E', ''])}{r.randint(1000, 99999)}"
    id_label, id_value, id_type = d.national_id(emp, us_itin=d.lang == "en" and d.index // 21 % 3 == 2)
    if d.lang == "de" and emp_country != "DE":  # cross-border worker: German tax id + home-country id
        tax_label, tax_value = "Steuer-IdNr.", eu.steuer_id_example(r)
    else:
        tax_label = tax_value = ""
    words = {
        "tr": dict(emp="Personel", emp_no="Sicil No", period="Dönem", dob="Doğum Tarihi", iban="Maaş Hesabı IBAN",
                   earn="Kazançlar", ded="Kesintiler", gross="Brüt Ücret", dsum="Toplam Kesinti", net="Net Ödenen",
                   dept="Departman", start="İşe Giriş Tarihi", amount="Tutar",
                   e=["Aylık Brüt Ücret", "Fazla Mesai", "Yemek Yardımı"],
                   d=[("SGK İşçi Payı (%14)", Decimal("0.14")), ("İşsizlik Sigortası İşçi Payı (%1)", Decimal("0.01")),
                      ("Gelir Vergisi", Decimal("0.12")), ("Damga Vergisi", Decimal("0.00759"))],
                   depts=["Muhasebe", "Satış", "Üretim", "Bilgi İşlem", "İnsan Kaynakları"]),
        "de": dict(emp="Mitarbeiter", emp_no="Personalnummer", period="Abrechnungsmonat", dob="Geburtsdatum",
                   iban="Bankverbindung IBAN", earn="Bezüge", ded="Abzüge", gross="Gesamtbrutto",
                   dsum="Summe Abzüge", net="Auszahlungsbetrag", dept="Abteilung", start="Eintritt", amount="Betrag",
                   e=["Grundgehalt", "Überstunden", "Vermögenswirksame Leistungen"],
                   d=[("Lohnsteuer", Decimal("0.14")), ("Solidaritätszuschlag", Decimal("0.005")),
                      ("Krankenversicherung", Decimal("0.081")), ("Rentenversicherung", Decimal("0.093")),
                      ("Arbeitslosenversicherung", Decimal("0.013")), ("Pflegeversicherung", Decimal("0.017"))],
                   depts=["Vertrieb", "Buchhaltung", "Produktion", "IT", "Personal"]),
        "en": dict(emp="Employee", emp_no="Employee ID", period="Pay Period", dob="Date of Birth",
                   iban="Direct Deposit", earn="Earnings", ded="Deductions", gross="Gross Pay",
                   dsum="Total Deductions", net="Net Pay", dept="Department", start="Hire Date", amount="Amount",
                   e=["Regular Pay", "Overtime", "Bonus"],
                   d=([("PAYE Income Tax", Decimal("0.16")), ("National Insurance", Decimal("0.08")),
                       ("Pension", Decimal("0.05"))] if emp_country == "UK" else
                      [("Federal Income Tax", Decimal("0.12")), ("Social Security (6.2%)", Decimal("0.062")),
                       ("Medicare (1.45%)", Decimal("0.0145")), ("State Income Tax", Decimal("0.045")),
                       ("401(k)", Decimal("0.04"))]),
                   depts=["Sales", "Accounting", "Operations", "Engineering", "HR"]),
    }[d.lang]
    base = money(Decimal(r.choice({"tr": [22104, 28500, 35000, 47250, 61000],
                                    "de": [2850, 3400, 4150, 5200, 6480],
                                    "en": [3200, 4100, 5250, 6800, 8900]}[d.lang])) * Decimal(r.uniform(0.95, 1.2)))
    earnings = [(words["e"][0], base)]
    if r.random() < 0.6:
        earnings.append((words["e"][1], money(base * Decimal(r.choice(["0.05", "0.08", "0.12"])))))
    if r.random() < 0.5:
        earnings.append((words["e"][2], money(Decimal({"tr": 2640, "de": 40, "en": 250}[d.lang]))))
    gross = sum((a for _, a in earnings), Decimal("0"))
    deductions = [(label, money(gross * rate)) for label, rate in words["d"]]
    ded_total = sum((a for _, a in deductions), Decimal("0"))
    net = gross - ded_total
    d.blocks.append(Heading(d.title))
    d.blocks.append(Lines(None, d.company_lines(employer), key="employer"))
    rows = [("employee_name", words["emp"], d.p("PERSON", emp.name)), ("employee_id", words["emp_no"], emp_no),
            ("national_id", id_label, d.p(id_type, id_value))]
    if tax_value:
        rows.append(("tax_id", tax_label, d.p("DE_STEUER_ID", tax_value)))
    rows += [("date_of_birth", words["dob"], d.p("DATE_OF_BIRTH", s.date(emp.birth))),
             ("address", {"tr": "Adres", "de": "Anschrift", "en": "Address"}[d.lang], d.p("ADDRESS", emp.address)),
             ("department", words["dept"], r.choice(words["depts"])),
             ("period", words["period"], s.month(period))]
    d.blocks.append(Fields(tuple(rows)))
    table_rows = [(label, s.amount(a), "") for label, a in earnings] + [(label, "", s.amount(a)) for label, a in deductions]
    d.blocks.append(Table(({"tr": "Açıklama", "de": "Lohnart", "en": "Description"}[d.lang], words["earn"], words["ded"]),
                          tuple(table_rows), (False, True, True), (4.0, 1.6, 1.6)))
    d.blocks.append(Totals((("gross_pay", words["gross"], s.money(gross)),
                            ("deductions", words["dsum"], s.money(ded_total)),
                            ("net_pay", words["net"], s.money(net)))))
    if emp_country == "UK" or d.lang != "en":
        acct_iban = iban_for(r, {"tr": "TR"}.get(d.lang, r.choice(["DE", "NL", "FR"]) if emp_country != "UK" else "GB"))
        d.blocks.append(Paragraph(f"{words['iban']}: {d.p('TR_IBAN' if acct_iban.startswith('TR') else 'IBAN', acct_iban)}"))
    else:
        d.blocks.append(Paragraph(f"{words['iban']}: {L['routing']} {d.p('US_ABA_ROUTING', us.aba_example(r))}, "
                                  f"{L['account']} ****{r.randint(1000, 9999)}"))
    d.blocks.append(Paragraph({"tr": f"İletişim: {d.p('EMAIL', emp.email)}",
                               "de": f"Kontakt: {d.p('EMAIL', emp.email)}",
                               "en": f"Contact: {d.p('EMAIL', emp.email)}"}[d.lang]))
    if r.random() < 0.4:
        d.plant_lookalike()
    d.currency = currency
    d.fields.update({"employee_name": emp.name, "employee_id": emp_no, "employer_name": employer.name,
                     "period": f"{period.year}-{period.month:02d}", "gross_pay": norm_amount(gross),
                     "deductions": norm_amount(ded_total), "net_pay": norm_amount(net), "currency": currency})
    d.data.update({"employer": employer, "employee": emp, "sender": (employer.name, employer.email),
                   "recipient": emp})
    return PREFIX["payroll_slip"]


def build_purchase_order(d: _Doc) -> str:
    L, r = d.L, d.rng
    currency = _currency(d)
    s = d.style(currency)
    buyer = d.company(COUNTRY[d.lang])
    supplier = d.company(COUNTRY[d.lang] if r.random() < 0.7 or d.lang == "tr" else r.choice(EU_PARTNERS))
    contact = d.person(COUNTRY[d.lang])
    po = {"tr": f"SA-{d.date.year}-{r.randint(1, 9999):04d}", "de": f"B{d.date.year % 100}{r.randint(10000, 99999)}",
          "en": f"PO-{r.randint(100000, 999999)}"}[d.lang]
    delivery = d.date + dt.timedelta(days=r.choice([5, 10, 14, 21]))
    W = {"tr": dict(po="Sipariş No", od="Sipariş Tarihi", dd="Teslim Tarihi", buyer="Alıcı", sup="Tedarikçi",
                    ship="Teslimat Adresi", contact="İlgili Kişi", terms="Ödeme Koşulu: 30 gün vadeli"),
         "de": dict(po="Bestellnummer", od="Bestelldatum", dd="Liefertermin", buyer="Besteller", sup="Lieferant",
                    ship="Lieferanschrift", contact="Ansprechpartner", terms="Zahlungsbedingungen: 30 Tage netto"),
         "en": dict(po="PO Number", od="Order Date", dd="Delivery Date", buyer="Buyer", sup="Vendor",
                    ship="Ship To", contact="Contact", terms="Payment Terms: Net 30")}[d.lang]
    items, subtotal = _items(d, 2, 5)
    rate = _tax_rate(d)
    tax = money(subtotal * rate / 100)
    total = subtotal + tax
    d.blocks.append(Heading(d.title))
    d.blocks.append(Lines(W["buyer"], d.company_lines(buyer), key="buyer"))
    d.blocks.append(Lines(W["sup"], d.company_lines(supplier), key="supplier"))
    d.blocks.append(Fields((("po_number", W["po"], po), ("order_date", W["od"], s.date(d.date)),
                            ("delivery_date", W["dd"], s.date(delivery)),
                            ("contact", W["contact"], f"{d.p('PERSON', contact.name)}, "
                             f"{d.p(contact.phone_type, contact.phone)}, {d.p('EMAIL', contact.email)}"))))
    d.blocks.append(Lines(W["ship"], (buyer.name, buyer.address), key="ship_to"))
    d.blocks.append(_item_table(d, s, items, None))
    d.blocks.append(Totals((("subtotal", L["subtotal"], s.money(subtotal)),
                            ("tax", L["tax"].format(rate=fmt_rate(rate, d.lang)), s.money(tax)),
                            ("total", L["total"], s.money(total)))))
    d.blocks.append(Paragraph(W["terms"]))
    if r.random() < 0.3:
        d.plant_lookalike()
    d.fields.update({"po_number": po, "order_date": d.date.isoformat(), "buyer_name": buyer.name,
                     "supplier_name": supplier.name, "delivery_date": delivery.isoformat(),
                     "total_amount": norm_amount(total), "currency": currency})
    d.data["sender"] = (buyer.name, contact.email)
    return PREFIX["purchase_order"]


def build_receipt(d: _Doc) -> str:
    L, r = d.L, d.rng
    currency = {"tr": "TRY", "de": "EUR", "en": "USD"}[d.lang]
    s = d.style(currency)
    shop = d.company(COUNTRY[d.lang])
    fake = faker_for(COUNTRY[d.lang], d.sub_seed())
    merchant = r.choice(MERCHANTS[d.lang]).format(last=fake.last_name()).replace("s's ", "s' ")
    cashier = d.person(COUNTRY[d.lang])
    picked = r.sample(RECEIPT_ITEMS[d.lang], r.randint(2, 6))
    rows, total = [], Decimal("0")
    for name, lo, hi in picked:
        qty = Decimal(r.choice([1, 1, 1, 2, 3]))
        price = money(Decimal(r.uniform(lo, hi)))
        line = money(qty * price)
        total += line
        rows.append((name, fmt_qty(qty, d.lang), s.amount(price), s.amount(line)))
    total = money(total)
    rate = Decimal({"tr": "10", "de": "7", "en": "0"}[d.lang])
    d.blocks.append(Heading(merchant))
    d.blocks.append(Lines(None, (d.p("ADDRESS", shop.address), f"{L['phone']}: {d.p(shop.phone_type, shop.phone)}")
                          + ((f"{L['tax_office']}: {shop.extras['tax_office']}  {L['vkn']}: {d.p('TR_VKN', shop.tax_id)}",)
                             if d.lang == "tr" else (f"{L['vat']}: {d.p('EU_VAT', shop.tax_id)}",) if d.lang == "de" else ()),
                          key="merchant"))
    time = f"{r.randint(8, 21):02d}:{r.randint(0, 59):02d}"
    rno = f"{r.randint(1, 9999):04d}"
    d.blocks.append(Paragraph(d.title.upper()))
    d.blocks.append(Fields((("date", L["date"], s.date(d.date)), ("time", L["time"], time),
                            ("receipt_no", {"tr": "Fiş No", "de": "Bon-Nr.", "en": "Receipt #"}[d.lang], rno))))
    d.blocks.append(Table({"tr": ("Ürün", "Adet", "Fiyat", "Tutar"), "de": ("Artikel", "Mge", "Preis", "Betrag"),
                           "en": ("Item", "Qty", "Price", "Amount")}[d.lang],
                          tuple(rows), (False, True, True, True), (2.8, 0.9, 1.4, 1.5)))
    if d.lang == "en":
        tax_rate = Decimal(r.choice(["6", "7", "8.25"]))
        tax = money(total * tax_rate / 100)
        grand = total + tax
        d.blocks.append(Totals((("subtotal", L["subtotal"], s.money(total)),
                                ("tax", L["tax"].format(rate=fmt_rate(tax_rate, "en")), s.money(tax)),
                                ("total", L["total"], s.money(grand)))))
    else:
        grand = total
        tax = money(total * rate / (100 + rate))
        label = {"tr": f"TOPKDV %{rate}", "de": f"enth. MwSt. {rate} %"}[d.lang]
        d.blocks.append(Totals((("tax", label, s.money(tax)),
                                ("total", {"tr": "TOPLAM", "de": "SUMME"}[d.lang], s.money(grand)))))
    pay_line = {"tr": "Ödeme: Kredi Kartı **** {last4}", "de": "Bezahlt mit Karte **** {last4}",
                "en": "Paid by VISA ************{last4}"}[d.lang].format(last4=r.randint(1000, 9999))
    d.blocks.append(Paragraph(pay_line))
    d.blocks.append(Paragraph({"tr": f"Kasiyer: {d.p('PERSON', cashier.name)}", "de": f"Es bediente Sie: {d.p('PERSON', cashier.name)}",
                               "en": f"Cashier: {d.p('PERSON', cashier.name)}"}[d.lang]))
    buyer = None
    if d.lang == "en" and r.random() < 0.6:
        buyer = d.person("US")
        d.blocks.append(Paragraph(f"E-receipt sent to {d.p('EMAIL', buyer.email)}"))
    thanks_tr = "Bizi tercih ettiğiniz için teşekkür ederiz."
    if d.title == "Makbuz":
        thanks_tr += " MALİ DEĞERİ YOKTUR, bilgi fişidir."
    d.blocks.append(Paragraph({"tr": thanks_tr,
                               "de": "Vielen Dank für Ihren Einkauf!", "en": "Thank you for shopping with us!"}[d.lang]))
    d.fields.update({"merchant_name": merchant, "date": d.date.isoformat(), "total_amount": norm_amount(grand),
                     "currency": currency})
    d.data["merchant"] = merchant
    domain = ascii_slug(merchant, COUNTRY[d.lang]).replace(".", "").replace("'", "")
    d.data["sender"] = (merchant, f"{'bilgi' if d.lang == 'tr' else 'service'}@{domain}.{TLD[COUNTRY[d.lang]]}")
    d.data["recipient"] = buyer
    return PREFIX["receipt"]


def build_bank_statement(d: _Doc) -> str:
    L, r = d.L, d.rng
    currency = {"tr": "TRY", "de": "EUR", "en": "USD"}[d.lang]
    s = d.style(currency)
    holder = d.person(COUNTRY[d.lang])
    bank_name = r.choice(BANKS[d.lang])
    start = d.date.replace(day=1)
    end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    d.date = end
    W = {"tr": dict(holder="Hesap Sahibi", period="Dönem", opening="Devreden Bakiye", closing="Dönem Sonu Bakiye",
                    cols=("Tarih", "Açıklama", "Borç", "Alacak", "Bakiye"), cust="Müşteri No", branch="Şube"),
         "de": dict(holder="Kontoinhaber", period="Zeitraum", opening="Alter Kontostand", closing="Neuer Kontostand",
                    cols=("Datum", "Buchungstext", "Soll", "Haben", "Saldo"), cust="Kundennummer", branch="Filiale"),
         "en": dict(holder="Account Holder", period="Statement Period", opening="Opening Balance",
                    closing="Closing Balance", cols=("Date", "Description", "Withdrawals", "Deposits", "Balance"),
                    cust="Customer No.", branch="Branch")}[d.lang]
    opening = money(Decimal(r.uniform(500, 25000)) * (Decimal(8) if d.lang == "tr" else 1))
    fake = faker_for(COUNTRY[d.lang], d.sub_seed())
    # long statements (2 pages) for the paginated variants, a short one elsewhere
    n = r.randint(34, 44) if d.variant in ("tiff", "pdf", "scan_pdf") else r.randint(8, 14)
    days = sorted(start + dt.timedelta(days=r.randint(0, (end - start).days)) for _ in range(n))
    balance, rows = opening, []
    for day in days:
        credit = r.random() < 0.3
        text = r.choice(TRANSACTIONS[d.lang]["credit" if credit else "debit"])
        other = d.person(COUNTRY[d.lang]) if "{person}" in text else None
        text = text.format(company=fake.last_name() + {"tr": " A.Ş.", "de": " GmbH", "en": " Inc"}[d.lang],
                           person=d.p("PERSON", other.name) if other else "", merchant=fake.last_name().upper(),
                           check=r.randint(1001, 1999))
        amount = money(Decimal(r.uniform(20, 900 if not credit else 4000)) * (Decimal(8) if d.lang == "tr" else 1))
        balance = balance + amount if credit else balance - amount
        rows.append((s.date(day), text, "" if credit else s.amount(amount), s.amount(amount) if credit else "",
                     s.amount(balance)))
    d.blocks.append(Heading(d.title))
    branch = r.choice(TR_PLACES)[0] if d.lang == "tr" else fake.city()
    d.blocks.append(Lines(None, (bank_name, f"{W['branch']}: {branch}"), key="bank"))
    d.blocks.append(Lines(W["holder"], d.person_lines(holder), key="holder"))
    rows_f = [("account_holder", W["holder"], holder.name)]
    iban_value = ""
    if d.lang == "en":
        rows_f += [("routing", L["routing"], d.p("US_ABA_ROUTING", us.aba_example(r))),
                   ("account", L["account"], f"{r.randint(10**11, 10**12 - 1)}")]
    else:
        iban_value = iban_for(r, COUNTRY[d.lang])
        rows_f += [("iban", L["iban"], d.p("TR_IBAN" if d.lang == "tr" else "IBAN", iban_value)),
                   ("bic", L["bic"], d.p("SWIFT_BIC", global_ids.bic_example(r, COUNTRY[d.lang])))]
    rows_f += [("customer_no", W["cust"], f"{r.randint(10**7, 10**8 - 1)}"),
               ("period", W["period"], f"{s.date(start)} - {s.date(end)}")]
    d.blocks.append(Fields(tuple(rows_f)))
    d.blocks.append(Totals((("opening_balance", W["opening"], s.money(opening)),)))
    d.blocks.append(Table(W["cols"], tuple(rows), (False, False, True, True, True), (1.9, 3.4, 1.4, 1.4, 1.6)))
    d.blocks.append(Totals((("closing_balance", W["closing"], s.money(balance)),)))
    if r.random() < 0.4:
        d.plant_lookalike()
    d.fields.update({"account_holder": holder.name, "period": f"{start.isoformat()}/{end.isoformat()}",
                     "opening_balance": norm_amount(opening), "closing_balance": norm_amount(balance)})
    if iban_value:
        d.fields["iban"] = iban_value.replace(" ", "")
    d.data["bank"] = bank_name
    bank_domain = f"{ascii_slug(bank_name.split()[0], COUNTRY[d.lang]).replace('.', '')}bank.{TLD[COUNTRY[d.lang]]}"
    d.data["sender"] = (bank_name, f"{'ekstre' if d.lang == 'tr' else 'statements'}@{bank_domain}")
    d.data["recipient"] = holder
    return PREFIX["bank_statement"]


def build_contract(d: _Doc) -> str:
    r = d.rng
    currency = {"tr": "TRY", "de": "EUR", "en": "USD"}[d.lang]
    s = d.style(currency)
    c = COUNTRY[d.lang]
    provider = d.company(c)
    client = d.person(nationality(d))
    id_label, id_value, id_type = d.national_id(client, us_itin=d.lang == "en" and d.index // 21 % 2 == 1)
    fee = money(Decimal(r.choice({"tr": [12500, 18000, 25000, 42000], "de": [850, 1200, 2400, 3900],
                                  "en": [1500, 2800, 4200, 7500]}[d.lang])))
    start = d.date + dt.timedelta(days=r.choice([1, 7, 15]))
    iban_value = provider.iban or ""
    d.blocks.append(Heading(d.title))
    if d.lang == "tr":
        d.blocks.append(Paragraph("Madde 1 - Taraflar"))
        d.blocks.append(Lines("Hizmet Veren", d.company_lines(provider), key="party_a"))
        d.blocks.append(Lines("Hizmet Alan", d.person_lines(client, f"{id_label}: {d.p(id_type, id_value)}")
                              + (f"Doğum Tarihi: {d.p('DATE_OF_BIRTH', s.date(client.birth))}",), key="party_b"))
        d.blocks.append(Paragraph(f"Madde 2 - Konu: İşbu sözleşme, {s.date(start)} tarihinden itibaren on iki (12) ay "
                                  "süreyle verilecek bakım ve danışmanlık hizmetlerinin koşullarını düzenler."))
        d.blocks.append(Paragraph(f"Madde 3 - Bedel: Aylık hizmet bedeli {s.money_words(fee)} olup KDV hariçtir. "
                                  f"Ödemeler her ayın 5'ine kadar {d.p('TR_IBAN', iban_value)} numaralı hesaba yapılır."))
        if r.random() < 0.5:
            plate = d.p("TR_LICENSE_PLATE", tr.plate_example(r))
            d.blocks.append(Paragraph(f"Madde 4 - Hizmet aracı: {plate} plakalı servis aracı kullanılacaktır."))
        d.blocks.append(Paragraph("Madde 5 - Uyuşmazlık halinde İstanbul Mahkemeleri yetkilidir. İşbu sözleşme iki nüsha "
                                  f"olarak {s.date(d.date)} tarihinde imzalanmıştır."))
        d.blocks.append(Lines(None, ("Hizmet Veren: ____________________", f"Hizmet Alan: {client.name}  ____________________")))
    elif d.lang == "de":
        d.blocks.append(Paragraph("zwischen"))
        d.blocks.append(Lines("Auftragnehmer", d.company_lines(provider), key="party_a"))
        d.blocks.append(Paragraph("und"))
        d.blocks.append(Lines("Auftraggeber", d.person_lines(client, f"{id_label}: {d.p(id_type, id_value)}")
                              + (f"Geburtsdatum: {d.p('DATE_OF_BIRTH', s.date(client.birth))}",), key="party_b"))
        d.blocks.append(Paragraph(f"§ 1 Vertragsgegenstand: Der Auftragnehmer erbringt ab dem {s.date(start)} "
                                  "Wartungs- und Beratungsleistungen gemäß Anlage 1."))
        d.blocks.append(Paragraph(f"§ 2 Vergütung: Die monatliche Vergütung beträgt {s.money_words(fee)} zzgl. der gesetzlichen "
                                  f"Mehrwertsteuer, zahlbar bis zum 5. eines Monats auf das Konto IBAN {d.p('IBAN', iban_value)}."))
        d.blocks.append(Paragraph("§ 3 Laufzeit und Kündigung: Der Vertrag läuft auf unbestimmte Zeit und kann mit einer Frist von "
                                  "drei Monaten zum Quartalsende gekündigt werden."))
        d.blocks.append(Paragraph(f"§ 4 Gerichtsstand ist {provider.city}. Ort, Datum: {provider.city}, {s.date(d.date)}"))
        d.blocks.append(Lines(None, ("Auftragnehmer: ____________________", f"Auftraggeber: {client.name}  ____________________")))
    else:
        employment = "Employment" in d.title
        d.blocks.append(Paragraph(f"This {d.title} (the \"Agreement\") is made on {s.date(d.date)} between:"))
        d.blocks.append(Lines("Company" if employment else "Provider", d.company_lines(provider), key="party_a"))
        d.blocks.append(Lines("Employee" if employment else "Client",
                              d.person_lines(client, f"{id_label}: {d.p(id_type, id_value)}")
                              + (f"Date of Birth: {d.p('DATE_OF_BIRTH', s.date(client.birth))}",), key="party_b"))
        if employment:
            d.blocks.append(Paragraph(f"1. Position and start date. The Employee will start on {s.date(start)} as Operations Analyst."))
            d.blocks.append(Paragraph(f"2. Compensation. The Company will pay a monthly salary of {s.money_words(fee)}, "
                                      f"by direct deposit to routing number {d.p('US_ABA_ROUTING', us.aba_example(r))}."))
        else:
            d.blocks.append(Paragraph(f"1. Services. Starting {s.date(start)} the Provider will deliver maintenance "
                                      "and consulting services."))
            d.blocks.append(Paragraph(f"2. Fees. The Client will pay {s.money_words(fee)} per month within 15 days of invoice."))
        d.blocks.append(Paragraph("3. Term. This Agreement continues for twelve (12) months and renews automatically unless "
                                  "either party gives thirty (30) days written notice."))
        d.blocks.append(Paragraph("4. Governing law. This Agreement is governed by the laws of the State of New York."))
        d.blocks.append(Lines(None, ("Signed: ____________________", f"Name: {client.name}  ____________________")))
    if r.random() < 0.4:
        d.plant_lookalike()
    d.currency = currency
    d.data.update({"sender": (provider.name, provider.email), "recipient": client})
    return PREFIX["contract"]


_SENDERS = {
    "travel": {"tr": "{last} Turizm Seyahat Acentası Ltd. Şti.", "de": "{last} Reisen GmbH", "en": "{last} Travel LLC"},
    "security": {"tr": "{last} Bilişim Hizmetleri A.Ş.", "de": "{last} Online Services GmbH", "en": "{last} Cloud Inc."},
    "medicare": {"en": "Medicare Contact Center"},
}


def _rebrand(org: Company, kind: str, d: _Doc) -> None:
    """Make the letter's sender fit its subject (a travel agency, a bank, an online service)."""
    country = COUNTRY[d.lang]
    if kind == "card":
        org.name = d.rng.choice(BANKS[d.lang])
    else:
        last = org.name.split()[0]
        org.name = _SENDERS[kind][d.lang].format(last=last)
    stem = ascii_slug(org.name.split()[0], country).replace(".", "")
    domain = f"{stem}{ {'card': 'bank', 'travel': 'travel', 'security': 'online', 'medicare': 'medicare'}[kind] }.{TLD[country]}"
    org.email = f"{org.email.split('@')[0]}@{domain}"
    org.website = f"www.{domain}"


def build_other(d: _Doc) -> str:
    """Letters: a security notice (IP, MAC), a travel/ID letter (passport, DOB, plate), a
    card letter (credit card, SWIFT) or, in English, a Medicare notice (MBI)."""
    r = d.rng
    c = COUNTRY[d.lang]
    org = d.company(c)
    who = d.person(nationality(d))
    kinds = LETTER_KINDS[d.lang]
    kind = kinds[d.index // 21 % len(kinds)]
    _rebrand(org, kind, d)
    s = d.style({"tr": "TRY", "de": "EUR", "en": "USD"}[d.lang])
    greet = {"tr": f"Sayın {d.p('PERSON', who.name)},", "de": f"Sehr geehrte{'' if who.female else 'r'} "
             f"{'Frau' if who.female else 'Herr'} {d.p('PERSON', who.last)},", "en": f"Dear {d.p('PERSON', who.name)},"}[d.lang]
    if d.lang == "de":
        d.p("PERSON", who.name)
    d.blocks.append(Lines(None, d.company_lines(org), key="sender"))
    d.blocks.append(Lines(None, (who.name, d.p("ADDRESS", who.address)), key="recipient"))
    d.blocks.append(Paragraph(f"{ {'tr': 'Tarih', 'de': 'Datum', 'en': 'Date'}[d.lang] }: {s.date(d.date)}"))
    if kind == "security":
        title = {"tr": "Güvenlik Bildirimi: Yeni Oturum Açma", "de": "Sicherheitshinweis: Neue Anmeldung",
                 "en": "Security Notice: New Sign-in"}[d.lang]
        ip4, ip6, mac = d.p("IP_ADDRESS", global_ids.ipv4_example(r)), d.p("IP_ADDRESS", global_ids.ipv6_example(r)), d.p("MAC_ADDRESS", global_ids.mac_example(r))
        body = {"tr": [f"hesabınıza {s.date(d.date)} tarihinde yeni bir cihazdan giriş yapıldı.",
                       f"IP adresi: {ip4} (IPv6: {ip6})", f"Cihaz MAC adresi: {mac}",
                       f"Bu işlemi siz yapmadıysanız lütfen {d.p('EMAIL', org.email)} adresine yazın."],
                "de": [f"am {s.date(d.date)} wurde Ihr Konto von einem neuen Gerät aus angemeldet.",
                       f"IP-Adresse: {ip4} (IPv6: {ip6})", f"MAC-Adresse des Geräts: {mac}",
                       f"Falls Sie das nicht waren, schreiben Sie uns an {d.p('EMAIL', org.email)}."],
                "en": [f"a new device signed in to your account on {s.date(d.date)}.",
                       f"IP address: {ip4} (IPv6: {ip6})", f"Device MAC address: {mac}",
                       f"If this wasn't you, contact {d.p('EMAIL', org.email)} right away."]}[d.lang]
    elif kind == "travel":
        title = {"tr": "Seyahat Bilgilendirme Yazısı", "de": "Bestätigung Ihrer Reisedaten",
                 "en": "Travel Booking Confirmation"}[d.lang]
        dob = d.p("DATE_OF_BIRTH", s.date(who.birth))
        if d.lang == "tr":
            body = [f"{s.date(d.date)} tarihli seyahatiniz için kimlik bilgileriniz aşağıdadır.",
                    f"Pasaport No: {d.p('TR_PASSPORT', tr.passport_example(r))}", f"Doğum Tarihi: {dob}",
                    f"T.C. Kimlik No: {d.p('TR_TCKN', tr.tckn_example(r))}",
                    f"Otopark için kayıtlı araç plakası: {d.p('TR_LICENSE_PLATE', tr.plate_example(r))}"]
        elif d.lang == "de":
            id_label, id_value, id_type = d.national_id(who)
            body = ["anbei bestätigen wir die für Ihre Reise hinterlegten Daten.", f"Geburtsdatum: {dob}",
                    f"Ausweisdokument ({who.country}) {id_label}: {d.p(id_type, id_value)}",
                    f"Mobil: {d.p(who.phone_type, who.phone)}"]
        else:
            body = ["please find the traveller details we hold for your booking below.",
                    f"Passport No.: {d.p('US_PASSPORT', us.passport_example(r))}", f"Date of Birth: {dob}",
                    f"Mobile: {d.p(who.phone_type, who.phone)}"]
    elif kind == "card":
        title = {"tr": "Kredi Kartınız Yenilendi", "de": "Ihre neue Kreditkarte", "en": "Your Replacement Card"}[d.lang]
        card = d.p("CREDIT_CARD", global_ids.card_example(r))
        kyc = ("", "")
        if d.lang == "de":
            id_label, id_value, id_type = d.national_id(who)
            kyc = (id_label, d.p(id_type, id_value))
        bic = d.p("SWIFT_BIC", global_ids.bic_example(r, c))
        body = {"tr": [f"yeni kartınız hazırlanmıştır. Kart numarası: {card}",
                       f"Yurt dışı transferleri için SWIFT kodumuz: {bic}",
                       f"Sorularınız için: {d.p(org.phone_type, org.phone)}"],
                "de": [f"Ihre neue Karte ist unterwegs. Kartennummer: {card}",
                       "Legitimation geprüft: {0} {1}".format(*kyc),
                       f"Für Auslandsüberweisungen lautet unser BIC: {bic}",
                       f"Rückfragen: {d.p(org.phone_type, org.phone)}"],
                "en": [f"your replacement card is on its way. Card number: {card}",
                       f"For international wires use SWIFT code {bic}.",
                       f"Questions? Call {d.p(org.phone_type, org.phone)}."]}[d.lang]
    else:
        title = "Medicare Coverage Notice"
        body = [f"your Medicare Beneficiary Identifier is {d.p('US_MBI', us.mbi_example(r))}.",
                f"Date of Birth on file: {d.p('DATE_OF_BIRTH', s.date(who.birth))}",
                f"Social Security Number on file: {d.p('US_SSN', us.ssn_example(r))}"]
    d.title = title
    d.blocks.insert(0, Heading(title))
    d.blocks.append(Paragraph(greet))
    d.blocks.extend(Paragraph(t) for t in body)
    closing = {"tr": "Saygılarımızla,", "de": "Mit freundlichen Grüßen", "en": "Sincerely,"}[d.lang]
    signer = d.person(c)
    d.blocks.append(Lines(None, (closing, d.p("PERSON", signer.name), org.name)))
    if r.random() < 0.5:
        d.plant_lookalike()
    d.data.update({"kind": kind, "sender": (org.name, org.email), "recipient": who})
    return PREFIX["other"]


# Which kind of letter an "other" slot gets, per language, rotating every 21 slots, so
# a 42-document corpus has IP/MAC, passports, cards and the MBI notice.
LETTER_KINDS = {"en": ["travel", "medicare", "security", "card"], "tr": ["security", "travel", "card"],
                "de": ["travel", "card", "security"]}
# Home countries of the people on German payroll slips, contracts and letters: cross-border
# workers and residents, so EU national ids (NIR, DNI/NIE, codice fiscale, BSN, PESEL) occur.
DE_ROTATION = ["FR", "ES", "IT", "NL", "PL", "ES", "DE"]
_ROTATION_OFFSET = {"payroll_slip": 0, "contract": 1, "other": 2}


def nationality(d: _Doc) -> str:
    """The main person's country: deterministic per slot so small corpora cover every id type."""
    if d.lang == "de":
        return DE_ROTATION[(d.index // 21 * 3 + _ROTATION_OFFSET.get(d.doc_type, 0)) % len(DE_ROTATION)]
    if d.lang == "en" and d.doc_type == "payroll_slip" and d.index // 21 % 3 == 1:
        return "UK"
    return COUNTRY[d.lang]


BUILDERS = {"invoice": build_invoice, "payroll_slip": build_payroll, "purchase_order": build_purchase_order,
            "receipt": build_receipt, "bank_statement": build_bank_statement, "contract": build_contract,
            "other": build_other}


def build_spec(index: int, doc_type: str, language: str, variant: str, quality: str = "clean",
               seed: int = 0) -> DocSpec:
    """The document spec for one slot of the corpus (pure: same arguments, same spec)."""
    d = _Doc(index, doc_type, language, variant, quality, seed)
    prefix = BUILDERS[doc_type](d)
    return d.finish(prefix)
