"""Person names, offline: a first-name gazetteer or a name cue, then capitalised words.

The gazetteer ships in ``data/first_names_*.txt``: TR, DE and EN, plus FR, ES, IT, NL and PL
because business partners across the EU appear in Turkish and German documents too (lists
taken from the Faker project's person providers, MIT licence).

No NER model can be downloaded here, and business documents write names in a few stable ways
("Ad Soyad: Ayşe Kaya", "Herr Thomas Müller", "Employee: John Smith"). A capitalised word that
is a known first name, followed by a capitalised word that is not a document word, is a name;
after a name cue the gazetteer is not needed.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Iterator

from flexorch_beam.pii.places import place_run
from flexorch_beam.pii.recognizer import normalize_context

PERSON_CONTEXT = (
    "name", "ad soyad", "adı soyadı", "adi soyadi", "isim", "müşteri", "customer", "employee",
    "çalışan", "personel", "mitarbeiter", "kunde", "herr", "frau", "sayın", "bay", "bayan",
    "dear", "sehr geehrte", "account holder", "hesap sahibi", "kontoinhaber", "ansprechpartner", "yetkili", "attn", "z. hd", "contact", "buyer",
    "alıcı", "signed", "unterschrift", "imza", "patient", "hasta", "passenger", "yolcu",
    "cashier", "kasiyer", "kassierer", "auftraggeber", "auftragnehmer", "kiracı", "landlord",
    "tenant", "mieter", "vermieter", "client",
)
_CUES = re.compile(
    r"(?<![a-zçğıöşüäß])(?:name|ad soyad|adı soyadı|adi soyadi|isim|müşteri|customer|employee|çalışan|"
    r"personel|mitarbeiter|kunde|herr|frau|mr|mrs|ms|sayın|bay|bayan|dear|sehr geehrte[rs]?|"
    r"account holder|hesap sahibi|kontoinhaber|ansprechpartner|yetkili|attn|z\. ?hd\.?|"
    r"buyer|patient|hasta|passenger|yolcu|cashier|kasiyer|kassierer|auftraggeber|auftragnehmer|"
    r"kiracı|kiraya veren|landlord|tenant|mieter|vermieter|client|signatory|"
    r"mit freundlichen grüßen|saygılarımızla|sincerely|regards)\.?\s*[:,]?\s*$"
)



def _latin(test) -> str:  # noqa: ANN001 - str.isupper or str.islower
    """Every Latin letter (Basic, Latin-1, Extended-A/B, Extended Additional) ``test`` accepts:
    names are written with Š, Ø, Å, Ð, Þ, Ő, Ș … as often as with Ç or Ü."""
    chars = (chr(c) for r in ((0x41, 0x250), (0x1E00, 0x1F00)) for c in range(*r))
    return "".join(c for c in chars if c.isalpha() and test(c))


# Capital and small Latin letters, for character classes ("[{UPPER}]").
UPPER = _latin(str.isupper)
LOWER = _latin(str.islower)
_UP = UPPER
_LOW = LOWER
_TITLE = rf"[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?"
_CAPS = rf"[{_UP}]{{2,}}(?:-[{_UP}]{{2,}})?"
# Starts with a character set (fast to skip to), then checks it did not start mid-word.
# Lower-case particles may sit between the capitalised words ("Amalia van der Dussen").
_PARTICLES = r"(?:van|von|de|der|den|del|della|di|da|du|dos|la|le|ten|ter|zu|bin|al)"
# Words that open a sentence after an initial's dot ("I met Abby M. Then ...").
_OPENERS = ("(?:The|Then|This|That|These|Those|There|They|We|He|She|It|In|On|At|But|And|So|If|"
            "When|After|Before|Also|Please|Thanks|Der|Die|Das|Wir|Er|Sie|Es|Bu|Ve|Biz|Ben|O)")
# A middle initial, with or without its dot, between a given name and a surname ("Abby M. Laidlaw").
_INITIAL = (rf"(?:[{_UP}]\.|(?!I[ ])[{_UP}])(?=[ ](?!{_OPENERS}[ ,.;:])[{_UP}][{_LOW}])")  # "I": a pronoun
_SEQUENCE = re.compile(
    rf"[{_UP}](?<![\w].)(?:[{_LOW}]+(?:-{_TITLE})?|[{_UP}]+(?:-{_CAPS})?)"
    rf"(?:[ ](?:{_PARTICLES}[ ]){{0,2}}(?:{_TITLE}|{_CAPS}|{_INITIAL})){{1,4}}(?![\w])"
)
# Forms of address: a cue, never part of the name ("Sayın Ayşe Kaya", "Herr Frías").
TITLES = frozenset({"sayin", "sn", "bay", "bayan", "herr", "frau", "hr", "fr", "mr", "mrs", "ms",
                    "miss", "dr", "prof", "sir", "madam"})

# Ranks, nobility and forms of address written before a name: not part of it.
HONORIFICS = frozenset(
    "king queen prince princess duke duchess earl count countess baron baroness lord lady "
    "dame madame madam mademoiselle monsieur signor signora señor señora milord milady "
    "commander warden dowager empress emperor tsar czar magister master mister saint father "
    "brother sister mother pope bishop cardinal reverend rev rabbi imam sheikh emir sultan "
    "admiral marshal major corporal private doctor hon honourable honorable sen rep gov general "
    "colonel captain lieutenant sergeant chairman president senator governor mayor judge".split())

# Capitalised words that follow a first name in documents without being a surname.
STOP_WORDS = frozenset(
    normalize_context(w)
    for w in """
    to from date number no nr amount total street st road avenue ave lane drive way bank
    gmbh ag kg ltd inc llc co corp company limited plc şti ltd. a.ş as sa srl bv nv
    invoice rechnung fatura order bestellung sipariş receipt quittung fiş makbuz contract
    vertrag sözleşme statement kontoauszug ekstre payroll bordro lohnabrechnung
    straße strasse weg platz allee sokak sokağı cadde caddesi mahallesi bulvarı
    city stadt şehir tel phone telefon email fax iban bic swift vat tax vergi steuer
    the and und ve of
    january february march april may june july august september october november december
    ocak şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık
    januar februar märz juni juli oktober dezember
    monday tuesday wednesday thursday friday saturday sunday
    total summe toplam net gross brutto netto subtotal tutar betrag
    page seite sayfa description beschreibung açıklama preis fiyat qty menge adet
    university universität üniversitesi hospital hastanesi school
    tekstil gıda inşaat yazılım lojistik elektronik makina kimya danışmanlık otomotiv
    maschinenbau logistik elektrotechnik software bürobedarf lebensmittel bau medizintechnik
    industries logistics supply consulting foods electric manufacturing services solutions
    group holding partners san tic sanayi ticaret
    sayın sayin herr frau kira alma paye geliri gideri
    a an at in on for by with as is was or but if el
    islands island hills heights springs county valley beach trails falls gardens township
    borough parish province district region
    """.split()
) | frozenset()
# Words that make the capitalised run before them a company name ("Grein Groth Medizintechnik").
BUSINESS_WORDS = frozenset(
    normalize_context(w)
    for w in """
    gmbh ag kg ltd inc llc co corp company limited plc şti a.ş as sa srl bv nv
    tekstil gıda inşaat yazılım lojistik elektronik makina kimya danışmanlık otomotiv
    maschinenbau logistik elektrotechnik software bürobedarf lebensmittel bau medizintechnik
    industries logistics supply consulting foods electric manufacturing services solutions
    group holding partners san tic sanayi ticaret bank bankası bilişim hizmetleri hizmet
    pharmacy deli market store shop bakery restaurant cafe hotel clinic eczane eczanesi
    mağaza mağazası apotheke bäckerei praxis klinik büro agentur hardware supplies goods
    motors auto electronics corporation incorporated international association foundation
    institute center centre council committee lighting trading handel handels export import
    """.split()
)
# Legal forms right after a capitalised run make it a company name ("Yılmaz Bilişim A.Ş.").
_LEGAL_FORM = re.compile(r"[ ,]+(?:A\.Ş\.|Ltd\.?|Şti\.?|GmbH|AG|KG|Inc\.?|LLC|Corp\.?|S\.A\.|B\.V\.)")


LANGUAGES = ("tr", "de", "en", "fr", "es", "it", "nl", "pl")


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """The shipped first-name lists (TR, DE, EN + FR, ES, IT, NL, PL), case-folded."""
    return frozenset().union(*(_word_list(f"first_names_{lang}.txt") for lang in LANGUAGES)) - STOP_WORDS


def _word_list(name: str) -> frozenset[str]:
    """The words of a shipped list ``data/<name>``, one a line, ``#`` lines its header, case-folded."""
    data = resources.files("flexorch_beam.pii").joinpath(f"data/{name}")
    return frozenset(normalize_context(line.strip()) for line in data.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def world_first_names() -> frozenset[str]:
    """Given names of every Faker locale that the eight lists above do not hold
    (``data/first_names_world.txt``, written by training/pii_ner/world_first_names.py),
    case-folded. Many are words too: only the model's checks read them, and only where the
    document never writes the word in lower case (``ner.accept_person``)."""
    return _word_list("first_names_world.txt") - first_names() - STOP_WORDS


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Frequent surnames (``data/surnames_en.txt``), case-folded. A surname alone is
    ambiguous (Brown, Young, Park): only ``ner.scan_cued_surnames`` reads them, and only
    where a person cue stands around the word."""
    return _word_list("surnames_en.txt") - STOP_WORDS


_PRODUCT = re.compile(r"(?:item|product|article|artikel|ürün|mal|hizmet|service)\W*$")


def _cued(folded_text: str, start: int) -> bool:
    """A name cue ends right before ``start``; reads the document folded once
    (normalize_context keeps offsets, so its slice is the folded slice)."""
    folded = folded_text[max(0, start - 30) : start].rstrip()
    if folded.endswith(".") and folded[:-1].rsplit(None, 1)[-1:] in (["mr"], ["mrs"], ["ms"], ["prof"]):
        folded = folded[:-1]  # "Mrs. Vollmersen": a title's abbreviation dot
    if not folded or not (folded[-1] == ":" or folded[-1] == "," or folded[-1].isalpha()):
        return False  # a cue is a word, maybe with a colon, right before the name
    cue = _CUES.search(folded)
    if cue is None:
        return False
    # "Item / Name: Ofis Koltuğu" (UBL, catalogues) names a product, not a person
    return not (cue.group().startswith("name") and _PRODUCT.search(folded[: cue.start()]))


MAX_NAME_WORDS = 4


def scan_person(text: str, folded: str | None = None) -> Iterator[tuple[int, int, float]]:
    """Names the cue and first-name rules find; ``folded``: the text's normalize_context,
    when the caller has it (the scan context)."""
    known = first_names()
    folded = normalize_context(text) if folded is None else folded  # same length as text
    for sequence in _SEQUENCE.finditer(text):
        position = sequence.start()
        words = folded[position : sequence.end()].split(" ")
        # Most capitalised runs ("Invoice Number") hold no first name or title and have no
        # name cue before them: settle those with set look-ups only.
        # (_SEQUENCE words hold no dots, so they meet TITLES as they are.)
        if known.isdisjoint(words) and TITLES.isdisjoint(words) and not _cued(folded, position):
            continue
        tokens = []  # (start, end, folded word, written in capitals)
        for word, written in zip(words, sequence.group().split(" ")):
            tokens.append((position, position + len(word), word, written.isupper()))
            position += len(word) + 1
        count, i = len(tokens), 0
        while i < count - 1:
            word, caps = tokens[i][2], tokens[i][3]
            # "FR Doc." (Federal Register) is no "Fr. Doc": a title in capitals needs a name
            # in capitals after it ("MR JOHN SMITH").
            titled = word.rstrip(".") in TITLES and (not caps or tokens[i + 1][3])
            first = i + 1 if titled else i
            if not titled:
                cued = i == 0 and _cued(folded, tokens[0][0])
                if word in STOP_WORDS or not (cued or (word in known and not caps)):
                    i += 1
                    continue
            end = first
            while end < count and end - first < MAX_NAME_WORDS and (
                    tokens[end][2] not in STOP_WORDS  # a middle initial "A" is no article here
                    or end > first and end + 1 < count and len(tokens[end][2].rstrip(".")) == 1):
                end += 1
                if end - 2 > first and len(tokens[end - 2][2].rstrip(".")) == 1:
                    break  # the surname after a middle initial ends the name
            if (end < count and tokens[end][2] in BUSINESS_WORDS) or not BUSINESS_WORDS.isdisjoint(
                    t[2] for t in tokens[first:end]) or (
                    end == count and _LEGAL_FORM.match(text, tokens[-1][1])):
                i = end + 1  # a company named after people, not a person
                continue
            # "El Segundo", "San Luis Obispo": a first name inside a place's name; and
            # "Adam Santa Maria": the name stops where a place begins.
            inside_place, end = place_run(words, first, end)
            if inside_place:
                i = first + 1
                continue
            if end - first >= (1 if titled else 2):  # "Herr Frías"; else first name + surname
                yield tokens[first][0], tokens[end - 1][1], 0.6 if not titled else 0.55
            i = max(end, i + 1)
