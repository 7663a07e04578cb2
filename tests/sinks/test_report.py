"""report.html: one self-contained page with the charts, nothing fetched from anywhere."""
from html.parser import HTMLParser

from flexorch_beam.sinks.profile import profile_rows
from flexorch_beam.sinks.report import render_report


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.refs, self.headings, self._in_h2 = [], [], [], False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.refs += [v for k, v in attrs if k in ("src", "href") and v]
        self._in_h2 = tag == "h2"

    def handle_data(self, data):
        if self._in_h2:
            self.headings.append(data)
            self._in_h2 = False


def test_report_is_self_contained_with_charts(dataset):
    out, _records, _kept, _rejected = dataset
    page = (out / "report.html").read_text(encoding="utf-8")
    parser = _Collect()
    parser.feed(page)
    assert parser.refs == [] and "script" not in parser.tags and "link" not in parser.tags
    assert parser.tags.count("svg") >= 7
    for title in ("Quality grades", "Quality score histogram", "Document types",
                  "PII findings by type", "Failures by code"):
        assert title in parser.headings
    assert "CORRUPT_FILE" in page and "IBAN" in page


def test_report_escapes_labels():
    profile = profile_rows([{"status": "completed", "doc_type": "<script>x</script>",
                             "quality_score": 50.0, "quality_grade": "C"}])
    page = render_report(profile, "run<1>")
    assert "<script>" not in page and "&lt;script&gt;" in page
