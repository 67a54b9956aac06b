#!/usr/bin/env bash
# Create or update the Python venv that holds the peer article extractors
# (trafilatura, readability-lxml, newspaper4k, goose3, jusText, resiliparse).
#
#   bash Benchmarks/strip-peers/setup.sh
#
# The venv lives OUTSIDE the repository:
#   ${COPYDESK_PEERS_VENV:-$HOME/.cache/copydesk/peers-venv}
# Python is taken from ${PYTHON:-python3} (3.10 or newer; 3.11 is what the pins
# were checked with). Idempotent: when the venv already matches
# requirements.txt it only checks the imports and exits (well under a second).
# Needs PyPI only; copydesk itself never depends on any of this.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
VENV=${COPYDESK_PEERS_VENV:-$HOME/.cache/copydesk/peers-venv}
PY=${PYTHON:-python3}
REQ="$HERE/requirements.txt"
STAMP="$VENV/.copydesk-peers-stamp"
IMPORTS='import trafilatura, readability, html_text, newspaper, goose3, justext, resiliparse.extract.html2text, lxml.html'

command -v "$PY" >/dev/null 2>&1 || { echo "setup.sh: $PY not found (set PYTHON=...)" >&2; exit 1; }
py_ver=$("$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
"$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' \
    || { echo "setup.sh: need Python >= 3.10, $PY is $py_ver" >&2; exit 1; }
want="$(sha256sum "$REQ" | cut -d' ' -f1) python$py_ver"

if [[ -x "$VENV/bin/python" && -f "$STAMP" && "$(cat "$STAMP")" == "$want" ]] \
    && "$VENV/bin/python" -c "$IMPORTS" >/dev/null 2>&1; then
    echo "peers venv up to date: $VENV"
    exit 0
fi

venv_ver=""
if [[ -x "$VENV/bin/python" ]]; then
    venv_ver=$("$VENV/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || true)
fi
if [[ "$venv_ver" != "$py_ver" ]]; then
    echo "creating peers venv ($PY, Python $py_ver): $VENV"
    mkdir -p "$(dirname "$VENV")"
    "$PY" -m venv --clear "$VENV"
fi

# pip 23.x (what ensurepip ships with Python 3.11) trips over lxml's [html_clean]
# extra with an internal resolver assertion; a pinned newer pip resolves it.
PIP_PIN=pip==26.3
if ! "$VENV/bin/python" -m pip --version 2>/dev/null | grep -q '^pip 26\.3 '; then
    "$VENV/bin/python" -m pip install --disable-pip-version-check --no-input -q "$PIP_PIN"
fi
echo "installing pinned peers from $REQ"
"$VENV/bin/python" -m pip install --disable-pip-version-check --no-input -q -r "$REQ"
"$VENV/bin/python" -m pip check --disable-pip-version-check >/dev/null \
    || { "$VENV/bin/python" -m pip check; echo "setup.sh: pip check failed" >&2; exit 1; }
"$VENV/bin/python" -W ignore -c "$IMPORTS"
echo "$want" > "$STAMP"
"$VENV/bin/python" - <<'EOF'
from importlib.metadata import version
names = ["trafilatura", "readability-lxml", "newspaper4k", "goose3", "jusText", "resiliparse",
         "lxml", "html-text", "tinysegmenter"]
print("installed: " + ", ".join(f"{n} {version(n)}" for n in names))
EOF
echo "peers venv ready: $VENV"
