#!/usr/bin/env bash
# Big-document memory benchmark: peak memory (max RSS of the copydesk process) for single documents near
# the size limit, through pipelines/news.yaml and through each stage alone (the stage and an export).
#
# Documents: plain-text news (.txt, first line the title) of ~16 MB (just under the default
# max_document_bytes of 16 MiB), built by concatenating Reuters-21578 stories from
# ../shared/data/reuters21578/docs.jsonl (varied prose with names, places, numbers, money), or, when that
# file is absent, generated news-like prose (names, places, organisations, dates, amounts). Rows:
#   - one 16 MB document: news.yaml, then strip, normalise, entities, dedupe alone, and export alone
#     (reading + writing: the floor every row includes);
#   - four different 16 MB documents in one run (news.yaml);
#   - one 64 MB document through news.yaml with max_document_bytes raised to 80 MB.
# Usage: bash Benchmarks/bigdoc.sh [MB=16]   (COPYDESK_BENCH_DIR to choose, and keep, the work directory; it needs
# about 12 × MB of disk). Figures are peak RSS in MB (/usr/bin/time "Maximum resident set size") and wall
# seconds; "per MB" is peak RSS divided by the input size.
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-16}
if [ -n "${COPYDESK_BENCH_DIR:-}" ]; then
  work=$COPYDESK_BENCH_DIR
  mkdir -p "$work"
else
  work=$(mktemp -d /tmp/copydesk-bigdoc.XXXXXX)
  trap 'rm -rf "$work"' EXIT   # documents and outputs take about 12 × MB of disk
fi
command -v python3 >/dev/null || { echo "bigdoc.sh needs python3 to generate its documents" >&2; exit 1; }
swift build -c release --product copydesk >/dev/null
copydesk=.build/release/copydesk
reuters=../shared/data/reuters21578/docs.jsonl

# make_doc PATH BYTES SKIP: a .txt news document of just under BYTES bytes; SKIP rotates the source stories so
# that several documents differ.
make_doc() {
  python3 - "$1" "$2" "$3" "$reuters" <<'PY'
import json, os, random, sys
path, size, skip, reuters = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
stories = []
if os.path.exists(reuters):
    with open(reuters, encoding="utf-8") as f:
        for line in f:
            text = json.loads(line).get("text", "").strip()
            if len(text) > 200:
                stories.append(text)
if not stories:  # generated fallback: news-like prose, never one repeated sentence
    rnd = random.Random(17)
    people = ["Jackie Walker", "Keir Starmer", "Angela Merkel", "John Smith", "Maria Garcia", "Li Wei", "Ahmed Khan",
              "Sarah O'Connor", "Pierre Dubois", "Yuki Tanaka", "Olga Petrova", "Carlos Mendes"]
    places = ["London", "Paris", "Tokyo", "New York", "Madrid", "Berlin", "Sao Paulo", "Nairobi", "Sydney", "Toronto",
              "Mumbai", "Cairo"]
    orgs = ["Barrick Gold Corp", "the Labour Party", "Reuters", "the World Bank", "General Motors", "Toyota Motor Corp",
            "the European Commission", "Deutsche Bank", "the United Nations", "Shell"]
    verbs = ["said", "told reporters", "announced", "warned", "confirmed", "denied", "estimated", "reported"]
    things = ["profits rose", "sales fell", "output increased", "the deal was signed", "talks resumed",
              "prices dropped", "the strike ended", "shares climbed", "the plan was approved", "exports slowed"]
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]
    for k in range(4000):
        sentences = []
        for _ in range(rnd.randint(4, 12)):
            sentences.append(
                f"{rnd.choice(people)} of {rnd.choice(orgs)} {rnd.choice(verbs)} in {rnd.choice(places)} on "
                f"{rnd.randint(1, 28)} {rnd.choice(months)} {rnd.randint(1985, 2024)} that {rnd.choice(things)} "
                f"by {rnd.randint(1, 99)}.{rnd.randint(0, 9)} per cent to ${rnd.randint(2, 950)} million.")
        stories.append(f"{rnd.choice(places).upper()}, {rnd.choice(months)} {rnd.randint(1, 28)} - " + " ".join(sentences))
parts, total, i = ["Big document benchmark: %d MB of news\n\n" % (size // 1_000_000)], 0, skip
while True:
    story = stories[i % len(stories)] + "\n\n"
    n = len(story.encode("utf-8"))
    if total + n > size - 100:
        break
    parts.append(story)
    total += n
    i += 1
with open(path, "w", encoding="utf-8") as f:
    f.write("".join(parts))
PY
}

bytes=$((mb * 1000 * 1000))
big=$((mb * 4))
mkdir -p "$work/four"
[ -f "$work/doc-$mb.txt" ] || make_doc "$work/doc-$mb.txt" "$bytes" 0
for k in 1 2 3 4; do [ -f "$work/four/doc-$k.txt" ] || make_doc "$work/four/doc-$k.txt" "$bytes" $((k * 1500)); done
[ -f "$work/doc-$big.txt" ] || make_doc "$work/doc-$big.txt" $((big * 1000 * 1000)) 0

# pipeline NAME LIMIT STAGES...: a pipeline file with the given stages and an export into the work directory.
pipeline() {
  local name=$1 limit=$2; shift 2
  {
    echo "name: bigdoc-$name"
    echo "input:"
    echo "  paths: [$work/doc-$mb.txt]"
    echo "  max_document_bytes: $limit"
    echo "stages:"
    for s in "$@"; do echo "  - use: $s"; done
    echo "  - use: export"
    echo "    path: $work/out-$name.jsonl"
  } > "$work/$name.yaml"
  echo "$work/$name.yaml"
}

# measure LABEL PIPELINE INPUT: one run; prints peak RSS, per MB of input and seconds.
measure() {
  local label=$1 file=$2 input=$3 size rss seconds status
  size=$(du -cb "$input" | tail -1 | cut -f1)
  rm -f "$work"/out-*
  status=0
  /usr/bin/time -f "%M %e" -o "$work/time.txt" $copydesk run "$file" --input "$input" --output "$work/out-run.jsonl" --quiet \
    2> "$work/stderr.txt" || status=$?
  read -r rss seconds < <(tail -1 "$work/time.txt")
  printf "%-44s %9.1f MB %8.0f MB %9.1f %7s s  exit %d\n" "$label" "$(awk "BEGIN{print $size/1e6}")" \
    "$(awk "BEGIN{print $rss/1024}")" "$(awk "BEGIN{print $rss/1024/($size/1e6)}")" "$seconds" "$status"
  [ "$status" = 0 ] || sed 's/^/    /' "$work/stderr.txt" | tail -5
  rm -f "$work"/out-*
}

limit=16777216
printf "%-44s %12s %11s %9s %9s\n" "run" "input" "peak RSS" "per MB" "wall"
measure "news.yaml, one ${mb} MB document" pipelines/news.yaml "$work/doc-$mb.txt"
for stage in strip normalise entities dedupe; do
  measure "$stage alone (+ export)" "$(pipeline "$stage" $limit "$stage")" "$work/doc-$mb.txt"
done
measure "export alone (read + write)" "$(pipeline export $limit)" "$work/doc-$mb.txt"
measure "news.yaml, four ${mb} MB documents" pipelines/news.yaml "$work/four"
measure "news.yaml stages, one ${big} MB document" \
  "$(pipeline news-big $((big * 1000 * 1000 + 16 * 1000 * 1000)) strip normalise entities dedupe)" "$work/doc-$big.txt"
