#!/usr/bin/env python3
"""Export Mozilla Readability's test pages as article-extraction-benchmark folders.

Mozilla Readability (https://github.com/mozilla/readability, Apache-2.0) ships
`test/test-pages/<name>/source.html` with the article it expects to extract in
`expected.html`. This script turns them into the folder layout that
`copydesk-bench strip --data` and `Benchmarks/strip-peers/evaluate.py --data`
read (`ground-truth.json` + `html/<id>.html.gz`), in a cache OUTSIDE the
repository. The pages are never committed.

    python3 export_readability.py --source DIR --out CACHE [--ref REV]

`--source` is a readability clone, work tree or bare git directory (read with
`git show REV:path`, so no checkout is needed). Without `--source` the script
clones https://github.com/mozilla/readability (depth 1) into CACHE/readability.git
when the network allows.

Writes two folders:
  CACHE/readability/            every test page (synthetic feature pages included)
  CACHE/readability-non-english every page whose reference text is not English

Reference text = the text of expected.html with a line break at every block
element (the metric tokenises on \\w+, so only word boundaries matter).
Language: `lang` of expected-metadata.json, else the `lang` attribute of the
source's <html>, else a rule on the reference text itself (placeholder "Lorem
ipsum" text; a non-Latin script; the share of English function words among its
words). The non-English set leaves out English, placeholder and too-short pages. The rule is a property
of the text, not of a named page. Needs only the standard library.
"""
from __future__ import annotations

import argparse
import gzip
import html
import html.parser
import json
import re
import subprocess
import sys
from pathlib import Path

UPSTREAM = "https://github.com/mozilla/readability"
PAGES = "test/test-pages"
BLOCK = {"address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt",
         "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
         "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul"}
SKIP = {"script", "style", "noscript", "template", "svg", "math"}
ENGLISH_FUNCTION_WORDS = {"the", "and", "of", "to", "a", "in", "is", "that", "for", "it", "on",
                          "with", "as", "was", "are", "be", "this", "by", "at", "you", "have"}


class TextOf(html.parser.HTMLParser):
    """Visible text of an HTML fragment, a newline at each block boundary."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skip += 1
        elif tag in BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)

    def text(self) -> str:
        joined = "".join(self.parts)
        lines = (re.sub(r"[ \t\r\f\v\u00a0]+", " ", line).strip() for line in joined.split("\n"))
        return "\n".join(line for line in lines if line)


def text_of(fragment: str) -> str:
    parser = TextOf()
    parser.feed(fragment)
    parser.close()
    return parser.text()


def language(metadata: dict, source: str, reference: str) -> str:
    lang = (metadata.get("lang") or "").strip().lower()
    if not lang:
        m = re.search(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z-]+)", source[:20000], re.I)
        lang = m.group(1).lower() if m else ""
    if lang:
        return lang.split("-")[0]
    if re.search(r"\b(lorem|ipsum|consectetur|adipisicing|incididunt)\b", reference, re.I):
        return "placeholder"    # readability's synthetic feature pages: filler, not a language
    letters = [c for c in reference if c.isalpha()]
    if letters and sum(c.isascii() for c in letters) / len(letters) < 0.5:
        return "non-latin"
    words = re.findall(r"[a-z]+", reference.lower())
    if len(words) < 40:
        return "und"            # too little text to tell
    share = sum(w in ENGLISH_FUNCTION_WORDS for w in words) / len(words)
    return "en" if share >= 0.12 else "non-en"


def git(source: Path, *args: str) -> bytes:
    return subprocess.run(["git", "-C", str(source), *args], check=True, capture_output=True).stdout


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", type=Path, help="readability clone or bare git dir (default: clone upstream)")
    ap.add_argument("--out", type=Path, required=True, help="cache folder for the exported data sets")
    ap.add_argument("--ref", default="HEAD", help="revision to read (default HEAD)")
    args = ap.parse_args()
    source = args.source
    if source is None:
        source = args.out / "readability.git"
        if not source.exists():
            args.out.mkdir(parents=True, exist_ok=True)
            print(f"cloning {UPSTREAM} into {source}", file=sys.stderr)
            subprocess.run(["git", "clone", "--quiet", "--bare", "--depth", "1", UPSTREAM, str(source)], check=True)
    commit = git(source, "rev-parse", args.ref).decode().strip()
    names = [Path(p).name for p in git(source, "ls-tree", "--name-only", f"{commit}:{PAGES}").decode().split()]
    sets = {"readability": {}, "readability-non-english": {}}
    html_of: dict[str, bytes] = {}
    languages: dict[str, int] = {}
    for name in names:
        try:
            raw = git(source, "show", f"{commit}:{PAGES}/{name}/source.html")
            expected = git(source, "show", f"{commit}:{PAGES}/{name}/expected.html").decode("utf-8", "replace")
        except subprocess.CalledProcessError:
            continue
        try:
            metadata = json.loads(git(source, "show", f"{commit}:{PAGES}/{name}/expected-metadata.json"))
        except (subprocess.CalledProcessError, json.JSONDecodeError):
            metadata = {}
        reference = text_of(expected)
        lang = language(metadata, raw.decode("utf-8", "replace"), reference)
        languages[lang] = languages.get(lang, 0) + 1
        entry = {"url": f"{UPSTREAM}/tree/{commit}/{PAGES}/{name}", "articleBody": reference,
                 "lang": lang, "title": metadata.get("title") or ""}
        html_of[name] = raw
        sets["readability"][name] = entry
        if lang not in ("en", "placeholder", "und"):
            sets["readability-non-english"][name] = entry
    for set_name, truth in sets.items():
        folder = args.out / set_name
        (folder / "html").mkdir(parents=True, exist_ok=True)
        for old in (folder / "html").glob("*.html.gz"):
            if old.name.split(".", 1)[0] not in truth:
                old.unlink()
        for name in truth:
            (folder / "html" / f"{name}.html.gz").write_bytes(gzip.compress(html_of[name], mtime=0))
        (folder / "ground-truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1, sort_keys=True),
                                                  encoding="utf-8")
        (folder / "SOURCE").write_text(f"{UPSTREAM} {commit} {PAGES} (Apache-2.0)\n", encoding="utf-8")
    langs = ", ".join(f"{k} {v}" for k, v in sorted(languages.items(), key=lambda kv: -kv[1]))
    print(f"readability {commit[:12]}: {len(sets['readability'])} pages ({langs}); "
          f"non-English {len(sets['readability-non-english'])} -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
