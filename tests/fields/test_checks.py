from flexorch_beam import codes
from flexorch_beam.fields.checks import cross_check


def test_invoice_sum_passes_and_lifts_confidence() -> None:
    values = {"subtotal": ("100.00", 0.8), "tax_amount": ("20.00", 0.8), "total_amount": ("120.00", 0.8),
              "tax_rate": ("20", 0.8)}
    checked, warnings = cross_check("invoice", values)
    assert warnings == []
    assert all(checked[n][1] > 0.8 for n in values)


def test_invoice_sum_fails_and_names_the_field() -> None:
    values = {"subtotal": ("100.00", 0.9), "tax_amount": ("20.00", 0.9), "total_amount": ("130.00", 0.9)}
    checked, warnings = cross_check("invoice", values)
    assert [(w.code, w.field) for w in warnings] == [(codes.LOW_CONFIDENCE, "total_amount")]
    assert checked["total_amount"][1] < 0.9


def test_missing_member_is_derived_with_modest_confidence() -> None:
    checked, warnings = cross_check("invoice", {"subtotal": ("100.00", 0.9), "total_amount": ("119.00", 0.9)})
    assert checked["tax_amount"] == ("19.00", 0.7)
    assert checked["tax_rate"][0] == "19"  # a standard rate, implied by the two
    assert warnings == []


def test_total_alone_cannot_be_checked() -> None:
    _, warnings = cross_check("invoice", {"total_amount": ("119.00", 0.9)})
    assert [(w.code, w.field) for w in warnings] == [(codes.VALIDATION_SKIPPED, "total_amount")]


def test_inconsistent_tax_rate() -> None:
    values = {"subtotal": ("100.00", 0.9), "tax_amount": ("20.00", 0.9), "total_amount": ("120.00", 0.9),
              "tax_rate": ("7", 0.9)}
    checked, warnings = cross_check("invoice", values)
    assert (codes.LOW_CONFIDENCE, "tax_rate") in [(w.code, w.field) for w in warnings]
    assert checked["tax_rate"][1] < 0.9


def test_due_date_before_invoice_date() -> None:
    _, warnings = cross_check("invoice", {"invoice_date": ("2024-03-05", 0.9), "due_date": ("2024-03-01", 0.9)})
    assert [(w.code, w.field) for w in warnings] == [(codes.LOW_CONFIDENCE, "due_date")]


def test_payroll_net_is_gross_minus_deductions() -> None:
    ok, warnings = cross_check("payroll_slip", {"gross_pay": ("5000.00", 0.8), "deductions": ("1250.00", 0.8),
                                                "net_pay": ("3750.00", 0.8)})
    assert warnings == [] and ok["net_pay"][1] > 0.8
    derived, _ = cross_check("payroll_slip", {"gross_pay": ("5000.00", 0.9), "net_pay": ("3750.00", 0.9)})
    assert derived["deductions"][0] == "1250.00"
    _, bad = cross_check("payroll_slip", {"gross_pay": ("5000.00", 0.9), "deductions": ("1000.00", 0.9),
                                          "net_pay": ("3750.00", 0.9)})
    assert [(w.code, w.field) for w in bad] == [(codes.LOW_CONFIDENCE, "net_pay")]


def test_purchase_order_delivery_before_order() -> None:
    _, warnings = cross_check("purchase_order", {"order_date": ("2024-03-05", 0.9),
                                                 "delivery_date": ("2024-03-01", 0.9)})
    assert [w.field for w in warnings] == ["delivery_date"]


def test_tax_id_and_iban_checksums() -> None:
    checked, warnings = cross_check("invoice", {"vendor_tax_id": ("DE136695977", 0.9),
                                                "iban": ("DE88370400440532013000", 0.9)})
    assert {(w.code, w.field) for w in warnings} == {(codes.LOW_CONFIDENCE, "vendor_tax_id"),
                                                      (codes.LOW_CONFIDENCE, "iban")}
    assert checked["iban"][1] < 0.9
    _, skipped = cross_check("invoice", {"vendor_tax_id": ("0010000002", 0.9)})
    assert [(w.code, w.field) for w in skipped] == [(codes.VALIDATION_SKIPPED, "vendor_tax_id")]
