#!/usr/bin/env bash
# The report page in a real browser (issue #15): builds copydesk (release), runs the seeds pipeline and a
# generated 100,000-document run, makes their report pages and opens them in headless Chromium, checking
# through the DevTools protocol that charts are drawn, a cluster opens (click and keyboard), the
# side-by-side view highlights shared passages, paging and search work, a <script> in a title is shown
# and not run, the console has no errors, the 100,000-document page is at most 20 MB and paints first
# in under 3 s. Screenshots are saved in OUTDIR (UPDATE_DOCS=1 copies the large one to docs/report.png).
#
# Usage: Scripts/ci/report-browser.sh [OUTDIR]     (default: a temporary folder, removed at exit)
# Needs: swift, python3 (standard library only), Debian's chromium (installed with apt-get when absent
# and running as root; the test is skipped with a message only when it cannot be installed).
# Environment: COPYDESK_BIN (a copydesk binary to use instead of building one), REPORT_DOCUMENTS (default 100000), REUTERS (default ../shared/data/reuters21578/docs.jsonl
# from the repository; without it the generator makes up stories), UPDATE_DOCS=1.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
if [ $# -ge 1 ]; then
    out=$1
else
    out=$(mktemp -d "${TMPDIR:-/tmp}/copydesk-report-browser.XXXXXX")
    trap 'rm -rf "$out"' EXIT
fi
documents=${REPORT_DOCUMENTS:-100000}
reuters=${REUTERS:-$root/../shared/data/reuters21578/docs.jsonl}
[ -f "$reuters" ] || reuters=/work/shared/data/reuters21578/docs.jsonl
mkdir -p "$out"
out=$(cd "$out" && pwd)
rm -rf "$out/seeds" "$out/large"
mkdir -p "$out/seeds" "$out/large"

chromium=$(command -v chromium || true)
if [ -z "$chromium" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
        echo "report-browser: installing Debian's chromium"
        (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium) > "$out/apt.log" 2>&1 || true
    fi
    chromium=$(command -v chromium || true)
fi
if [ -z "$chromium" ]; then
    echo "report-browser: SKIPPED — Debian's chromium is not installed and could not be installed here (see $out/apt.log)"
    exit 0
fi
echo "report-browser: $("$chromium" --version 2> /dev/null)"

cd "$root"
if [ -n "${COPYDESK_BIN:-}" ]; then
    bin=$(cd "$(dirname "$COPYDESK_BIN")" && pwd)/$(basename "$COPYDESK_BIN")
else
    swift build -c release --product copydesk
    bin=$(swift build -c release --show-bin-path)/copydesk
fi
failed=0

echo "report-browser: the seeds"
"$bin" run pipelines/news.yaml --output "$out/seeds/news.jsonl" --quiet
"$bin" report "$out/seeds/news.report.json"
python3 Scripts/ci/report-browser.py "$chromium" "$out/seeds/news.report.html" --expect-pairs --search corbyn \
    --screenshot "$out/seeds.png" || failed=1

echo "report-browser: a generated run of $documents documents"
python3 Scripts/ci/report-corpus.py "$reuters" "$out/large/in.jsonl" --documents "$documents"
start=$(date +%s)
"$bin" run pipelines/news.yaml --input "$out/large/in.jsonl" --output "$out/large/news.jsonl" --progress-interval 30
echo "report-browser: run took $(($(date +%s) - start)) s"
start=$(date +%s%N)
"$bin" report "$out/large/news.report.json"
echo "report-browser: copydesk report took $((($(date +%s%N) - start) / 1000000)) ms"
size=$(stat -c %s "$out/large/news.report.html")
echo "report-browser: page of $documents documents: $size bytes"
if [ "$size" -gt 20000000 ]; then
    echo "FAIL the page is over 20 MB"
    failed=1
fi
python3 Scripts/ci/report-browser.py "$chromium" "$out/large/news.report.html" --first-paint-limit 3 --expect-pairs \
    --expect-injected-title --search cocoa --screenshot "$out/report.png" || failed=1

if [ "${UPDATE_DOCS:-0}" = 1 ] && [ -f "$out/report.png" ]; then
    cp "$out/report.png" docs/report.png
    echo "report-browser: docs/report.png updated"
fi
if [ "$failed" != 0 ]; then
    echo "report-browser: FAILED"
    exit 1
fi
echo "report-browser: all checks passed; screenshots in $out"
