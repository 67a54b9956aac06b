#!/usr/bin/env bash
# The Python venv with datasketch for the dedupe comparison, OUTSIDE the repository:
#   ${COPYDESK_PEERS_VENV:-$HOME/.cache/copydesk/peers-venv}   (shared with Benchmarks/strip-peers)
set -euo pipefail
VENV=${COPYDESK_PEERS_VENV:-$HOME/.cache/copydesk/peers-venv}
[ -x "$VENV/bin/python" ] || ${PYTHON:-python3} -m venv "$VENV"
"$VENV/bin/python" -c 'import datasketch' 2>/dev/null || "$VENV/bin/pip" install -q 'datasketch==2.0.0'
"$VENV/bin/python" -c 'import datasketch; print("datasketch", datasketch.__version__, "in", "'"$VENV"'")'
