#!/usr/bin/env bash
# spaCy en_core_web_sm on the CoNLL-2003 English test set, the same table as `copydesk-bench entities`.
# Usage: bash Benchmarks/entities-peers/spacy_conll.sh [PATH]   (one thread: OMP/BLAS limited to 1)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
VENV="${COPYDESK_PEERS_VENV:-$HOME/.cache/copydesk/peers-venv}"
[ -x "$VENV/bin/python" ] || bash "$HERE/setup.sh"
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 "$VENV/bin/python" "$HERE/spacy_conll.py" "$@"
