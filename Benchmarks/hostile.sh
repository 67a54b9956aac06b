#!/usr/bin/env bash
# Hostile-input corpus (issue 17): generates WARC files with damage between good records (negative and
# overflowing chunk sizes, a 70 KB and a 10 MB header, 64 KB of junk, lying Content-Lengths, NUL bytes,
# a truncated gzip member) and hostile HTML pages inside them (40k/200k attributes, stray and blocked end
# tags, deep nesting, XXE, an entity bomb, a gzip bomb, a huge line) into a temporary directory, runs
# `copydesk run pipelines/warc.yaml` on each, and prints per file: exit status, CPU seconds (user+sys)
# and per MB, peak RSS, the report's in/out/dropped/rejected, and good records expected/found.
# Usage: bash Benchmarks/hostile.sh [CASE-SUBSTRING]     (COPYDESK=path to use another binary)
# Exits 1 when a case has an exit >= 128, needs >= 2 s of CPU per MB, or loses a good record.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${COPYDESK:-}" ]; then
  swift build -c release --product copydesk >/dev/null
  COPYDESK=.build/release/copydesk
fi
exec python3 Benchmarks/hostile.py "$COPYDESK" "$@"
