#!/usr/bin/env bash
# Same records and clusters on Spark as one machine: runs `copydesk run` and `spark/copydesk-spark run`
# (local[2] unless COPYDESK_SPARK_MASTER is set) with the pipeline normalise → dedupe → export on each
# JSONL given, and compares the records byte for byte (in order, and after sorting by id), the clusters
# (id → cluster, canonical, relation) and the accounting. Prints one line per corpus with wall times.
# Usage: Benchmarks/spark-equal.sh CORPUS.jsonl...   (default: Reuters-21578 and the CI's syndication corpus)
# Needs pyspark in $COPYDESK_SPARK_VENV (default /work/venvs/spark); see Scripts/ci/spark-test.sh.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
venv=${COPYDESK_SPARK_VENV:-/work/venvs/spark}
binary=${COPYDESK_BINARY:-$repo/.build/release/copydesk}
master=${COPYDESK_SPARK_MASTER:-local[2]}
export PYSPARK_PYTHON="$venv/bin/python" PYSPARK_DRIVER_PYTHON="$venv/bin/python"
work=$(mktemp -d "${TMPDIR:-/tmp}/copydesk-spark-equal-XXXXXX")
trap 'rm -rf "$work"' EXIT
corpora=("$@")
if [ ${#corpora[@]} -eq 0 ]; then
    python3 "$repo/Scripts/ci/spark_corpus.py" "$work" 3000 > /dev/null
    corpora=(/work/shared/data/reuters21578/docs.jsonl "$work/docs.jsonl")
fi
for corpus in "${corpora[@]}"; do
    corpus=$(realpath "$corpus")
    name=$(basename "$(dirname "$corpus")")-$(basename "$corpus" .jsonl)
    mkdir -p "$work/$name"
    cd "$work/$name"
    printf 'name: equal\ninput:\n  paths: [%s]\n  format: jsonl\nstages:\n  - use: normalise\n  - use: dedupe\n  - use: export\n    path: single/records.jsonl\n' "$corpus" > p.yaml
    t0=$(date +%s.%N)
    "$binary" run p.yaml --quiet
    t1=$(date +%s.%N)
    "$repo/spark/copydesk-spark" run p.yaml --output out --master "$master" --binary "$binary" 2> spark.log || { tail -20 spark.log; exit 1; }
    t2=$(date +%s.%N)
    cat out/records/part-* > spark.jsonl
    if cmp -s single/records.jsonl spark.jsonl; then same=identical; else same=DIFFERENT; fi
    "$PYSPARK_PYTHON" - "$name" "$same" "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)" <<'PY'
import collections, json, sys
name, same, single_s, spark_s = sys.argv[1:]
def clusters(path):
    out = {}
    for line in open(path):
        r = json.loads(line)
        d = r.get("duplicate") or {}
        out[r["id"]] = (d.get("cluster"), d.get("canonical"), d.get("relation"), d.get("similarity"))
    return out
a, b = clusters("single/records.jsonl"), clusters("spark.jsonl")
by_id = sorted(open("single/records.jsonl")) == sorted(open("spark.jsonl"))
report = json.load(open("out/report.json"))
relations = collections.Counter(v[2] for v in b.values())
print(f"{name}: {len(a)} records, records {same} in order, {'identical' if by_id else 'DIFFERENT'} sorted by id, "
      f"clusters {'equal' if a == b else 'DIFFERENT'} ({len({v[0] for v in b.values() if v[2]})} clusters with duplicates, "
      f"{dict(relations)}), balanced {report['balanced']}; copydesk run {float(single_s):.1f}s, copydesk-spark {float(spark_s):.1f}s wall")
PY
done
