#!/usr/bin/env bash
# Runs one libFuzzer target for a given time: warc, jsonl, pipeline or strip.
# Usage: bash Benchmarks/fuzz.sh TARGET SECONDS   (e.g. bash Benchmarks/fuzz.sh warc 600)
# Crashes are saved under Fuzz/crashes/TARGET/; each one fixed gets a regression test.
set -euo pipefail
cd "$(dirname "$0")/../Fuzz"
target=${1:?target: warc, jsonl, pipeline or strip}
seconds=${2:-60}
case "$target" in
  warc) product=FuzzWARC ;; jsonl) product=FuzzJSONL ;; pipeline) product=FuzzPipeline ;; strip) product=FuzzStrip ;;
  *) echo "unknown target '$target' (warc, jsonl, pipeline, strip)"; exit 64 ;;
esac
swift build -c release --product "$product" -Xswiftc -sanitize=fuzzer,address >/dev/null
mkdir -p "crashes/$target" "corpus/$target"
# Seed corpora from the project's own inputs.
case "$target" in
  pipeline) cp ../pipelines/*.yaml "corpus/$target/" ;;
  jsonl) head -c 20000 ../Tests/EndToEndTests/Expected/news.jsonl > "corpus/$target/news.jsonl" ;;
  strip) for f in ../seeds/*.txt seeds/strip/*; do cp "$f" "corpus/$target/"; done ;;
  warc) cp seeds/warc/* "corpus/$target/" ;;
esac
# Dictionaries of the formats' tokens (chunk sizes, WARC fields, HTML tags and attributes).
dict=()
case "$target" in warc) dict=(-dict=dictionaries/warc.dict) ;; strip) dict=(-dict=dictionaries/html.dict) ;; esac
# One-time global initialisers are not leaks (see lsan.supp); anything else LeakSanitizer finds is.
log="crashes/$target.log"
set +e
LSAN_OPTIONS="suppressions=$PWD/lsan.supp" ".build/release/$product" "corpus/$target" "${dict[@]}" -max_total_time="$seconds" \
  -timeout=10 -rss_limit_mb=2048 -artifact_prefix="crashes/$target/" -max_len=65536 -print_final_stats=1 >"$log" 2>&1
status=$?
set -e
grep -E "^(==|SUMMARY|artifact_prefix|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb|Done)" "$log" | tail -12
echo "fuzz $target: ${seconds}s, exit $status (0 = no crash); full log: Fuzz/$log"
exit $status
