#!/usr/bin/env python3
"""Writes a large JSONL dump for the report's browser test: stories from the Reuters-21578 dump, each
published as several versions (the original, syndicated versions that cut and add paragraphs, near
copies with small edits, exact copies), so the run has clusters, relations and entities of every kind.
One document has HTML, a script and NUL bytes in its title and text: the page must show them, not run them.

Usage: report-corpus.py REUTERS.jsonl OUT.jsonl [--documents 100000] [--seed 15]
Without the Reuters dump (REUTERS.jsonl missing), stories are made from a fixed vocabulary instead.
"""
import argparse
import json
import os
import random

SITES = ["reuters.com", "wire.example.org", "dailyledger.example", "metro-times.example", "business-post.example",
         "coast-herald.example", "northern-echo.example", "marketwatch.example"]
ADDED = [
    "Analysts said the decision had been widely expected by the market.",
    "The company did not respond to a request for comment.",
    "Shares closed slightly higher in afternoon trading.",
    "Officials declined to give further details on the timetable.",
    "The announcement follows months of negotiations between the parties.",
]


def stories(path, rng):
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                text = (record.get("text") or "").strip()
                if len(text) > 200:
                    yield (record.get("title") or "").strip(), text
    else:
        words = ("market trade bank oil price share government minister company profit grain export tonnes rate "
                 "dollar yen talks board quarter growth").split()
        while True:
            paragraphs = [" ".join(rng.choice(words) for _ in range(rng.randint(20, 40))).capitalize() + "."
                          for _ in range(rng.randint(3, 7))]
            yield " ".join(rng.choice(words) for _ in range(5)).upper(), "\n\n".join(paragraphs)


def paragraphs(text):
    parts = [p.strip() for p in text.replace("\n    ", "\n\n").split("\n\n")]
    return [" ".join(p.split()) for p in parts if p.strip()]


def versions(title, text, rng):
    paras = paragraphs(text)
    out = [("original", title, "\n\n".join(paras))]
    kinds = rng.choices(["syndicated", "near", "exact", "syndicated"], k=rng.randint(2, 5))
    for kind in kinds:
        if kind == "syndicated" and len(paras) >= 3:
            keep = paras[: max(2, int(len(paras) * rng.uniform(0.5, 0.8)))]
            body = keep + [rng.choice(ADDED), rng.choice(ADDED)]
            out.append((kind, title.title(), "\n\n".join(body)))
        elif kind == "near":
            words = "\n\n".join(paras).split(" ")
            for _ in range(max(1, len(words) // 60)):
                words[rng.randrange(len(words))] = rng.choice(["said", "reported", "noted", "added"])
            out.append((kind, title, " ".join(words)))
        else:
            out.append(("exact", title, "\n\n".join(paras)))
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("reuters")
    parser.add_argument("out")
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    written = 0
    with open(args.out, "w", encoding="utf-8") as out:
        hostile = {"id": "hostile-1", "site": "evil.example",
                   "title": "<script>window.__copydeskInjected=1</script><img src=x onerror=\"window.__copydeskInjected=2\"> NUL\u0000here",
                   "text": "A title with HTML and a script must be shown as text.\u0000 </script><script>window.__copydeskInjected=3</script> & more text follows here."}
        out.write(json.dumps(hostile) + "\n")
        written += 1
        n = 0
        while written < args.documents:
            for title, text in stories(args.reuters, rng):
                for kind, version_title, body in versions(title, text, rng):
                    if written >= args.documents:
                        break
                    n += 1
                    day = 1 + n % 28
                    record = {"id": f"{n}", "title": version_title, "text": body, "site": rng.choice(SITES),
                              "published": f"1987-03-{day:02d}T{n % 24:02d}:00:00Z"}
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
                    written += 1
                if written >= args.documents:
                    break


if __name__ == "__main__":
    main()
