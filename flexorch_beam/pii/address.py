"""Postal addresses, offline: street-type words (TR/DE/EN), house numbers, postcodes, cities.

Two shapes cover business documents: an address line ending in "postcode City" (or the US
"City, ST 12345"), as letterheads and party blocks print them in every EU country, and an
inline street phrase ("Bağdat Cad. No: 12", "Hauptstraße 5", "221 Baker Street"). The line
pattern is found from its comma; the inline one only runs on lines holding a street word.
"""
from __future__ import annotations

import re
from typing import Iterator

from flexorch_beam.pii import address_edges
from flexorch_beam.pii.address_label import scan_labelled
from flexorch_beam.pii.casing import titled
from flexorch_beam.pii.intersection import PROSE_WORDS, scan_intersections
from flexorch_beam.pii.military import scan_military
from flexorch_beam.pii.phones import country_names
from flexorch_beam.pii.recognizer import normalize_context
from flexorch_beam.pii.skipping import Skipping, matches_at
from flexorch_beam.pii.trie import trie_pattern

ADDRESS_CONTEXT = ("address", "adres", "adresse", "anschrift", "ikamet", "wohnort",
                   "billing", "shipping", "teslimat", "lieferadresse", "merkez", "sitz")

_U = "A-ZÇĞİÖŞÜÄÉÈÁÀÍÓÚÑŁŚŻŹĆĄĘŃÆØÅĀĒĪŪČŠŽŅĻĶĢĚŘŮŤĎŇŐŰĂÎȘȚÂÐÞ"
_L = "a-zçğıöşüäßéèêáàíóúñłśżźćëïôąęńæøåãõâāēīūčšžņļķģěřůťďňőűăîșțýðþ"
_NAME = rf"[{_U}][{_L}]+"

# Street-type words of the TR/DE/EN gazetteer (plus the common EU ones for address lines).
TR_STREET = r"Sokak|Sokağı|Sok\.|Sk\.|Caddesi|Cadde|Cad\.|Cd\.|Bulvarı|Blv\.|Mahallesi|Mah\.|Mh\."
DE_STREET = r"straße|strasse|str\.|weg|platz|allee|gasse|damm|ring|ufer"
# Compound street words of the Nordic and Dutch languages, written like German ones.
NORDIC_STREET = (r"katu|kuja|polku|tie|bulevardi|tori|gatan|gata|vägen|gränd|torget|torg|stigen|"
                 r"backe|gade|vej|plads|stræde|veien|vegen|vei|gate|straat|laan|steeg|gracht|"
                 r"plein|kade|singel|dreef|dijk|hof|pad|markt")
# The common street suffixes of USPS Publication 28 (appendix C1), written out: US and
# other English-language addresses use the same words ("Crossing", "Parkway", "Ridge").
USPS_SUFFIXES = tuple("""
Alley Annex Arcade Bayou Bend Bluff Bluffs Bottom Branch Bridge Brook Brooks Burg Burgs Bypass
Camp Canyon Cape Causeway Center Centers Circle Circles Cliff Cliffs Common Commons Corner
Corners Course Courts Cove Coves Creek Crescent Crest Crossing Crossroad Curve Dale Dam Divide
Drives Estate Estates Expressway Extension Extensions Falls Ferry Field Fields Flat Flats Ford
Fords Forest Forge Forges Fork Forks Fort Freeway Garden Gardens Gateway Glen Glens Green
Greens Grove Groves Harbor Harbors Haven Heights Highway Hill Hills Hollow Inlet Island Islands
Isle Junction Junctions Key Keys Knoll Knolls Lake Lakes Landing Lanes Light Lights Loaf Lock
Locks Lodge Loop Mall Manor Manors Meadow Meadows Mews Mill Mills Mission Motorway Mount
Mountain Mountains Neck Orchard Oval Overpass Park Parks Parkway Parkways Pass Passage Path
Pike Pine Pines Plain Plains Plaza Point Points Port Ports Prairie Radial Ramp Ranch Rapid
Rapids Rest Ridge Ridges River Roads Route Row Run Shoal Shoals Shore Shores Skyway Spring
Springs Spur Spurs Squares Station Stravenue Stream Streets Summit Throughway Trace Track
Trafficway Trail Trailer Tunnel Turnpike Underpass Union Unions Valley Valleys Viaduct View
Views Village Villages Ville Vista Walk Walks Wall Ways Well Wells
""".split())
EN_STREET = (r"Street|St\.|Avenue|Ave\.?|Road|Rd\.|Boulevard|Blvd\.?|Lane|Ln\.|Drive|Dr\.|"
             r"Court|Ct\.|Place|Pl\.|Way|Terrace|Close|Square|Pkwy\.?|Hwy\.?|"
             + "|".join(USPS_SUFFIXES))
# Street words written as a separate word after the street's name, then the house number
# (Central/Eastern Europe and the Baltics): "Kossuth Lajos utca 12", "Brīvības iela 21",
# "Národní třída 5", "Ilica ulica 3", "Pärnu mnt 10".
SEPARATE_STREET = (r"utca|u\.|út|útja|tér|körút|sétány|iela|bulvāris|gatvė|prospektas|tänav|"
                   r"mnt\.?|maantee|puiestee|pst\.?|ulica|cesta|trg|ulice|náměstí|třída|nábřeží|"
                   r"aleja|bulevar")
_EU_STREET = (r"rue|boulevard|avenue|allée|chemin|impasse|quai|calle|avenida|plaza|paseo|"
              r"camino|rambla|via|viale|piazza|corso|strada|contrada|rotonda|ul\.|ulica|al\.|"
              r"straat|laan|singel|dreef|steeg|plein|gracht|kade|calea|bulevardul|aleea|"
              r"șoseaua|splaiul|utca|út|tér|körút|iela|gatvė|tänav|maantee|puiestee|cesta|trg|"
              r"ulice|náměstí|třída")
_STREET_WORD = re.compile(
    rf"(?i:{_EU_STREET})\b|{TR_STREET}|(?i:{DE_STREET})\b|{EN_STREET}"
)


def street_word_tests(after: str = "") -> tuple[re.Pattern[str], ...]:
    """Whether a value holds a match of ``_STREET_WORD`` followed by ``after``, as four
    searches of which any may find one (its four alternatives): the capitalised EN and TR
    words first, which the engine skips to a capital for, then the case-insensitive EU and
    DE words as prefix trees. The one alternation, case-insensitive parts first, tried ~250
    words at every position: 0.35 s -> 0.11 s CPU over 20,000 lines of the real documents."""
    eu, de = (trie_pattern(sorted({w.replace("\\", "") for w in words.split("|")}))
              for words in (_EU_STREET, DE_STREET))
    return tuple(re.compile(f"(?:{part}){after}") for part in (
        EN_STREET, TR_STREET, rf"(?i:{eu})\b", rf"(?i:{de})\b"))


_STREET_TESTS = street_word_tests()


def any_search(tests: tuple[re.Pattern[str], ...], value: str) -> bool:
    """One of ``tests`` finds a match in ``value``."""
    for test in tests:
        if test.search(value) is not None:
            return True
    return False

_POSTCODE = (r"\d{5}|\d{4}\s?[A-Z]{2}(?![a-z])|\d{4}|\d{2}-\d{3}"
             r"|[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}")
_CITY = rf"[{_U}{_L}][^\n,;:|]{{0,38}}[^\s,;:|]"
# The end of an address line: ", postcode City" or the US ", City, ST 12345". It starts with
# a literal comma, which the regex engine can skip to; the street part is the line before it.
_TAIL = re.compile(
    rf",[ \t]*(?:(?:{_POSTCODE})[ \t]+{_CITY}|{_NAME}(?:[ \t]{_NAME})*,[ \t]*[A-Z]{{2}}[ \t]+\d{{5}}(?:-\d{{4}})?)"
    r"[ \t]*$",
    re.MULTILINE,
)
_LABEL = re.compile(r"[ \t]*(?:(?i:adres|address|adresse|anschrift)\s*:\s*)?")
_HAS_NUMBER = re.compile(r"\d")
_LOWER_LEAD = re.compile(r"[ \t]*(?:[a-zçğıöşüäß]+[ \t]+)+(?=\d)")
_ANY_LABEL = re.compile(r"[ \t]*[^\W\d_][^\W\d_ \t.]*(?:[ \t][^\W\d_]+){0,2}[ \t]*:[ \t]*(?!\d)")
_PROSE_WORD = re.compile(r"(?<![\w.])[a-zçğıöşüäß]{3,}(?![\w.])")
# Street parts that are prose, dates or amounts rather than a street and house number.
_NOT_STREET = re.compile(r"\d{1,4}[./]\d{1,2}[./]\d{2,4}|\d[.,]\d{2}\b|[a-z]{3,}[.!?] [A-Z]|\S+(?: \S+){7}")

_WORD = rf"[{_U}0-9][{_L}0-9]*\.?"
_TR_TAIL = (r"(?:\s*,?\s*No\s*[:.]?\s*\d{1,4}[A-Z]?(?:\s*/\s*\d{1,4})?)?"
            r"(?:\s*,?\s*(?:Daire|D\.|D:|Kat|K\.|K:)\s*:?\s*\d{1,3})*"
            rf"(?:\s*,?\s*\d{{5}}\s+{_NAME}(?:\s*/\s*{_NAME})?)?")
_TR_PART = rf"(?:{_WORD}\s){{1,3}}(?:{TR_STREET})"
_DE_NAME = (rf"{_NAME}(?:-{_NAME})*(?:{DE_STREET})"
            rf"|(?:{_NAME}[ -]){{1,3}}(?:Straße|Strasse|Str\.|Weg|Platz|Allee|Gasse|Ring|Damm)")
_NORDIC_NAME = rf"[{_U}][{_L}]+(?:{NORDIC_STREET})"
_SEPARATE_NAME = rf"(?:{_NAME}[ \t]){{1,2}}(?:{SEPARATE_STREET})"
# Norwegian streets named in the genitive, the street word apart: "Karl Johans gate 22",
# "Kongens gate 5", "Thorvald Meyers vei 3".
_GENITIVE_NAME = rf"(?:{_NAME}[ \t])?[{_U}][{_L}]+s[ \t](?:gate|gata|vei)"
_DE = (rf"(?:{_DE_NAME}|{_NORDIC_NAME}|{_SEPARATE_NAME}|{_GENITIVE_NAME})\s+\d{{1,4}}(?:\s?[a-z](?![\w]))?(?![\w.,]\d)"
       rf"(?:\s*,?\s+\d{{4,5}}\s+{_NAME}(?:[ -](?:am|an der|im|ob|bei)?[ -]?{_NAME})?)?")
# "St", "Rd", "Ln", "Ct" with no dot end a street ("2437 Main St") unless a capitalised word
# follows that is no "City ST 12345" tail ("3 St Louis maps": a saint's name) and no unit
# ("2437 Main St Suite 442").
_EN_SHORT = (r"(?:St|Rd|Ln|Ct)(?![ \t]+(?!(?:Apt|Suite|Ste|Unit|Fl|Floor|Bldg|Rm)\b)"
             r"[A-Z](?![\w'’.-]*(?:[ \t][A-Z][a-z]+)?,?[ \t]+[A-Z]{2}[ \t]+\d{5}))")
# USPS Publication 28 shapes: a directional before the name ("500 W. Madison Street",
# "12 NE Oak Ave") and numbered streets ("350 5th Avenue", "10 West 42nd Street").
_EN = (rf"(?<![/\-–])\d{{1,5}}[A-Z]?\s+(?:(?:N|S|E|W|NE|NW|SE|SW)\.?\s)?"
       rf"(?:(?:[{_U}][{_L}]+|\d{{1,3}}(?:st|nd|rd|th))\s){{1,3}}(?:{EN_STREET}|{_EN_SHORT})\b"
       r"(?:,?\s+(?:Apt|Suite|Ste|Unit|Flat)\.?\s*#?\w{1,5})?"
       r"(?:,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)?"
       r"(?:,?\s*[A-Z]{2}\s+\d{5}(?:-\d{4})?|,?\s*[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})?)?")
# Streets named after a leading street word, then the house number: "Via Roma 5",
# "Strada Taliercio, 47", "Calle Mayor 3", "ul. Długa 5", "Rua Augusta, 10"; and the French
# (and Belgian) number-first form "12, rue de la Paix" / "5 avenue Samson".
ROMANCE_STREET = (r"Via|Viale|Vicolo|Piazza|Piazzale|Corso|Strada|Largo|Contrada|Calle|Avenida|"
                  r"Paseo|Plaza|Camino|Ronda|Travesía|Callejón|Carretera|Glorieta|Pasaje|"
                  r"Avda\.|Av\.|Pasadizo|Rambla|Rua|Rúa|Travessa|Praça|Alameda|Rodovia|Estrada|Ladeira|"
                  r"Rue|Avenue|Boulevard|Chemin|Allée|Impasse|Quai|Ulica|ul\.|Ul\.|al\.|Al\.|"
                  r"aleja|Aleja|plac|Plac|pl\.|os\.|Os\.|ulica|Borgo|Incrocio|Stretto|Rotonda|"
                  r"Acceso|Bajada|Cañada|Cuesta|Urbanización|Vial|Calea|Bulevardul|Aleea|"
                  r"Șoseaua|Splaiul|Str\.|C/")
_FR_STREET = r"rue|avenue|boulevard|bd|chemin|allée|impasse|place|quai|route|cours|square|rue"
# The same street words capitalised, as many French letterheads print them ("12 Rue de la
# Paix", "5 Boulevard Haussmann"); "Place", "Route", "Square" and "Cours" stay out: in English
# prose "3 Square Meters" or "2 Place Holders" read the same.
_FR_STREET_CAPITAL = r"Rue|Avenue|Boulevard|Chemin|Allée|Impasse|Quai"
# A word of a French street's name, its hyphenated parts included ("Saint-Honoré", "El-Jazzar").
_FR_NAME = rf"[{_U}][{_L}'’]+(?:-[{_U}{_L}][{_L}'’]+)*"
_PREFIXED = re.compile(
    rf"(?<![\w.])(?:{ROMANCE_STREET})[ \t]+(?:[{_U}{_L}'’.-]+[ \t]){{0,5}}?(?:[dl]['’])?[{_U}][{_L}'’.-]+"
    rf",?[ \t]+(?:n[º°o.]\s*)?\d{{1,4}}[A-Za-z]?(?:/\d{{1,4}})?(?![\w.,/]\d|[\w])"
    rf"|(?<![\w.,])\d{{1,4}}(?:[ \t]?(?:bis|ter))?,?[ \t]+(?:{_FR_STREET}|{_FR_STREET_CAPITAL})[ \t]+"
    # lower-case words of the name only after a particle, a capitalised one last
    # ("12 rue des petits Champs", "4 rue de la vieille Forge")
    rf"(?:(?:de|du|des|la|le|l'|d')[ \t]*)*(?:(?:de|du|des|la|le)[ \t]+(?:[a-zà-ÿ]{{3,}}[ \t]+){{1,2}})?"
    rf"{_FR_NAME}(?:[ \t]{_FR_NAME}){{0,3}}(?![\w'’-])"
    # a number after the name too: the street's own house number when the first one was a
    # building's or a box's ("9243 Avenue d'Ouchy 109")
    r"(?:[ \t]+\d{1,4}[A-Za-z]?(?![\w.,/]\d|\w))?"
)
# A street and house number written in prose right after an address cue ("lives at Koskikatu
# 25", "ship it to 41 Rosewood, Leeds", "Adresse: Am Markt 3", a building's number first:
# "lives at 12 Rosewood 34"): no street word needed, the cue vouches for it.
_ADDRESS_CUE = (r"(?i:address(?:ed)?(?: is)?|adres(?:i|imiz)?|adresse|anschrift|wohnt in|"
                r"wohnhaft in|lives? at|living at|located at|reside[sd]? at|moved to|"
                r"ship(?:ped)? (?:it |them )?to|deliver(?:ed)? (?:it |them )?to|send (?:it |them )?to|"
                r"mail (?:it |them )?to|drop(?:ped)? off at|visit (?:us |me )?at|office at|"
                r"house at|home at|store at)")
_CUED = re.compile(
    rf"(?<![\w]){_ADDRESS_CUE}[ \t]*:?[ \t]*(?:the[ \t]+)?"
    rf"((?:\d{{1,5}}[A-Za-z]?(?:[ \t,]+[{_U}][{_L}'’.-]*){{1,4}}(?:[ \t]+\d{{1,5}}[A-Za-z]?)?"
    rf"|(?:[{_U}][{_L}'’.-]*[ \t,]+){{1,4}}\d{{1,5}}[A-Za-z]?)(?![\w.,/]\d|\w)"
    rf"(?:,?[ \t]+(?:Apt|Suite|Ste|Unit|Flat|Daire|Wohnung)\.?[ \t]*#?\w{{1,5}})?)"
)
# A house number alone right after an address cue ("she lives at 4521", "moved to 1200",
# "Adresse: 88"): three to five digits, not a year, not a measure or a time.
_CUED_NUMBER = re.compile(
    rf"(?<![\w]){_ADDRESS_CUE}[ \t]*:?[ \t]*(?:(?i:number|no\.?|nr\.?)[ \t]*)?"
    r"(?!1[5-9]\d\d(?!\d)|20\d\d(?!\d))(\d{3,5})"
    r"(?![\w]|[.,:/-]\d|[ \t]*(?:[%°]|(?i:m|km|ft|feet|meters?|metres?|miles?|am|pm|a\.m\.|p\.m\.|hours?|hrs?|h|"
    r"times|people|units|pieces|pcs|kg|lbs?|usd|eur|tl|dollars?|euros?)\b))")
# Where an address cue starts: every match of _CUED and _CUED_NUMBER starts at one.
_CUE_AT = re.compile(rf"(?<![\w])(?={_ADDRESS_CUE})")



# Whole addresses whose shape alone is strong, anywhere in prose (no street word needed):
# a US "number street, City, ST 12345" and a European "Street 12, 12345 City", the parts separated by a comma or a line break.
_CAP = rf"[{_U}][{_L}'’.-]*"
_CITY_WORD = rf"(?:[{_U}][{_L}'’.-]+|[{_U}]{{2,}}(?:['’][{_U}]{{1,2}})?)"  # "BISHOP'S CROSS"
_MONTH = re.compile(r"(?i)(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s")
_STRONG = re.compile(
    rf"(?<![\w.,/-])\d{{1,5}}[A-Za-z]?[ \t]+(?:{_CAP}[ \t]+){{0,3}}{_CAP}"
    rf"(?:,?[ \t]+(?:Apt|Suite|Ste|Unit|Flat)\.?[ \t]*#?\w{{1,5}})?[ \t]*[,\n][ \t]*"
    rf"(?:{_CAP}[ \t]+){{0,2}}{_CAP}[ \t]*[,\n]?[ \t]*[A-Z]{{2}}[ \t]+\d{{5}}(?:-\d{{4}})?(?![\w])"
    rf"|(?<![\w.,/-])(?:{_CAP}[ \t]+){{0,3}}{_CAP}[ \t]+\d{{1,4}}[a-z]?[ \t]*[,\n][ \t]*"
    rf"(?:\d{{5}}|\d{{4}}|\d{{2}}-\d{{3}}|\d{{4}}[ \t]?[A-Z]{{2}})[ \t]+{_CITY_WORD}(?:[ \t-]{_CITY_WORD}){{0,2}}(?![\w])"
)
# Post-office boxes: "P.O. Box 4411", "PO Box 12", "Postfach 10 12 34", "P.K. 45",
# "Boîte postale 12", "Apartado de correos 5", "Casella postale 8", "Postbus 1234".
_PO_BOX = re.compile(
    r"(?<![\w.])(?:P\.[ \t]?O\.[ \t]?Box|PO[ \t]Box|P\.O\.B\.|Post[ \t]Office[ \t]Box|Postfach|Postbus|"
    r"Posta[ \t]Kutusu|P\.K\.|Boîte[ \t]postale|Apartado(?:[ \t]de[ \t]correos)?|Casella[ \t]postale)"
    r"[ \t]*(?:No\.?|#)?[ \t]*\d{1,6}(?:[ \t]\d{2}){0,2}(?![\w.,]\d|\w)")
# Greek and Cypriot streets, the street word first: "Οδός Ερμού 12", "Λεωφόρος Κηφισίας 44",
# "Λ. Αλεξάνδρας 14", "Πλατεία Συντάγματος 3" (street, avenue, square, side street).
_GREEK_NAME = r"[Α-ΩΆΈΉΊΌΎΏ][α-ωάέήίόύώϊϋΐΰΑ-ΩΆΈΉΊΌΎΏ]+"
_GREEK_LETTERS = re.compile(r"[ΟΛΠ][α-ωά-ώ.]")  # a cheap test before the street pattern
_GREEK_STREET = re.compile(
    r"(?<![\w.])(?:Οδός|Οδ\.|Λεωφόρος|Λεωφ\.|Λ\.|Πλατεία|Πλ\.|Πάροδος)[ \t]+"
    rf"(?:{_GREEK_NAME}[ \t]+){{0,2}}{_GREEK_NAME},?[ \t]+\d{{1,4}}[Α-Ωα-ωA-Za-z]?(?![\w.,/]\d|\w)")
_INLINE = re.compile(rf"(?<![\w])(?:{_EN}|{_DE}|(?:{_TR_PART}\s*,?\s*)+{_TR_TAIL})")
# The whole-text scans of _scan_address, skipping to the characters a match starts with
# (skipping.py: same matches; on the real documents' text 1.5-2.6x cheaper each).
_PREFIXED_SCAN, _STRONG_SCAN, _PO_BOX_SCAN, _CUE_SCAN, _INLINE_SCAN = map(
    Skipping, (_PREFIXED, _STRONG, _PO_BOX, _CUE_AT, _INLINE))
# The patterns whose every match needs a \d in the text (in the match or in a look-ahead
# or look-behind): _scan_address runs them only on a text with a digit (tested on their parse).
DIGIT_SCANS = (_TAIL, _PO_BOX, _PREFIXED, _GREEK_STREET, _STRONG, _CUED, _CUED_NUMBER)
_ANY_DIGIT = re.compile(r"\d")  # the gate: one C-level skip to the first digit


# Anchors for the inline patterns: one prefix-tree regex over the case-folded text, then a
# test per kind of word, so English prose ("during", "on the road") does not send every line
# to the inline patterns.
_TR_WORDS = ("sokak", "sokağı", "cadde", "bulvar", "mahalle", "sok.", "sk.", "cad.", "cd.",
             "blv.", "mah.", "mh.")
_DE_SUFFIXES = ("straße", "strasse", "str.", "weg", "platz", "allee", "gasse", "damm", "ring",
                *NORDIC_STREET.split("|"),
                *dict.fromkeys(w.replace("\\.?", "").replace("\\.", ".") for w in SEPARATE_STREET.split("|")))
_EN_WORDS = ("street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane",
             "ln", "drive", "dr.", "court", "ct", "place", "pl.", "way", "pkwy", "hwy",
             *(w.lower() for w in USPS_SUFFIXES))
_KIND = {**{w: "en" for w in _EN_WORDS}, **{w: "de" for w in _DE_SUFFIXES},
         **{w: "tr" for w in _TR_WORDS}}
# A lookahead, so overlapping anchors are all seen ("Lukretiavej": "ave" fails, "vej" holds).
_ANCHOR = re.compile(f"(?=({trie_pattern(sorted(_KIND))}))")
_HOUSE_NUMBER_NEXT = re.compile(r"\.?[ \t]+\d")


def _anchored(text: str, folded: str, word: str, position: int) -> bool:
    kind = _KIND[word]
    before = folded[position - 1] if position else " "
    if kind == "tr":
        return not (word.endswith(".") and before.isalpha())
    if kind == "de":  # a compound or separate street word, then a house number
        return _HOUSE_NUMBER_NEXT.match(folded, position + len(word)) is not None
    return not before.isalpha() and text[position].isupper()  # "Baker Street", "St."


_CLASSIC = re.compile(r"(?i)\b(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|"
                      r"court|ct|place|pl|way|terrace|close|square|parkway|pkwy|highway|hwy)\b")
_ROW_START = re.compile(r"[ \t]*\d{1,4}[ \t]+[^\W\d_]")


def _numbered_row(text: str, start: int, value: str) -> bool:
    """``value`` opens a row of a numbered table or list and ends in a USPS suffix that is
    also a common noun ("15 Service Center", "80 Gross Estate", "29 Statute Extension" in a
    code table), not a classic street word: the line before or after opens the same way."""
    if not value[:1].isdigit() or _CLASSIC.search(value):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        return False
    before = text.rfind("\n", 0, max(0, line_start - 1)) + 1
    after = text.find("\n", start)
    return (line_start > 0 and _ROW_START.match(text, before) is not None) or (
        after >= 0 and _ROW_START.match(text, after + 1) is not None)


def _lines(text: str, folded: str) -> list[tuple[int, int]]:
    """(start, end) of every line holding a street-type word, in text order (``folded``:
    the text's normalize_context)."""
    found: list[tuple[int, int]] = []
    seen = -1
    for anchor in _ANCHOR.finditer(folded):
        position = anchor.start()
        if position < seen or not _anchored(text, folded, anchor.group(1), position):
            continue
        start = folded.rfind("\n", 0, position) + 1
        end = folded.find("\n", position)
        seen = len(folded) if end < 0 else end
        found.append((start, seen))
    return found


# What may follow a street on the same or the next lines of one address: city, state or
# county code, postcode, country ("…Parkway\nMountain View, CA 94043", "…, 10115 Berlin").
# Greek-script place names ("ΛΕΜΕΣΟΣ", "Πάφος"), and a bracketed qualifier after a place, as
# country lists write some ("Korea (South)", "Congo (Kinshasa)").
# "∆" (the increment sign) stands for the capital delta in text from some PDF fonts.
_GREEK_WORD = r"(?:[Α-ΩΆΈΉΊΌΎΏ∆][α-ωάέήίόύώϊϋΐΰ]+|[Α-ΩΆΈΉΊΌΎΏ∆]{2,})"
_PLACE_WORD = rf"(?:{_CITY_WORD}|{_GREEK_WORD})"
# A postal town's one-letter district may end its line ("TROMSVIK N", "LONDON W"); the
# small words inside place names ("Santa Luzia do Norte", "Hrádek nad Metují", "Lhota u Lesa"),
# which do not count as words of a heading either.
PLACE_PARTICLES = ("de", "del", "la", "le", "am", "an der", "sur", "do", "da", "dos", "das", "di",
                   "du", "des", "nad", "pod", "na", "u", "aan", "op")
_PARTICLE_WORDS = frozenset(" ".join(PLACE_PARTICLES).split())
_PLACE_PART = (rf"(?:{_PLACE_WORD}(?:[ \t-](?:{_PLACE_WORD}|{'|'.join(PLACE_PARTICLES)}|[A-Z](?=[ \t]*\n)))*"
               rf"(?:[ \t]\([{_U}Α-Ω][^\W\d_]*(?:[ \t][^\W\d_]+){{0,2}}\))?"
               r"|[A-Z]{2}|\d{4,5}(?:-\d{3,4})?|\d{2}-\d{3}|\d{3}[ \t]\d{2}(?=[ \t]+[^\W\d_])|\d{4}[ \t]?[A-Z]{2}"
               r"|[A-Z]{1,2}\d[A-Z\d]?[ \t]\d[A-Z]{2})")
_PLACE_RUN = rf"{_PLACE_PART}(?:[ \t,]+{_PLACE_PART}){{0,3}}"
# After a comma on the same line, or on the next line when the run ends that line (a line
# that goes on after it is prose: "…NW1 6XE\nDear customer, …").
_EXTENSION = re.compile(
    rf"(?:[ \t]*,[ \t]*,?[ \t]*{_PLACE_RUN}(?![\w:])"
    rf"|[ \t]*,?[ \t]*\n[ \t]*,?[ \t]*{_PLACE_RUN}(?:(?=[ \t]*(?:[,.;]|\n|$))|(?<=\d)(?![\w:])))"
    rf"{{1,3}}")
MAX_EXTENSION = 80
SENTENCE_END = re.compile(r"(?<=[a-zà-ÿ]{3})[.!?](?=[ \t]+[A-ZÀ-Þ])")
# Closings and greetings a line after an address may hold, which read like a city's name.
CLOSINGS = frozenset(normalize_context(w) for w in (
    "Thanks", "Thank you", "Thx", "Cheers", "Regards", "Best", "Best regards", "Kind regards",
    "Sincerely", "Yours", "Bye", "Hello", "Hi", "Dear", "Danke", "Grüße", "Viele Grüße",
    "Mit freundlichen Grüßen", "Teşekkürler", "Saygılarımla", "Saygılar", "Merci", "Cordialement",
    "Gracias", "Saludos", "Grazie", "Saluti"))


# Units after or before the street: apartment, suite, flat, floor, room, building (EN, DE,
# TR, FR, ES, IT, NL words), a number or a single letter after the word ("Apt 5", "Suite
# 200", "Flat 3B", "Daire 4", "Whg. 12", "Bte 3", "Suite B", "#12"), or "5th Floor".
UNIT_WORDS = (r"Apt|Apartment|Suite|Ste|Unit|Flat|Floor|Fl|Room|Rm|Bldg|Building|Block|Blk|"
              r"Lot|Office|Daire|Wohnung|Whg|Etage|Appt|Appartement|Bureau|Bte|Boîte|Piso|"
              r"Puerta|Interno|Int|Scala|App")
_UNIT = (rf"(?:(?i:{UNIT_WORDS})\.?[ \t]*(?:(?i:No|Nr)\.?|#)?[ \t]*\d[\w-]{{0,4}}(?![\w])"
         rf"|(?i:{UNIT_WORDS})\.?[ \t]+[A-Z](?![\w])"
         r"|#[ \t]?\d[\w-]{0,4}(?![\w])"
         r"|\d{1,2}(?:st|nd|rd|th)[ \t]+(?i:floor|fl)\.?)")
_UNITS_AFTER = re.compile(rf"(?:[ \t]*,?[ \t]*\n?[ \t]*(?:{_UNIT}))+")
_UNIT_BEFORE = re.compile(rf"(?<![\w])(?:{_UNIT})[ \t]*,?[ \t]*$")
# A house number right before a span that starts with the street's name.
_YEAR_NUMBER = re.compile(r"(?:1[5-9]\d\d|20\d\d)\b")
_NUMBER_BEFORE = re.compile(r"(?<![\w.,/:-])\d{1,5}[A-Za-z]?,?[ \t]$")
# A city and postcode after the street with no comma before them, ending at the postcode:
# "… Main St Springfield IL 62704", "… High Street London SW1A 2AA", "… , Toronto ON M5V 2T6".
_POSTAL_CODE = (r"(?:\d{5}(?:-\d{4})?|[A-Z]{1,2}\d[A-Z\d]?[ \t]\d[A-Z]{2}"
                r"|[A-Z]\d[A-Z][ \t]?\d[A-Z]\d)")
_POSTAL_TAIL = re.compile(
    rf"[ \t]*,?[ \t]*\n?[ \t]*(?:{_CITY_WORD}[ \t]+){{0,2}}{_CITY_WORD},?[ \t]+"
    rf"(?:[A-Z]{{2}},?[ \t]+)?{_POSTAL_CODE}(?![\w])")


def extend_back(text: str, start: int) -> int:
    """The start of an address once a unit before the street ("Flat 3, 27 Kingsway") or a
    house number the span left out ("12" of "12 Oak Lane", one space before the name) is
    taken in."""
    line_start = text.rfind("\n", 0, start) + 1
    low = max(line_start, start - 40)
    if start < len(text) and text[start].isupper():
        number = _NUMBER_BEFORE.search(text, low, start)
        if number and not _YEAR_NUMBER.match(number.group()):  # "1806 Pfuel": a year
            start = number.start()
    unit = _UNIT_BEFORE.search(text, max(line_start, start - 30), start)
    start = unit.start() if unit else start
    if start < len(text) and text[start].isdigit():
        building = _BUILDING_BEFORE.fullmatch(text, line_start, start)
        if building and not _YEAR_NUMBER.match(building.group(1)):
            start = building.start(1)  # "479 95 Avenue des Tuileries": a building number first
    return address_edges.leading(text, start, lambda word: word.lower() in _STREET_TOKENS)


# A line that opens with a number alone before the address's house number.
_BUILDING_BEFORE = re.compile(r"[ \t]*(\d{1,5})[ \t]")


# A city line alone: "LONDON SW1A 2AA", "SPRINGFIELD IL 62704", "TORONTO ON M5V 2T6".
CITY_POSTCODE = re.compile(rf"(?:{_CITY_WORD}[ \t]+){{1,3}}(?:[A-Z]{{2}}[ \t]+)?{_POSTAL_CODE}")
_TAIL_POSTCODE = re.compile(rf"(?<![\w])(?:[A-Z]{{2}}[ \t]+)?{_POSTAL_CODE}(?![\w])|(?<![\w])\d{{4,5}}[ \t]+{_CITY_WORD}")


def vouched_by_tail(text: str, end: int) -> bool:
    """A unit, or a city line with a postcode, follows ``end``: what comes before is a street
    even without a street word ("Rosewood 12, 10115 Berlin", "88 Briarwood, Leeds LS6 2AB",
    "Kingsway 4, Apt 5")."""
    if _UNITS_AFTER.match(text, end) is not None:
        return True
    stop = _extended(text, end)
    return stop > end and _TAIL_POSTCODE.search(text, end, stop) is not None


def _extended(text: str, end: int) -> int:
    """The end of the address once the unit, city, region, postcode and country lines after
    the street are taken in (masking must not leave "Apt 5" or "Springfield, IL 62704"
    behind)."""
    units = _UNITS_AFTER.match(text, end)
    if units is not None:
        end = units.end()
    postal = _POSTAL_TAIL.match(text, end)
    if postal is not None and postal.end() - end <= MAX_EXTENSION:
        end = postal.end()
    match = _EXTENSION.match(text, end)
    if match is None or match.end() - end > MAX_EXTENSION:
        return end
    # a sentence's full stop ends the address ("…, Porto, Portugal. Thank you"; "St. Louis"
    # and "Apt. 5" have no three lower-case letters before the dot)
    limit = match.end()
    sentence = SENTENCE_END.search(text, end, limit)
    if sentence is not None:
        limit = sentence.start()
    # a line of four or more words without a number is a heading or a label row, not a
    # city line ("…Chennai\nBooking ID Payment Mode\n…"): the address ends before it
    stop, at = limit, end
    for line in text[end:limit].split("\n")[1:]:
        at = text.index(line, at) if line else at + 1
        words = [w for w in line.replace(",", " ").split() if w not in _PARTICLE_WORDS]
        if len(words) >= 4 and not _HAS_NUMBER.search(line) \
                or normalize_context(line.strip(" \t,.!")) in CLOSINGS:
            stop = at - 1
            break
    return len(text[:stop].rstrip(" \t\n,")) if stop < limit else stop


# The line after an address block (a blank line may stand between): a country, maybe with a
# bracketed qualifier, and maybe a postcode, nothing else ("…\nOULU\n\nFinland 80896",
# "…\nSpringfield\nCanada", "…\nKorea (South) 04524").
_NEXT_LINE = re.compile(r"[ \t]*\n(?:[ \t]*\n)?[ \t]*([^\W\d_][^\W\d_ \t.-]*(?:[ \t-][^\W\d_]+){0,3})"
                        rf"(?:[ \t]+\([{_U}Α-Ω][^\W\d_]*(?:[ \t][^\W\d_]+){{0,2}}\))?"
                        r"(?:[ \t]+\d{3,6}(?:-\d{3,4})?)?[ \t]*(?=\n|$)")


def with_country_line(text: str, end: int) -> int:
    """``end`` moved past a country line right after the address (a country name, maybe a
    postcode after it, alone on its line): it belongs to the address."""
    line = _NEXT_LINE.match(text, end)
    if line is None or normalize_context(line.group(1)) not in country_names():
        return end
    return line.end()


MONTH = re.compile(r"(?i)(?<![\w])(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|"
                   r"march|april|june|july|august|september|october|november|december)\.?[ \t]*\d"
                   r"|\d[ \t.]+(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?![\w])")


def has_street_word(value: str) -> bool:
    """A street-type word of any covered country (USPS suffixes, Romance/Polish prefixes,
    TR/DE/Nordic street words) in ``value``."""
    return any_search(_STREET_TESTS, value)


# Street-type words alone, any case, for the words of an intersection's sides: the
# gazetteer's words, the leading ones of Romance/Polish streets, and the separate ones.
_STREET_TOKENS = frozenset(
    w.lower().replace("\\", "") for w in (
        *_KIND, *ROMANCE_STREET.split("|"), *SEPARATE_STREET.split("|"), *_FR_STREET.split("|"),
        *_EU_STREET.split("|"), "u.", "str", "sq", "sq."))
_COMPOUND_SUFFIXES = tuple(w for w in _DE_SUFFIXES if not w.endswith("."))


def street_like(word: str) -> bool:
    """``word`` holds a digit (a house number, "5th") or is a street-type word ("Avenue",
    "courts", "ul.", "Str.") or a compound that ends in one ("Östbygatan", "Pachergasse")."""
    if _HAS_NUMBER.search(word):
        return True
    low = word.lower()
    if low in _STREET_TOKENS or low.rstrip(".") in _STREET_TOKENS:
        return True
    return any(low.endswith(s) and len(low) > len(s) + 2 for s in _COMPOUND_SUFFIXES)


def extend(text: str, end: int) -> int:
    """The end of an address span once the city/postcode and country lines after it are
    taken in; a dot right after the house number (Hungarian writes "Fő u. 12.") is taken
    in when lines follow that belong to the address."""
    if text[end:end + 1] == "." and end and text[end - 1].isdigit():
        after = with_country_line(text, _extended(text, end + 1))
        if after > end + 1:
            return _edges(text, after)
    return _edges(text, with_country_line(text, _extended(text, end)))


def _edges(text: str, end: int) -> int:
    """``end`` past the region, postcode and country the block's edge still leaves
    (address_edges), and a country line after those."""
    moved = address_edges.trailing(text, end)
    return with_country_line(text, moved) if moved > end else end


# A quote marker opening a line of a quoted e-mail reply ("> 12 Oak Street", ">> Leeds"), or
# the same one to three symbols opening two lines in a row (another mail client's marker).
_QUOTE = re.compile(r"^[ \t]*(?:[>|][ \t]?)+", re.MULTILINE)
_MARKER = re.compile(r"^[ \t]*([^\w\s\-*•·–—(\[\"'“‘#+$€£]{1,3})[ \t]", re.MULTILINE)


def unquoted(text: str) -> str:
    """``text`` with the quote markers that open its lines turned into spaces (same length,
    same offsets), so an address in a quoted reply reads as in a plain one: its street, unit,
    city and country lines join up as they would without the markers."""
    if ">" not in text and "|" not in text and not _MARKER.search(text):
        return text
    spans = [m.span() for m in _QUOTE.finditer(text)]
    markers = [(m.group(1), m.span()) for m in _MARKER.finditer(text)]
    for (marker, span), (other, next_span) in zip(markers, markers[1:]):
        if marker == other and text.count("\n", span[1], next_span[0]) == 1:
            spans.extend((span, next_span))
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if not chars[i].isspace():
                chars[i] = " "
    return "".join(chars)


def scan_address(text: str, folded: str | None = None) -> Iterator[tuple[int, int, float]]:
    """Addresses the street-shape rules find; ``folded``: the text's normalize_context,
    when the caller has it (the scan context)."""
    folded = normalize_context(text) if folded is None else folded
    for start, end, score in _scan_address(text, folded):
        yield start, extend(text, end), score
    yield from _lower_case_streets(text)


# Words the street rules expect in lower case inside a capitalised address (separate street
# words: "Hegyalja út 98"; French number-first ones: "36 rue de la Paix") and name particles.
_KEEP_LOWER = frozenset((
    *(w.replace("\\.?", "").replace("\\", "") for w in SEPARATE_STREET.split("|")),
    "rue", "bd", "chemin", "allée", "impasse", "quai", "cours",  # not the English "avenue"
    "de", "du", "des", "la", "le", "del", "della", "di", "do", "da", "dos", "das", "van", "von",
    "der", "den", "ten", "am", "an", "im", "sur"))
# Prose that a title-cased lower-case line can put between a number and a street word
# ("walked 2 miles down the road").
_LOWER_PROSE = PROSE_WORDS | frozenset(("down", "up", "along", "across", "past", "through",
                                        "miles", "mile", "km", "minutes", "hours", "blocks"))
_DIGIT_LINE = re.compile(r"^[^\n\d]*\d[^\n]*", re.MULTILINE)  # anchored: linear in the text
# A street word in a lower-case line, as the rules read one: a whole street word ("street",
# "avenida", "sokak") or a compound or separate one before a house number ("…vej 18", "út 98").
_WHOLE_WORDS = sorted({*_EN_WORDS, *_TR_WORDS, "avda.", "av.", *(
    w.lower() for w in ROMANCE_STREET.split("|") if "\\" not in w and "/" not in w)})
_LOWER_GATE = re.compile(rf"(?<![^\W\d_])(?:{trie_pattern(_WHOLE_WORDS)})(?![^\W\d_])"
                         rf"|(?:{trie_pattern(sorted(_DE_SUFFIXES))})\.?[ \t]+\d")
_PROSE_WORD_AT = re.compile(r"[^\W\d_]+")
# English words that end like a compound street word once capitalised ("During 70" reads as
# "…ring 70", "Aggregate 5" as "…gate 5", "Notepad 3" as "…pad 3"): not streets in a lower-case line.
_ENGLISH_ENDING = re.compile(r"(?i)(?:ing|gate|pad)(?![\w])")
# English words that end like a compound "…ring" street ("During 12 years" read as "Du-ring"
# and a house number): a date or prose, no street ("Kaiserring 14" stays one).
_ENGLISH_RING = re.compile(r"(?:During|Spring|Offering|Entering|Engineering|Gathering|Featuring|"
                           r"Monitoring|Wiring|Hiring|Scoring|Sharing|Bring|String)[ \t]")


def _lower_case_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of the lines to read title-cased: each line in lower case that holds a
    digit and a street word, and the three lines after it (its city and country lines)."""
    spans: list[tuple[int, int]] = []
    at = 0
    for value in text.split("\n"):
        start, at = at, at + len(value) + 1
        if not value.islower() or _HAS_NUMBER.search(value) is None or _LOWER_GATE.search(value) is None:
            continue
        end = at - 1
        for _ in range(3):
            if end >= len(text):
                break
            following = text.find("\n", end + 1)
            end = len(text) if following < 0 else following
        if spans and start <= spans[-1][1]:
            start = spans[-1][0]
            spans.pop()
        spans.append((start, end))
    return spans


def _lower_case_streets(text: str) -> Iterator[tuple[int, int, float]]:
    """Streets on lines written all in lower case ("ship to 12 oak street, leeds"): the
    inline and leading-street-word rules read a title-cased copy of those lines, so a house
    number and a street word still both have to be there, and no prose word between."""
    spans = _lower_case_lines(text)
    if not spans:
        return
    copy = titled(text, spans, _KEEP_LOWER)
    lines = (line for start, end in spans for line in _DIGIT_LINE.finditer(copy, start, end))
    for line in lines:
        for pattern in (_INLINE, _PREFIXED):
            at = line.start()
            while (match := pattern.search(copy, at, line.end())) is not None:
                prose = [w for w in _PROSE_WORD_AT.finditer(copy, match.start(), match.end())
                         if w.group().lower() in _LOWER_PROSE]
                if prose:  # "On Hegyalja út 98": look again after the prose word
                    at = prose[-1].end()
                    continue
                at = match.end()
                if _ENGLISH_ENDING.search(match.group()) \
                        or _numbered_row(copy, match.start(), match.group()):
                    continue
                end = match.end()
                while end > match.start() and copy[end - 1] in " ,":
                    end -= 1
                yield extend_back(copy, match.start()), extend(copy, end), 0.7


def _scan_address(text: str, folded: str) -> Iterator[tuple[int, int, float]]:
    covered = set()  # lines already taken whole by an address-line match
    # Every match of the postcode-tail, P.O. box, number-first, Greek, strong and cued
    # patterns holds a \d (see DIGIT_SCANS): a text without one (45% of the research
    # sentences) skips those whole-text scans. The street-word lines (a Turkish street
    # needs no number), labels (str.isdigit is wider than \d) and corners still run.
    digits = _ANY_DIGIT.search(text) is not None
    for tail in _TAIL.finditer(text) if digits else ():
        line = text.rfind("\n", 0, tail.start()) + 1
        start = _LABEL.match(text, line, tail.start()).end()
        label = _ANY_LABEL.match(text, start, tail.start())
        if label is not None and not has_street_word(label.group()):
            start = label.end()  # "Deliveries: …", "Lieferanschrift: …": a label, no street
        lead = _LOWER_LEAD.match(text, start, tail.start())
        if lead is not None:
            start = lead.end()  # "at 350 5th Avenue, …": the prose before the house number
        street = text[start : tail.start()]
        if not 3 <= len(street) <= 70 or street[:1].isspace() or _NOT_STREET.search(street):
            continue
        if MONTH.search(street):
            continue  # "YEARS ENDED DECEMBER 31, 2021 AND 2020": a date and a year
        if len(_PROSE_WORD.findall(street)) >= 2:
            continue  # "we moved to Lindenstraße 12, 10969 Berlin": prose; the inline patterns
            # below take the street out of it
        if _HAS_NUMBER.search(street) or has_street_word(street):
            end = tail.end()
            while text[end - 1] in " \t":
                end -= 1
            covered.add(line)
            yield start, end, 0.85
    for match in _PO_BOX_SCAN.finditer(text) if digits else ():
        yield match.start(), match.end(), 0.7
    for start, end in scan_labelled(text):
        yield start, end, 0.7
    for start, end in scan_military(text):
        yield start, end, 0.85
    for start, end in scan_intersections(text, street_like):
        yield start, end, 0.85
    for match in _PREFIXED_SCAN.finditer(text) if digits else ():
        yield match.start(), match.end(), 0.7
    if digits and _GREEK_LETTERS.search(text) is not None:
        for match in _GREEK_STREET.finditer(text):
            yield match.start(), match.end(), 0.7
    for match in _STRONG_SCAN.finditer(text) if digits else ():
        if not _MONTH.match(text, match.start()) and not MONTH.search(match.group()):
            # "Aug 05, 2020 Jkt", "On May 26, 2020 TMAX": a date
            yield match.start(), match.end(), 0.7
    # one scan for both cued patterns
    cues = [cue.start() for cue in _CUE_SCAN.finditer(text)] if digits else []
    for match in matches_at(_CUED, text, cues):
        start, end = match.span(1)
        while end > start and text[end - 1] in " ,":
            end -= 1
        yield start, end, 0.7
    for match in matches_at(_CUED_NUMBER, text, cues):
        yield match.start(1), match.end(1), 0.7
    for line_start, line_end in _lines(text, folded):
        if line_start in covered:
            continue
        for match in _INLINE_SCAN.finditer(text, line_start, line_end):
            if _numbered_row(text, match.start(), match.group()) or _ENGLISH_RING.match(match.group()):
                continue
            end = match.end()
            while end > match.start() and text[end - 1] in " ,":
                end -= 1
            yield match.start(), end, 0.7


# --- the parts of a found address that name it alone elsewhere in a document ---------------
_PART_CUT = re.compile(r"[ \t]*(?:,|\n|[ \t][-–—][ \t])[ \t]*")
_LEADING_NUMBER = re.compile(r"(?:No\.?[ \t]*)?\d{1,5}[A-Za-z]?,?[ \t]+(?=[^\W\d_])")
_ONLY_UNIT = re.compile(_UNIT)
_UNITS_AT_END = re.compile(rf"(?:[ \t]*,?[ \t]*(?:{_UNIT}))+$")
_TRAILING_NUMBER = re.compile(r"[ \t,]*(?:(?:No|Nr)\b\.?)?[ \t:]*\d.*$", re.DOTALL)
_ALNUM_POSTCODE = re.compile(r"(?<![\w])(?:[A-Z]{1,2}\d[A-Z\d]?[ \t]\d[A-Z]{2}|[A-Z]\d[A-Z][ \t]?\d[A-Z]\d"
                             r"|\d{4}[ \t]?[A-Z]{2})(?![\w])")


def address_parts(value: str) -> list[str]:
    """Parts of an ADDRESS value that name the same place alone later in a document, so
    masking leaves none: the street line ("221B Baker Street" of "221B Baker Street, London
    NW1 6XE"), the street's name without its house number when it holds a street word
    ("Baker Street"), and a postcode with letters ("NW1 6XE", "1012 AB"). A city, a region or
    a number alone is not one: they name many places."""
    parts: list[str] = []
    pieces = [p for p in _PART_CUT.split(value.strip()) if p and not _ONLY_UNIT.fullmatch(p)]
    street = pieces[0] if len(pieces) > 1 else ""
    street = street[:_UNITS_AT_END.search(street).start()] if _UNITS_AT_END.search(street) else street
    if len(street.split()) >= 2 and (_HAS_NUMBER.search(street) or has_street_word(street)):
        parts.append(street)
    head = street or value.strip()
    number = _LEADING_NUMBER.match(head)
    name = head[number.end():] if number else _TRAILING_NUMBER.sub("", head)
    if len(name.split()) >= 2 and has_street_word(name) and not _HAS_NUMBER.search(name):
        parts.append(name)
    parts.extend(m.group() for m in _ALNUM_POSTCODE.finditer(value))
    return list(dict.fromkeys(p for p in parts if p != value.strip()))
