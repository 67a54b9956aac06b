#!/usr/bin/env python3
"""Hostile-input corpus for copydesk (issue 17), generated into a temporary directory and run through
`copydesk run`. Driven by Benchmarks/hostile.sh; see there for usage.

Every WARC case puts good records (each carrying a unique GOOD-<case>-<n> token) before and after the
damage, so the table can count them in the output: `good` is expected/found. Per file it prints the exit
status, CPU seconds (user + sys), CPU seconds per MB of input, peak RSS and the report's accounting.
Figure: no exit >= 128, CPU/MB < 2 s, found == expected."""
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

BIN = sys.argv[1]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ONLY = sys.argv[2] if len(sys.argv) > 2 else None


def record(block: bytes, rid: str, typ: str = "response", length=None, extra_header: bytes = b"") -> bytes:
    n = len(block) if length is None else length
    head = (f"WARC/1.0\r\nWARC-Type: {typ}\r\nWARC-Record-ID: <urn:uuid:{rid}>\r\nWARC-Target-URI: https://example.com/{rid}\r\n"
            f"WARC-Date: 2026-12-01T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {n}\r\n").encode()
    return head + extra_header + b"\r\n" + block + b"\r\n\r\n"


def http(body: bytes, headers: str = "Content-Type: text/html; charset=utf-8\r\n") -> bytes:
    return b"HTTP/1.1 200 OK\r\n" + headers.encode() + b"\r\n" + body


def article(token: str) -> bytes:
    paragraphs = "".join(f"<p>{token} paragraph {i}: the council met on Tuesday and agreed the budget for the coming year after a long debate.</p>"
                         for i in range(4))
    return f"<html><head><title>{token}</title></head><body><article>{paragraphs}</article></body></html>".encode()


def good(case: str, start: int, count: int) -> list:
    return [record(http(article(f"GOOD-{case}-{i}")), f"good-{case}-{i}") for i in range(start, start + count)]


def page_record(case: str, page: bytes) -> bytes:
    return record(http(page), f"hostile-{case}")


def chunked_record(case: str, size: str) -> bytes:
    body = f"{size}\r\n<p>x</p>\r\n0\r\n\r\n".encode()
    return record(http(body, "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n"), f"hostile-{case}")


def lying(case: str, delta) -> bytes:
    block = http(article(f"LIAR-{case}"))
    return record(block, f"hostile-{case}", length=(sys.maxsize if delta == "max" else len(block) + delta))


def cases():
    """(name, file name, pieces, good records expected, gzip members?)"""
    out = []

    def warc(name, damage: list, before=5, after=600, gz=False):
        pieces = good(name, 0, before) + damage + good(name, before, after)
        out.append((name, name + (".warc.gz" if gz else ".warc"), pieces, before + after, gz))

    for size in ["-5", "-100000", "-8000000000000000", "7fffffffffffffff"]:
        warc(f"chunked{size}", [chunked_record(f"chunked{size}", size)], after=50)
    big_header = b"WARC/1.0\r\nWARC-Type: response\r\n" + b"".join(f"X-Filler-{i}: {'a' * 100}\r\n".encode() for i in range(700)) + b"Content-Length: 5\r\n\r\nhello\r\n\r\n"
    warc("header-70KB", [big_header])
    warc("header-70KB-gz", [big_header], gz=True)
    warc("header-10MB", [b"WARC/1.0\r\nWARC-Type: response\r\nX-Big: " + b"b" * (10 << 20) + b"\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n"], after=5)
    junk = b"junk line without meaning\n" * 2700
    warc("junk-64KB", [junk])
    warc("junk-64KB-gz", [junk], gz=True)
    for delta in [500, 3000, -7, "max"]:
        warc(f"length{'+' if delta != 'max' and delta > 0 else ''}{delta}", [lying(f"len{delta}", delta)], after=50)
        warc(f"length{'+' if delta != 'max' and delta > 0 else ''}{delta}-gz", [lying(f"len{delta}gz", delta)], after=50, gz=True)
    # HTML pages that were quadratic or otherwise hostile, each inside a WARC between good records.
    attrs = lambda n: b"<html><body><div" + b"".join(f' data-a{i}="v"'.encode() for i in range(n)) + b">" + article("HOSTILE-ATTRS") + b"</div></body></html>"
    for n in [40_000, 200_000]:
        warc(f"html-attributes-{n // 1000}k", [page_record(f"a{n}", attrs(n))], after=20)
    for pairs in [50_000, 100_000]:
        page = b"<html><body>" + b"<div>" * pairs + b"<p>deep text</p>" + b"</span>" * pairs + b"</body></html>"
        warc(f"html-stray-end-tags-{len(page) // 1000}KB", [page_record(f"s{pairs}", page)], after=20)
    page = b"<html><body>" + b"<b>" * 50_000 + b"<div>" * 50_000 + b"<p>text</p>" + b"</b>" * 150_000 + b"</body></html>"
    warc("html-blocked-end-tags", [page_record("blocked", page)], after=20)
    warc("html-deep-nesting-1M", [page_record("deep", b"<html><body>" + b"<div><span>" * 100_000 + b"x</body></html>")], after=20)
    xxe = b'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><html><body><p>&xxe; XXE-PAGE</p></body></html>'
    warc("html-xxe", [page_record("xxe", xxe)], after=20)
    laughs = "".join(f'<!ENTITY l{i} "' + f"&l{i - 1};" * 10 + '">' for i in range(1, 10))
    bomb = ('<!DOCTYPE html [<!ENTITY l0 "lol">' + laughs + ']><html><body><p>&l9;</p></body></html>').encode()
    warc("html-entity-bomb", [page_record("bomb", bomb)], after=20)
    warc("html-nul-bytes", [page_record("nul", b"<html><body><p>nul\x00bytes\x00</p>" + b"\x00" * 100_000 + b"</body></html>")], after=20)
    warc("html-huge-line", [page_record("line", b"<html><body><p>" + b"word " * 1_500_000 + b"</p></body></html>")], after=20)
    bomb_body = gzip.compress(b"<html><body>" + b"A" * (200 << 20) + b"</body></html>", 9)
    warc("gzip-bomb-body", [record(http(bomb_body, "Content-Type: text/html\r\nContent-Encoding: gzip\r\n"), "hostile-gzbomb")], after=20)
    warc("record-nul-bytes", [b"\x00" * 70_000], after=50)
    # A gzip WARC cut in the middle of its last member: the good records before it are all there.
    members = good("truncated-gz", 0, 200)
    out.append(("truncated-gz", "truncated-gz.warc.gz", members + [b"CUT"], 200, True))
    return out


def write(path, pieces, gz, cut_last=False):
    with open(path, "wb") as f:
        for piece in pieces:
            if piece == b"CUT":
                member = gzip.compress(record(http(article("CUT")), "cut"))
                f.write(member[: len(member) // 2])
            elif gz:
                f.write(gzip.compress(piece, 6))
            else:
                f.write(piece)


def main():
    work = tempfile.mkdtemp(prefix="copydesk-hostile-")
    pipeline = os.path.join(work, "warc.yaml")
    shutil.copy(os.path.join(ROOT, "pipelines", "warc.yaml"), pipeline)
    print(f"{'file':34} {'MB':>7} {'exit':>4} {'cpu s':>7} {'s/MB':>6} {'peak MB':>8} {'in':>5} {'out':>5} {'drop':>5} {'rej':>4} {'good exp/found':>15}")
    failures = 0
    try:
        for name, filename, pieces, expected, gz in cases():
            if ONLY and ONLY not in name:
                continue
            path = os.path.join(work, filename)
            write(path, pieces, gz)
            size_mb = os.path.getsize(path) / 1e6
            out = os.path.join(work, name + ".jsonl")
            report = os.path.join(work, name + ".report.json")
            timing = os.path.join(work, name + ".time")
            cmd = ["/usr/bin/time", "-v", "-o", timing, BIN, "run", pipeline, "--input", path, "--output", out, "--report", report, "--quiet"]
            proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=600)
            status = proc.returncode
            text = open(timing).read()
            signal = re.search(r"Command terminated by signal (\d+)", text)
            if signal:
                status = 128 + int(signal.group(1))
            user = float(re.search(r"User time \(seconds\): ([\d.]+)", text).group(1))
            system = float(re.search(r"System time \(seconds\): ([\d.]+)", text).group(1))
            peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) / 1024
            counts = {"in": "-", "out": "-", "dropped": "-", "rejected": "-"}
            if os.path.exists(report):
                counts.update(json.load(open(report)).get("documents", {}))
            found = set()
            if os.path.exists(out):
                found = set(re.findall(rb"GOOD-" + re.escape(name.encode()) + rb"-\d+", open(out, "rb").read()))
            cpu = user + system
            per_mb = cpu / max(size_mb, 1e-9)
            ok = status < 128 and (per_mb < 2 or cpu < 0.2) and len(found) == expected
            failures += 0 if ok else 1
            print(f"{filename:34} {size_mb:7.2f} {status:4} {cpu:7.2f} {per_mb:6.2f} {peak:8.0f} {counts['in']:>5} {counts['out']:>5} "
                  f"{counts['dropped']:>5} {counts['rejected']:>4} {expected:>7}/{len(found):<7}{'' if ok else ' FAIL'}", flush=True)
            if status >= 128 or status not in (0, 65):
                print("    " + proc.stderr.decode(errors="replace").strip().replace("\n", "\n    ")[:600])
            for leftover in (path, out, report, timing):
                if os.path.exists(leftover):
                    os.remove(leftover)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"hostile: {failures} case(s) failing (exit >= 128, >= 2 s CPU per MB, or a good record missing)")
    sys.exit(1 if failures else 0)


main()
