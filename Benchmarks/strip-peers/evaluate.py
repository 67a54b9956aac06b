#!/usr/bin/env python3
"""Side-by-side evaluation of article-extraction tools on the article-extraction benchmark.

Reference implementation of the benchmark metric for copydesk (the Swift
evaluator must print the same numbers) and runner for the Python peers.
Run it with the peers venv made by setup.sh:

    bash Benchmarks/strip-peers/setup.sh
    ${COPYDESK_PEERS_VENV:-$HOME/.cache/copydesk/peers-venv}/bin/python \
        Benchmarks/strip-peers/evaluate.py [--tools a,b] [--limit N] [--json PATH]
        [--predictions NAME=PATH ...] [--dump-predictions DIR] [--self-test]

The metric part (tokenize ... aggregate) needs only the standard library, so
`python3 evaluate.py --tools none --predictions x=FILE` or `--self-test` works
without the venv. See README.md next to this file for the exact definition.
"""
from __future__ import annotations

import argparse
import codecs
import gc
import gzip
import json
import logging
import os
import platform
import random
import re
import signal
import statistics
import sys
import time
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
DEFAULT_DATA = Path(os.environ.get(
    "COPYDESK_AEB_DATA",
    REPO.parent / "shared" / "data" / "article-extraction-benchmark"))

# ----------------------------------------------------------------------------
# Metric: scrapinghub/article-extraction-benchmark evaluate.py, re-implemented.
# ----------------------------------------------------------------------------

# Python's str-pattern \w: '_' or any character whose Unicode general category
# is L* (Lu Ll Lt Lm Lo) or N* (Nd Nl No) (Python 3.11: Unicode 14.0).
# Combining marks (Mn/Mc/Me), ZWJ/ZWNJ, soft hyphen and other Pc are NOT word
# characters, so they split tokens. Case is preserved.
TOKEN_RE = re.compile(r"\w+")
NGRAM_N = 4


def tokenize(text: str | None) -> list[str]:
    return TOKEN_RE.findall(text or "")


def shingle_counts(tokens: list[str], n: int = NGRAM_N) -> Counter:
    """Multiset of overlapping n-grams; fewer than n tokens -> one short shingle."""
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def raw_counts(true_tokens: list[str], pred_tokens: list[str]) -> tuple[int, int, int]:
    """Integer TP, FP, FN over 4-gram shingles (multiset matching)."""
    t = shingle_counts(true_tokens)
    p = shingle_counts(pred_tokens)
    tp = fp = fn = 0
    for key in t.keys() | p.keys():
        tc, pc = t.get(key, 0), p.get(key, 0)
        tp += min(tc, pc)
        fp += max(0, pc - tc)
        fn += max(0, tc - pc)
    return tp, fp, fn


def normalise(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Divide by TP+FP+FN so every page weighs the same (as upstream does)."""
    s = float(tp) + float(fp) + float(fn)
    if s > 0:
        return float(tp) / s, float(fp) / s, float(fn) / s
    return float(tp), float(fp), float(fn)


def precision_score(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def recall_score(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def f1_score(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def aggregate(norm: list[tuple[float, float, float]]) -> dict:
    """Upstream headline numbers: precision = mean page precision over pages with
    TP+FP > 0 (empty predictions are left out), recall = mean page recall over
    pages with TP+FN > 0, F1 = harmonic mean of those two means.
    statistics.mean is exact (one rounding), as upstream uses it."""
    ps = [precision_score(*x) for x in norm if x[0] + x[1] > 0]
    rs = [recall_score(*x) for x in norm if x[0] + x[2] > 0]
    precision = statistics.mean(ps) if ps else 0.0
    recall = statistics.mean(rs) if rs else 0.0
    return {"precision": precision, "recall": recall, "f1": f1_score(precision, recall),
            "n_precision_pages": len(ps), "n_recall_pages": len(rs)}


@dataclass
class PageScore:
    tp: int
    fp: int
    fn: int
    norm: tuple[float, float, float]
    precision: float
    recall: float
    f1: float
    exact: bool


def score_page(truth: str, pred: str | None) -> PageScore:
    tt, pt = tokenize(truth), tokenize(pred)
    tp, fp, fn = raw_counts(tt, pt)
    norm = normalise(tp, fp, fn)
    p, r = precision_score(*norm), recall_score(*norm)
    return PageScore(tp, fp, fn, norm, p, r, f1_score(p, r), tt == pt)


def summarise(scores: list[PageScore], bootstrap: int = 0, seed: int = 0) -> dict:
    norm = [s.norm for s in scores]
    out = aggregate(norm)
    out["f1_page_mean"] = statistics.mean([s.f1 for s in scores]) if scores else 0.0
    out["accuracy"] = statistics.mean([float(s.exact) for s in scores]) if scores else 0.0
    if bootstrap and scores:
        rng = random.Random(seed)
        n = len(norm)
        vals: dict[str, list[float]] = {"precision": [], "recall": [], "f1": []}
        for _ in range(bootstrap):
            idx = [rng.randint(0, n - 1) for _ in range(n)]
            b = aggregate([norm[i] for i in idx])
            for k in vals:
                vals[k].append(b[k])
        for k, v in vals.items():
            out[f"{k}_std"] = statistics.stdev(v) if len(v) > 1 else 0.0
    return out


# ----------------------------------------------------------------------------
# Data
# ----------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# WHATWG maps these labels to windows-1252; Python's latin-1 would differ on 0x80-0x9F.
_CHARSET_ALIASES = {"iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252",
                    "latin-1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252"}


def resolve_charset(raw: bytes) -> tuple[str, str]:
    """(python codec name, where it came from). BOM, else the first
    <meta ... charset=...> anywhere in the document (in this data set some
    sit 60 KB in), else UTF-8."""
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8", "bom"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", "bom"
    m = _META_CHARSET.search(raw)
    if m:
        label = m.group(1).decode("ascii").lower()
        label = _CHARSET_ALIASES.get(label, label)
        try:
            return codecs.lookup(label).name, "meta"
        except LookupError:
            pass
    return "utf-8", "default"


@dataclass
class Page:
    id: str
    url: str
    truth: str
    raw: bytes          # decompressed HTML bytes
    encoding: str       # resolved python codec name
    charset_source: str
    text: str           # raw decoded with `encoding`, errors="replace"
    replaced: bool      # decoding needed replacement characters


def load_truth(data_dir: Path) -> dict[str, dict]:
    with (data_dir / "ground-truth.json").open("rt", encoding="utf8") as f:
        return json.load(f)


def page_id(name: str) -> str:
    """'<64 hex>.html.gz' -> '<64 hex>' (everything before the first dot)."""
    return name.split(".", 1)[0]


CHARSET_SECONDS = [0.0]   # harness time spent resolving charsets + decoding (untimed for tools)


def load_pages(data_dir: Path, limit: int | None = None) -> list[Page]:
    truth = load_truth(data_dir)
    files = {}
    for path in sorted((data_dir / "html").iterdir()):
        if path.is_file() and ".htm" in path.name:
            files[page_id(path.name)] = path
    missing = sorted(set(truth) - set(files))
    extra = sorted(set(files) - set(truth))
    if missing:
        print(f"warning: {len(missing)} ground-truth ids have no html file", file=sys.stderr)
    if extra:
        print(f"warning: {len(extra)} html files have no ground truth; skipped", file=sys.stderr)
    ids = sorted(set(truth) & set(files))
    if limit is not None:
        ids = ids[:limit]
    pages = []
    for pid in ids:
        blob = files[pid].read_bytes()
        raw = gzip.decompress(blob) if blob[:2] == b"\x1f\x8b" else blob
        t0 = time.perf_counter()
        enc, src = resolve_charset(raw)
        try:
            text, replaced = raw.decode(enc), False
        except UnicodeDecodeError:
            text, replaced = raw.decode(enc, errors="replace"), True
        CHARSET_SECONDS[0] += time.perf_counter() - t0
        pages.append(Page(pid, truth[pid].get("url", ""), truth[pid].get("articleBody", ""),
                          raw, enc, src, text, replaced))
    return pages


# ----------------------------------------------------------------------------
# Peers. Each factory returns (extract(page) -> str | None, input description).
# Input modes (--input-mode):
#   charset (default): the harness resolves each page's charset once, untimed,
#       and every tool gets that decision: bytes + charset where the API takes a
#       charset (jusText, resiliparse, lxml), else text decoded with it
#       (trafilatura, readability, newspaper4k, goose3). No tool sniffs.
#   bytes: raw bytes to every tool whose API takes bytes, each doing its own
#       charset detection (timed): trafilatura, readability (chardet when no
#       <meta charset>), jusText (meta, else utf-8), resiliparse (uchardet /
#       first-1024-byte meta), lxml (its bundled libxml2 2.14: meta, else ISO-8859-1!);
#       text to newspaper4k and goose3, which take str only.
#   text: decoded text to every tool.
# ----------------------------------------------------------------------------

OWN = "bytes (own charset detection)"


def make_trafilatura(mode: str, **options):
    import trafilatura

    def run(page: Page):
        data = page.raw if mode == "bytes" else page.text
        return trafilatura.extract(data, **options)
    return run, (OWN if mode == "bytes" else "text")


def make_readability(mode: str):
    import html_text
    from readability import Document

    def run(page: Page):
        # As upstream's run_readability.py: summary(html_partial=True) turned into
        # text by html-text. (readability-lxml 0.9's default html_partial=False
        # returns an empty <body> on one page of this set, 35b158918c67...,
        # though the article is found: F1 0.952 instead of 0.955.)
        data = page.raw if mode == "bytes" else page.text
        return html_text.extract_text(Document(data).summary(html_partial=True))
    return run, (OWN if mode == "bytes" else "text")


def make_newspaper(mode: str):
    import newspaper

    def run(page: Page):
        # fetch_images=False: the default (True) downloads candidate top images
        # over the network during parse(); text extraction is unaffected.
        art = newspaper.Article(page.url, fetch_images=False)
        art.download(input_html=page.text)
        art.parse()
        return art.text
    return run, "text"


def make_goose3(mode: str):
    from goose3 import Goose
    g = Goose()   # default config (image fetching is off by default)

    def run(page: Page):
        return g.extract(raw_html=page.text).cleaned_text
    return run, "text"


def make_justext(mode: str):
    import justext
    stoplist = justext.get_stoplist("English")   # loaded once, outside timing

    def run(page: Page):
        if mode == "charset":
            paras = justext.justext(page.raw, stoplist, encoding=page.encoding)
        elif mode == "bytes":
            paras = justext.justext(page.raw, stoplist)
        else:
            paras = justext.justext(page.text, stoplist)
        return "\n\n".join(p.text for p in paras if not p.is_boilerplate)
    return run, {"charset": "bytes + charset", "bytes": OWN}.get(mode, "text")


def make_resiliparse(mode: str):
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import detect_encoding
    from resiliparse.parse.html import HTMLTree

    def run(page: Page):
        if mode == "charset":
            tree = HTMLTree.parse_from_bytes(page.raw, page.encoding)
        elif mode == "bytes":
            tree = HTMLTree.parse_from_bytes(page.raw, detect_encoding(page.raw, from_html_meta=True))
        else:
            tree = HTMLTree.parse(page.text)
        return extract_plain_text(tree, main_content=True)
    return run, {"charset": "bytes + charset", "bytes": OWN}.get(mode, "text")


def _lxml_parser_for(mode: str):
    import lxml.html
    parsers: dict[str, object] = {}

    def parse(page: Page):
        if mode == "charset":   # = htmlReadMemory(buf, len, NULL, "utf-8", opts)
            parser = parsers.get(page.encoding)
            if parser is None:
                parser = parsers[page.encoding] = lxml.html.HTMLParser(encoding=page.encoding)
            return lxml.html.document_fromstring(page.raw, parser=parser)
        if mode == "bytes":     # libxml2's own sniffing
            return lxml.html.document_fromstring(page.raw)
        return lxml.html.document_fromstring(page.text)
    return parse


def make_lxml_parse(mode: str):
    parse = _lxml_parser_for(mode)

    def run(page: Page):
        parse(page)
        return None
    return run, {"charset": "bytes + charset", "bytes": OWN}.get(mode, "text")


def make_lxml_text(mode: str):
    import lxml.etree
    parse = _lxml_parser_for(mode)

    def run(page: Page):
        doc = parse(page)
        lxml.etree.strip_elements(doc, "script", "style", "noscript", "template", with_tail=False)
        return " ".join(doc.itertext())
    return run, {"charset": "bytes + charset", "bytes": OWN}.get(mode, "text")


@dataclass
class Tool:
    name: str
    dist: str                      # distribution whose version is reported
    factory: Callable
    settings: str
    scored: bool = True            # False: speed-only row (no text output)
    kwargs: dict = field(default_factory=dict)


TOOLS = [
    # Upstream's run_trafilatura.py passes include_comments=False (reader comments
    # are not article body); the two rows below do the same. trafilatura-defaults
    # is extract(html) with nothing changed (include_comments=True).
    Tool("trafilatura", "trafilatura", make_trafilatura, "extract(html, include_comments=False)",
         kwargs={"include_comments": False}),
    Tool("trafilatura-fast", "trafilatura", make_trafilatura, "extract(html, fast=True, include_comments=False)",
         kwargs={"fast": True, "include_comments": False}),
    Tool("trafilatura-defaults", "trafilatura", make_trafilatura, "extract(html): all defaults (comments kept)"),
    Tool("readability", "readability-lxml", make_readability,
         "html_text.extract_text(Document(html).summary(html_partial=True))"),
    Tool("newspaper4k", "newspaper4k", make_newspaper, "Article(url, fetch_images=False); download(input_html); parse(); .text"),
    Tool("goose3", "goose3", make_goose3, "Goose().extract(raw_html=html).cleaned_text"),
    Tool("justext", "jusText", make_justext, "justext(html, English stoplist) defaults; non-boilerplate paragraphs"),
    Tool("resiliparse", "resiliparse", make_resiliparse, "extract_plain_text(tree, main_content=True)"),
    Tool("lxml-parse", "lxml", make_lxml_parse, "lxml.html.document_fromstring only (libxml2 floor)", scored=False),
    Tool("lxml-text", "lxml", make_lxml_text, "parse + drop script/style + ' '.join(itertext())"),
]
TOOLS_BY_NAME = {t.name: t for t in TOOLS}


def dist_version(dist: str) -> str:
    try:
        from importlib.metadata import version
        return version(dist)
    except Exception:
        return "?"


def cpu_ticks() -> dict[int, tuple[int, int]]:
    """{cpu: (busy, total)} jiffies from /proc/stat (Linux); {} elsewhere."""
    out = {}
    try:
        with open("/proc/stat") as f:
            for line in f:
                if line.startswith("cpu") and line[3].isdigit():
                    name, *vals = line.split()
                    v = [int(x) for x in vals]
                    idle = v[3] + (v[4] if len(v) > 4 else 0)
                    out[int(name[3:])] = (sum(v[:8]) - idle, sum(v[:8]))
    except OSError:
        pass
    return out


def others_busy(before: dict, after: dict, mine: set[int]) -> float | None:
    """Busy share of the CPUs this process is not pinned to, between two samples."""
    busy = total = 0
    for cpu, (b1, t1) in after.items():
        if cpu in mine or cpu not in before:
            continue
        busy += b1 - before[cpu][0]
        total += t1 - before[cpu][1]
    return busy / total if total > 0 else None


class PageTimeout(Exception):
    pass


def _on_alarm(signum, frame):
    raise PageTimeout()


def run_tool(tool: Tool, pages: list[Page], mode: str, timeout: float, repeat: int = 1) -> dict:
    fn, input_desc = tool.factory(mode, **tool.kwargs)
    outputs: dict[str, str] = {}
    errors: dict[str, str] = {}
    times: dict[str, float] = {}
    use_alarm = timeout > 0 and hasattr(signal, "setitimer")
    if use_alarm:
        signal.signal(signal.SIGALRM, _on_alarm)

    def call(page: Page):
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            return fn(page)
        finally:
            if use_alarm:
                signal.setitimer(signal.ITIMER_REAL, 0)

    # Warm-up on the first page (lazy imports, model/stoplist loading); not timed.
    try:
        call(pages[0])
    except Exception:
        pass
    wall, cpu = time.perf_counter, time.process_time
    wall_times: dict[str, float] = {}
    pass_seconds = []
    changed = 0
    mine = set(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else set()
    ticks0 = cpu_ticks()
    for rep in range(max(1, repeat)):
        gc.collect()
        total = 0.0
        for page in pages:
            w0, c0 = wall(), cpu()
            try:
                out = call(page)
                err = None
            except Exception as e:   # a failing page scores as empty output
                out, err = None, f"{type(e).__name__}: {e}"[:300]
            dc, dw = cpu() - c0, wall() - w0
            total += dw
            out = out if isinstance(out, str) else ("" if out is None else str(out))
            if rep == 0:             # pass 1 is the one scored
                times[page.id], wall_times[page.id] = dc, dw
                outputs[page.id] = out
                if err:
                    errors[page.id] = err
            else:
                times[page.id] = min(times[page.id], dc)
                wall_times[page.id] = min(wall_times[page.id], dw)
                changed += out != outputs[page.id]
        pass_seconds.append(total)
    # Speed = sum over pages of each page's best call (of `repeat`), in process CPU
    # time: the machine may be shared, and CPU time does not count the slices a
    # neighbour gets on our core. Wall-clock best-of is kept alongside.
    return {"outputs": outputs, "errors": errors, "times": times, "seconds": sum(times.values()),
            "wall_seconds": sum(wall_times.values()), "wall_times": wall_times,
            "pass_seconds": pass_seconds, "nondeterministic_outputs": changed, "input": input_desc,
            "others_busy": others_busy(ticks0, cpu_ticks(), mine)}


# ----------------------------------------------------------------------------
# Predictions files (our Swift tool, upstream output/*.json, dumps of this script)
# ----------------------------------------------------------------------------

def load_predictions(path: Path) -> tuple[dict[str, str], str, float | None]:
    """Accepts {id: text}, {id: {"articleBody": text}}, or a wrapper
    {"output": {...}, "version": str?, "seconds": float?}. Keys may carry a
    file suffix ('<id>.html.gz'). Returns (texts, version, seconds)."""
    with path.open("rt", encoding="utf8") as f:
        data = json.load(f)
    version, seconds = "", None
    if isinstance(data, dict) and isinstance(data.get("output"), dict) \
            and set(data) <= {"output", "version", "seconds", "tool"}:
        version = str(data.get("version") or "")
        seconds = data.get("seconds")
        data = data["output"]
    texts = {}
    for key, val in data.items():
        if isinstance(val, dict):
            val = val.get("articleBody")
        texts[page_id(key)] = val if isinstance(val, str) else ""
    return texts, version, (float(seconds) if seconds is not None else None)


# ----------------------------------------------------------------------------
# Self-test vectors (port these to the Swift evaluator)
# ----------------------------------------------------------------------------

def self_test() -> int:
    cases = []

    def check(name, got, want):
        ok = (abs(got - want) < 1e-12) if isinstance(want, float) else got == want
        cases.append((name, ok, got, want))

    check("tok basic", tokenize("Hello, world! it's 2019_x"), ["Hello", "world", "it", "s", "2019_x"])
    check("tok combining mark splits", tokenize("cafe\u0301 ok"), ["cafe", "ok"])
    check("tok precomposed", tokenize("caf\u00e9 ok"), ["caf\u00e9", "ok"])
    check("tok soft hyphen/zwj split", tokenize("co\u00adop a\u200db"), ["co", "op", "a", "b"])
    check("tok curly apostrophe", tokenize("Browns\u2019 l\u2019amour"), ["Browns", "l", "amour"])
    check("tok digits/other N", tokenize("\u0661\u0662 \u00bd x\u00b2"), ["\u0661\u0662", "\u00bd", "x\u00b2"])
    check("tok hangul/cyrillic", tokenize("\uc5d8\uc81c\uc774-\ub958 \u041f\u0440\u0438"), ["\uc5d8\uc81c\uc774", "\ub958", "\u041f\u0440\u0438"])
    check("tok empty/None", (tokenize(""), tokenize(None)), ([], []))
    check("shingles short", shingle_counts(["a", "b"]), Counter({("a", "b"): 1}))
    check("shingles repeat", shingle_counts("a b c d a b c d".split())[("a", "b", "c", "d")], 2)
    s = score_page("a b c d e", "a b c d e")
    check("identical", (s.tp, s.fp, s.fn, s.precision, s.recall, s.exact), (2, 0, 0, 1.0, 1.0, True))
    s = score_page("a b c d e", "")
    check("empty pred", (s.tp, s.fp, s.fn, s.norm, s.precision, s.recall, s.f1), (0, 0, 2, (0.0, 0.0, 1.0), 0.0, 0.0, 0.0))
    s = score_page("", "")
    check("both empty", (s.norm, s.precision, s.recall, s.exact), ((0.0, 0.0, 0.0), 1.0, 1.0, True))
    s = score_page("one two three", "one two three four")
    check("short vs 4", (s.tp, s.fp, s.fn, s.precision, s.recall), (0, 1, 1, 0.0, 0.0))
    s = score_page("a b c d a b c d", "a b c d")
    check("multiset", (s.tp, s.fp, s.fn, s.precision, s.recall), (1, 0, 4, 1.0, 0.2))
    s = score_page("The cat sat on the mat today.", "Menu. The cat sat on the mat today. Share")
    check("extra text", (s.tp, s.fp, s.fn, s.exact), (4, 2, 0, False))
    check("extra text P", s.precision, 4 / 6)
    a = aggregate([(1.0, 0.0, 0.0), (0.0, 0.0, 1.0), (0.5, 0.5, 0.0)])
    check("aggregate P (empty left out)", a["precision"], 0.75)
    check("aggregate R", a["recall"], 2 / 3)
    check("aggregate F1", a["f1"], 2 * 0.75 * (2 / 3) / (0.75 + 2 / 3))
    check("aggregate counts", (a["n_precision_pages"], a["n_recall_pages"]), (2, 3))
    check("charset meta late", resolve_charset(b"<html>" + b"x" * 70000 + b'<meta charset="UTF-8">'), ("utf-8", "meta"))
    check("charset default", resolve_charset(b"<html><p>\xe2\x80\x99</p>"), ("utf-8", "default"))
    check("charset latin1 label", resolve_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'), ("cp1252", "meta"))
    failed = 0
    for name, ok, got, want in cases:
        if not ok:
            failed += 1
            print(f"FAIL {name}: got {got!r}, want {want!r}")
    print(f"{len(cases) - failed} passed, {failed} failed")
    return 1 if failed else 0


# ----------------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------------

def fmt(x, spec=".3f", width=6):
    return f"{x:{spec}}".rjust(width) if isinstance(x, (int, float)) and x == x else "-".rjust(width)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="benchmark data dir (default: %(default)s)")
    ap.add_argument("--tools", default="all",
                    help="comma-separated subset of: " + ",".join(TOOLS_BY_NAME) + " (or 'all', 'none')")
    ap.add_argument("--limit", type=int, help="only the first N pages (sorted by id)")
    ap.add_argument("--json", type=Path, help="also write the results (with per-page scores) to this JSON file")
    ap.add_argument("--predictions", action="append", default=[], metavar="NAME=PATH",
                    help="score a JSON file of {page_id: text} made by another tool (repeatable)")
    ap.add_argument("--dump-predictions", type=Path, metavar="DIR",
                    help="write each tool's outputs to DIR/<tool>.json ({version, output:{id:{articleBody}}})")
    ap.add_argument("--input-mode", choices=["charset", "bytes", "text"], default="charset",
                    help="charset (default): every tool gets the harness's charset decision "
                         "(bytes+charset where the API takes one, else decoded text); "
                         "bytes: bytes wherever accepted, tools sniff the charset themselves; "
                         "text: decoded text to all")
    ap.add_argument("--cpu", type=int, default=0, help="CPU to pin this process to (default 0; -1: don't pin)")
    ap.add_argument("--repeat", type=int, default=3,
                    help="timed passes per tool; speed = sum of per-page best times, "
                         "quality = first pass (default 3)")
    ap.add_argument("--timeout", type=float, default=120.0, help="per-page timeout in seconds (0: none)")
    ap.add_argument("--bootstrap", type=int, default=0,
                    help="bootstrap resamples for +-std of F1/P/R (upstream uses 1000); 0: off")
    ap.add_argument("--verbose", action="store_true", help="let the tools log")
    ap.add_argument("--self-test", action="store_true", help="check the metric on fixed vectors and exit")
    args = ap.parse_args(argv)

    if args.self_test:
        return self_test()

    if args.cpu >= 0 and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {args.cpu})
    if not args.verbose:
        logging.disable(logging.CRITICAL)
        warnings.filterwarnings("ignore")

    if args.tools in ("all", ""):
        tools = list(TOOLS)
    elif args.tools == "none":
        tools = []
    else:
        names = [n.strip() for n in args.tools.split(",") if n.strip()]
        unknown = [n for n in names if n not in TOOLS_BY_NAME]
        if unknown:
            ap.error(f"unknown tool(s): {', '.join(unknown)}; known: {', '.join(TOOLS_BY_NAME)}")
        tools = [TOOLS_BY_NAME[n] for n in names]
    preds = []
    for spec in args.predictions:
        name, sep, path = spec.partition("=")
        if not sep or not name or not path:
            ap.error(f"--predictions wants NAME=PATH, got {spec!r}")
        preds.append((name, Path(path)))

    t_start = time.perf_counter()
    pages = load_pages(args.data, args.limit)
    if not pages:
        print("no pages", file=sys.stderr)
        return 1
    total_bytes = sum(len(p.raw) for p in pages)
    charset_src = Counter(p.charset_source for p in pages)
    encodings = Counter(p.encoding for p in pages)
    print(f"data: {args.data}  pages: {len(pages)}  html: {total_bytes / 1e6:.1f} MB  "
          f"charsets: {dict(encodings)} ({', '.join(f'{k} {v}' for k, v in sorted(charset_src.items()))}; "
          f"{sum(p.replaced for p in pages)} needed replacement; "
          f"resolve+decode {CHARSET_SECONDS[0] * 1e3:.0f} ms in all, not counted for any tool)")
    affinity = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    print(f"python {platform.python_version()}  cpu affinity {affinity}  input mode: {args.input_mode}  "
          f"timeout {args.timeout:g}s/page", flush=True)

    results = {}
    for tool in tools:
        version = dist_version(tool.dist)
        try:
            run = run_tool(tool, pages, args.input_mode, args.timeout, args.repeat)
        except Exception as e:  # tool could not even be set up (not installed ...)
            print(f"{tool.name}: cannot run: {type(e).__name__}: {e}", file=sys.stderr, flush=True)
            continue
        results[tool.name] = build_result(tool.name, version, tool.settings, run["input"], pages,
                                          run["outputs"], run["errors"], run["times"], run["seconds"],
                                          tool.scored, args.bootstrap)
        results[tool.name]["pass_seconds"] = run["pass_seconds"]
        results[tool.name]["wall_seconds"] = run["wall_seconds"]
        results[tool.name]["wall_pages_per_s"] = len(pages) / run["wall_seconds"] if run["wall_seconds"] else None
        for pid, t in run["wall_times"].items():
            results[tool.name]["per_page"][pid]["wall_seconds"] = t
        results[tool.name]["nondeterministic_outputs"] = run["nondeterministic_outputs"]
        results[tool.name]["other_cpus_busy"] = run["others_busy"]
        print_progress(results[tool.name])
        if args.dump_predictions and tool.scored:
            dump(args.dump_predictions / f"{tool.name}.json", version, run["outputs"])
    for name, path in preds:
        texts, version, seconds = load_predictions(path)
        known = {p.id for p in pages}
        missing = [p.id for p in pages if p.id not in texts]
        if missing:
            print(f"{name}: {len(missing)} pages missing from {path}; scored as empty", file=sys.stderr)
        stray = len(set(texts) - known)
        if stray and args.limit is None:
            print(f"{name}: {stray} ids in {path} are not benchmark pages; ignored", file=sys.stderr)
        outputs = {p.id: texts.get(p.id, "") for p in pages}
        errors = {pid: "missing from predictions file" for pid in missing}
        results[name] = build_result(name, version, f"predictions file {path}", "-", pages, outputs,
                                     errors, {}, seconds, True, args.bootstrap)
        print_progress(results[name])

    wall = time.perf_counter() - t_start
    print()
    print_table(results, args.bootstrap > 0)
    busy = [r["other_cpus_busy"] for r in results.values() if r.get("other_cpus_busy") is not None]
    if busy and max(busy) > 0.25:
        print(f"\nWARNING: other CPUs were up to {max(busy):.0%} busy while tools ran; "
              f"speeds (wall p/s above all) are lower than on a quiet machine.")
    print(f"\n{len(pages)} pages, {total_bytes / 1e6:.1f} MB of HTML; P/R/F1 = upstream aggregate "
          f"(empty outputs left out of P); F1/pg = mean per-page F1 (empty = 0); "
          f"acc = exact token match; pages/s and MB/s = extraction only, one core, process CPU time, "
          f"each page's best of {args.repeat} call(s); wall p/s = same with wall-clock time. "
          f"Whole run {wall:.0f} s.")
    if args.json:
        meta = {"date": time.strftime("%Y-%m-%d"), "data": str(args.data), "pages": len(pages),
                "html_bytes": total_bytes, "python": platform.python_version(),
                "cpu_affinity": affinity, "input_mode": args.input_mode, "repeat": args.repeat,
                "charset_resolve_decode_seconds": CHARSET_SECONDS[0],
                "versions": {n: dist_version(n) for n in sorted({t.dist for t in TOOLS})},
                "machine": platform.machine(), "wall_seconds": wall,
                "metric": "scrapinghub/article-extraction-benchmark: \\w+ tokens, 4-gram shingle "
                          "multisets, per-page TP/FP/FN normalised; P,R = means over pages "
                          "(TP+FP>0 resp. TP+FN>0), F1 = 2PR/(P+R)"}
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"meta": meta, "results": results}, indent=1, ensure_ascii=False))
    return 0


def build_result(name, version, settings, input_desc, pages, outputs, errors, times, seconds,
                 scored, bootstrap) -> dict:
    per_page = {}
    scores = []
    n_empty = 0
    for p in pages:
        out = outputs.get(p.id, "")
        entry: dict = {}
        if scored:
            s = score_page(p.truth, out)
            scores.append(s)
            empty = not tokenize(out)
            n_empty += empty
            entry.update(tp=s.tp, fp=s.fp, fn=s.fn, precision=s.precision, recall=s.recall,
                         f1=s.f1, exact=s.exact, empty=empty)
        if p.id in times:
            entry["seconds"] = times[p.id]
        if p.id in errors:
            entry["error"] = errors[p.id]
        per_page[p.id] = entry
    res = {"tool": name, "version": version, "settings": settings, "input": input_desc,
           "pages": len(pages), "failed": len(errors), "empty": n_empty if scored else None,
           "seconds": seconds}
    if scored:
        res.update(summarise(scores, bootstrap))
    if seconds:
        nbytes = sum(len(p.raw) for p in pages)
        res["pages_per_s"] = len(pages) / seconds
        res["mb_per_s"] = nbytes / seconds / 1e6
    res["per_page"] = per_page
    return res


def print_progress(r: dict) -> None:
    q = f"F1 {r['f1']:.3f}" if "f1" in r else "not scored"
    sp = f"{r['pages_per_s']:.1f} pages/s" if r.get("pages_per_s") else "no timing"
    if r.get("wall_pages_per_s"):
        sp += f" ({r['wall_pages_per_s']:.1f} wall)"
    busy = r.get("other_cpus_busy")
    note = f"  other CPUs {busy:.0%} busy" if busy is not None else ""
    if busy is not None and busy > 0.25:
        note += " (!)"
    print(f"  {r['tool']:<20} {q}  {sp}  failed {r['failed']}{note}", flush=True)


def print_table(results: dict, with_std: bool) -> None:
    head = f"{'tool':<20} {'version':<9} {'P':>6} {'R':>6} {'F1':>6}"
    if with_std:
        head += f" {'±F1':>6}"
    head += f" {'F1/pg':>6} {'acc':>6} {'empty':>5} {'fail':>4} {'pages/s':>8} {'MB/s':>7} {'wall p/s':>8}"
    print(head)
    print("-" * len(head))
    for r in results.values():
        row = (f"{r['tool']:<20} {r['version'][:9]:<9} {fmt(r.get('precision', float('nan')))} "
               f"{fmt(r.get('recall', float('nan')))} {fmt(r.get('f1', float('nan')))}")
        if with_std:
            row += f" {fmt(r.get('f1_std', float('nan')))}"
        row += (f" {fmt(r.get('f1_page_mean', float('nan')))} {fmt(r.get('accuracy', float('nan')))}"
                f" {fmt(r['empty'], 'd', 5) if r['empty'] is not None else '-'.rjust(5)}"
                f" {r['failed']:>4d} {fmt(r.get('pages_per_s', float('nan')), '.1f', 8)}"
                f" {fmt(r.get('mb_per_s', float('nan')), '.2f', 7)}"
                f" {fmt(r.get('wall_pages_per_s') or float('nan'), '.1f', 8)}")
        print(row)


def dump(path: Path, version: str, outputs: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"version": version,
                                "output": {k: {"articleBody": v} for k, v in sorted(outputs.items())}},
                               ensure_ascii=False, indent=1, sort_keys=True), encoding="utf8")


if __name__ == "__main__":
    sys.exit(main())
