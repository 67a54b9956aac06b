#!/usr/bin/env bash
# copydesk's dedupe stage and datasketch (MinHash 128 + MinHashLSH at 0.8, same word 5-gram shingles) on the
# same data in one run: Reuters-21578 quality and speed, the synthetic syndication corpus, and speed at
# 100,000 documents (add --million for 1,000,000; minutes, and several GB for datasketch).
#
#   swift build -c release --product copydesk-bench && bash Benchmarks/dedupe-peers/compare.sh [--million]
#
# Run from the package root. Every timed process is pinned to core 0 (taskset) so "one core" means one core.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BENCH=${COPYDESK_BENCH:-.build/release/copydesk-bench}
DATA=${COPYDESK_DATA:-../shared/data/reuters21578}
VENV=${COPYDESK_PEERS_VENV:-$HOME/.cache/copydesk/peers-venv}
PY="$VENV/bin/python"
TMP=${TMPDIR:-/tmp}
bash "$HERE/setup.sh" >/dev/null
date -u +"run at %Y-%m-%dT%H:%MZ on $(nproc) cores"

echo; echo "== Reuters-21578 =="
taskset -c 0 "$BENCH" dedupe-reuters --data "$DATA/docs.jsonl" --pairs "$DATA/pairs.tsv" --passes 8
taskset -c 0 "$PY" "$HERE/datasketch_dedupe.py" reuters --data "$DATA/docs.jsonl" --pairs "$DATA/pairs.tsv"

echo; echo "== synthetic syndication corpus =="
taskset -c 0 "$BENCH" dedupe-synth --data "$DATA/docs.jsonl" --pairs "$DATA/pairs.tsv" \
  --corpus-out "$TMP/copydesk-dedupe-synth.jsonl" --truth-out "$TMP/copydesk-dedupe-synth.tsv"
taskset -c 0 "$PY" "$HERE/datasketch_dedupe.py" synth --data "$TMP/copydesk-dedupe-synth.jsonl" --truth "$TMP/copydesk-dedupe-synth.tsv"
taskset -c 0 "$PY" "$HERE/datasketch_dedupe.py" synth --threshold 0.5 --data "$TMP/copydesk-dedupe-synth.jsonl" --truth "$TMP/copydesk-dedupe-synth.tsv"

echo; echo "== speed at scale =="
COUNTS="100000"
[ "${1:-}" = "--million" ] && COUNTS="100000,1000000"
"$BENCH" dedupe-speed --data "$DATA/docs.jsonl" --docs "$COUNTS"
for n in ${COUNTS//,/ }; do
  taskset -c 0 "$PY" "$HERE/datasketch_dedupe.py" speed --data "$TMP/copydesk-dedupe-speed-$n.jsonl"
done
echo "(generated corpora are in $TMP/copydesk-dedupe-*; delete them when done)"
