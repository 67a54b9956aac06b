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
    rng = random.Random(20261202)
    rows = []
    for lang in sorted(by_lang):
        messages = list(dict.fromkeys(by_lang[lang]))
        docs, current = [], []
        for text in messages:
            current.append(text)
            if sum(len(t) for t in current) >= 400:
                docs.append(" ".join(current)); current = []
        shorts = [t for t in messages if 40 <= len(t) <= 200]
        rng.shuffle(docs); rng.shuffle(shorts)
        for i, text in enumerate(sorted(docs[:25])):
            rows.append({"id": f"{lang}-doc-{i}", "lang": lang, "kind": "document", "text": text})
        for i, text in enumerate(sorted(shorts[:100])):
            rows.append({"id": f"{lang}-short-{i}", "lang": lang, "kind": "short", "text": text})
    with open(output, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    kinds = {k: sum(r["kind"] == k for r in rows) for k in ("document", "short")}
    print(f"{output}: {len(by_lang)} languages, {kinds['document']} documents, {kinds['short']} short texts", file=sys.stderr)


main()
