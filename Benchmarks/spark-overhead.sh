#!/usr/bin/env bash
# Engine overhead of the per-document part of a pipeline: the binary run the way copydesk-spark runs it
# (`engine documents --part before` piped into `engine documents --part after`, keyed engine lines in
# between) against one direct `copydesk run` of the same pipeline on the same JSONL, timed in turn by
# farm-bench (ratio A/B pair by pair). Prints the per-document cost of each and the ratio.
# Usage: Benchmarks/spark-overhead.sh [DOCS.jsonl] [BINARY]   (default: Reuters-21578, release build)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
docs=$(realpath "${1:-/work/shared/data/reuters21578/docs.jsonl}")
binary=${2:-$repo/.build/release/copydesk}
runs=${RUNS:-5}
work=$(mktemp -d "${TMPDIR:-/tmp}/copydesk-spark-overhead-XXXXXX")
trap 'rm -rf "$work"' EXIT
cat > "$work/p.yaml" <<YAML
name: overhead
input:
  paths: [$docs]
  format: jsonl
stages:
  - use: normalise
  - use: entities
  - use: export
    path: $work/direct.jsonl
YAML
count=$(wc -l < "$docs")
cd "$work"
engine="printf '0\t%s\n' '$docs' | '$binary' engine documents p.yaml --part before --workers 1 --outcomes o1 | '$binary' engine documents p.yaml --part after --workers 1 --outcomes o2 > engine.jsonl"
direct="'$binary' run p.yaml --workers 1 --quiet"
# Same records both ways (checked once, outside the timing).
sh -c "$engine" && sh -c "$direct" && cmp engine.jsonl direct.jsonl && echo "records identical ($count documents)"
farm-bench -n "$runs" --timeout 3000 --vs "sh -c \"$direct\"" -- sh -c "$engine"
