#!/usr/bin/env bash
# CI test of copydesk on Spark (docs/spark.md): spark/copydesk-spark on local-cluster[2,1,1024] (a master,
# two workers, two executor JVMs) over a few thousand documents (exact copies, near copies, syndicated
# versions, bad lines, a gzip'd WARC and an unreadable one) gives the records, clusters, drops and
# rejects of one `copydesk run`, byte for byte; a re-run gives the same; a failing binary fails the job
# with the binary's message and commits nothing; a pipeline that does not validate is refused before
# Spark starts.
# Installs pyspark into $COPYDESK_SPARK_VENV (default /work/venvs/spark) when absent; needs Java 17.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
venv=${COPYDESK_SPARK_VENV:-/work/venvs/spark}
documents=${COPYDESK_SPARK_TEST_DOCS:-1500}
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
cat > "$work/p.yaml" <<'YAML'
name: spark-ci
input:
  paths: [docs.jsonl]
stages:
  - use: strip
  - use: normalise
  - use: dedupe
  - use: export
    path: single/records.jsonl
YAML
cd "$work"
inputs=(--input docs.jsonl --input web.warc.gz --input broken.warc.gz)
"$binary" run p.yaml "${inputs[@]}" --quiet

spark() { "$repo/spark/copydesk-spark" run p.yaml "${inputs[@]}" --master "$master" "$@"; }

# Same records, clusters, drops and rejects as one machine, byte for byte (records in input order).
start=$(date +%s)
spark --output out --binary "$binary" 2> spark.log || { tail -40 spark.log; fail "the job failed"; }
echo "spark-test: first run $(( $(date +%s) - start ))s"
test -f out/_SUCCESS || fail "no _SUCCESS"
cat out/records/part-* > spark.jsonl
cmp single/records.jsonl spark.jsonl || fail "records differ from copydesk run (single/records.jsonl vs spark.jsonl)"
sort single/records.drops.jsonl > a; cat out/drops/part-* | sort > b; cmp a b || fail "drops differ"
sort single/records.rejects.jsonl > a; cat out/rejects/part-* | sort > b; cmp a b || fail "rejects differ"
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
print("spark-test: records, clusters, drops, rejects equal copydesk run;", dict(relations), "; in", report["documents_in"])
PY

# A re-run over the same output gives the same output.
cp -r out first
spark --output out --binary "$binary" 2> spark2.log || { tail -40 spark2.log; fail "the re-run failed"; }
cat out/records/part-* | cmp - spark.jsonl || fail "the re-run's records differ"
diff <(cat first/drops/part-* first/rejects/part-*) <(cat out/drops/part-* out/rejects/part-*) || fail "the re-run's drops or rejects differ"

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
