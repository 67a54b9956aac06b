#!/usr/bin/env bash
# One run, one table: copydesk strip beside the Python peers (trafilatura, readability, newspaper4k,
# goose3, jusText, resiliparse) and the libxml2 floor on the article-extraction benchmark.
# Installs the peers with pip into a venv outside the repository (Benchmarks/strip-peers/setup.sh).
# Usage: bash Benchmarks/strip-compare.sh [evaluate.py options, e.g. --tools trafilatura,readability]
set -euo pipefail
cd "$(dirname "$0")/.."
data=${COPYDESK_AEB_DATA:-../shared/data/article-extraction-benchmark}
[ -f "$data/ground-truth.json" ] || { echo "skip: $data not found"; exit 0; }
venv=${COPYDESK_PEERS_VENV:-$HOME/.cache/copydesk/peers-venv}
bash Benchmarks/strip-peers/setup.sh
swift build -c release --product copydesk-bench >/dev/null
predictions=$(mktemp -d)/copydesk-strip.json
# copydesk first (its own table includes the libxml2 floor measured in the same process) …
.build/release/copydesk-bench strip --data "$data" --predictions "$predictions"
echo
# … then every peer, scored by the reference metric, with copydesk's predictions in the same table.
taskset -c 0 "$venv/bin/python" Benchmarks/strip-peers/evaluate.py --data "$data" --predictions "copydesk=$predictions" "$@"
