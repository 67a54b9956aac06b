#!/usr/bin/env bash
# One run, one table per data set: copydesk strip beside trafilatura, readability-lxml and resiliparse
# (and the libxml2 floor) on Mozilla Readability's test pages and on their non-English subset.
#
#   bash Benchmarks/strip-multilingual.sh [evaluate.py options, e.g. --repeat 1]
#
# The pages are exported (never committed) into ${COPYDESK_MULTILINGUAL_CACHE:-~/.cache/copydesk/strip-multilingual}
# from a readability checkout or bare git dir given as $COPYDESK_READABILITY; without it the exporter
# clones https://github.com/mozilla/readability (needs network). Peers: Benchmarks/strip-peers/setup.sh.
# Metric: the article-extraction benchmark's (Benchmarks/strip-peers/evaluate.py, word 4-gram P/R/F1).
set -euo pipefail
cd "$(dirname "$0")/.."
cache=${COPYDESK_MULTILINGUAL_CACHE:-$HOME/.cache/copydesk/strip-multilingual}
venv=${COPYDESK_PEERS_VENV:-$HOME/.cache/copydesk/peers-venv}
tools=${COPYDESK_MULTILINGUAL_TOOLS:-trafilatura,readability,resiliparse}
source_args=()
[ -n "${COPYDESK_READABILITY:-}" ] && source_args=(--source "$COPYDESK_READABILITY")
python3 Benchmarks/strip-multilingual/export_readability.py --out "$cache" "${source_args[@]}"
bash Benchmarks/strip-peers/setup.sh >/dev/null
swift build -c release --product copydesk-bench >/dev/null
for set in readability readability-non-english; do
    echo
    echo "=== $set ($(cat "$cache/$set/SOURCE"))"
    predictions="$cache/$set.copydesk.json"
    taskset -c 0 .build/release/copydesk-bench strip --data "$cache/$set" --predictions "$predictions"
    echo
    taskset -c 0 "$venv/bin/python" Benchmarks/strip-peers/evaluate.py --data "$cache/$set" \
        --tools "$tools" --predictions "copydesk=$predictions" "$@"
done
