#!/usr/bin/env python3
"""Users' own fields, end to end (issue 11, point 2): every value equal after the trip.

Writes a JSONL dump whose lines carry 12 extra fields of every JSON type (nested objects, arrays,
integers beyond 2^53 as written, floats like 1.0e-7 and -0.0, unicode keys, booleans, null, empty
object and array), then runs
  1. pipelines/news.yaml (strip, normalise, entities, dedupe, export) to JSONL, and
  2. strip, normalise, an exec program that sets rec["word_count"] (json.loads/json.dumps, as a user
     would write it), then exports to JSONL (meta nested), JSONL (meta: top), SQLite and CSV,
and compares every extra value of every record in every output with the input, by exact decimal value
(Python's Decimal, so 12345678901234567 and 12345678901234568 differ). Prints one line per output and a
summary; exits 1 when any value differs or is missing.

Usage: Benchmarks/user-fields-roundtrip.py [--copydesk .build/release/copydesk] [--records 2000]
"""
import argparse
import csv
import decimal
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORDS = ("bank rate storm port ferry council budget vote court trial market shares oil price strike union "
         "school hospital rail bridge election minister river harvest drought airline factory").split()


def exact(text):
    """Parses JSON keeping every number exact: integers as int, others as Decimal."""
    return json.loads(text, parse_float=decimal.Decimal)


def extras(rng, i):
    """The extra fields of record i, as JSON text written the way a user's tool might write it."""
    big = 2**53 + rng.randrange(1, 10**6)
    return ('"category":"wire/%s","big":%d,"tiny":%d.0e-%d,"negative_zero":-0.0,"flag":%s,"off":false,"nothing":null,'
            '"empty_object":{},"empty_array":[],"nested":{"a":{"b":[%d,2.50,{"c":"d%d"}]},"huge":%d%d},'
            '"ключ ✓":"値 %d","list":["x",%d,null,true,{"k":[]}]'
            % (rng.choice(["économie", "sport", "météo"]), big, rng.randrange(1, 9), rng.randrange(5, 12),
               "true" if i % 2 else "false", i, i, 10**20 + i, i, i, -i))


def write_input(path, count, seed=7):
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as f:
        for i in range(count):
            words = " ".join(rng.choice(WORDS) for _ in range(40))
            text = "Story %d. The %s.\\n\\nSecond paragraph of story %d: %s." % (i, words, i, " ".join(rng.sample(WORDS, 8)))
            f.write('{"id":%d,"text":"%s",%s}\n' % (2**53 + 1 + i, text, extras(rng, i)))


def expected(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            rec = exact(line)
            rid = str(rec.pop("id"))
            out[rid] = {k: v for k, v in rec.items() if k != "text"}
    return out


def same(a, b):
    """Exact equality; bools are not numbers here (True != 1)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, (int, decimal.Decimal)) and isinstance(b, (int, decimal.Decimal)):
        return decimal.Decimal(a) == decimal.Decimal(b)
    return type(a) is type(b) and a == b


def compare(name, want, got, extra_keys=()):
    """got: id -> {key: value}. Counts values equal, differing, missing; ids must all be there."""
    equal = differ = missing = 0
    for rid, fields in want.items():
        have = got.get(rid)
        for key, value in fields.items():
            if have is None or key not in have:
                missing += 1
            elif same(value, have[key]):
                equal += 1
            else:
                differ += 1
                if differ <= 3:
                    print("  %s: record %s field %r: %r != %r" % (name, rid, key, value, have[key]), file=sys.stderr)
        for key in extra_keys:
            if have is None or key not in have:
                missing += 1
            else:
                equal += 1
    print("%-22s records %5d/%d  values equal %6d  differing %d  missing %d"
          % (name, len([r for r in want if r in got]), len(want), equal, differ, missing))
    return differ == 0 and missing == 0 and len(got) == len(want)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copydesk", default=os.path.join(ROOT, ".build/debug/copydesk"))
    parser.add_argument("--records", type=int, default=2000)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="copydesk-user-fields-")
    try:
        src = os.path.join(work, "in.jsonl")
        write_input(src, args.records)
        want = expected(src)
        ok = True

        out = os.path.join(work, "news.jsonl")
        subprocess.run([args.copydesk, "run", "pipelines/news.yaml", "--input", src, "--output", out, "--quiet"],
                       cwd=ROOT, check=True)
        got = {}
        with open(out, encoding="utf-8") as f:
            for line in f:
                rec = exact(line)
                got[rec["id"]] = rec.get("meta", {})
        ok &= compare("news.yaml → jsonl", want, got)

        program = os.path.join(work, "count.py")
        with open(program, "w") as f:
            f.write("import json, sys\nfor line in sys.stdin:\n    rec = json.loads(line)\n"
                    "    rec['word_count'] = len(rec['text'].split())\n    print(json.dumps(rec, ensure_ascii=False), flush=True)\n")
        keys = list(next(iter(want.values())).keys())
        pipeline = os.path.join(work, "exec.yaml")
        with open(pipeline, "w", encoding="utf-8") as f:
            f.write("input:\n  paths: [%s]\nstages:\n  - use: strip\n  - use: normalise\n"
                    "  - use: exec\n    command: [%s, %s]\n"
                    "  - use: export\n    path: %s/top.jsonl\n    meta: top\n"
                    "  - use: export\n    path: %s/out.sqlite\n    format: sqlite\n"
                    "  - use: export\n    path: %s/out.csv\n    format: csv\n    csv_meta_columns: [%s, word_count]\n"
                    "  - use: export\n    path: %s/out.jsonl\n"
                    % (src, sys.executable, program, work, work, work, ", ".join("'%s'" % k for k in keys), work))
        subprocess.run([args.copydesk, "run", pipeline, "--quiet"], cwd=ROOT, check=True)

        got = {}
        with open(os.path.join(work, "out.jsonl"), encoding="utf-8") as f:
            for line in f:
                rec = exact(line)
                got[rec["id"]] = rec.get("meta", {})
        ok &= compare("exec → jsonl", want, got, extra_keys=("word_count",))

        got = {}
        with open(os.path.join(work, "top.jsonl"), encoding="utf-8") as f:
            for line in f:
                rec = exact(line)
                got[rec["id"]] = {k: v for k, v in rec.items() if k not in ("id", "text")}
        ok &= compare("exec → jsonl meta:top", want, got, extra_keys=("word_count",))

        db = sqlite3.connect(os.path.join(work, "out.sqlite"))
        got = {rid: exact(meta) for rid, meta in db.execute("SELECT id, meta FROM documents")}
        big = dict(db.execute("SELECT id, json_extract(meta, '$.big') FROM documents"))
        db.close()
        ok &= compare("exec → sqlite meta", want, got, extra_keys=("word_count",))
        wrong = sum(1 for rid, fields in want.items() if big.get(rid) != fields["big"])
        print("%-22s records %5d/%d  json_extract(meta, '$.big') exact: %d differing" % ("exec → sqlite query", len(big), len(want), wrong))
        ok &= wrong == 0

        got = {}
        whole_differs = 0
        with open(os.path.join(work, "out.csv"), encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                fields = {}
                for key in keys:
                    cell = row["meta." + key]
                    fields[key] = cell if isinstance(want[row["id"]][key], str) else exact(cell)
                fields["word_count"] = row["meta.word_count"]
                whole = exact(row["meta"])
                if not same({k: whole[k] for k in keys if k in whole}, want[row["id"]]) or "word_count" not in whole:
                    whole_differs += 1
                got[row["id"]] = fields
        ok &= compare("exec → csv columns", want, got, extra_keys=("word_count",))
        print("%-22s records %5d/%d  whole meta column differing: %d" % ("exec → csv meta", len(got), len(want), whole_differs))
        ok &= whole_differs == 0

        print("summary: %d records × %d extra fields through 5 outputs: %s"
              % (len(want), len(keys), "every value equal" if ok else "VALUES DIFFER"))
        return 0 if ok else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
