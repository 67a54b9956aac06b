#!/usr/bin/env bash
# CI test of copydesk on Spark (docs/spark.md): spark/copydesk-spark on local-cluster[2,1,1024] (a master,
# two workers, two executor JVMs) over a few thousand documents (exact copies, near copies, syndicated
# versions, bad lines, a gzip'd WARC and an unreadable one) gives the records, clusters, drops and
# rejects of one `copydesk run`, byte for byte, the JSONL file and the WARC read through Spark's Hadoop
# filesystems from a viewfs:// folder (a mount table onto a local folder: a URI the binary cannot open)
# and named by their URIs; a second batch of a few hundred documents run with
# --index against the first run's index gives the records, drops and rejects of one machine's second
# run with a dedupe index file, byte for byte, and a re-run of it the same records and index; an index
# written with other dedupe settings is refused; a failing binary fails the job with the binary's message
# and commits nothing; a pipeline that does not validate is refused before Spark starts.
# Installs pyspark into $COPYDESK_SPARK_VENV (default /work/venvs/spark) when absent; needs Java 17.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
venv=${COPYDESK_SPARK_VENV:-/work/venvs/spark}
documents=${COPYDESK_SPARK_TEST_DOCS:-1500}
second=${COPYDESK_SPARK_TEST_SECOND:-400}
master=${COPYDESK_SPARK_MASTER:-local-cluster[2,1,1024]}

if ! "$venv/bin/python" -c 'import pyspark' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet 'pyspark>=4,<5'
fi
export PYSPARK_PYTHON="$venv/bin/python" PYSPARK_DRIVER_PYTHON="$venv/bin/python"
spark_home=$("$venv/bin/python" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')

cd "$repo"
swift build --product copydesk 2>&1 | tail -1
binary="$(swift build --show-bin-path)/copydesk"

work=$(mktemp -d "${TMPDIR:-/tmp}/copydesk-spark-test-XXXXXX")
cleanup() {
    rm -rf "$work"
    # Executor work directories land inside the pyspark package (local-cluster): remove this run's.
    find "$spark_home/work" -maxdepth 1 -name 'app-*' -newer "$repo/Package.swift" -user "$(id -u)" -exec rm -rf {} + 2>/dev/null || true
}
trap cleanup EXIT
fail() { echo "spark-test: FAIL: $*" >&2; exit 1; }

python3 Scripts/ci/spark_corpus.py "$work" "$documents"
python3 Scripts/ci/spark_corpus.py "$work" --second "$second"
# The folder the first run reads as viewfs://copydesk/data/: the JSONL file, the WARC, and files the
# binary's walk skips (hidden, unsupported), in the order its walk gives them.
mkdir "$work/data"
mv "$work/docs.jsonl" "$work/web.warc.gz" "$work/data/"
echo '{"id": "hidden"}' > "$work/data/.hidden.jsonl"
echo 'id,text' > "$work/data/notes.csv"
# The dedupe index file is one machine's (Spark writes DIR/index and reads --index instead).
for batch in records second; do
    cat > "$work/$batch.yaml" <<YAML
name: spark-ci
input:
  paths: [docs.jsonl]
stages:
  - use: strip
  - use: normalise
  - use: dedupe
    index: single/dedupe.index
$(test "$batch" = second && echo "    action: drop")
  - use: export
    path: single/$batch.jsonl
YAML
done
cd "$work"
"$binary" run records.yaml --input data/ --input broken.warc.gz --quiet
"$binary" run second.yaml --input second.jsonl --quiet

# Spark reads data/ as viewfs://copydesk/data/, and broken.warc.gz by the binary (a local path).
viewfs=(--conf "spark.hadoop.fs.viewfs.mounttable.copydesk.link./data=file://$work/data")
inputs=(--input viewfs://copydesk/data/ --input broken.warc.gz)
spark() { "$repo/spark/copydesk-spark" run records.yaml "${inputs[@]}" "${viewfs[@]}" --master "$master" "$@"; }
# The records of one machine's run named by the URIs (nothing else in them depends on the path).
named() { sed 's#"path":"data/#"path":"viewfs://copydesk/data/#' "$@"; }

# Same records, clusters, drops and rejects as one machine, byte for byte (records in input order).
start=$(date +%s)
spark --output out --binary "$binary" 2> spark.log || { tail -40 spark.log; fail "the job failed"; }
echo "spark-test: first run $(( $(date +%s) - start ))s"
test -f out/_SUCCESS || fail "no _SUCCESS"
cat out/records/part-* > spark.jsonl
named single/records.jsonl | cmp - spark.jsonl || fail "records differ from copydesk run (single/records.jsonl vs spark.jsonl)"
grep -q '"path":"viewfs://copydesk/data/docs.jsonl"' spark.jsonl && grep -q '"path":"viewfs://copydesk/data/web.warc.gz"' spark.jsonl \
    || fail "records do not name the viewfs:// files"
named single/records.drops.jsonl | sort > a; cat out/drops/part-* | sort > b; cmp a b || fail "drops differ"
named single/records.rejects.jsonl | sort > a; cat out/rejects/part-* | sort > b; cmp a b || fail "rejects differ"
"$PYSPARK_PYTHON" - <<'PY' || fail "report or clusters"
import collections, json
report = json.load(open("out/report.json"))
assert report["balanced"], report
assert report["documents_in"] == report["documents_out"] + report["dropped"] + report["rejected"]
single = json.load(open("single/records.report.json"))
assert report["documents_in"] == single["documents"]["in"] if "documents" in single else True
relations = collections.Counter(json.loads(l)["duplicate"].get("relation") for l in open("spark.jsonl"))
assert relations["exact"] and relations["near"] and relations["syndicated"], relations
rejects = [json.loads(l) for l in open("b")]
assert any(r["source"]["path"] == "broken.warc.gz" for r in rejects), "the unreadable WARC is rejected with its path"
assert any(r["source"].get("line") for r in rejects), "bad lines are rejected with path and line"
assert all(r["source"]["path"] == "viewfs://copydesk/data/docs.jsonl" for r in rejects if r["source"].get("line"))
assert [s["path"] for s in report["skipped_files"]] == ["viewfs://copydesk/data/.hidden.jsonl", "viewfs://copydesk/data/notes.csv"], \
    report["skipped_files"]
assert report["input_files"] == 3, report["input_files"]
print("spark-test: records, clusters, drops, rejects equal copydesk run;", dict(relations), "; in", report["documents_in"])
PY

test -n "$(ls out/index/part-*.parquet)" || fail "no out/index"

# The second batch against the first run's index: one machine's second run with the index file.
incremental() { "$repo/spark/copydesk-spark" run second.yaml --input second.jsonl --index out/index --master "$master" --binary "$binary" "$@"; }
start=$(date +%s)
incremental --output second 2> second.log || { tail -40 second.log; fail "the incremental job failed"; }
echo "spark-test: incremental run $(( $(date +%s) - start ))s"
test -f second/_SUCCESS || fail "no _SUCCESS after the incremental run"
cat second/records/part-* > second.jsonl.spark
cmp single/second.jsonl second.jsonl.spark || fail "incremental records differ from copydesk run with an index (single/second.jsonl vs second.jsonl.spark)"
sort single/second.drops.jsonl > drops.sorted; cat second/drops/part-* | sort > b; cmp drops.sorted b || fail "incremental drops differ"
sort single/second.rejects.jsonl > a; cat second/rejects/part-* | sort > b; cmp a b || fail "incremental rejects differ"
"$PYSPARK_PYTHON" - <<'PY' || fail "incremental report or records"
import json
first = {json.loads(l)["id"] for l in open("spark.jsonl")}
records = [json.loads(l) for l in open("second.jsonl.spark")]
drops = [json.loads(l) for l in open("drops.sorted")]
assert sum(d["duplicate"]["canonical"] in first and d["id"] not in first for d in drops) > 50, \
    "new versions of earlier stories are dropped naming the earlier canonical"
assert any(r["id"] in first for r in records) and any(d["id"] in first for d in drops), \
    "documents already indexed pass or drop again as in the first run"
counters = json.load(open("second/report.json"))["stages"]["dedupe"]["counters"]
assert counters["already_indexed"] > 0 and counters["updated"] > 0 and counters["index_earlier"] > 2000, counters
print("spark-test: incremental records, drops, rejects equal copydesk run with an index;", len(records), "records,",
      len(drops), "dropped;", {k: counters[k] for k in ("index_earlier", "matched_earlier", "already_indexed", "updated")})
PY

# A re-run gives the same records, drops, rejects and index, replacing the earlier output; on local[2]
# (other partitions, no executor JVMs to start: a minute less), since the output depends on no partitioning.
cp -r second first
start=$(date +%s)
incremental --output second --master 'local[2]' 2> second2.log || { tail -40 second2.log; fail "the incremental re-run failed"; }
echo "spark-test: incremental re-run (local[2]) $(( $(date +%s) - start ))s"
cat second/records/part-* | cmp - second.jsonl.spark || fail "the re-run's records differ"
diff <(cat first/drops/part-* first/rejects/part-*) <(cat second/drops/part-* second/rejects/part-*) || fail "the re-run's drops or rejects differ"
# The same index rows (Parquet footers may list a column's encodings in another order), covering the first
# run's; an index written with other dedupe settings is refused (the driver's check, in this Spark session).
"$PYSPARK_PYTHON" - "$repo/spark" <<'PY' || fail "the re-run's index differs, does not cover the first run's, or other settings are not refused"
import sys
from pyspark.sql import SparkSession
sys.path.insert(0, sys.argv[1])
import copydesk_spark
spark = (SparkSession.builder.master("local[1]").config("spark.ui.enabled", "false")
         .config("spark.ui.showConsoleProgress", "false").getOrCreate())
spark.sparkContext.setLogLevel("ERROR")
rows = lambda path: spark.read.parquet(path).orderBy("n").collect()
again, index, earlier = rows("first/index"), rows("second/index"), rows("out/index")
assert again == index, "the re-run's index rows differ"
assert [r.n for r in index] == list(range(len(index))) and len(index) > len(earlier)
assert {r.id for r in earlier} <= {r.id for r in index}, "the index of run 2 covers run 1"
settings = index[0].settings
_, count, runs = copydesk_spark.read_index(spark, "second/index", {"dedupe": {"settings": settings}})
assert (count, runs) == (len(index), 2), (count, runs)
try:
    copydesk_spark.read_index(spark, "second/index", {"dedupe": {"settings": settings.replace("shingle_size=5", "shingle_size=4")}})
    raise AssertionError("an index of other settings was not refused")
except copydesk_spark.Refused as refused:
    assert "shingle_size 5 (now 4)" in str(refused), refused
spark.stop()
print("spark-test: the re-run's index is the same;", len(earlier), "documents after run 1,", len(index), "after run 2;",
      "other settings refused")
PY

# A failing binary fails the job with its message, and commits nothing.
cat > failing <<SH
#!/bin/sh
case "\$*" in
  *"engine documents"*"--part before"*) echo "copydesk: error: simulated crash in the per-document stages" >&2; exit 74 ;;
esac
exec "$binary" "\$@"
SH
chmod +x failing
if spark --output failed --binary "$work/failing" 2> failed.log; then fail "a failing binary did not fail the job"; fi
grep -q "simulated crash in the per-document stages" failed.log || { tail -20 failed.log; fail "the job's error does not carry the binary's message"; }
test ! -e failed/_SUCCESS || fail "_SUCCESS after a failed job"
test ! -e failed/records || fail "records committed by a failed job"

# A pipeline that does not validate is refused on the driver, before Spark starts.
printf 'stages:\n  - use: normalse\n  - use: export\n    path: x.jsonl\n' > bad.yaml
set +e
"$repo/spark/copydesk-spark" run bad.yaml --input docs.jsonl --output refused --binary "$binary" 2> refused.log
code=$?
set -e
test "$code" = 64 || fail "an invalid pipeline exits $code, not 64"
grep -q "normalise" refused.log || fail "the refusal does not name the nearest stage"
test ! -e refused || fail "output written for a refused pipeline"
echo "spark-test: ok"
