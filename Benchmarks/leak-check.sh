#!/usr/bin/env bash
# Leak check for strip's libxml2 wrapper (and everything else on the HTML path) with LeakSanitizer:
# builds copydesk with AddressSanitizer in its own build folder, runs pipelines/html.yaml over the
# article-extraction benchmark pages, and fails when any leak is reported other than one-time
# initialisation of global constants (Swift `static let`, reported by LSan because they live forever).
# Usage: bash Benchmarks/leak-check.sh [PAGES_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-../shared/data/article-extraction-benchmark/html}
[ -d "$pages" ] || { echo "skip: $pages not found (pass a folder of .html/.html.gz pages)"; exit 0; }
scratch=${COPYDESK_ASAN_BUILD:-/tmp/copydesk-build-asan}
swift build --scratch-path "$scratch" -Xswiftc -sanitize=address --product copydesk >/dev/null
out=$(mktemp -d)
log="$out/lsan.log"
ASAN_OPTIONS=detect_leaks=1 "$scratch/debug/copydesk" run pipelines/html.yaml --input "$pages" --output "$out/pages.jsonl" --workers 2 >"$log" 2>&1 || true
grep -E "^documents:" "$log" || { cat "$log"; exit 1; }
# Each leak report's allocation stack: a leak is real unless its stack passes through a global initialiser (_WZ).
real=$(awk '/^(Direct|Indirect) leak/{inleak=1; global=0; next} inleak && /_WZ/{global=1} inleak && /^$/{if(!global) n++; inleak=0} END{print n+0}' "$log")
reported=$(grep -cE "^(Direct|Indirect) leak" "$log" || true)
echo "LeakSanitizer: $reported report(s), $real outside one-time global initialisation"
[ "$real" -eq 0 ]
