"""Quality components, score and grade: the documented formula, and its ordering."""
import pytest

from flexorch_beam.config import ProcessingConfig
from flexorch_beam.quality import (
    EXPECTED_FIELDS,
    completeness,
    grade_at_least,
    grade_for,
    noise_ratio,
    score,
    score_record,
    text_sufficiency,
)
from flexorch_beam.record import Record, ExtractedField, QualityComponents

CLEAN_TEXT = """INVOICE
Invoice number: INV-2024-0001   Date: 2024-03-05   Due: 2024-04-04
Vendor: Müller GmbH, Hauptstraße 5, 10115 Berlin   VAT ID: DE123456789
Customer: [PERSON]  IBAN: [IBAN]  Contact: <PERSON_1>  e-mail: [EMAIL]
Description            Qty   Unit price    Amount
Consulting services     10      120.00     1,200.00
Subtotal 1,200.00  VAT 19% 228.00  Total 1,428.00 EUR
Şirket: Örnek A.Ş.  Vergi No: 1234567890  Tutar: 1.428,00 TL  ----------  ***  ...
Payment within 30 days to the account above. Thank you for your business.
VAT 8%: 12.00 (6.2%) card ************7478 Ltd.Şti. "A.Ş." (%14) 1,4Z8 -> ok
"""
NOISY_TEXT = (
    "lNV0lCE Inv|oice nurnber: ~~%$# 1NV-2O24 Tota1 : 1,4Z8.0O E U R Ã¼ber cafÃ© \ufffd\ufffd "
    ";;:;:; ,.,., Vend0r: Mü1ler Gm6H"
)


def invoice(text: str, found: int, ocr: float | None = None, pages: int = 1) -> Record:
    names = EXPECTED_FIELDS["invoice"][:found]
    return Record(
        id="job_x", document_id="doc_x", source_uri="/x.pdf", file_name="x.pdf",
        doc_type="invoice", text=text, page_count=pages, ocr_used=ocr is not None,
        ocr_confidence=ocr,
        fields=tuple(ExtractedField(n, "v", 0.9, "rule") for n in names)
        + (ExtractedField("iban", None, 0.0, "rule"),) * (found < 12),
    )


def test_grade_thresholds():
    assert [grade_for(s) for s in (100, 85, 84.99, 65, 64.9, 45, 44.9, 0)] == [
        "A", "A", "B", "B", "C", "C", "D", "D"
    ]
    assert grade_at_least("A", "B") and grade_at_least("B", "B")
    assert not grade_at_least("C", "B") and not grade_at_least(None, "D")
    assert grade_at_least(None, None)


def test_completeness_counts_expected_fields_with_values():
    fields = [ExtractedField("merchant_name", "Shop", 1, "rule"),
              ExtractedField("date", "2024-01-02", 1, "rule"),
              ExtractedField("currency", None, 0, "rule"),
              ExtractedField("unrelated", "x", 1, "rule")]
    assert completeness("receipt", fields) == 0.5
    assert completeness("contract", fields) == 1.0  # nothing expected
    assert completeness(None, []) == 1.0
    assert completeness("invoice", []) == 0.0


def test_noise_ratio_separates_clean_from_garbled_text():
    assert noise_ratio(CLEAN_TEXT) == 0.0  # IDs, amounts, umlauts, masks, rules are not noise
    assert noise_ratio(NOISY_TEXT) > 0.6
    assert noise_ratio("") == 0.0
    assert noise_ratio("T o t a l amount") == pytest.approx(5 / 6)


def test_text_sufficiency_scales_with_pages():
    thirty = " ".join(["word"] * 30)
    assert text_sufficiency(thirty, 1) == 1.0
    assert text_sufficiency(thirty, 2) == 0.5
    assert text_sufficiency(thirty, 500) == pytest.approx(0.1)  # capped at 10 pages
    assert text_sufficiency(None, None) == 0.0


def test_score_formula_matches_readme():
    c = QualityComponents(completeness=0.5, noise_ratio=0.15, ocr_confidence=65.0,
                          text_sufficiency=1.0)
    # clean = 1 - 0.15/0.30 = 0.5; ocr = (65-40)/50 = 0.5
    assert score(c) == pytest.approx(100 * (0.4 * 0.5 + 0.2 * 1.0 + 0.4 * 0.5) * 0.5)
    digital = QualityComponents(1.0, 0.0, None, 1.0)
    assert score(digital) == 100.0


def test_clean_digital_grades_a_bad_scan_grades_d_and_order_holds():
    config = ProcessingConfig()
    clean = score_record(invoice(CLEAN_TEXT, 11), config)
    good_scan = score_record(invoice(CLEAN_TEXT, 10, ocr=91.0), config)
    middling = score_record(invoice(CLEAN_TEXT + NOISY_TEXT, 6, ocr=75.0), config)
    bad_scan = score_record(invoice(NOISY_TEXT, 3, ocr=48.0), config)
    assert clean.quality_grade == "A"
    assert bad_scan.quality_grade == "D"
    scores = [r.quality_score for r in (clean, good_scan, middling, bad_scan)]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) == 4
    assert clean.quality_components.ocr_confidence is None
    assert bad_scan.quality_components.ocr_confidence == 48.0
    assert clean.token_count > 50


def test_scoring_is_deterministic():
    one = score_record(invoice(CLEAN_TEXT, 7, ocr=80.0), ProcessingConfig())
    two = score_record(invoice(CLEAN_TEXT, 7, ocr=80.0), ProcessingConfig())
    assert one == two


@pytest.mark.slow
def _worse_scan(content: bytes) -> bytes:
    """The generator's "poor" scans became readable once OCR learned to despeckle (they now
    OCR at ~90 confidence and grade A, rightly). A bad scan is one whose text cannot be
    recovered: half the resolution and a blur on top of the poor scan."""
    import io

    from PIL import Image, ImageFilter

    with Image.open(io.BytesIO(content)) as image:
        if image.format not in ("PNG", "TIFF"):
            return content
        dpi = image.info.get("dpi", (100, 100))
        page = image.convert("L")
    page = page.resize((page.width // 2, page.height // 2)).resize(page.size)
    page = page.filter(ImageFilter.GaussianBlur(1.5))
    buffer = io.BytesIO()
    page.save(buffer, "PNG", dpi=dpi)
    return buffer.getvalue()


def test_generated_corpus_clean_digital_grade_a_and_poor_scans_grade_d(tmp_path):
    """Real documents from the samples generator through the real steps (tesseract included):
    clean digital documents grade A (B at worst, when field extraction misses some), the
    generator's deliberately poor scans grade D, and every clean digital document outscores
    every poor scan."""
    import json
    import subprocess
    import sys

    from flexorch_beam.classify import classify_record
    from flexorch_beam.extract_step import extract_record
    from flexorch_beam.fields.step import extract_fields_record
    from flexorch_beam.pii.step import detect_pii_record
    from flexorch_beam.record import job_id
    from flexorch_beam.sources import describe_content
    from flexorch_beam.steps import step_named
    from flexorch_beam.transforms.base import run_step

    subprocess.run([sys.executable, "-m", "flexorch_samples", str(tmp_path), "--count", "11",
                    "--seed", "7"], check=True, capture_output=True)
    config = ProcessingConfig(sandbox=False)
    steps = [("extract", extract_record), ("classify", classify_record),
             ("fields", extract_fields_record), ("pii", detect_pii_record),
             ("quality", score_record)]
    clean, poor = [], []
    for truth_path in sorted((tmp_path / "truth").rglob("*.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        if truth["scanned"] and truth["quality"] != "poor":
            continue  # clean scans sit in between; not part of this claim
        path = tmp_path / truth["path"]
        content = path.read_bytes()
        if truth["quality"] == "poor":
            content = _worse_scan(content)
        record = describe_content(
            Record(id=job_id("q", str(path)), document_id=None, source_uri=str(path),
                      file_name=path.name),
            content,
        )
        for name, function in steps:
            record = run_step(name, function, record, step_named(name).options(config))
        assert not record.failed, (truth["path"], record.processing_summary)
        (poor if truth["quality"] == "poor" else clean).append((truth["path"], record))
    assert poor and len(clean) >= 8
    grades = [r.quality_grade for _, r in clean]
    assert set(grades) <= {"A", "B"} and grades.count("A") >= 0.8 * len(grades), grades
    assert all(r.quality_grade == "D" for _, r in poor), [(p, r.quality_score) for p, r in poor]
    assert min(r.quality_score for _, r in clean) > max(r.quality_score for _, r in poor)
