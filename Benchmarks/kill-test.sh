#!/usr/bin/env bash
# All outputs or none (issue #17): kills a real run (normalise → dedupe with an index file → export to
# .jsonl.gz, with drops, rejects and the report) with SIGKILL at random moments — while it reads and
# processes, and while it commits (COPYDESK_TEST_COMMIT_PAUSE_MS, a test-only hook, pauses after the
# journal is written and after each rename so that kills land inside the commit) — and checks after
# each kill, once `copydesk recover` (the first thing every run does) has run, that the five outputs
# are either all from the previous run (the same SHA-256 as before) or all from the new one (the
# report is new and names each other output's SHA-256, which sha256sum agrees with); and that no
# temporary file or backup of a killed run is left beside them.
# Usage: bash Benchmarks/kill-test.sh [KILLS=20] [DOCUMENTS=60000]
# Needs a built copydesk (COPYDESK=path, default .build/release/copydesk, else .build/debug/copydesk).
set -euo pipefail
cd "$(dirname "$0")/.."
kills=${1:-20}
documents=${2:-60000}
bin=${COPYDESK:-.build/release/copydesk}
[ -x "$bin" ] || bin=.build/debug/copydesk
[ -x "$bin" ] || { echo "build copydesk first (swift build)"; exit 1; }
work=$(mktemp -d /tmp/copydesk-kill.XXXXXX)
trap 'rm -rf "$work"' EXIT
out="$work/out"
mkdir -p "$out"
pause_ms=${COPYDESK_KILL_PAUSE_MS:-300}

# A dump with near-duplicates (→ drops), broken lines (→ rejects) and, per run, a few new documents,
# so that every run's outputs differ from the previous run's.
make_input() {
  python3 - "$1" "$2" "$documents" <<'PY'
import random, sys, json
path, run, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(7)
words = "the a council said on minister report market shares rose fell week year city police court vote plan".split()
with open(path, "w") as f:
    for i in range(n):
        base = i - (i % 5 == 4)  # every fifth document repeats the one before: a duplicate
        r = random.Random(base)
        text = " ".join(r.choice(words) for _ in range(60)) + f". Story {base}."
        f.write(json.dumps({"id": f"d{i}", "text": text}) + "\n")
        if i % 997 == 0:
            f.write('{"id": "broken", "text": \n')  # a bad line: goes to the rejects output
    for j in range(3):
        f.write(json.dumps({"id": f"run{run}-{j}", "text": f"Fresh story {j} of run {run}, unlike any other."}) + "\n")
PY
}

cat > "$work/pipeline.yaml" <<YAML
input:
  paths: [$work/input.jsonl]
run:
  on_bad_record: skip
stages:
  - use: normalise
  - use: dedupe
    index: $out/news.index
    action: drop
  - use: export
    path: $out/news.jsonl.gz
YAML

files=("$out/news.jsonl.gz" "$out/news.index" "$out/news.drops.jsonl" "$out/news.rejects.jsonl" "$out/news.report.json")
state() { for f in "${files[@]}"; do if [ -e "$f" ]; then sha256sum "$f" | cut -d' ' -f1; else echo absent; fi; done | paste -sd' '; }
# Whether the report's output_sha256 names every other output's current hash.
report_matches() {
  python3 - "$out/news.report.json" "${files[@]:0:4}" <<'PY'
import sys, json, hashlib
report = json.load(open(sys.argv[1]))
hashes = report.get("output_sha256", {})
ok = report.get("status") in ("ok", "interrupted") and all(
    hashes.get(p) == hashlib.sha256(open(p, "rb").read()).hexdigest() for p in sys.argv[2:])
sys.exit(0 if ok else 1)
PY
}
leftovers() { find "$out" -name '.*.tmp-*' -o -name '.*.prev-*' -o -name '*.commit' | wc -l; }

# A first, complete run: the "previous run" of the first kill.
make_input "$work/input.jsonl" 0
"$bin" run "$work/pipeline.yaml" --quiet
report_matches || { echo "FAIL: the first run's report does not match its outputs"; exit 1; }
start=$(date +%s.%N)
COPYDESK_TEST_COMMIT_PAUSE_MS=0 "$bin" run "$work/pipeline.yaml" --quiet
full=$(python3 -c "import time; print(time.time() - $start)")

old=0 new=0 bad=0 in_commit=0 left_before=0 left_after=0 landed=0 missed=0 i=0
# Until $kills SIGKILLs have hit a live run (a kill that finds the run already ended is counted apart).
while (( landed < kills )); do
  i=$((i + 1))
  previous=$(state)
  make_input "$work/input.jsonl" "$i"
  COPYDESK_TEST_COMMIT_PAUSE_MS=$pause_ms "$bin" run "$work/pipeline.yaml" --quiet 2>/dev/null &
  pid=$!
  if (( i % 2 == 0 )); then
    # Inside the commit: wait for the journal, then kill within the paused renames (or just after).
    for _ in $(seq 1 2000); do [ -e "$out/news.report.json.commit" ] && break; sleep 0.005; done
    sleep "$(python3 -c "import random; print(random.uniform(0, 5.5 * $pause_ms / 1000))")"
  else
    # Anywhere in the run: reading, processing, committing, or after it ended.
    sleep "$(python3 -c "import random; print(random.uniform(0, $full + 4.7 * $pause_ms / 1000))")"
  fi
  if [ -e "$out/news.report.json.commit" ]; then during=1; else during=0; fi
  kill -0 "$pid" 2>/dev/null && ended=0 || ended=1
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  in_commit=$((in_commit + during))
  if (( ended )); then missed=$((missed + 1)); else landed=$((landed + 1)); fi
  left_before=$((left_before + $(leftovers)))
  "$bin" recover "$work/pipeline.yaml" >/dev/null 2>&1
  now=$(state)
  if [ "$now" = "$previous" ]; then verdict=previous; old=$((old + 1))
  elif report_matches && [ "$(echo "$now" | cut -d' ' -f5)" != "$(echo "$previous" | cut -d' ' -f5)" ]; then verdict=new; new=$((new + 1))
  else verdict=MIXED; bad=$((bad + 1)); fi
  left=$(leftovers)
  left_after=$((left_after + left))
  printf 'kill %2d: %s commit, outputs all from the %s run, %d leftover file(s) after recovery\n' \
    "$i" "$([ $during = 1 ] && echo during || { [ $ended = 1 ] && echo "(no kill: the run had ended) after" || echo "outside the"; })" "$verdict" "$left"
done
# The next run after the last kill completes and leaves nothing behind.
"$bin" run "$work/pipeline.yaml" --quiet
report_matches || bad=$((bad + 1))
final_left=$(leftovers)
echo "summary: $kills SIGKILLs of a live run ($in_commit during the commit; $missed more found the run ended): $old left the previous run's outputs, $new the new run's, $bad mixed;" \
  "$left_before temporary/backup files left by the kills, $left_after after recovery, $final_left after the next run"
[ "$bad" -eq 0 ] && [ "$left_after" -eq 0 ] && [ "$final_left" -eq 0 ]
