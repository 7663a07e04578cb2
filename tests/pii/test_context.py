"""The scan context: scanners read one document through it and keep nothing of it elsewhere."""
import importlib
import pkgutil
from concurrent.futures import ThreadPoolExecutor

import flexorch_beam.pii as pii_package
from flexorch_beam.pii import ner
from flexorch_beam.pii.catalog import CATALOG
from flexorch_beam.pii.context import ScanContext
from flexorch_beam.pii.step import detect

FIRST = ("Ad Soyad: Ayşe Kaya, Bağdat Cad. No: 12, İSTANBUL\n"
         "Tel: 0532 123 45 67, e-posta: ayse.kaya@example.com\n"
         "Date of birth: 12.03.1985\nPlease forward the signed copy to Henrik Lindqvist.\n")
SECOND = ("Name: John Smith, 221 Baker Street, London NW1 6XE\n"
          "Phone: (212) 555-0143, BIC DEUTDEFF\nBorn on 04/07/1976.\n")


def _pii_modules():
    for info in pkgutil.iter_modules(pii_package.__path__):
        yield importlib.import_module(f"flexorch_beam.pii.{info.name}")


def _holds(value, text, depth=0):
    if isinstance(value, str):
        return text in value
    if depth < 3 and isinstance(value, (tuple, list, set, frozenset)):
        return any(_holds(v, text, depth + 1) for v in value)
    if depth < 3 and isinstance(value, dict):
        return any(_holds(k, text, depth + 1) or _holds(v, text, depth + 1) for k, v in value.items())
    return False


def test_no_module_keeps_any_of_the_document_after_detection():
    assert detect(FIRST)
    marker = "Henrik Lindqvist"
    for module in _pii_modules():
        for name, value in vars(module).items():
            assert not _holds(value, marker), f"{module.__name__}.{name} kept document text"


def test_each_scanner_reads_only_its_own_context():
    scanners = [r for r in CATALOG if r.scanner]
    model = ner.model()

    def spans(text):
        context = ScanContext.of(text, model=model)
        return {r.id: sorted(r.scanner(context)) for r in scanners}

    alone = spans(SECOND)
    spans(FIRST)  # another document in between changes nothing
    assert spans(SECOND) == alone
    assert alone["EMAIL"] == [] and alone["US_PHONE"]


def test_the_model_handle_decides_whether_the_model_runs():
    text = "The report was sent to the board by Anna Berg for their review today."
    assert ner.entities(ScanContext.of(text, model=None)) == []
    assert any(label == "PERSON" for label, *_ in ner.entities(ScanContext.of(text, model=ner.model())))


def test_detection_in_threads_equals_detection_in_turn():
    texts = [FIRST, SECOND] * 8
    serial = [detect(t) for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(detect, texts)) == serial
