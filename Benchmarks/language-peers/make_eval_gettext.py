#!/usr/bin/env python3
"""Builds a second language-identification set from the compiled gettext catalogues (.mo) of the system's
installed packages (/usr/share/locale/<locale>/LC_MESSAGES/*.mo: GNU coreutils, glib, gtk, iso-codes, …,
each under its own package's licence, mostly GPL/LGPL — see /usr/share/doc/<package>/copyright; used here
only to measure, never distributed). Same rows and rules as make_eval.py (placeholders removed, untranslated
copies skipped, documents of >= 400 characters joined from consecutive messages of one catalogue, short texts
of 40-200 characters), one language per plain locale directory (`nb` -> `no`; regional variants left out
except zh_CN/zh_TW -> zh). English is not in it (it is the source language of the catalogues).
Deterministic: catalogues and messages in name order, a fixed seed for sampling; at most 25 documents and
100 short texts per language.

usage: make_eval_gettext.py LOCALE_DIR LANGS OUTPUT
"""
import gettext, json, os, random, re, sys

from make_eval import write_rows  # the same sampling and rows as the Django set

LOCALE_MAP = {"nb": "no", "zh_CN": "zh", "zh_TW": "zh"}
PLACEHOLDER = re.compile(r"%\([^)]*\)[sdfr]|%[-+ #0-9.*]*[sdfrcuxXlizg]+|\{[^}]*\}|<[^>]+>|&[a-z]+;|https?://\S+|_")


def clean(s):
    return re.sub(r"\s+", " ", PLACEHOLDER.sub(" ", s)).strip()


def main():
    root, langs, output = sys.argv[1], set(sys.argv[2].split(",")), sys.argv[3]
    by_lang = {}
    for locale in sorted(os.listdir(root)):
        lang = LOCALE_MAP.get(locale, locale)
        if lang not in langs or lang == "en":
            continue
        folder = os.path.join(root, locale, "LC_MESSAGES")
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".mo") or name.startswith("iso_"):   # iso-codes: lists of names, not language
                continue
            try:
                with open(os.path.join(folder, name), "rb") as f:
                    catalog = gettext.GNUTranslations(f)._catalog
            except Exception:
                continue
            for key in sorted(catalog, key=str):
                msgid = key[0] if isinstance(key, tuple) else key
                if not msgid or (isinstance(key, tuple) and key[1] != 0):
                    continue
                text = clean(catalog[key])
                if text and text != clean(msgid) and sum(c.isalpha() for c in text) >= 3:
                    by_lang.setdefault(lang, []).append(text)
    write_rows(by_lang, output)


main()
