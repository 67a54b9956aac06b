#!/usr/bin/env bash
# Language identification side by side, in one run: copydesk's language stage and three peers installed
# with pip (langdetect, py3langid, lingua), on a held-out set built from the translations shipped in
# Django's wheel (BSD-3-Clause; see README.md). Accuracy on documents and on 40-200-character texts, and
# MB/s of text on one thread. Everything downloaded goes to ~/.cache/copydesk, outside the repository.
# A second set, from the system's compiled gettext catalogues (/usr/share/locale, make_eval_gettext.py), is
# measured the same way when the machine has them.
# usage: Benchmarks/language-peers/compare.sh   (from the package root)
set -euo pipefail
cd "$(dirname "$0")/../.."
CACHE="${COPYDESK_CACHE:-$HOME/.cache/copydesk}"
VENV="$CACHE/lang-venv"
EVAL="$CACHE/lang-eval.jsonl"
mkdir -p "$CACHE/dl"
if [ ! -x "$VENV/bin/python" ]; then python3 -m venv "$VENV"; fi
"$VENV/bin/pip" install -q langdetect==1.0.9 py3langid==0.4.0 lingua-language-detector==2.1.1
WHEEL="$CACHE/dl/django-5.2.19-py3-none-any.whl"
[ -f "$WHEEL" ] || "$VENV/bin/pip" download -q --no-deps Django==5.2.19 -d "$CACHE/dl"
# The function-word lists the model's word rows are built from (for retraining and the model's rebuild test).
STOPWORDS="$CACHE/dl/stopwordsiso-0.7.1-py3-none-any.whl"
[ -f "$STOPWORDS" ] || "$VENV/bin/pip" download -q --no-deps stopwordsiso==0.7.1 -d "$CACHE/dl"
[ -f "$CACHE/stopwordsiso/stopwordsiso/stopwords-iso.json" ] || python3 -m zipfile -e "$STOPWORDS" "$CACHE/stopwordsiso"

swift build -c release --product copydesk-bench 2>&1 | grep -E "error|warning:" || true
BENCH=.build/release/copydesk-bench
# The evaluated languages: those of copydesk's model that every peer also knows (lingua lacks kn, ml, ne).
LANGS=$("$VENV/bin/python" - "$($BENCH language --list-languages)" <<'PY'
import sys
from lingua import Language
from py3langid.langid import LanguageIdentifier, MODEL_FILE
langid = set(LanguageIdentifier.from_model_file(MODEL_FILE).nb_classes)
lingua = {("no" if l.iso_code_639_1.name.lower() == "nb" else l.iso_code_639_1.name.lower()) for l in Language.all()}
print(",".join(c for c in sys.argv[1].split(",") if c in langid and c in lingua))
PY
)
"$VENV/bin/python" Benchmarks/language-peers/make_eval.py "$WHEEL" "$LANGS" "$EVAL"
echo "languages asked for: $LANGS"
echo "== Django translations (test split)"
$BENCH language --data "$EVAL" --languages "$LANGS"
"$VENV/bin/python" Benchmarks/language-peers/peers.py "$EVAL" "$LANGS"
if [ -d /usr/share/locale ]; then
  GETTEXT="$CACHE/lang-eval-gettext.jsonl"
  "$VENV/bin/python" Benchmarks/language-peers/make_eval_gettext.py /usr/share/locale "$LANGS" "$GETTEXT"
  echo "== system gettext catalogues"
  $BENCH language --data "$GETTEXT" --languages "$LANGS" --throughput ""
  "$VENV/bin/python" Benchmarks/language-peers/peers.py "$GETTEXT" "$LANGS"
fi
