#!/usr/bin/env bash
# The whole copydesk process — `copydesk run` of the dedupe pipeline (normalise → dedupe → export) on the
# Reuters-21578 JSONL: start-up, reading and decoding JSONL, the stages, writing the records, the drops,
# rejects and report — against datasketch's shingling + MinHash(128) signatures + MinHashLSH(0.8) on the same
# documents (its core only: the script's own timer leaves out Python's start-up and JSON loading). Both on
# ONE core (taskset -c 0), in turns (copydesk, datasketch, copydesk, …), so the ratio of each pair is taken
# under the same load of the shared machine; the median ratio is the figure.
#
#   swift build -c release --product copydesk && bash Benchmarks/dedupe-peers/whole-process.sh [PAIRS]
#
# Run from the package root; PAIRS defaults to 5. COPYDESK (default .build/release/copydesk) and
# COPYDESK_DATA (default ../shared/data/reuters21578) override the binary and the data. Each copydesk run
# writes its outputs under a temporary directory, removed at the end.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BIN=${COPYDESK:-.build/release/copydesk}
DATA=${COPYDESK_DATA:-../shared/data/reuters21578}
VENV=${COPYDESK_PEERS_VENV:-$HOME/.cache/copydesk/peers-venv}
PAIRS=${1:-5}
[ -x "$BIN" ] || { echo "no $BIN: build it with swift build -c release --product copydesk" >&2; exit 1; }
bash "$HERE/setup.sh" >/dev/null
WORK=$(mktemp -d "${TMPDIR:-/tmp}/copydesk-whole-process.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cat >"$WORK/dedupe.yaml" <<'EOF'
# pipelines/dedupe.yaml without the index file, so that every run does the same work.
input:
  format: jsonl
stages:
  - use: normalise
  - use: dedupe
    action: mark
    canonical: earliest
  - use: export
    path: out.jsonl
EOF
date -u +"run at %Y-%m-%dT%H:%MZ on $(nproc) cores; copydesk $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $PAIRS pairs, core 0"
ratios=()
for i in $(seq 1 "$PAIRS"); do
  # copydesk: wall seconds of the whole process, from outside.
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" taskset -c 0 "$BIN" run "$WORK/dedupe.yaml" \
    --input "$DATA/docs.jsonl" --output "$WORK/out.jsonl" --quiet
  read -r wall user sys peak <"$WORK/time"
  # datasketch: its core's CPU seconds, as the script prints them.
  line=$(taskset -c 0 "$VENV/bin/python" "$HERE/datasketch_dedupe.py" reuters --data "$DATA/docs.jsonl" \
    --pairs "$DATA/pairs.tsv" | grep '^speed')
  peer=$(sed -E 's/.*: ([0-9.]+) s = .*/\1/' <<<"$line")
  ratio=$(python3 -c "print(f'{$peer / $wall:.2f}')")
  ratios+=("$ratio")
  echo "pair $i: copydesk whole process ${wall} s wall (${user} user + ${sys} sys, peak ${peak} KB); datasketch core ${peer} s; ratio ${ratio}x"
done
docs=$(python3 -c "import json,sys; r=json.load(open('$WORK/out.report.json')); print(r['documents']['in'], r['documents']['out'])")
echo "documents in / out of the last copydesk run: $docs"
median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
echo "median ratio (datasketch core seconds / copydesk whole-process seconds): ${median}x"
