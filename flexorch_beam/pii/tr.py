"""Turkey (KVKK): national id, tax number, phone, IBAN, passport, licence plate."""
from __future__ import annotations

import random
import re

import phonenumbers
from stdnum.tr import tckimlik, vkn

from flexorch_beam.pii import phones
from flexorch_beam.pii.examples import broken_iban, iban_for, phone, plain_digits, short_phone, until
from flexorch_beam.pii.eu import iban_valid
from flexorch_beam.pii.recognizer import KVKK, TR, Recognizer, identifier

_PLATE = re.compile(r"(\d{2}) ?([A-Z]{1,3}) ?(\d{2,5})")
_PLATE_LETTERS = frozenset("ABCDEFGHIJKLMNOPRSTUVYZ")  # no Q, W, X on Turkish plates


def _plate(value: str) -> bool:
    """Province 01-81 and the three official letter/number combinations."""
    match = _PLATE.fullmatch(value)
    if not match:
        return False
    province, letters, number = match.groups()
    if not 1 <= int(province) <= 81 or not set(letters) <= _PLATE_LETTERS:
        return False
    allowed = {1: (4, 5), 2: (3, 4), 3: (2, 3)}[len(letters)]
    return len(number) in allowed


def _tr_iban(value: str) -> bool:
    return value.startswith("TR") and iban_valid(value)


# --- examples and look-alikes (see examples.py) ----------------------------------------------
def tckn_example(rng: random.Random) -> str:
    base = plain_digits(rng, 9, first_nonzero=True)
    return base + tckimlik.calc_check_digits(base)


def vkn_example(rng: random.Random) -> str:
    return until(lambda: (lambda b: b + vkn.calc_check_digit(b))(plain_digits(rng, 9)), vkn.is_valid)


def passport_example(rng: random.Random) -> str:
    return rng.choice("USZ") + plain_digits(rng, 8)


def plate_example(rng: random.Random, province: str = "") -> str:
    province = province or rng.choice(["34", "06", "35", "16", "07", "41", "01", "42"])
    letters = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVYZ") for _ in range(rng.choice([2, 3])))
    return f"{province} {letters} {plain_digits(rng, 3 if len(letters) == 2 else 2, True)}"


def phone_example(rng: random.Random, mobile: bool = True, national: bool = False) -> str:
    fmt = phonenumbers.PhoneNumberFormat.NATIONAL if national else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    if mobile:
        operators = ["30", "32", "33", "35", "42", "44", "05", "06", "53", "55"]
        return phone(rng, "TR", lambda: "+905" + rng.choice(operators) + plain_digits(rng, 7), fmt)
    return phone(rng, "TR", lambda: "+90" + rng.choice(["212", "216", "312", "232", "224"])
                 + plain_digits(rng, 7, True), fmt)


RECOGNIZERS: tuple[Recognizer, ...] = (
    identifier(
        "TR_TCKN", "T.C. Kimlik No (national id)", TR, "stdnum.tr.tckimlik", tckimlik.is_valid,
        (r"[1-9]\d{10}", r"[1-9]\d{2} \d{3} \d{3} \d{2}"), (11,),
        ("tc kimlik", "t.c. kimlik", "kimlik no", "kimlik numara", "tckn", "tc no", "t.c. no",
         "vatandaşlık", "national id", "identity n", "turkish id"),
        regulation=KVKK, method="11 digits + 2 check digits", base_score=0.85,
        context_required=False, example=tckn_example),
    identifier(
        "TR_VKN", "Vergi Kimlik No (tax number)", TR, "stdnum.tr.vkn", vkn.is_valid,
        (r"\d{10}", r"\d{3} \d{3} \d{4}"), (10,),
        ("vkn", "vergi no", "vergi numara", "vergi kimlik", "vergi dairesi", "v.d.", "tax id",
         "tax number", "tax no", "steuernummer", "partyidentification", "companyid"),
        regulation=KVKK, method="10 digits + check digit", example=vkn_example),
    phones.recognizer(
        "TR", "TR_PHONE", "Turkish phone number", TR, KVKK,
        "+90 / 0 5xx / (0212) shapes stand alone; other national forms with a phone word",
        "phonenumbers (region TR, validity)",
        lambda r: phone_example(r, mobile=r.random() < 0.5, national=r.random() < 0.3),
        lambda r: short_phone(r, "90")),
    identifier(
        "TR_IBAN", "Turkish IBAN", TR, "stdnum iban registry + mod 97", _tr_iban,
        (r"TR[ \-]?\d{2}(?:[ \-]?[0-9A-Z]){22}",), (26,),
        ("iban", "hesap", "account", "konto", "banka", "bank"), regulation=KVKK,
        method="TR + 24 alphanumerics in any grouping or case, mod 97", base_score=0.9,
        context_required=False, example=lambda r: iban_for(r, "TR"),
        lookalike=lambda r: broken_iban(r, iban_for(r, "TR"))),
    Recognizer(
        id="TR_PASSPORT", name="Turkish passport number", jurisdiction=TR, regulation=KVKK,
        method="U/S/Z + 8 digits", validator_name="format", patterns=(r"[USZ] ?\d{8}",),
        lengths=(9,), context=("pasaport", "turkish passport", "türk pasaport"), base_score=0.6,
        context_required=True, example=passport_example,
        lookalike=lambda r: r.choice("ABCDEFGH") + plain_digits(r, 8)),  # no such series
    identifier(
        "TR_LICENSE_PLATE", "Turkish licence plate", TR, "province and combination rules", _plate,
        (r"\d{2} ?[A-Z]{1,3} ?\d{2,5}",), tuple(range(5, 10)),
        ("plaka", "araç", "arac", "vehicle", "licence plate", "license plate", "registration",
         "kennzeichen", "ruhsat"),
        regulation=KVKK, method="province 01-81 + official letter/digit combination",
        base_score=0.6, example=plate_example,
        lookalike=lambda r: plate_example(r, str(r.randint(82, 99)))),  # no such province
)
