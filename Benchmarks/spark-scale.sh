#!/usr/bin/env bash
# normalise → dedupe → export over N generated documents (Scripts/ci/spark_corpus.py, made-up language,
# a fifth each exact copies, near copies and syndicated versions), in 8 shards: one `copydesk run`
# against `spark/copydesk-spark` on local[2]. Prints wall time and peak memory of each: for the single
# run its process; for Spark the driver/executor JVM (local mode: one JVM) and the largest copydesk
# engine process, with shuffle bytes written per document, from Spark's event log. Checks the records
# are identical.
# Usage: Benchmarks/spark-scale.sh [N]   (default 100000; run it for 100000 and 1000000 to compare)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-100000}
venv=${COPYDESK_SPARK_VENV:-/work/venvs/spark}
binary=${COPYDESK_BINARY:-$repo/.build/release/copydesk}
export PYSPARK_PYTHON="$venv/bin/python" PYSPARK_DRIVER_PYTHON="$venv/bin/python"
work=$(mktemp -d "${TMPDIR:-/tmp}/copydesk-spark-scale-XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
stories=$(( n * 10 / 16 ))
COPYDESK_REUTERS=/nonexistent python3 "$repo/Scripts/ci/spark_corpus.py" "$work" "$stories" > /dev/null
mkdir shards
split -n l/8 -d --additional-suffix=.jsonl docs.jsonl shards/part-
count=$(cat shards/*.jsonl | wc -l)
printf 'name: scale\ninput:\n  paths: [shards]\n  format: jsonl\nstages:\n  - use: normalise\n  - use: dedupe\n  - use: export\n    path: single/records.jsonl\n' > p.yaml

/usr/bin/time -f '%e %M' -o single.time "$binary" run p.yaml --quiet
# A wrapper records each engine process's peak memory.
cat > measured <<SH
#!/bin/sh
exec /usr/bin/time -f "%M \$2 \$4 \$5" -a -o "$work/engine.peaks" "$binary" "\$@"
SH
chmod +x measured
export PYSPARK_SUBMIT_ARGS="--driver-memory 2g --conf spark.eventLog.enabled=true --conf spark.eventLog.compress=false --conf spark.eventLog.rolling.enabled=false --conf spark.eventLog.dir=file://$work/events --conf spark.executor.processTreeMetrics.enabled=true pyspark-shell"
mkdir events
/usr/bin/time -f '%e %M' -o spark.time "$repo/spark/copydesk-spark" run p.yaml --output out --master 'local[2]' --binary "$work/measured" 2> spark.log || { tail -20 spark.log; exit 1; }
cat out/records/part-* | cmp -s - single/records.jsonl && same=identical || same=DIFFERENT
"$PYSPARK_PYTHON" - "$count" "$same" <<'PY'
import glob, json, os, sys
count, same = int(sys.argv[1]), sys.argv[2]
single_s, single_kb = open("single.time").read().split()
spark_s, driver_kb = open("spark.time").read().split()
shuffle, jvm_heap, jvm_rss = 0, 0, 0
by_stage, names = {}, {}
# Spark 4 may write an event log as a folder of rolled files (eventlog_v2_*/events_*): read every file.
for path in sorted(p for p in glob.glob("events/**", recursive=True) if os.path.isfile(p)):
    for line in open(path):
        e = json.loads(line)
        if e.get("Event") == "SparkListenerTaskEnd":
            m = e.get("Task Metrics") or {}
            written = (m.get("Shuffle Write Metrics") or {}).get("Shuffle Bytes Written", 0)
            shuffle += written
            by_stage[e["Stage ID"]] = by_stage.get(e["Stage ID"], 0) + written
        if e.get("Event") == "SparkListenerStageCompleted":
            info = e.get("Stage Info") or {}
            names[info.get("Stage ID")] = info.get("Stage Name", "")
        if e.get("Event") == "SparkListenerStageExecutorMetrics":
            p = e.get("Executor Metrics") or {}
            jvm_heap = max(jvm_heap, p.get("JVMHeapMemory", 0))
            jvm_rss = max(jvm_rss, p.get("ProcessTreeJVMRSSMemory", 0))
peaks = {}
for line in open("engine.peaks"):
    parts = line.split()
    if parts and parts[0].isdigit():
        mode = " ".join(parts[1:2] + [p for p in parts[2:] if p in ("before", "after")])
        peaks[mode] = max(peaks.get(mode, 0), int(parts[0]))
print(f"{count} documents: records {same}")
print(f"copydesk run: {float(single_s):.1f}s wall, peak {int(single_kb) / 1024:.0f} MB")
print(f"copydesk-spark local[2]: {float(spark_s):.1f}s wall; driver+executor JVM peak heap {jvm_heap / 2**20:.0f} MB, "
      f"JVM RSS {jvm_rss / 2**20:.0f} MB; python driver {int(driver_kb) / 1024:.0f} MB")
print("largest engine process by mode: " + ", ".join(f"{m} {kb / 1024:.0f} MB" for m, kb in sorted(peaks.items())))
print(f"shuffle bytes written: {shuffle / 2**20:.0f} MB, {shuffle / count:.0f} bytes per document")
if os.environ.get("COPYDESK_SCALE_STAGES"):
    # The stages that wrote most, with the call site Spark names them by.
    for stage, written in sorted(by_stage.items(), key=lambda kv: -kv[1])[:12]:
        print(f"  stage {stage}: {written / count:.0f} bytes per document  {names.get(stage, '')}")
PY
