#!/usr/bin/env bash
# Builds the release tarball: a copydesk binary that needs no Swift toolchain, with its models and the
# ready-made pipelines.
#
#   Scripts/release.sh            → dist/copydesk-VERSION-linux-x86_64.tar.gz (and a .sha256 beside it)
#
# VERSION is CopydeskVersion.current (Sources/CopydeskCore, what `copydesk --version` prints). The
# binary is built in release mode with --static-swift-stdlib: the Swift runtime and Foundation are
# linked in, so it needs only Debian system libraries (libc, libstdc++, libxml2, libsqlite3, zlib,
# liblzma, ICU). The tarball's top folder copydesk-VERSION/ holds:
#
#   bin/copydesk                                   the binary
#   share/copydesk/entities.model, language.model  the models (found from bin/../share/copydesk/)
#   pipelines/  seeds/                             the ready-made pipelines and the five seed articles
#   LICENSE  NOTICE  README.md
#
# The archive is reproducible for a given binary: names sorted, owner root, times from the last commit.
# The build goes to its own folder, .build-release/ (git-ignored; RELEASE_SCRATCH_PATH to change it), so
# it neither waits for nor disturbs the debug builds in .build/. SWIFT_BUILD_FLAGS adds flags to `swift build`.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

version=$(sed -n 's/.*static let current = "\([^"]*\)".*/\1/p' $(grep -rl --include=*.swift 'enum CopydeskVersion' Sources/CopydeskCore))
if [[ -z "$version" ]]; then
    echo "release.sh: no version found (CopydeskVersion.current in Sources/CopydeskCore)" >&2
    exit 1
fi
arch=$(uname -m)
name="copydesk-$version"
tarball="dist/$name-linux-$arch.tar.gz"

# shellcheck disable=SC2086 # SWIFT_BUILD_FLAGS is a list of flags
build=(swift build -c release --product copydesk --static-swift-stdlib --scratch-path "${RELEASE_SCRATCH_PATH:-.build-release}" ${SWIFT_BUILD_FLAGS:-})
echo "release.sh: ${build[*]}" >&2
"${build[@]}"
bin_dir=$("${build[@]}" --show-bin-path)

# Refuse a binary that still needs the toolchain's shared libraries.
if ldd "$bin_dir/copydesk" | grep -E 'libswift|libFoundation|libdispatch|libBlocksRuntime|_FoundationICU|/swift/'; then
    echo "release.sh: the binary above still links Swift's shared libraries; it would not run without the toolchain" >&2
    exit 1
fi
built_version=$("$bin_dir/copydesk" --version)
if [[ "$built_version" != "$version" ]]; then
    echo "release.sh: the binary says version '$built_version', Sources/CopydeskCore says '$version'" >&2
    exit 1
fi

stage=$(mktemp -d "${TMPDIR:-/tmp}/copydesk-release.XXXXXX")
trap 'rm -rf "$stage"' EXIT
top="$stage/$name"
mkdir -p "$top/bin" "$top/share/copydesk"
install -m 0755 "$bin_dir/copydesk" "$top/bin/copydesk"
strip --strip-unneeded "$top/bin/copydesk"
install -m 0644 Plugins/Entities/Resources/entities.model Plugins/Language/Resources/language.model "$top/share/copydesk/"
cp -R pipelines seeds "$top/"
install -m 0644 LICENSE NOTICE "$top/"

cat >"$top/README.md" <<EOF
# copydesk $version (Linux $arch)

copydesk cleans news article dumps — plain text, HTML, JSONL and WARC — into one JSON record per
article: article text without boilerplate, normalised; people, organisations and places with their
offsets; exact copies, near-duplicates and syndicated versions clustered; languages identified;
filters you declare in YAML. This folder runs on its own: no Swift toolchain is needed.

Needs (Debian/Ubuntu): \`apt-get install libxml2 libsqlite3-0 zlib1g libstdc++6\` (usually present).

    bin/copydesk run pipelines/news.yaml                  # the seeds/ articles → out/news.jsonl
    bin/copydesk run pipelines/news.yaml --input DIR --output out/mine.jsonl
    bin/copydesk stages                                   # every stage and option
    bin/copydesk --help

Put bin/ on your PATH or link bin/copydesk from anywhere: the models are found in
share/copydesk/ beside bin/ (or set COPYDESK_ENTITIES_MODEL / COPYDESK_LANGUAGE_MODEL to the files).
Documentation: the docs/ folder of the source repository. Licence: LICENSE; data sources: NOTICE.
EOF

mkdir -p dist
epoch=$(git log -1 --format=%ct 2>/dev/null || echo 0)
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -C "$stage" -cf - "$name" | gzip -n -9 >"$tarball.tmp"
mv "$tarball.tmp" "$tarball"
(cd dist && sha256sum "$(basename "$tarball")" >"$(basename "$tarball").sha256")
echo "$root/$tarball"
