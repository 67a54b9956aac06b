#!/usr/bin/env bash
# The example package Examples/CustomStage (a runner with one stage of its own on top of copydesk, by path)
# builds with zero warnings, passes its tests, and its one-line runner runs its pipeline with the stage.
# It builds into the root package's .build (EXAMPLE_SCRATCH_PATH to change it), so after `swift test` only the
# example's own targets compile; its outputs go to a temporary folder.
# Needs: the Swift toolchain. Runtime: about 30 s after the root package's debug build (~10 min alone from
# scratch on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/../.."
example=Examples/CustomStage
scratch=(--scratch-path "${EXAMPLE_SCRATCH_PATH:-.build}")
started=$(date +%s)

fail() {
    echo "example-test: FAIL: $*" >&2
    exit 1
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/copydesk-example-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

swift build --package-path "$example" "${scratch[@]}" 2>&1 | tee "$tmp/build.log"
# Warnings from the example's own sources (copydesk's are checked by the root build).
if grep -E "^$(pwd)/$example/(Sources|Tests)/.*warning:" "$tmp/build.log"; then fail "the example builds with warnings"; fi
swift test --package-path "$example" "${scratch[@]}"

# The runner: copydesk's command line with the byline stage registered.
runner=$(swift build --package-path "$example" "${scratch[@]}" --show-bin-path)/copydesk-byline
"$runner" stages | grep '^byline  (per-document)' > /dev/null || fail "copydesk-byline stages does not list the byline stage"
"$runner" validate "$example/pipelines/byline.yaml" || fail "copydesk-byline validate refuses pipelines/byline.yaml"
(cd "$example" && "$runner" run pipelines/byline.yaml --output "$tmp/byline.jsonl" --quiet) || fail "the example pipeline failed"
[[ $(wc -l <"$tmp/byline.jsonl") -eq 3 ]] || fail "expected 3 records in $tmp/byline.jsonl"
grep -q '"author":"Maria Lopez and Tom Becker"' "$tmp/byline.jsonl" || fail "the byline stage did not fill author: $(head -c 600 "$tmp/byline.jsonl")"
echo "example-test: OK ($(($(date +%s) - started)) s)"
