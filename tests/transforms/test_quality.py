"""ScoreQuality in Beam: completed records get score, grade, components and tokens; failed
records pass through untouched."""
import apache_beam as beam
from apache_beam.testing.util import assert_that

from flexorch_beam import codes
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.record import Record, ExtractedField, fail
from flexorch_beam.transforms.quality import ScoreQuality


def test_score_quality_transform():
    good = Record(
        id="job_good", document_id="d1", source_uri="/good.pdf", file_name="good.pdf",
        doc_type="receipt", page_count=1,
        text=("Corner Shop Ltd receipt 2024-03-05 " + "coffee 3.20 EUR " * 12 + "total 38.40 EUR"),
        fields=tuple(ExtractedField(n, v, 0.9, "rule") for n, v in (
            ("merchant_name", "Corner Shop Ltd"), ("date", "2024-03-05"),
            ("total_amount", "38.40"), ("currency", "EUR"))),
    )
    broken = fail(Record(id="job_bad", document_id=None, source_uri="/bad.pdf",
                            file_name="bad.pdf"), codes.CORRUPT_FILE, "broken")

    def check(records):
        got = {r.id: r for r in records}
        assert got["job_good"].quality_grade == "A" and got["job_good"].quality_score == 100.0
        assert got["job_good"].quality_components.completeness == 1.0
        assert got["job_good"].token_count > 30
        assert got["job_bad"] == broken

    with beam.Pipeline() as pipeline:
        scored = pipeline | beam.Create([good, broken]) | ScoreQuality(ProcessingConfig())
        assert_that(scored, check)
