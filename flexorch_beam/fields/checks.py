"""Cross-checks between fields: arithmetic and date order raise or lower confidence.

* invoice: subtotal + tax_amount = total_amount; tax_amount = subtotal x tax_rate;
  due_date >= invoice_date. A missing member of the sum is derived when the other two are
  there (and the derivation agrees with the rate when there is one), so an accounting team
  gets a complete triple with an honest confidence.
* payroll_slip: gross_pay - deductions = net_pay (same derivation rule).
* purchase_order: delivery_date >= order_date.
* every type: tax ids and IBANs are checksum-validated (python-stdnum).

A check that passes lifts each member's confidence; one that fails lowers them and leaves a
LOW_CONFIDENCE warning naming the field; a check that cannot run because a member is
missing leaves VALIDATION_SKIPPED naming the field that went unchecked.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from flexorch_beam import codes
from flexorch_beam.fields.amounts import format_amount, format_rate
from flexorch_beam.fields.ids import validate_iban, validate_tax_id
from flexorch_beam.record import RecordWarning

Values = dict[str, tuple[str, float]]

BOOST = 0.08
PENALTY = 0.3
CAP = 0.99
DERIVED = 0.7
STANDARD_RATES = {Decimal(r) for r in ("0", "1", "2.5", "5", "6", "7", "8", "9", "10", "13", "16", "18",
                                        "19", "20", "21", "22", "23", "24", "25")}


def _dec(values: Values, name: str) -> Optional[Decimal]:
    if name not in values:
        return None
    try:
        return Decimal(values[name][0])
    except Exception:  # noqa: BLE001 - a non-numeric value simply is not checkable
        return None


def _close(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) <= max(Decimal("0.02"), abs(b) * Decimal("0.0005"))


def _adjust(values: Values, names: tuple[str, ...], delta: float) -> None:
    for name in names:
        if name in values:
            value, confidence = values[name]
            values[name] = (value, round(max(0.05, min(CAP, confidence + delta)), 3))


def _sum_check(
    values: Values, a: str, b: str, total: str, sign: int, warnings: list[RecordWarning]
) -> None:
    """a + sign*b = total, deriving the one missing member."""
    x, y, z = _dec(values, a), _dec(values, b), _dec(values, total)
    relation = f"{a} {'+' if sign > 0 else '-'} {b} = {total}"
    if x is not None and y is not None and z is not None:
        if _close(x + sign * y, z):
            _adjust(values, (a, b, total), BOOST)
        else:
            _adjust(values, (a, b, total), -PENALTY)
            warnings.append(RecordWarning(codes.LOW_CONFIDENCE, total, f"cross-check failed: {relation}"))
        return
    present = [n for n, v in ((a, x), (b, y), (total, z)) if v is not None]
    if len(present) == 2:
        if z is None:
            derived_name, derived = total, x + sign * y
        elif y is None:
            derived_name, derived = b, (z - x) * sign
        else:
            derived_name, derived = a, z - sign * y
        if derived >= 0:
            confidence = min(values[present[0]][1], values[present[1]][1], DERIVED)
            values[derived_name] = (format_amount(derived), round(confidence, 3))
            return
    if z is not None:
        warnings.append(RecordWarning(
            codes.VALIDATION_SKIPPED, total, f"cross-check not possible ({relation}): members missing"
        ))


def _rate_check(values: Values, warnings: list[RecordWarning]) -> None:
    subtotal, tax, rate = _dec(values, "subtotal"), _dec(values, "tax_amount"), _dec(values, "tax_rate")
    if subtotal is None or tax is None or subtotal <= 0:
        return
    if rate is None:
        implied = (tax / subtotal * 100).quantize(Decimal("0.01"))
        nearest = min(STANDARD_RATES, key=lambda r: abs(r - implied))
        if abs(nearest - implied) <= Decimal("0.05"):
            confidence = min(values["subtotal"][1], values["tax_amount"][1], DERIVED)
            values["tax_rate"] = (format_rate(nearest), round(confidence, 3))
        return
    expected = subtotal * rate / 100
    if abs(expected - tax) <= max(Decimal("0.05"), tax * Decimal("0.01")):
        _adjust(values, ("tax_rate",), BOOST)
    else:
        _adjust(values, ("tax_rate",), -PENALTY)
        warnings.append(RecordWarning(
            codes.LOW_CONFIDENCE, "tax_rate", "cross-check failed: subtotal x tax_rate != tax_amount"
        ))


def _order_check(values: Values, first: str, second: str, warnings: list[RecordWarning]) -> None:
    if first in values and second in values:
        if values[second][0] < values[first][0]:
            _adjust(values, (second,), -PENALTY)
            warnings.append(RecordWarning(codes.LOW_CONFIDENCE, second, f"{second} is before {first}"))


def _id_checks(values: Values, warnings: list[RecordWarning]) -> None:
    """Checksums: a tax id no known scheme covers is VALIDATION_SKIPPED; a failed checksum
    (tax id or IBAN) is LOW_CONFIDENCE."""
    if "vendor_tax_id" in values:
        found = validate_tax_id(values["vendor_tax_id"][0])
        if found is None or found.scheme is None:
            warnings.append(RecordWarning(
                codes.VALIDATION_SKIPPED, "vendor_tax_id", "tax id matches no known scheme (TR, EU VAT, US EIN, DE)"
            ))
        elif not found.valid:
            _adjust(values, ("vendor_tax_id",), -PENALTY)
            warnings.append(RecordWarning(codes.LOW_CONFIDENCE, "vendor_tax_id", f"{found.scheme} checksum failed"))
    if "iban" in values and not validate_iban(values["iban"][0])[1]:
        _adjust(values, ("iban",), -PENALTY)
        warnings.append(RecordWarning(codes.LOW_CONFIDENCE, "iban", "IBAN check digits fail"))


def cross_check(doc_type: str, values: Values) -> tuple[Values, list[RecordWarning]]:
    """Adjusted copy of ``values`` and the warnings the checks raised."""
    values = dict(values)
    warnings: list[RecordWarning] = []
    _id_checks(values, warnings)
    if doc_type == "invoice":
        _sum_check(values, "subtotal", "tax_amount", "total_amount", +1, warnings)
        _rate_check(values, warnings)
        _order_check(values, "invoice_date", "due_date", warnings)
    elif doc_type == "payroll_slip":
        _sum_check(values, "gross_pay", "deductions", "net_pay", -1, warnings)
    elif doc_type == "purchase_order":
        _order_check(values, "order_date", "delivery_date", warnings)
    return values, warnings
