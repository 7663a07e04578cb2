"""A labelled, generated PII test set: valid values in context, broken look-alikes, non-PII.

Deterministic for a seed. Every value comes from its catalog row's own generators
(``Recognizer.example`` / ``Recognizer.lookalike``, see ``examples.py``): the same source as
the sample corpus and the detector's warm-up. Distractors are the numbers every business
document carries: invoice and order numbers, amounts, dates, times, quantities,
percentages, register numbers.

Used by ``tests/pii`` (the quality bar), ``bench/pii_bench.py`` (F1 and throughput) and
``step.warm_up``.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Callable, Optional

from stdnum.tr import tckimlik

from flexorch_beam.pii.catalog import CATALOG


@dataclass(frozen=True)
class Span:
    type: str
    start: int
    end: int


@dataclass(frozen=True)
class LabelledDoc:
    text: str
    pii: tuple[Span, ...]
    lookalikes: tuple[Span, ...]


# Every catalog type's example generator, in catalog order.
MAKERS: dict[str, Callable[[random.Random], str]] = {r.id: r.example for r in CATALOG}
LOOKALIKES: dict[str, Callable[[random.Random], str]] = {r.id: r.lookalike for r in CATALOG}

# Labels a document prints before a value (EN, TR, DE); one label per line of the set.
LABELS: dict[str, tuple[str, ...]] = {
    "TR_TCKN": ("Turkish ID (TCKN)", "T.C. Kimlik No", "TC-Kimlik-Nr."),
    "TR_VKN": ("Tax number (VKN)", "Vergi Kimlik No", "Steuernummer (VKN)"),
    "TR_PHONE": ("Phone", "Telefon", "Tel."),
    "TR_IBAN": ("IBAN", "IBAN", "IBAN"),
    "TR_PASSPORT": ("Turkish passport", "Pasaport No", "Türk pasaportu"),
    "TR_LICENSE_PLATE": ("Vehicle plate", "Araç plakası", "Kennzeichen"),
    "IBAN": ("Bank account (IBAN)", "Hesap (IBAN)", "Konto (IBAN)"),
    "EU_VAT": ("VAT ID", "KDV / VAT No", "USt-IdNr."),
    "DE_STEUER_ID": ("German tax id (Steuer-ID)", "Steuer-ID", "Steuer-IdNr."),
    "FR_NIR": ("Social security number (NIR)", "NIR", "Sécurité sociale"),
    "ES_DNI": ("DNI", "DNI", "DNI"),
    "ES_NIE": ("NIE", "NIE", "NIE"),
    "IT_CODICE_FISCALE": ("Codice fiscale", "Codice fiscale", "Codice fiscale"),
    "NL_BSN": ("BSN", "BSN", "Burgerservicenummer"),
    "PL_PESEL": ("PESEL", "PESEL", "PESEL"),
    "UK_NINO": ("National Insurance number", "NINO", "NI number"),
    "EU_PHONE": ("Phone", "Telefon", "Telefon"),
    "FR_NIF": ("Numéro fiscal", "NIF (FR)", "Numéro fiscal"),
    "BE_NATIONAL_NUMBER": ("National number", "Rijksregisternummer", "Numéro national"),
    "PT_NIF": ("NIF (contribuinte)", "NIF", "Contribuinte"),
    "PT_CC": ("Cartão de Cidadão", "Citizen card", "Cartão de Cidadão"),
    "SE_PERSONNUMMER": ("Personnummer", "Personnummer", "Personnummer"),
    "FI_HETU": ("Henkilötunnus", "HETU", "Personal identity code"),
    "DK_CPR": ("CPR", "CPR-nummer", "CPR"),
    "IE_PPS": ("PPS number", "PPSN", "PPS"),
    "RO_CNP": ("CNP", "CNP", "Cod numeric personal"),
    "BG_EGN": ("EGN", "ЕГН", "EGN"),
    "CZ_BIRTH_NUMBER": ("Rodné číslo", "Birth number", "Rodné číslo"),
    "HR_OIB": ("OIB", "OIB", "OIB"),
    "GR_AMKA": ("AMKA", "ΑΜΚΑ", "AMKA"),
    "AT_SVNR": ("Sozialversicherungsnummer", "SVNR", "SV-Nummer"),
    "EE_ISIKUKOOD": ("Isikukood", "Personal code", "Isikukood"),
    "UK_NHS": ("NHS number", "NHS No", "NHS-Nummer"),
    "US_SSN": ("SSN", "SSN", "Social Security No."),
    "US_ITIN": ("ITIN", "ITIN", "ITIN"),
    "US_EIN": ("EIN", "EIN", "Employer Identification Number"),
    "US_PASSPORT": ("Passport No.", "Passport number", "Reisepass-Nr."),
    "US_ABA_ROUTING": ("Routing number", "ABA", "Routing-Nr. (ABA)"),
    "US_MBI": ("Medicare MBI", "Medicare (MBI)", "Medicare-Nr."),
    "US_PHONE": ("Phone", "Telefon", "Telefon"),
    "US_ATIN": ("ATIN", "ATIN", "ATIN"),
    "US_PTIN": ("Preparer PTIN", "PTIN", "PTIN"),
    "US_NPI": ("NPI", "NPI", "NPI (national provider)"),
    "EMAIL": ("Email", "E-posta", "E-Mail"),
    "CREDIT_CARD": ("Card", "Kredi kartı", "Kreditkarte"),
    "IP_ADDRESS": ("IP address", "IP adresi", "IP-Adresse"),
    "MAC_ADDRESS": ("MAC address", "MAC adresi", "MAC-Adresse"),
    "SWIFT_BIC": ("BIC/SWIFT", "SWIFT kodu", "BIC"),
    "IMEI": ("IMEI", "IMEI", "IMEI"),
    "CRYPTO_WALLET": ("Bitcoin wallet", "BTC cüzdan", "Bitcoin-Wallet"),
    "DATE_OF_BIRTH": ("Date of birth", "Doğum tarihi", "Geburtsdatum"),
    "PERSON": ("Name", "Ad Soyad", "Name"),
    "ADDRESS": ("Address", "Adres", "Anschrift"),
    "PHONE": ("Phone", "Telefon", "Tel."),
}

# Types whose validity is a checksum: the quality bar's >= 0.98 applies to them.
CHECKSUM_TYPES: tuple[str, ...] = (
    "TR_TCKN", "TR_VKN", "TR_IBAN", "IBAN", "EU_VAT", "DE_STEUER_ID", "FR_NIR", "ES_DNI", "ES_NIE",
    "IT_CODICE_FISCALE", "NL_BSN", "PL_PESEL", "FR_NIF", "BE_NATIONAL_NUMBER", "PT_NIF", "PT_CC",
    "SE_PERSONNUMMER", "FI_HETU", "IE_PPS", "RO_CNP", "BG_EGN", "HR_OIB", "GR_AMKA",
    "EE_ISIKUKOOD", "UK_NHS", "US_ABA_ROUTING", "US_NPI", "CREDIT_CARD", "IMEI", "CRYPTO_WALLET",
    "CZ_BIRTH_NUMBER", "AT_SVNR",
)

_LOOKALIKE_LABELS = ("Reference", "Referans No", "Vorgangsnummer", "Tracking No.", "Abone No",
                     "Kundennummer", "Claim No.", "Sipariş Ref")


def _not_tckn(rng: random.Random) -> str:
    """An 11-digit article number. One in ~100 random ones passes the TCKN checksum and is
    then, by design, reported as a TCKN even without context; those are not distractors."""
    while True:
        value = str(rng.randint(10**10, 10**11 - 1))
        if not tckimlik.is_valid(value):
            return value


def _distractor(rng: random.Random) -> str:
    """A line with numbers that are not PII."""
    year = rng.choice([2023, 2024, 2025])
    options = [
        f"Invoice No: INV-{year}-{rng.randint(1, 99999):05d}",
        f"Fatura No: FTR{year}{rng.randint(0, 999999999):09d}",
        f"Rechnungsnummer: RE-{year}/{rng.randint(100, 9999)}",
        f"Order {rng.randint(10**7, 10**8 - 1)} of {rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{year}",
        f"Total: {rng.randint(1, 99)}.{rng.randint(100, 999)},{rng.randint(0, 99):02d} EUR",
        f"Amount due: ${rng.randint(1, 99)},{rng.randint(100, 999)}.{rng.randint(0, 99):02d}",
        f"Toplam: {rng.randint(1000, 999999)},{rng.randint(0, 99):02d} TL (KDV %20 dahil)",
        f"Date: {year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}",
        f"Qty {rng.randint(1, 50)} x {rng.randint(1, 999)},{rng.randint(0, 99):02d} = {rng.randint(10, 9999)},{rng.randint(0, 99):02d}",
        f"Handelsregister: HRB {rng.randint(10000, 99999)}, Amtsgericht Köln",
        f"Seite {rng.randint(1, 3)} von {rng.randint(3, 9)}, Lieferschein {rng.randint(10**5, 10**6 - 1)}",
        f"Sipariş No: {rng.randint(10**9, 10**10 - 1)}",
        f"Artikel-Nr. {_not_tckn(rng)}",
        f"PO number {rng.randint(10**8, 10**9 - 1)}, item {rng.randint(1, 40)}, {rng.randint(1, 99)}%",
        f"Tracking: 1Z{rng.randint(10**9, 10**10 - 1)}",
        f"Account balance {rng.randint(1, 9)} {rng.randint(100, 999)} {rng.randint(100, 999)},{rng.randint(10, 99)}",
    ]
    return rng.choice(options)


def generate(seed: int = 7, docs: int = 40, per_type: int = 2, types: Optional[tuple[str, ...]] = None) -> list[LabelledDoc]:
    """``docs`` documents; every type appears ``per_type`` times per document."""
    rng = random.Random(seed)
    chosen = types or tuple(MAKERS)
    out: list[LabelledDoc] = []
    for n in range(docs):
        entries: list[tuple[str, str, str]] = []  # (kind, type, line)
        for type_id in chosen:
            for _ in range(per_type):
                value = MAKERS[type_id](rng)
                label = LABELS[type_id][(n + len(entries)) % 3]
                entries.append(("pii", type_id, f"{label}: \x00{value}\x01"))
            broken = LOOKALIKES[type_id](rng)
            entries.append(("lookalike", type_id, f"{rng.choice(_LOOKALIKE_LABELS)}: \x00{broken}\x01"))
        entries += [("none", "", _distractor(rng)) for _ in range(len(chosen))]
        rng.shuffle(entries)
        text, pii, looks = [], [], []
        position = 0
        for kind, type_id, line in entries:
            if "\x00" in line:
                head, rest = line.split("\x00")
                value, tail = rest.split("\x01")
                start = position + len(head)
                (pii if kind == "pii" else looks).append(Span(type_id, start, start + len(value)))
                line = head + value + tail
            text.append(line)
            position += len(line) + 1
        out.append(LabelledDoc("\n".join(text) + "\n", tuple(pii), tuple(looks)))
    return out
