#!/usr/bin/env python3
"""Writes the corpus of Scripts/ci/spark-test.sh into DIR: docs.jsonl (stories, exact copies, near
copies, syndicated versions, bad lines), web.warc.gz (HTML pages, one a copy of a JSONL story) and
broken.warc.gz (not gzip). Stories are Reuters-21578 articles when the file is there, else text of a
made-up language; either way the output depends only on the arguments.

    spark_corpus.py DIR [COUNT]          the first batch
    spark_corpus.py DIR --second COUNT   a second batch, second.jsonl, for an incremental run against the
                                         first: new stories and their versions, copies, near copies and
                                         syndicated versions of the first batch's stories, some of its
                                         documents again (the same id and content) and updated versions
                                         (the same id, other content), bad lines"""

import gzip
import json
import os
import random
import sys


def made_up_paragraphs(rng, count):
    syllables = ["ka", "lo", "mi", "ter", "san", "du", "vel", "or", "ni", "pa", "ru", "sto", "ben", "gal"]
    vocab = ["".join(rng.choice(syllables) for _ in range(rng.randint(1, 3))) for _ in range(4000)]
    out = []
    for _ in range(count):
        words = [rng.choice(vocab) for _ in range(rng.randint(40, 90))]
        words[0] = words[0].capitalize()
        out.append(" ".join(words) + ".")
    return out


def stories(rng, count, reuters):
    if reuters and os.path.exists(reuters):
        found = []
        with open(reuters, encoding="utf-8") as f:
            for line in f:
                doc = json.loads(line)
                paragraphs = [" ".join(p.split()) for p in doc.get("text", "").split("\n    ") if p.strip()]
                if len(paragraphs) >= 4 and sum(len(p.split()) for p in paragraphs) > 150:
                    found.append((doc.get("title") or "", paragraphs))
                if len(found) >= count:
                    break
        if len(found) >= count // 2:
            return found
    pool = made_up_paragraphs(rng, count * 6)
    return [(f"Story {i}", pool[i * 6:(i + 1) * 6]) for i in range(count)]


def main():
    out, count = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1500
    reuters = os.environ.get("COPYDESK_REUTERS", "/work/shared/data/reuters21578/docs.jsonl")
    rng = random.Random(20261203)
    base = stories(rng, count, reuters)
    fillers = made_up_paragraphs(rng, 400)
    docs = []
    for i, (title, paragraphs) in enumerate(base):
        day = 1 + i % 27
        docs.append({"id": f"s{i:05d}", "title": title, "text": "\n\n".join(paragraphs),
                     "published": f"2024-02-{day:02d}T08:00:00Z", "feed": "wire"})
    extra = []
    for i in rng.sample(range(len(base)), len(base) // 5):
        d = dict(docs[i], id=f"copy-{i:05d}", feed="mirror")
        extra.append(d)
    for i in rng.sample(range(len(base)), len(base) // 5):
        words = docs[i]["text"].split(" ")
        for _ in range(3):
            k = rng.randrange(len(words))
            words[k] = words[k][::-1]
        extra.append(dict(docs[i], id=f"near-{i:05d}", text=" ".join(words)))
    for i in rng.sample(range(len(base)), len(base) // 5):
        _, paragraphs = base[i]
        text = [rng.choice(fillers)] + paragraphs[:3] + [rng.choice(fillers)]
        extra.append({"id": f"synd-{i:05d}", "title": docs[i]["title"], "text": "\n\n".join(text),
                      "published": docs[i]["published"], "site": f"paper{i % 7}.example"})
    for d in extra:
        docs.insert(rng.randrange(len(docs) + 1), d)
    lines = [json.dumps(d, ensure_ascii=False) for d in docs]
    bad = ['{"id": "bad-1", "text": ', "[1, 2, 3]", '{"id": "bad-3", "text": 42}', "not json at all", '{"id": "bad-5"']
    for b in bad:
        lines.insert(rng.randrange(len(lines) + 1), b)
    with open(os.path.join(out, "docs.jsonl"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")

    with gzip.open(os.path.join(out, "web.warc.gz"), "wb") as f:
        for i in range(12):
            title, paragraphs = base[(i * 37) % len(base)]
            body = "".join(f"<p>{p}</p>" for p in (paragraphs if i % 3 == 0 else [rng.choice(fillers) for _ in range(4)]))
            html = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>"
            payload = ("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html).encode("utf-8")
            header = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{i:012d}>\r\n"
                      f"WARC-Date: 2024-02-{1 + i:02d}T09:00:00Z\r\nWARC-Target-URI: https://site{i % 3}.example/news/{i}\r\n"
                      f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(payload)}\r\n\r\n").encode("utf-8")
            f.write(header + payload + b"\r\n\r\n")
    with open(os.path.join(out, "broken.warc.gz"), "wb") as f:
        f.write(b"\x1f\x8b\x08\x00 this is no gzip stream" * 4)
    print(f"{len(lines)} lines ({len(bad)} bad), 12 WARC records, 1 broken WARC")


def second(out, count):
    rng = random.Random(20261204)
    first = []
    with open(os.path.join(out, "docs.jsonl"), encoding="utf-8") as f:
        for line in f:
            try:
                d = json.loads(line)
            except ValueError:
                continue
            if isinstance(d, dict) and isinstance(d.get("text"), str):
                first.append(d)
    stories_a = [d for d in first if d["id"].startswith("s")]
    fresh_count = count * 2 // 5
    pool = made_up_paragraphs(rng, fresh_count * 5)
    fresh = [{"id": f"b{i:05d}", "title": f"Second story {i}", "text": "\n\n".join(pool[i * 5:(i + 1) * 5]),
              "published": f"2024-03-{1 + i % 27:02d}T08:00:00Z", "feed": "wire"} for i in range(fresh_count)]
    fillers = made_up_paragraphs(rng, 100)
    unit = max(1, count // 10)

    def near(d, new_id):
        words = d["text"].split(" ")
        for _ in range(3):
            k = rng.randrange(len(words))
            words[k] = words[k][::-1]
        return dict(d, id=new_id, text=" ".join(words))

    def syndicated(d, new_id, i):
        paragraphs = d["text"].split("\n\n")
        text = [rng.choice(fillers)] + paragraphs[:3] + [rng.choice(fillers)]
        return {"id": new_id, "title": d.get("title", ""), "text": "\n\n".join(text), "published": d["published"],
                "site": f"paper{i % 7}.example"}

    docs = list(fresh)
    extra = []
    for k, i in enumerate(rng.sample(range(len(stories_a)), unit)):
        extra.append(dict(stories_a[i], id=f"b-copy-{k:04d}", feed="mirror"))
    for k, i in enumerate(rng.sample(range(len(stories_a)), unit)):
        extra.append(near(stories_a[i], f"b-near-{k:04d}"))
    for k, i in enumerate(rng.sample(range(len(stories_a)), unit)):
        extra.append(syndicated(stories_a[i], f"b-synd-{k:04d}", k))
    for k, i in enumerate(rng.sample(range(len(fresh)), unit // 2)):
        extra.append(dict(fresh[i], id=f"b-copyb-{k:04d}", feed="mirror"))
        extra.append(near(fresh[i], f"b-nearb-{k:04d}"))
        extra.append(syndicated(fresh[i], f"b-syndb-{k:04d}", k))
    # The first batch's documents again (already indexed), and updated versions of some (another paragraph).
    for i in rng.sample(range(len(first)), unit // 3):
        extra.append(dict(first[i]))
    for i in rng.sample(range(len(stories_a)), max(2, unit // 6)):
        d = stories_a[i]
        extra.append(dict(d, text=d["text"] + "\n\n" + rng.choice(fillers)))
    for d in extra:
        docs.insert(rng.randrange(len(docs) + 1), d)
    lines = [json.dumps(d, ensure_ascii=False) for d in docs]
    for b in ['{"id": "b-bad-1", "text": ', "[4, 5]", '{"id": "b-bad-3"']:
        lines.insert(rng.randrange(len(lines) + 1), b)
    with open(os.path.join(out, "second.jsonl"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(f"second batch: {len(lines)} lines (3 bad)")


if __name__ == "__main__":
    if len(sys.argv) > 3 and sys.argv[2] == "--second":
        second(sys.argv[1], int(sys.argv[3]))
    else:
        main()
