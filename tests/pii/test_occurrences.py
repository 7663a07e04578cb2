"""Masking leaves nothing: a value found once is masked at every occurrence (wrapped across
lines, reformatted, without its cue), in the text, the fields and the LLM prompt."""
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from flexorch_beam.config import ProcessingConfig
from flexorch_beam.fields.step import extract_fields_record
from flexorch_beam.pii.occurrences import every_occurrence
from flexorch_beam.pii.scan import Match
from flexorch_beam.pii.step import detect, detect_pii_record
from flexorch_beam.record import Record, ExtractedField

TEXT = (
    "Fatura\nMüşteri: Ayşe Kaya\nTel: 0532 123 45 67\n"
    "IBAN: TR33 0006 1005 1978 6457 8413 26\n"
    "Notes: Ayşe Kaya asked us to call 0532 123\n45 67 after the transfer to TR33 0006 1005\n"
    "1978 6457 8413 26 (tr330006100519786457841326 in the bank's file).\n"
    "E-posta: ayse.kaya@example.com\nToplam: 1.250,00 TL\n"
)
RAW = ("Ayşe", "Kaya", "0532 123", "45 67", "TR33", "0006 1005", "1978 6457", "8413 26",
       "330006100519786457841326", "ayse.kaya@example.com", "05321234567")


def compact(text):
    return re.sub(r"[\s\-./()]", "", text).lower()


def leaks(text):
    """Raw values in ``text``, as written or in any spacing/case."""
    flat = compact(text)
    return [value for value in RAW if value in text or compact(value) in flat]


def record(text=TEXT, fields=()):
    return Record(id="job_1", document_id="doc_1", source_uri="mem://a", file_name="a.txt",
                     format="txt", text=text, fields=tuple(fields), language="en",
                     doc_type="invoice", doc_type_confidence=0.9)


def test_every_occurrence_is_found():
    found = {TEXT[m.start:m.end] for m in detect(TEXT)}
    assert {"0532 123\n45 67", "TR33 0006 1005\n1978 6457 8413 26",
            "tr330006100519786457841326"} <= found
    assert sum(1 for m in detect(TEXT) if m.type == "PERSON") == 2  # the cue-less copy too


def test_masked_text_and_fields_keep_no_raw_value():
    fields = (ExtractedField("customer_name", "Ayşe Kaya", 0.9, "rule"),
              ExtractedField("iban", "TR330006100519786457841326", 0.9, "rule"),
              ExtractedField("note", "call 0532 123 45 67", 0.5, "rule"))
    out = detect_pii_record(record(fields=fields), ProcessingConfig().pii)
    assert leaks(out.text) == []
    assert all(leaks(f.value) == [] for f in out.fields)
    assert "1.250,00 TL" in out.text


def test_parts_give_way_to_the_whole_value_and_crossing_copies_are_left():
    text = "A 1234 5678 9012 B 1234 5678\n9012 C"
    first = Match("X_ID", "GLOBAL", 2, 16, 0.9, 0)
    part = Match("X_ID", "GLOBAL", 19, 28, 0.9, 0)  # "1234 5678" of the wrapped copy
    out = every_occurrence(text, [first, part])
    assert [(text[m.start:m.end]) for m in out] == ["1234 5678 9012", "1234 5678\n9012"]
    crossing = Match("Y", "GLOBAL", 29, 35, 0.9, 0)  # "9012 C" crosses the copy's end
    assert every_occurrence(text, [first, crossing]) == [first, crossing]


def test_short_values_are_not_looked_for_inside_other_numbers():
    text = "IP 10.0.0.1 and serial 9100001"
    out = every_occurrence(text, [Match("IP_ADDRESS", "GLOBAL", 3, 11, 0.6, 0)])
    assert len(out) == 1


class Recorder:
    """An OpenAI-compatible endpoint on 127.0.0.1 that records every request body."""

    def __init__(self):
        self.bodies = []
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server API
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                recorder.bodies.append(body.decode("utf-8"))
                answer = json.dumps({"choices": [{"index": 0, "message": {
                    "role": "assistant", "content": json.dumps({"due_date": None})}}]}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture()
def recorder():
    with Recorder() as r:
        yield r


def test_llm_prompt_holds_no_raw_value(recorder):
    port = recorder.httpd.server_address[1]
    config = ProcessingConfig(llm_endpoint=f"http://127.0.0.1:{port}/v1", llm_model="m1",
                              llm_timeout_s=5, llm_max_retries=0)
    extract_fields_record(record(), config.fields)
    assert len(recorder.bodies) == 1  # the fallback did ask
    sent = json.loads(recorder.bodies[0])
    prompt = " ".join(message["content"] for message in sent["messages"])
    assert "Toplam" in prompt  # the document went out, masked
    assert leaks(recorder.bodies[0]) == [] and leaks(prompt) == []


def test_a_name_glued_to_its_label_is_masked_there_too():
    """HTML table cells joined without a space ("KontoinhaberHiltrud Dobes") still hold the
    name: a case change is a word boundary for names and addresses of two or more words."""
    text = "Kontoinhaber: Hiltrud Dobes\nKontoinhaberHiltrud Dobes\nHiltrud DobesIBAN folgt"
    first = text.index("Hiltrud")
    found = every_occurrence(text, [Match("PERSON", "GLOBAL", first, first + len("Hiltrud Dobes"), 0.9, 0)])
    assert [text[m.start:m.end] for m in found] == ["Hiltrud Dobes"] * 3
    # a lower-case run stays a word of its own: no glued match inside "xhiltrud dobes"
    other = "Kontoinhaber: Hiltrud Dobes; xhiltrud dobes"
    found = every_occurrence(other, [Match("PERSON", "GLOBAL", 14, 27, 0.9, 0)])
    assert [(m.start, m.end) for m in found] == [(14, 27)]


def test_a_surname_or_given_name_alone_is_the_same_person_but_only_with_its_capital():
    # built from Match findings directly: the detector's model is not what is tested here
    text = ("Müşteri: Katarzyna Wójcik\nLater Wójcik sent the copy; Katarzyna called twice. "
            "The wójcik sausage and Mr van Dam stay.")
    start = text.index("Katarzyna Wójcik")
    found = every_occurrence(text, [Match("PERSON", "GLOBAL", start, start + len("Katarzyna Wójcik"), 0.6, 1)])
    masked = [text[m.start:m.end] for m in found]
    assert masked == ["Katarzyna Wójcik", "Wójcik", "Katarzyna"]
    assert all(m.type == "PERSON" for m in found)


def test_a_company_named_after_the_person_is_not_the_person():
    text = ("Name: Hans Mustermann\nSupplier: Mustermann Logistik GmbH\n"
            "Vendor: Mustermann Trading GmbH\nMustermann signed on 3 May.")
    start = text.index("Hans Mustermann")
    found = every_occurrence(text, [Match("PERSON", "GLOBAL", start, start + len("Hans Mustermann"), 0.6, 1)])
    assert [text[m.start:m.end] for m in found] == ["Hans Mustermann", "Mustermann"]
    assert found[-1].start == text.index("Mustermann signed")


# --- an address's parts alone ----------------------------------------------------------------
from flexorch_beam.pii.address import address_parts  # noqa: E402


@pytest.mark.parametrize("value, parts", [
    ("221B Baker Street, London NW1 6XE", ["221B Baker Street", "Baker Street", "NW1 6XE"]),
    ("4127 Maplewood Crossing\nSpringfield, IL 62704", ["4127 Maplewood Crossing", "Maplewood Crossing"]),
    ("Flat 3, 27 Kingsway, Leeds LS6 2AB", ["27 Kingsway", "LS6 2AB"]),
    ("6480 Cameron Street Ste. 305 – Las Vegas, NV 89118", ["6480 Cameron Street", "Cameron Street"]),
    ("Bağdat Cad. No: 125 D: 13", ["Bağdat Cad."]),
    ("Lindenstraße 12, 10969 Berlin", ["Lindenstraße 12"]),
    ("4521", []),  # a number alone names many things
    ("12 Oak Lane", ["Oak Lane"]),
])
def test_the_parts_of_an_address_that_name_it_alone(value, parts):
    assert address_parts(value) == parts


def test_a_found_address_is_masked_where_its_parts_occur_alone():
    text = ("Address: 221B Baker Street, London NW1 6XE\n"
            "Our courier comes to 221B Baker Street on Monday. The Baker Street office\n"
            "also serves NW1 6XE. The baker street market is closed.\n")
    first = Match("ADDRESS", "GLOBAL", 9, text.index("\n"), 0.85, 0)
    values = [text[m.start:m.end] for m in every_occurrence(text, [first])]
    assert values == ["221B Baker Street, London NW1 6XE", "221B Baker Street", "Baker Street",
                      "NW1 6XE"]  # not the lower-case "baker street" of another sentence


def test_an_address_part_before_a_company_word_is_left():
    text = "Address: 12 Harbour Road, Leeds\nHarbour Road Logistics GmbH sent it."
    first = Match("ADDRESS", "GLOBAL", 9, text.index("\n"), 0.85, 0)
    values = [text[m.start:m.end] for m in every_occurrence(text, [first])]
    assert values == ["12 Harbour Road, Leeds"]


def test_a_three_letter_given_name_alone_is_the_same_person_unless_it_is_a_word_here():
    text = "Signed: Ann Kowalczyk\nLater Ann sent the copy."
    start = text.index("Ann Kowalczyk")
    found = every_occurrence(text, [Match("PERSON", "GLOBAL", start, start + len("Ann Kowalczyk"), 0.6, 1)])
    assert [text[m.start:m.end] for m in found] == ["Ann Kowalczyk", "Ann"]
    text = "Signed: Joy Kowalczyk\nWith joy we read it; Joy sent the copy."
    start = text.index("Joy Kowalczyk")
    found = every_occurrence(text, [Match("PERSON", "GLOBAL", start, start + len("Joy Kowalczyk"), 0.6, 1)])
    assert [text[m.start:m.end] for m in found] == ["Joy Kowalczyk"]
