#!/usr/bin/env bash
# The release tarball runs without Swift: builds it with Scripts/release.sh, unpacks it into a temporary
# folder and checks that
#   - it holds bin/copydesk, share/copydesk/{entities,language}.model, pipelines/, LICENSE, NOTICE, README.md;
#   - `ldd bin/copydesk` resolves every library, each to a file of an installed Debian package, and none
#     of them is Swift's (no libswift*, libFoundation*, libdispatch, nothing under the toolchain);
#   - `bin/copydesk run pipelines/news.yaml --input SEEDS --output …` under `env -i PATH=/usr/bin:/bin`
#     (no Swift on PATH, no library path) writes the five seed records with their entities, the same
#     records as the golden file Tests/EndToEndTests/Expected/news.jsonl (source paths aside);
#   - the same through a symbolic link to bin/copydesk from another folder;
#   - without share/copydesk/ the run fails naming where it looked (so the models above came from the
#     tarball, not from the build tree).
# Everything it writes goes to one temporary folder, removed on exit (dist/ keeps the tarball).
#
#   Scripts/ci/release-test.sh             builds the tarball with Scripts/release.sh, then checks it
#   Scripts/ci/release-test.sh TARBALL     checks a tarball built before
# Needs: the Swift toolchain (to build), ldd, dpkg, python3. Runtime: the release build (~22 min from
# scratch on 2 cores, into .build-release/, ~1 min when built) plus ~40 s.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
started=$(date +%s)

fail() {
    echo "release-test: FAIL: $*" >&2
    exit 1
}

if [[ $# -gt 0 ]]; then
    tarball=$1
else
    tarball=$(Scripts/release.sh | tail -n 1)
fi
[[ -f "$tarball" ]] || fail "Scripts/release.sh did not write a tarball (last line: '$tarball')"
case "$(basename "$tarball")" in
    copydesk-*-linux-x86_64.tar.gz) ;;
    *) fail "unexpected tarball name $(basename "$tarball")" ;;
esac
version=$(basename "$tarball" | sed 's/^copydesk-\(.*\)-linux-x86_64\.tar\.gz$/\1/')

tmp=$(mktemp -d "${TMPDIR:-/tmp}/copydesk-release-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
tar -xzf "$tarball" -C "$tmp"
[[ "$(ls "$tmp")" == "copydesk-$version" ]] || fail "the tarball's top folder is not copydesk-$version/: $(ls "$tmp")"
top="$tmp/copydesk-$version"
for file in bin/copydesk share/copydesk/entities.model share/copydesk/language.model pipelines/news.yaml LICENSE NOTICE README.md; do
    [[ -s "$top/$file" ]] || fail "the tarball lacks $file"
done
[[ -x "$top/bin/copydesk" ]] || fail "bin/copydesk is not executable"

# Only Debian system libraries.
libraries=$(ldd "$top/bin/copydesk")
echo "$libraries"
if grep -q 'not found' <<<"$libraries"; then fail "ldd: a library is missing"; fi
if grep -Eq 'libswift|libFoundation|libdispatch|libBlocksRuntime|_FoundationICU|/opt/|/swift' <<<"$libraries"; then
    fail "ldd lists Swift toolchain libraries"
fi
while read -r path; do
    case "$path" in
        /lib/* | /lib64/* | /usr/lib/* | /usr/lib64/*) ;;
        *) fail "ldd: $path is not a system library path" ;;
    esac
    resolved=$(readlink -f "$path")
    owner=""
    for candidate in "$path" "$resolved" "/usr$path" "/usr$resolved" "${path#/usr}" "${resolved#/usr}"; do
        if owner=$(dpkg -S "$candidate" 2>/dev/null | head -n 1) && [[ -n "$owner" ]]; then break; fi
        owner=""
    done
    [[ -n "$owner" ]] || fail "ldd: $path belongs to no installed Debian package"
done < <(awk '/=>/ { print $3; next } /^\s*\// { print $1 }' <<<"$libraries")

# The toolchain is really absent from the run's environment.
clean_env=(env -i PATH=/usr/bin:/bin HOME="$tmp/home")
mkdir -p "$tmp/home"
if "${clean_env[@]}" sh -c 'command -v swift || command -v swiftc'; then
    fail "swift is on PATH=/usr/bin:/bin, so this test cannot show the binary runs without it"
fi
[[ "$("${clean_env[@]}" "$top/bin/copydesk" --version)" == "$version" ]] || fail "bin/copydesk --version is not $version"

cp -R "$repo/seeds" "$tmp/seeds"
check_records() { # output.jsonl
    python3 - "$1" "$repo/Tests/EndToEndTests/Expected/news.jsonl" <<'EOF'
import json, os, sys
def records(path):
    with open(path, encoding="utf-8") as f:
        out = []
        for line in f:
            record = json.loads(line)
            record["source"]["path"] = os.path.basename(record["source"]["path"])
            out.append(record)
        return out
actual, expected = records(sys.argv[1]), records(sys.argv[2])
ids = [r["id"] for r in actual]
assert len(actual) == 5, f"{len(actual)} records, expected the 5 seeds: {ids}"
for record in actual:
    assert record.get("entities"), f"{record['id']} has no entities"
    types = {e["type"] for e in record["entities"]}
    assert types & {"PERSON", "ORG", "LOC"}, f"{record['id']}: no tagger entities, only {sorted(types)}"
for a, e in zip(actual, expected):
    assert a == e, f"{a['id']} differs from the golden record (Tests/EndToEndTests/Expected/news.jsonl)"
print(f"release-test: {len(actual)} records, {sum(len(r['entities']) for r in actual)} entities, equal to the golden file")
EOF
}

# The documented command, from the unpacked folder.
(cd "$top" && "${clean_env[@]}" bin/copydesk run pipelines/news.yaml --input "$tmp/seeds" --output "$tmp/out/news.jsonl" --quiet) ||
    fail "bin/copydesk run pipelines/news.yaml exited with $?"
check_records "$tmp/out/news.jsonl" || fail "the output records are wrong"

# Through a symbolic link, from another folder.
mkdir -p "$tmp/elsewhere/bin"
ln -s "$top/bin/copydesk" "$tmp/elsewhere/bin/copydesk"
(cd "$tmp/elsewhere" && "${clean_env[@]}" bin/copydesk run "$top/pipelines/news.yaml" --input "$tmp/seeds" --output "$tmp/out/linked.jsonl" --quiet) ||
    fail "copydesk through a symbolic link exited with $?"
cmp "$tmp/out/news.jsonl" "$tmp/out/linked.jsonl" || fail "the run through a symbolic link wrote other records"

# Without the shipped models the run fails and says where it looked: the models came from the tarball.
mv "$top/share/copydesk" "$top/share/models-moved-away"
status=0
(cd "$top" && "${clean_env[@]}" bin/copydesk run pipelines/news.yaml --input "$tmp/seeds" --output "$tmp/out/none.jsonl" --quiet) \
    2>"$tmp/no-models.err" || status=$?
[[ $status -ne 0 ]] || fail "the run without share/copydesk/ succeeded: it found models outside the tarball"
grep -q "share/copydesk/entities.model" "$tmp/no-models.err" || fail "without models, stderr does not say where it looked: $(cat "$tmp/no-models.err")"
grep -q "/Plugins/" "$tmp/no-models.err" && fail "the release binary looks for models in the build tree: $(cat "$tmp/no-models.err")"
[[ ! -e "$tmp/out/none.jsonl" ]] || fail "the failed run left an output"
echo "release-test: without models: exit $status, $(head -c 300 "$tmp/no-models.err")"

echo "release-test: OK ($(basename "$tarball"), $(du -h "$tarball" | cut -f1), $(($(date +%s) - started)) s)"
