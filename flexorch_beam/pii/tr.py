"""Turkey (KVKK): national id, tax number, phone, IBAN, passport, licence plate."""
from __future__ import annotations

import re

from stdnum.tr import tckimlik, vkn

from flexorch_beam.pii import phones
from flexorch_beam.pii.eu import iban_valid
from flexorch_beam.pii.recognizer import KVKK, TR, Recognizer, safe

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


RECOGNIZERS: tuple[Recognizer, ...] = (
    Recognizer(
        id="TR_TCKN",
        name="T.C. Kimlik No (national id)",
        jurisdiction=TR,
        regulation=KVKK,
        method="11 digits + 2 check digits",
        validator_name="stdnum.tr.tckimlik",
        patterns=(r"[1-9]\d{10}", r"[1-9]\d{2} \d{3} \d{3} \d{2}"),
        lengths=(11,),
        validator=safe(tckimlik.is_valid),
        context=("tc kimlik", "t.c. kimlik", "kimlik no", "kimlik numara", "tckn", "tc no",
                 "t.c. no", "vatandaşlık", "national id", "identity n", "turkish id"),
        base_score=0.85,
    ),
    Recognizer(
        id="TR_VKN",
        name="Vergi Kimlik No (tax number)",
        jurisdiction=TR,
        regulation=KVKK,
        method="10 digits + check digit",
        validator_name="stdnum.tr.vkn",
        patterns=(r"\d{10}", r"\d{3} \d{3} \d{4}"),
        lengths=(10,),
        validator=safe(vkn.is_valid),
        context=("vkn", "vergi no", "vergi numara", "vergi kimlik", "vergi dairesi", "v.d.",
                 "tax id", "tax number", "tax no", "steuernummer", "partyidentification",
                 "companyid"),
        base_score=0.7,
        context_required=True,
    ),
    Recognizer(
        id="TR_PHONE",
        name="Turkish phone number",
        jurisdiction=TR,
        regulation=KVKK,
        method="+90 / 0 5xx / (0212) shapes stand alone; other national forms with a phone word",
        validator_name="phonenumbers (region TR, validity)",
        scanner=phones.scanner("TR"),
        context=phones.PHONE_CONTEXT,
        base_score=phones.ACCEPT,
    ),
    Recognizer(
        id="TR_IBAN",
        name="Turkish IBAN",
        jurisdiction=TR,
        regulation=KVKK,
        method="TR + 24 alphanumerics in any grouping or case, mod 97",
        validator_name="stdnum iban registry + mod 97",
        patterns=(r"TR[ \-]?\d{2}(?:[ \-]?[0-9A-Z]){22}",),
        lengths=(26,),
        validator=safe(_tr_iban),
        context=("iban", "hesap", "account", "konto", "banka", "bank"),
        base_score=0.9,
    ),
    Recognizer(
        id="TR_PASSPORT",
        name="Turkish passport number",
        jurisdiction=TR,
        regulation=KVKK,
        method="U/S/Z + 8 digits",
        validator_name="format",
        patterns=(r"[USZ] ?\d{8}",),
        lengths=(9,),
        context=("pasaport", "turkish passport", "türk pasaport"),
        base_score=0.6,
        context_required=True,
    ),
    Recognizer(
        id="TR_LICENSE_PLATE",
        name="Turkish licence plate",
        jurisdiction=TR,
        regulation=KVKK,
        method="province 01-81 + official letter/digit combination",
        validator_name="province and combination rules",
        patterns=(r"\d{2} ?[A-Z]{1,3} ?\d{2,5}",),
        lengths=tuple(range(5, 10)),
        validator=_plate,
        context=("plaka", "araç", "arac", "vehicle", "licence plate", "license plate",
                 "registration", "kennzeichen", "ruhsat"),
        base_score=0.6,
        context_required=True,
    ),
)
