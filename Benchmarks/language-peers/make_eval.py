#!/usr/bin/env python3
"""Builds the held-out language-identification set from the translations shipped in Django's wheel
(BSD-3-Clause): every translated message (msgstr) of django/conf/locale and django/contrib/*/locale,
with placeholders, markup and untranslated copies removed; English texts are the msgids of the `en` locale. Writes JSONL lines
{"id", "lang", "kind": "document"|"short", "text"}: documents join consecutive messages of one locale
until they reach 400 characters; short texts are single messages of 40-200 characters.
Deterministic: files and messages in name order, a fixed seed for sampling.

usage: make_eval.py DJANGO_WHEEL LANGS OUTPUT [--dev]   (LANGS: comma-separated ISO 639-1 codes to keep)
--dev writes the documents and short texts NOT in the test set instead (for tuning without touching it).
"""
import json, random, re, sys, zipfile

# Django locale directory -> ISO 639-1 code (regional variants are left out, Chinese scripts merged).
LOCALE_MAP = {"nb": "no", "zh_Hans": "zh", "zh_Hant": "zh"}
PLACEHOLDER = re.compile(r"%\([^)]*\)[sdfr]|%[sdfr]|\{[^}]*\}|<[^>]+>|&[a-z]+;|https?://\S+")


def po_messages(text):
    """(msgid, msgstr) pairs of a .po file, skipping fuzzy entries and the header."""
    entries, msgid, msgstr, field, fuzzy = [], [], [], None, False
    def flush():
        if msgid and not fuzzy:
            entries.append(("".join(msgid), "".join(msgstr)))
    for line in text.splitlines() + [""]:
        line = line.strip()
        if not line:
            flush(); msgid, msgstr, field, fuzzy = [], [], None, False
        elif line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("#"):
            continue
        elif line.startswith("msgid_plural"):
            field = None
        elif line.startswith("msgid "):
            field = msgid; msgid.append(json.loads(line[6:]))
        elif line.startswith("msgstr[0]") or line.startswith("msgstr "):
            field = msgstr; msgstr.append(json.loads(line[line.index('"'):]))
        elif line.startswith("msgstr["):
            field = None
        elif line.startswith('"') and field is not None:
            field.append(json.loads(line))
    return [(i, s) for i, s in entries if i]


def clean(s):
    s = PLACEHOLDER.sub(" ", s).replace("\\n", " ")
    return re.sub(r"\s+", " ", s).strip()


def main():
    wheel, langs, output = sys.argv[1], set(sys.argv[2].split(",")), sys.argv[3]
    dev = "--dev" in sys.argv[4:]
    by_lang = {}
    with zipfile.ZipFile(wheel) as z:
        for name in sorted(z.namelist()):
            m = re.search(r"locale/([^/]+)/LC_MESSAGES/django\.po$", name)
            if not m:
                continue
            lang = LOCALE_MAP.get(m.group(1), m.group(1))
            if lang not in langs:
                continue
            for msgid, msgstr in po_messages(z.read(name).decode("utf-8")):
                # English is Django's source language: its messages are the msgids.
                text = clean(msgid) if lang == "en" else clean(msgstr)
                if text and (lang == "en" or text != clean(msgid)) and sum(c.isalpha() for c in text) >= 3:
                    by_lang.setdefault(lang, []).append(text)
    write_rows(by_lang, output, dev)


def write_rows(by_lang, output, dev=False):
    """Per language, 25 documents (messages joined to 400+ characters) and 100 texts of 40-200 characters,
    sampled with a fixed seed (the dev split takes the ones after those), written as JSONL rows."""
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
        if dev:
            docs, shorts = docs[25:] + [""] * 25, shorts[100:] + [""] * 100
            docs, shorts = [d for d in docs if d], [t for t in shorts if t]
            docs, shorts = docs + [""] * 25, shorts + [""] * 100
        docs, shorts = [d for d in docs[:25] if d], [t for t in shorts[:100] if t]
        for i, text in enumerate(sorted(docs)):
            rows.append({"id": f"{lang}-doc-{i}", "lang": lang, "kind": "document", "text": text})
        for i, text in enumerate(sorted(shorts)):
            rows.append({"id": f"{lang}-short-{i}", "lang": lang, "kind": "short", "text": text})
    with open(output, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    kinds = {k: sum(r["kind"] == k for r in rows) for k in ("document", "short")}
    print(f"{output}: {len(by_lang)} languages, {kinds['document']} documents, {kinds['short']} short texts", file=sys.stderr)



if __name__ == "__main__":
    main()
