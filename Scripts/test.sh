#!/usr/bin/env bash
# The whole test suite, what CI runs (.ci/run): the Swift tests, then the checks that need more than Swift:
#   1. swift test                        unit, stage and end-to-end tests
#   2. Scripts/ci/example-test.sh        Examples/CustomStage builds on copydesk by path and passes its tests
#   3. Scripts/ci/release-test.sh        the static release tarball runs without Swift (dist/ keeps it)
#   4. Scripts/ci/report-browser.sh      the report page in headless Chromium (installs Debian's chromium)
#   5. Scripts/ci/spark-test.sh          copydesk-spark on local-cluster[2,1,1024] equals copydesk run
#                                        (installs pyspark into a venv outside the repository)
# COPYDESK_TEST_ONLY=swift runs step 1 alone. Each step prints its own time.
set -euo pipefail
cd "$(dirname "$0")/.."

step() {
    local started=$SECONDS
    echo "== test.sh: $*"
    "$@"
    echo "== test.sh: $1 passed in $((SECONDS - started)) s"
}

step swift test
[[ "${COPYDESK_TEST_ONLY:-}" == swift ]] && exit 0
step Scripts/ci/example-test.sh
step Scripts/ci/release-test.sh

# The report page's browser test runs the release binary from the tarball just built (no second release build).
unpacked=$(mktemp -d "${TMPDIR:-/tmp}/copydesk-test-release.XXXXXX")
trap 'rm -rf "$unpacked"' EXIT
tarball=$(ls -t dist/copydesk-*-linux-*.tar.gz | head -n 1)
tar -xzf "$tarball" -C "$unpacked"
COPYDESK_BIN=$(ls "$unpacked"/copydesk-*/bin/copydesk)
export COPYDESK_BIN
step Scripts/ci/report-browser.sh

step Scripts/ci/spark-test.sh
