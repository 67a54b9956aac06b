#!/usr/bin/env python3
"""Runs the peer language identifiers on the held-out set written by make_eval.py and prints, per peer,
accuracy on documents and on short texts and speed (MB/s of text on one thread, detection only), in the
same table format as `copydesk-bench language`. Each peer that can be restricted answers only the
evaluated languages, like copydesk (`languages:` option); langdetect cannot be restricted.

usage: peers.py EVAL_JSONL LANGS
"""
import json, sys, time

rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
langs = sorted(sys.argv[2].split(","))


def make_langdetect():
    from langdetect import DetectorFactory, detect
    DetectorFactory.seed = 0
    def run(text):
        try:
            code = detect(text)
        except Exception:
            return None
        return "zh" if code.startswith("zh") else code
    return "langdetect 1.0.9", run


def make_py3langid():
    from py3langid.langid import LanguageIdentifier, MODEL_FILE
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(langs)
    return "py3langid 0.4.0", lambda text: identifier.classify(text)[0]


def make_lingua():
    from lingua import IsoCode639_1, LanguageDetectorBuilder
    codes = [getattr(IsoCode639_1, ("nb" if c == "no" else c).upper()) for c in langs]
    detector = LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_preloaded_language_models().build()
    def run(text):
        language = detector.detect_language_of(text)
        if language is None:
            return None
        code = language.iso_code_639_1.name.lower()
        return "no" if code == "nb" else code
    return "lingua 2.1.1 (high accuracy)", run


for make in (make_langdetect, make_py3langid, make_lingua):
    name, run = make()
    run("warm up the model")
    result = {}
    for kind in ("document", "short"):
        items = [r for r in rows if r["kind"] == kind]
        size = sum(len(r["text"].encode("utf-8")) for r in items)
        start = time.process_time()
        answers = [run(r["text"]) for r in items]
        seconds = time.process_time() - start
        correct = sum(a == r["lang"] for a, r in zip(answers, items))
        result[kind] = (100.0 * correct / len(items), size / 1e6 / seconds, len(items))
    d, s = result["document"], result["short"]
    print(f"{name:<30} {d[0]:>9.2f} {s[0]:>9.2f} {d[1]:>10.2f} {s[1]:>10.2f}", flush=True)
