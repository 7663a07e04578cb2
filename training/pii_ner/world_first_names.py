"""Write ``flexorch_beam/pii/data/first_names_world.txt``: given names of every Faker locale.

Why: the shipped first-name lists (``data/first_names_{tr,de,en,...}.txt``) hold ~7,000 names
of eight languages; EN/DE/TR business text names people from everywhere. This list adds the
given names of all of Faker's locales (MIT; romanized Japanese/Chinese/Thai, Cyrillic and
Greek transliterated as the training generator writes them) that the eight lists do not hold.
It is read only by the model's checks and the given-name scanner (``ner.accept_person``,
``ner.scan_given_names``), and a name of it counts only
where the document never writes the word in lower case: many given names are words too
("Comfort", "Valid", "India"), so words of Faker's lorem lists of every language, one-word
countries, states and cities of every Faker locale, the generator's noun and topic lists and
the detector's own word lists are left out as well.

    .venv/bin/pip install -e '.[train]' && .venv/bin/python training/pii_ner/world_first_names.py

Deterministic (sorted output of Faker's fixed lists).
"""
from __future__ import annotations

import sys
import warnings
from pathlib import Path

from faker import Faker
from faker.config import AVAILABLE_LOCALES

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import generate  # noqa: E402

from flexorch_beam.pii import names, ner  # noqa: E402
from flexorch_beam.pii.places import place_names  # noqa: E402
from flexorch_beam.pii.recognizer import normalize_context  # noqa: E402

OUT = HERE.parent.parent / "flexorch_beam" / "pii" / "data" / "first_names_world.txt"
MIN_LETTERS = 4  # "Li", "Van", "Thi": short given names are words or particles elsewhere
_GIVEN = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary",
          "first_romanized_names")
_PLACES = ("countries", "states", "provinces", "regions", "cities", "city_names")
HEADER = ("# Given names of every Faker locale (the Faker project's person providers, MIT), "
          "romanized or transliterated,\n# not in the eight first_names_*.txt lists, no common word "
          "of any Faker lorem list, no one-word\n# country, state or city of any Faker locale; written by training/pii_ner/world_first_names.py. "
          "Read by ner.accept_person and\n# ner.scan_given_names only.\n")


def _words_of_generator() -> set[str]:
    """Capitalised words the training generator writes as things, never as people."""
    out: set[str] = set()
    for name in dir(generate):
        value = getattr(generate, name)
        if name.isupper() and isinstance(value, (tuple, list)) and name not in (
                "WORLD_LOCALES", "EN_TITLES", "DE_TITLES", "TR_TITLES", "TR_SUFFIX_TITLES"):
            for item in value:
                if isinstance(item, str):
                    out.update(normalize_context(w) for w in item.split())
    return out


def build() -> list[str]:
    given: set[str] = set()
    common: set[str] = set()
    places: set[str] = set()  # one-word countries, states, regions and cities of every locale
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # deprecated locales (fr_QC) still hold names
        for locale in sorted(AVAILABLE_LOCALES):
            fake = Faker(locale)
            translit = locale.split("_")[0] in ("ru", "uk", "bg", "el")
            for provider in fake.providers:
                for attr in _PLACES:
                    values = getattr(provider, attr, None)
                    if isinstance(values, (list, tuple)):
                        places.update(normalize_context(v) for v in values
                                      if isinstance(v, str) and " " not in v)
                words = getattr(provider, "word_list", None)
                if words and provider.__module__.startswith("faker.providers.lorem"):
                    common.update(normalize_context(w) for w in words)
                for attr in _GIVEN:
                    values = getattr(provider, attr, None)
                    if not values:
                        continue
                    for value in (values.keys() if isinstance(values, dict) else values):
                        value = generate._transliterate(value) if translit else value
                        if generate._latin(value) and " " not in value and "-" not in value \
                                and len(value) >= MIN_LETTERS and value[:1].isupper() \
                                and value[1:].islower():
                            given.add(value)
    skip = (names.first_names() | common | places | _words_of_generator() | names.STOP_WORDS
            | names.BUSINESS_WORDS | place_names() | ner._GROUP_WORDS | ner._PLACE_NAMES)
    return sorted({v for v in given if normalize_context(v) not in skip})


def main() -> int:
    values = build()
    OUT.write_text(HEADER + "\n".join(values) + "\n", encoding="utf-8")
    print(f"{len(values)} names -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
