#!/bin/sh
# Peak memory of copydesk when an exec program answers one document with a huge line (issue 17):
# the answer is never held whole past max_answer_bytes, so peak RSS stays near the limit, whatever the
# answer's size. Prints one line per limit: answer size, limit, exit status, peak RSS, rejects.
#
# usage: Benchmarks/exec-answer-memory.sh [answer-MB (default 1024)] [copydesk binary (default .build/release/copydesk)]
set -eu
answer_mb=${1:-1024}
binary=${2:-.build/release/copydesk}
[ -x "$binary" ] || { echo "no copydesk binary at $binary (swift build -c release, or pass its path)" >&2; exit 64; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (GNU time) for the peak RSS" >&2; exit 64; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
printf '{"id":"huge","text":"answered with a huge line"}\n{"id":"small","text":"answered normally"}\n' >"$dir/in.jsonl"
bytes=$((answer_mb * 1048576))
printf '%-10s %-18s %-5s %-12s %s\n' answer max_answer_bytes exit peak_rss_MB rejects
for limit in 67108864 1048576; do
    cat >"$dir/p.yaml" <<YAML
input:
  paths: [$dir/in.jsonl]
stages:
  - use: exec
    command: [sh, -c, 'IFS= read -r first || exit 0; head -c $bytes /dev/zero | tr "\\\\0" x; echo; exec cat']
    on_error: reject
    max_answer_bytes: $limit
  - use: export
    path: $dir/out.jsonl
YAML
    status=0
    /usr/bin/time -f '%M' -o "$dir/rss" "$binary" run "$dir/p.yaml" --quiet 2>"$dir/err" || status=$?
    [ "$status" = 0 ] || cat "$dir/err" >&2
    rss_kb=$(tail -n 1 "$dir/rss")
    rejects=$(wc -l <"$dir/out.rejects.jsonl" 2>/dev/null || echo -)
    printf '%-10s %-18s %-5s %-12s %s\n' "${answer_mb}MB" "$limit" "$status" "$((rss_kb / 1024))" "$rejects"
done
