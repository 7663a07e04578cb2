"""Realistic parties (people and companies) per country, with their PII attached.

Names come from Faker's locales; Turkish street addresses are composed here because
Faker's tr_TR address provider prints US-style addresses.
"""
from __future__ import annotations

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from faker import Faker

from flexorch_beam.pii import eu, global_ids, tr, us
from flexorch_beam.pii.examples import iban_for

FAKER_LOCALES = {"TR": "tr_TR", "DE": "de_DE", "US": "en_US", "UK": "en_GB", "FR": "fr_FR",
                 "ES": "es_ES", "IT": "it_IT", "NL": "nl_NL", "PL": "pl_PL", "AT": "de_AT", "BE": "nl_BE"}

TR_PLACES = [("Kadıköy", "İstanbul", "34710"), ("Çankaya", "Ankara", "06690"), ("Konak", "İzmir", "35250"),
             ("Nilüfer", "Bursa", "16110"), ("Muratpaşa", "Antalya", "07100"), ("Beşiktaş", "İstanbul", "34353"),
             ("Şişli", "İstanbul", "34394"), ("Karşıyaka", "İzmir", "35560"), ("Ümraniye", "İstanbul", "34760"),
             ("Selçuklu", "Konya", "42250"), ("İzmit", "Kocaeli", "41040")]
TR_STREETS = ["Atatürk", "Cumhuriyet", "İnönü", "Bağdat", "Gazi Mustafa Kemal", "Fevzi Çakmak",
              "Barbaros", "Şehit Ömer Halisdemir", "Gül", "Menekşe", "Çınar", "Ihlamur"]
TR_STREET_KINDS = ["Cad.", "Caddesi", "Sok.", "Sokak", "Bulvarı"]
TR_TAX_OFFICES = ["Kadıköy", "Büyük Mükellefler", "Çankaya", "Konak", "Nilüfer", "Beşiktaş", "Mecidiyeköy"]

SECTORS = {
    "TR": ["Tekstil", "Gıda", "İnşaat", "Yazılım", "Lojistik", "Elektronik", "Makina", "Kimya", "Danışmanlık", "Otomotiv"],
    "DE": ["Maschinenbau", "Logistik", "Elektrotechnik", "Software", "Bürobedarf", "Lebensmittel", "Bau", "Medizintechnik"],
    "US": ["Industries", "Logistics", "Software", "Supply", "Consulting", "Foods", "Electric", "Manufacturing"],
}
LEGAL_FORMS = {
    "TR": ["San. ve Tic. A.Ş.", "Ltd. Şti.", "A.Ş.", "Tic. Ltd. Şti."],
    "DE": ["GmbH", "GmbH & Co. KG", "AG", "KG"],
    "US": ["Inc.", "LLC", "Corp.", "Co."],
}
MAIL_PROVIDERS = {"TR": ["gmail.com", "hotmail.com", "yandex.com.tr", "outlook.com"],
                  "DE": ["web.de", "gmx.de", "t-online.de", "gmail.com"],
                  "US": ["gmail.com", "yahoo.com", "outlook.com", "icloud.com"]}
TLD = {"TR": "com.tr", "DE": "de", "US": "com", "UK": "co.uk", "FR": "fr", "ES": "es", "IT": "it",
       "NL": "nl", "PL": "pl", "AT": "at", "BE": "be"}


@lru_cache(maxsize=None)
def _faker(locale: str) -> Faker:
    return Faker(locale)


def faker_for(country: str, seed: int) -> Faker:
    """The cached Faker of ``country``, re-seeded so every document is reproducible."""
    fake = _faker(FAKER_LOCALES[country])
    fake.seed_instance(seed)
    return fake


_GERMAN_FOLD = str.maketrans({"ß": "ss", "ä": "ae", "ö": "oe", "ü": "ue", "Ä": "ae", "Ö": "oe", "Ü": "ue"})
_TURKISH_FOLD = str.maketrans({"ı": "i", "İ": "i", "ş": "s", "Ş": "s", "ğ": "g", "Ğ": "g", "ü": "u",
                               "Ü": "u", "ö": "o", "Ö": "o", "ç": "c", "Ç": "c"})


def ascii_slug(text: str, country: str = "") -> str:
    """'Şükrü Öztürk' -> 'sukru.ozturk', 'Jürgen Groß' -> 'juergen.gross' (mail addresses)."""
    text = text.translate(_GERMAN_FOLD if country in ("DE", "AT") else _TURKISH_FOLD)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return ".".join(p for p in "".join(c.lower() if c.isalnum() else " " for c in text).split())


@dataclass
class Person:
    first: str
    last: str
    female: bool
    country: str
    address: str
    birth: dt.date
    email: str
    phone: str
    phone_type: str

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class Company:
    name: str
    country: str
    address: str
    city: str
    email: str
    phone: str
    phone_type: str
    tax_id: str
    tax_type: str
    iban: str
    iban_type: str
    bic: str
    website: str
    extras: dict = field(default_factory=dict)


def address(fake: Faker, rng: random.Random, country: str) -> tuple[str, str]:
    """(one-line postal address, city) in the country's usual order."""
    if country == "TR":
        district, city, postcode = rng.choice(TR_PLACES)
        door = f" D: {rng.randint(1, 24)}" if rng.random() < 0.6 else ""
        street = f"{rng.choice(TR_STREETS)} {rng.choice(TR_STREET_KINDS)} No: {rng.randint(1, 180)}{door}"
        return f"{street}, {postcode} {district}/{city}", city
    if country in ("DE", "AT"):
        city = fake.city()
        return f"{fake.street_name()} {rng.randint(1, 140)}, {fake.postcode()} {city}", city
    if country == "US":
        city = fake.city()
        return f"{fake.street_address()}, {city}, {fake.state_abbr(include_territories=False)} {fake.zipcode()}", city
    city = fake.city()
    return f"{fake.street_address()}, {fake.postcode()} {city}".replace("\n", ", "), city


def _phone(rng: random.Random, country: str, mobile: bool) -> tuple[str, str]:
    if country == "TR":
        return tr.phone_example(rng, mobile=mobile, national=rng.random() < 0.3), "TR_PHONE"
    if country == "US":
        return us.phone_example(rng), "US_PHONE"
    return eu.phone_example(rng, country), "EU_PHONE"


def person(rng: random.Random, country: str, seed: int) -> Person:
    fake = faker_for(country, seed)
    female = rng.random() < 0.5
    first = fake.first_name_female() if female else fake.first_name_male()
    last = fake.last_name()
    addr, _ = address(fake, rng, country)
    birth = dt.date(rng.randint(1958, 2001), rng.randint(1, 12), rng.randint(1, 28))
    provider = rng.choice(MAIL_PROVIDERS.get(country, MAIL_PROVIDERS["DE" if country != "UK" else "US"]))
    email = f"{ascii_slug(first, country)}.{ascii_slug(last, country)}@{provider}".replace("..", ".")
    phone, phone_type = ("", "") if country == "UK" else _phone(rng, country, mobile=True)
    return Person(first, last, female, country, addr, birth, email, phone, phone_type)


def company(rng: random.Random, country: str, seed: int) -> Company:
    fake = faker_for(country, seed)
    last = fake.last_name()
    key = country if country in SECTORS else "DE"
    sector = rng.choice(SECTORS[key])
    if country in ("TR", "DE", "US"):
        name = f"{last} {sector} {rng.choice(LEGAL_FORMS[key])}"
    elif country == "UK":
        name = f"{last} {rng.choice(SECTORS['US'])} Ltd"
    else:
        name = fake.company()
    addr, city = address(fake, rng, country)
    slug = lambda t: ascii_slug(t, country).replace(".", "")  # noqa: E731
    stem = slug(last) + slug(sector)[:8] if country in SECTORS else slug(name.split()[0].strip(",&"))
    domain = f"{stem}.{TLD.get(country, 'com')}"
    box = {"TR": ["info", "muhasebe", "satis", "fatura"], "DE": ["info", "buchhaltung", "rechnung", "vertrieb"]}.get(
        country, ["info", "billing", "accounts", "sales"])
    email = f"{rng.choice(box)}@{domain}"
    phone, phone_type = ("", "") if country == "UK" else _phone(rng, country, mobile=False)
    if country == "TR":
        tax_id, tax_type = tr.vkn_example(rng), "TR_VKN"
        iban_value, iban_type = iban_for(rng, "TR"), "TR_IBAN"
    elif country == "US":
        tax_id, tax_type = us.ein_example(rng), "US_EIN"
        iban_value, iban_type = "", ""
    elif country == "UK":
        tax_id, tax_type = "", ""
        iban_value, iban_type = "", ""
    else:
        tax_id, tax_type = eu.vat_example(rng, country), "EU_VAT"
        iban_value, iban_type = iban_for(rng, country), "IBAN"
    extras = {}
    if country == "TR":
        extras["tax_office"] = rng.choice(TR_TAX_OFFICES)
        extras["mersis"] = "0" + "".join(rng.choice("0123456789") for _ in range(15))
    if country == "DE":
        court = rng.choice(["München", "Hamburg", "Köln", "Frankfurt am Main", "Stuttgart"])
        extras["register"] = f"HRB {rng.randint(10000, 99999)}, Amtsgericht {court}"
    if country == "US":
        extras["routing"] = us.aba_example(rng)
        extras["account"] = "".join(rng.choice("0123456789") for _ in range(12))  # 12 digits: no 10-digit VKN look-alike
    return Company(name, country, addr, city, email, phone, phone_type, tax_id, tax_type, iban_value,
                   iban_type, global_ids.bic_example(rng, country), f"www.{domain}", extras)
