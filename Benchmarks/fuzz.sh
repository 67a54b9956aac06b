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
  strip) for f in ../seeds/*.txt; do cp "$f" "corpus/$target/"; done ;;
esac
".build/release/$product" "corpus/$target" -max_total_time="$seconds" -artifact_prefix="crashes/$target/" -max_len=65536 -print_final_stats=1 2>&1 | tail -15
