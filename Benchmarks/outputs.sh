#!/usr/bin/env bash
# Outputs benchmark (issue 15): the Reuters-21578 JSONL through normalise, entities and dedupe into an
# SQLite export and a JSONL export in the same run, on ONE core with one worker.
#   - SQLite export speed: documents/s of the export stage from the run report (busy seconds), with
#     the JSONL export of the same run as its peer;
#   - file size: the SQLite database against the JSONL output;
#   - `copydesk clusters` on the JSONL and the SQLite output: median wall seconds of 5 runs, with
#     peers of the same run: sqlite3 grouping the clusters itself, and jq reading every record's
#     duplicate object.
# Usage: bash Benchmarks/outputs.sh [DOCS.jsonl]   (default ../shared/data/reuters21578/docs.jsonl)
# Figures are printed; nothing is judged. Needs sqlite3 and jq for the peers (skipped when absent).
set -euo pipefail
cd "$(dirname "$0")/.."
input=${1:-../shared/data/reuters21578/docs.jsonl}
[ -f "$input" ] || { echo "skip: $input not found"; exit 0; }
input=$(realpath "$input")
work=${COPYDESK_BENCH_DIR:-/tmp/copydesk-outputs}
mkdir -p "$work"
swift build -c release --product copydesk >/dev/null
copydesk=$(pwd)/.build/release/copydesk
cat > "$work/outputs.yaml" <<YAML
input:
  paths: [$input]
  format: jsonl
stages:
  - use: normalise
  - use: entities
  - use: dedupe
    index: $work/dedupe.index
  - use: export
    path: $work/out.sqlite
  - use: export
    path: $work/out.jsonl
YAML
rm -f "$work/dedupe.index" "$work/out.sqlite" "$work/out.jsonl"
taskset -c 0 "$copydesk" run "$work/outputs.yaml" --workers 1 --quiet
report="$work/out.report.json"
# The two export stages, in pipeline order: SQLite, then JSONL.
read -r sqlite_in sqlite_busy sqlite_cpu jsonl_in jsonl_busy jsonl_cpu < <(
  python3 -c 'import json,sys; s=[x for x in json.load(open(sys.argv[1]))["stages"] if x["id"]=="export"]; print(s[0]["in"], s[0]["busy_seconds"], s[0]["cpu_seconds"], s[1]["in"], s[1]["busy_seconds"], s[1]["cpu_seconds"])' "$report")
sqlite_bytes=$(stat -c %s "$work/out.sqlite")
jsonl_bytes=$(stat -c %s "$work/out.jsonl")
echo "input: $input ($(wc -l < "$input") lines), one core (taskset -c 0), --workers 1"
awk -v n="$sqlite_in" -v s="$sqlite_busy" -v c="$sqlite_cpu" -v m="$jsonl_in" -v t="$jsonl_busy" -v d="$jsonl_cpu" 'BEGIN {
  printf "export sqlite: %d documents in %.3f s wall (%.3f s cpu) = %.0f documents/s (%.0f per cpu second)\n", n, s, c, n / s, n / c
  printf "export jsonl (peer, same run): %d documents in %.3f s wall (%.3f s cpu) = %.0f documents/s; sqlite/jsonl wall %.2f\n", m, t, d, m / t, s / t }'
awk -v a="$sqlite_bytes" -v b="$jsonl_bytes" 'BEGIN { printf "size: sqlite %.1f MB, jsonl %.1f MB, ratio %.2f\n", a / 1e6, b / 1e6, a / b }'

median() { # command... → "median wall s (median cpu s)" of 5 runs (after one warm-up)
  local walls=() cpus=() w u s
  "$@" >/dev/null 2>&1 || true
  for _ in 1 2 3 4 5; do
    /usr/bin/time -f "%e %U %S" -o "$work/time.txt" "$@" >/dev/null 2>&1
    read -r w u s < "$work/time.txt"; walls+=("$w"); cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')")
  done
  echo "$(printf "%s\n" "${walls[@]}" | sort -n | sed -n 3p) s wall ($(printf "%s\n" "${cpus[@]}" | sort -n | sed -n 3p) s cpu)"
}
echo "clusters (medians of 5 runs):"
echo "  copydesk clusters out.jsonl: $(median "$copydesk" clusters "$work/out.jsonl")"
echo "  copydesk clusters out.sqlite: $(median "$copydesk" clusters "$work/out.sqlite")"
echo "  copydesk clusters out.jsonl --members --json: $(median "$copydesk" clusters "$work/out.jsonl" --members --json)"
if command -v sqlite3 >/dev/null; then
  echo "  peer, sqlite3 GROUP BY over documents: $(median sqlite3 "$work/out.sqlite" \
    'SELECT duplicate_cluster, count(*) FROM documents GROUP BY duplicate_cluster HAVING count(*) > 1 ORDER BY 2 DESC')"
fi
if command -v jq >/dev/null; then
  echo "  peer, jq reading every duplicate object: $(median jq -c .duplicate "$work/out.jsonl")"
fi
echo "clusters listed: $("$copydesk" clusters "$work/out.jsonl" 2>/dev/null | tail -n +2 | wc -l)"
# Where the SQLite export's time goes: the same work again with the sqlite3 shell on a copy of the
# database (CPU seconds: user + sys), for the parts the export does at its end and for the row inserts.
if command -v sqlite3 >/dev/null; then
  cp "$work/out.sqlite" "$work/profile.sqlite"
  part() { # label sql
    /usr/bin/time -f "%U %S" -o "$work/time.txt" sqlite3 "$work/profile.sqlite" "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; $2" >/dev/null
    read -r u s < "$work/time.txt"; awk -v l="$1" -v u="$u" -v s="$s" 'BEGIN { printf "  %s: %.2f s cpu\n", l, u + s }'
  }
  echo "sqlite export parts, redone by sqlite3 on a copy ($(sqlite3 "$work/out.sqlite" 'SELECT count(*) FROM entities') entities, $(sqlite3 "$work/out.sqlite" 'SELECT count(*) FROM mentions') mentions):"
  part "FTS5 rebuild over title and text" "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');"
  part "indexes on documents(id), documents(duplicate_cluster), entities(type, name)" \
    "CREATE INDEX p1 ON documents(id); CREATE INDEX p2 ON documents(duplicate_cluster); CREATE INDEX p3 ON entities(type, name);"
  part "mentions rows copied" "CREATE TABLE p_mentions AS SELECT * FROM mentions;"
  part "entities rows copied" "CREATE TABLE p_entities (doc_seq INTEGER NOT NULL, entity INTEGER NOT NULL, type TEXT NOT NULL, name TEXT NOT NULL, mentions INTEGER NOT NULL, PRIMARY KEY (doc_seq, entity)) WITHOUT ROWID; INSERT INTO p_entities SELECT * FROM entities;"
  rm -f "$work/profile.sqlite"
fi
