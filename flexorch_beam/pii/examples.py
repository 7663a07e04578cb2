"""What every PII type's example and look-alike generators are made of.

Why: each catalog row declares ``example(rng)`` (a valid value, printed as documents print
it) and ``lookalike(rng)`` (its invalid twin: a broken check character, a range never
issued, a wrong shape), and the labelled set (``labelled.py``), the sample corpus
(``flexorch_samples``) and the detector's warm-up all read those declarations: one source of
test values. Values are synthetic and deterministic for a seeded ``random.Random``; the
oracle that says valid or not is python-stdnum / phonenumbers / the published format rule,
never the detector itself.
"""
from __future__ import annotations

import datetime as dt
import itertools
import random
import string
from typing import Callable, Optional

import phonenumbers
from stdnum import iban, luhn, numdb
from stdnum.fr import nir
from stdnum.it import codicefiscale
from stdnum.tr import tckimlik

D = string.digits
U = string.ascii_uppercase
Generator = Callable[[random.Random], str]
Oracle = Callable[[str], bool]


def digits(rng: random.Random, n: int, first: str = D) -> str:
    """``n`` random digits, the first drawn from ``first``."""
    return rng.choice(first) + "".join(rng.choice(D) for _ in range(n - 1)) if n else ""


def plain_digits(rng: random.Random, n: int, first_nonzero: bool = False) -> str:
    """``n`` random digits; a leading zero replaced when ``first_nonzero``."""
    out = "".join(rng.choice(D) for _ in range(n))
    if first_nonzero and out[0] == "0":
        out = rng.choice("123456789") + out[1:]
    return out


def complete(body: str, check: Oracle, alphabet: str = D, n: int = 1) -> Optional[str]:
    """``body`` + the check characters that make ``check`` accept it (None if none do)."""
    for tail in itertools.product(alphabet, repeat=n):
        value = body + "".join(tail)
        if accepts(check, value):
            return value
    return None


def until(make: Callable[[], Optional[str]], check: Optional[Oracle] = None,
          tries: int = 20000) -> str:
    """The first value ``make`` gives that is not None (and that ``check`` accepts)."""
    for _ in range(tries):
        value = make()
        if value and (check is None or check(value)):
            return value
    raise RuntimeError("generator found no valid value")  # a logic bug, not bad luck


def accepts(check: Oracle, value: str) -> bool:
    try:
        return bool(check(value))
    except Exception:  # noqa: BLE001 - stdnum raises on odd input
        return False


def birth_date(rng: random.Random, lo: int = 1950, hi: int = 2004) -> dt.date:
    return dt.date(rng.randint(lo, hi), rng.randint(1, 12), rng.randint(1, 28))


def yymmdd(day: dt.date) -> str:
    return day.strftime("%y%m%d")


# --- IBAN: listed bank codes where we have them, else the registry's BBAN structure ---------
BANK_CODES = {
    "TR": ["00010", "00012", "00015", "00046", "00062", "00064", "00067", "00111"],
    "DE": ["10070000", "20040000", "37040044", "50010517", "60050101", "70020270"],
    "FR": ["30004", "30003", "20041", "10107"],
    "ES": ["2100", "0049", "0182", "2085"],
    "IT": ["03069", "02008", "05034"],
    "NL": ["ABNA", "INGB", "RABO", "TRIO"],
    "PL": ["10901014", "11402004", "12401037"],
    "AT": ["12000", "20111", "32000"],
    "BE": ["001", "310", "068"],
    "GB": ["NWBK", "BARC", "MIDL", "LOYD"],
}
_IBAN_DB = numdb.get("iban")


def _listed_bban(rng: random.Random, cc: str) -> str:
    from stdnum.es import ccc

    bank = rng.choice(BANK_CODES[cc])
    if cc == "TR":
        return bank + "0" + plain_digits(rng, 16)
    if cc == "DE":
        return bank + plain_digits(rng, 10, True)
    if cc == "FR":
        branch, account = plain_digits(rng, 5), plain_digits(rng, 11)
        key = 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97
        return f"{bank}{branch}{account}{key:02d}"
    if cc == "ES":
        branch, account = plain_digits(rng, 4), plain_digits(rng, 10)
        return bank + branch + ccc.calc_check_digits(bank + branch + "00" + account) + account
    if cc == "IT":
        return rng.choice(U) + bank + plain_digits(rng, 5) + plain_digits(rng, 12)
    if cc == "GB":
        return bank + plain_digits(rng, 6, True) + plain_digits(rng, 8)
    if cc == "BE":
        account = bank + plain_digits(rng, 7)
        return f"{account}{int(account) % 97 or 97:02d}"
    return bank + plain_digits(rng, {"NL": 10, "PL": 16, "AT": 11}[cc])


def _structured_bban(rng: random.Random, cc: str) -> str:
    spec = _IBAN_DB.info(cc)[0][1]["bban"].replace("!", "")
    out, i = [], 0
    while i < len(spec):
        j = i
        while spec[j].isdigit():
            j += 1
        pool = {"n": D, "a": U, "c": D + U, "e": " "}[spec[j]]
        out.append("".join(rng.choice(pool) for _ in range(int(spec[i:j]))))
        i = j + 1
    return "".join(out)


def iban_for(rng: random.Random, cc: str) -> str:
    """A valid IBAN of country ``cc``, printed in groups of four."""
    bban = _listed_bban if cc in BANK_CODES else _structured_bban

    def make() -> str:
        body = bban(rng, cc)
        return cc + iban.calc_check_digits(cc + "00" + body) + body

    return iban.format(until(make, lambda v: accepts(iban.is_valid, v)))


def broken_iban(rng: random.Random, value: str) -> str:
    """Same shape, wrong check digits."""
    compact = iban.compact(value)
    check = int(compact[2:4])
    wrong = f"{(check + rng.randint(1, 50)) % 97 + 2:02d}"
    if wrong == compact[2:4]:
        wrong = f"{(check + 51) % 97 + 2:02d}"
    return iban.format(compact[:2] + wrong + compact[4:])


# --- phones ----------------------------------------------------------------------------------
def phone(rng: random.Random, region: str, make: Callable[[], str],
          fmt: int = phonenumbers.PhoneNumberFormat.INTERNATIONAL) -> str:
    """``make()`` until it is a valid number of ``region``, printed in ``fmt``."""

    def valid(text: str) -> bool:
        try:
            return phonenumbers.is_valid_number(phonenumbers.parse(text, region))
        except phonenumbers.NumberParseException:
            return False

    return phonenumbers.format_number(phonenumbers.parse(until(make, valid), region), fmt)


def plan_phone(rng: random.Random, region: str) -> str:
    """A valid number of ``region``'s plan: its example number with the last six digits drawn."""

    def make() -> str:
        example = phonenumbers.example_number_for_type(region, rng.choice(
            [phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE]))
        number = str(example.national_number)
        keep = max(2, len(number) - 6)
        return f"+{example.country_code}{number[:keep]}{digits(rng, len(number) - keep)}"

    return phone(rng, region, make)


def short_phone(rng: random.Random, code: str) -> str:
    """An international number far too short for any plan of ``code``."""
    return f"+{code} {digits(rng, 3, '23456789')} {digits(rng, 2)}"


# --- look-alikes -----------------------------------------------------------------------------
# A look-alike must not pass these either: it sits in the labelled set with no context word,
# where these types stand alone.
_NO_CONTEXT_ORACLES: tuple[Oracle, ...] = (
    tckimlik.is_valid, iban.is_valid, nir.is_valid, codicefiscale.is_valid,
    lambda v: luhn.is_valid(v) and len(v) >= 14)


def break_check(rng: random.Random, value: str, oracle: Oracle) -> Optional[str]:
    """``value`` with its last letter or digit changed so that no oracle accepts it (None
    when no change does)."""
    index = max(i for i, c in enumerate(value) if c.isalnum())
    pool = D if value[index].isdigit() else U
    for c in rng.sample(pool, len(pool)):
        candidate = value[:index] + c + value[index + 1 :]
        plain = candidate.replace(" ", "").replace("-", "").replace(".", "").replace("/", "")
        if candidate == value or accepts(oracle, candidate) or accepts(oracle, plain):
            continue
        if any(accepts(check, plain) for check in _NO_CONTEXT_ORACLES):
            continue
        return candidate
    return None


def broken(example: Generator, oracle: Oracle) -> Generator:
    """The look-alike generator of a check-digit type: an example with its check broken."""

    def lookalike(rng: random.Random) -> str:
        return until(lambda: break_check(rng, example(rng), oracle))

    return lookalike
