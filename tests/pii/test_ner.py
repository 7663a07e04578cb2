"""Names and addresses in prose (the NER model + the cue/gazetteer rules), and what must stay
unmasked in business documents. Sentences are written here (not taken from any benchmark)."""
import pytest

from flexorch_beam.pii import ner
from flexorch_beam.pii.step import detect, mask_text


def found(text, kind):
    return [text[m.start:m.end] for m in detect(text) if m.type == kind]


def test_the_model_is_installed_and_loads_once():
    # declared in pyproject.toml: a missing model is an install error, not a quiet downgrade
    assert ner.available()
    assert ner.model() is ner.model()
    assert set(ner.model().pipe_names) == {"tok2vec", "ner"}


@pytest.mark.parametrize("sentence, name", [
    ("The contract was reviewed by Katarzyna Wójcik before it went out.", "Katarzyna Wójcik"),
    ("Yesterday I spoke with Oluwaseun Adeyemi about the delayed shipment.", "Oluwaseun Adeyemi"),
    ("Please forward the signed copy to Henrik Lindqvist by Friday.", "Henrik Lindqvist"),
    ("Our new account manager, Priya Raghunathan, will call you next week.", "Priya Raghunathan"),
    ("I met Mr. Okonkwo at the trade fair and he asked for a quote.", "Okonkwo"),
])
def test_names_in_english_prose_are_found(sentence, name):
    assert name in found(sentence, "PERSON")


def test_names_in_prose_are_masked():
    text = ("Thanks for your help. Katarzyna Wójcik approved the refund and "
            "Oluwaseun Adeyemi will ship the parts to 4127 Maplewood Crossing, Springfield, IL 62704.")
    masked = mask_text(text)
    for value in ("Katarzyna", "Wójcik", "Oluwaseun", "Adeyemi", "Maplewood"):
        assert value not in masked, value
    assert "[PERSON]" in masked and "[ADDRESS]" in masked


@pytest.mark.parametrize("text, name", [
    ("Sayın Ayşe Kaya,\nfaturanız ektedir.", "Ayşe Kaya"),
    ("Ansprechpartner: Thomas Schneider\nTel. 030 1234567", "Thomas Schneider"),
    ("Sehr geehrte Frau Yılmaz, anbei die Rechnung.", "Yılmaz"),
])
def test_turkish_and_german_names_by_cue_and_gazetteer(text, name):
    assert name in found(text, "PERSON")


@pytest.mark.parametrize("text", [
    "The Total Amount Due is payable within 30 days of the Invoice Date.",
    "Please order the Ergonomic Office Chair and the Standing Desk from Acme Supplies Ltd.",
    "We shipped the Lenovo ThinkPad to the Berlin office and the Dell Latitude to Istanbul.",
    "The Financial Statements and the Legal Proceedings are described in Appendix B.",
    "Our company, Northwind Traders Inc., has offices in San Francisco and New York.",
    "The Machine Learning team presented the results of the project to the board.",
])
def test_business_prose_gives_no_person(text):
    assert found(text, "PERSON") == []


def test_german_and_turkish_prose_never_reaches_the_english_model():
    assert ner.prose_pieces("Die Rechnung wird mit der nächsten Lieferung an Sie gesendet und ist "
                            "sofort fällig.") == []
    assert ner.prose_pieces("Bu fatura ile ilgili sorularınız için bizimle iletişime geçiniz ve "
                            "ödeme bilgilerini kontrol ediniz.") == []
    table = "Qty   Item   Price\n" + "".join(f"{n}   Widget Model {n}   {n}.90\n" for n in range(30))
    assert ner.prose_pieces(table) == []


def test_a_table_row_and_a_label_are_not_model_names():
    text = ("The following people were contacted about the order in March:\n"
            "Hesap Sahibi: \nBill To:\n")
    assert found(text, "PERSON") == []


@pytest.mark.parametrize("sentence, address", [
    ("Please send the parcel to 4127 Maplewood Crossing, Springfield, IL 62704 next week.",
     "4127 Maplewood Crossing, Springfield, IL 62704"),
    ("Our warehouse moved to Lindenstraße 12, 10969 Berlin last year.",
     "Lindenstraße 12, 10969 Berlin"),
    ("Die Ware ging an Koivukatu 17 wie besprochen.", "Koivukatu 17"),
    ("The office is at Bağdat Cad. No: 125 D: 13 in Kadıköy.", "Bağdat Cad. No: 125 D: 13"),
    ("She now lives at Koivukatu 17 with her family.", "Koivukatu 17"),
    ("The invoice went to Via Garibaldi, 42 in Torino.", "Via Garibaldi, 42"),
    ("Deliver it to 12, rue des Lilas before noon.", "12, rue des Lilas"),
    ("He asked us to ship it to Harbour View 9 as soon as possible.", "Harbour View 9"),
])
def test_addresses_in_prose(sentence, address):
    assert address in found(sentence, "ADDRESS")


@pytest.mark.parametrize("text", [
    "Windows 10 and Office 2019 are installed on every laptop.",
    "See page 12 of the report and Table 3 for the totals.",
    "The 3 Musketeers bar costs 1.20 EUR.",
])
def test_numbers_after_capitalised_words_are_not_addresses(text):
    assert found(text, "ADDRESS") == []


def test_no_text_is_cached_after_a_document():
    detect("Please forward the signed copy to Henrik Lindqvist by Friday.")
    from flexorch_beam.pii import recognizer
    assert recognizer._folded_document == (None, "")


def test_the_model_reads_a_bounded_share_of_a_long_document(monkeypatch):
    seen = []
    real_model = ner.model()

    class Recording:
        def pipe(self, texts, batch_size):
            texts = list(texts)
            seen.extend(texts)
            return real_model.pipe(texts, batch_size=batch_size)

    monkeypatch.setattr(ner, "model", lambda: Recording())
    paragraph = "The report was sent to the board and the auditors for their review today.\n\n"
    ner.entities(paragraph * 2000)
    assert sum(map(len, seen)) <= ner.MAX_MODEL_CHARS
    assert seen


def test_an_address_takes_its_city_and_postcode_lines_but_not_the_next_label():
    text = "Send it to 4127 Maplewood Crossing\nSpringfield, IL 62704 please."
    assert found(text, "ADDRESS") == ["4127 Maplewood Crossing\nSpringfield, IL 62704"]
    text = "Address: 221 Baker Street, London NW1 6XE, UK\nTotal: 12.00"
    assert found(text, "ADDRESS") == ["221 Baker Street, London NW1 6XE, UK"]
