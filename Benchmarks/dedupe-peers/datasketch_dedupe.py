#!/usr/bin/env python3
"""datasketch MinHash (128 permutations) + MinHashLSH on the same word 5-gram shingles as the
Reuters ground truth, scored the same way as `copydesk-bench dedupe-reuters` / `dedupe-synth`,
and timed (shingling + signatures + LSH insert/query) on one core.

    python datasketch_dedupe.py reuters --data ../shared/data/reuters21578/docs.jsonl --pairs ../shared/data/reuters21578/pairs.tsv
    python datasketch_dedupe.py synth --data corpus.jsonl --truth truth.tsv
    python datasketch_dedupe.py speed --data speed.jsonl
"""
import argparse, json, re, resource, sys, time
from collections import defaultdict

from datasketch import MinHash, MinHashLSH

TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"'})


def shingles(text, n=5):
    tokens = TOKEN.findall(text.lower().translate(QUOTES))
    return {" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1)}


def load(path):
    docs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d.get("text"):
                docs.append((str(d["id"]), d["text"]))
    return docs


def cluster(docs, threshold, perm):
    """Shingle, sign, query-then-insert in input order; union the candidates. Returns cluster per id and seconds."""
    start = time.process_time()
    lsh = MinHashLSH(threshold=threshold, num_perm=perm)
    parent = {}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for doc_id, text in docs:
        parent[doc_id] = doc_id
        s = shingles(text)
        if not s:
            continue
        m = MinHash(num_perm=perm)
        m.update_batch([x.encode("utf-8") for x in s])
        for other in lsh.query(m):
            a, b = find(doc_id), find(other)
            if a != b:
                parent[max(a, b, key=order.get)] = min(a, b, key=order.get)
        lsh.insert(doc_id, m)
    seconds = time.process_time() - start
    return {d: find(d) for d, _ in docs}, seconds


def pairs_of(clusters):
    members = defaultdict(list)
    for d, c in clusters.items():
        members[c].append(d)
    found = set()
    count = 0
    for m in members.values():
        count += len(m) * (len(m) - 1) // 2
        if len(m) <= 2000:
            for i in range(len(m)):
                for j in range(i + 1, len(m)):
                    found.add(tuple(sorted((m[i], m[j]))))
    return found, count


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reuters(args):
    docs = load(args.data)
    truth = {}
    with open(args.pairs) as f:
        next(f)
        for line in f:
            a, b, j = line.split("\t")
            truth[tuple(sorted((a, b)))] = float(j)
    global order
    order = {d: i for i, (d, _) in enumerate(docs)}
    clusters, seconds = cluster(docs, args.threshold, args.perm)
    found, count = pairs_of(clusters)
    print(f"datasketch MinHash({args.perm}) + MinHashLSH(threshold {args.threshold}) on Reuters-21578: {len(docs)} documents")
    print(f"{'threshold':10} {'true pairs':11} {'recall':8} {'precision':10}")
    for t in (0.8, 0.5):
        positives = [p for p, j in truth.items() if j >= t - 1e-9]
        hit = sum(1 for p in positives if p in found)
        correct = sum(1 for p in found if truth.get(p, 0) >= t - 1e-9)
        print(f"{'J >= ' + str(t):10} {len(positives):<11} {hit / len(positives):<8.4f} {correct / max(1, count):<10.4f}")
    print(f"speed, one thread (shingle, MinHash, LSH query+insert): {seconds:.3f} s = {len(docs) / seconds:.0f} docs/s; peak RSS {peak_mb():.0f} MB")


def synth(args):
    docs = load(args.data)
    global order
    order = {d: i for i, (d, _) in enumerate(docs)}
    truth, kind = {}, {}
    with open(args.truth) as f:
        next(f)
        for line in f:
            d, c, k = line.rstrip("\n").split("\t")
            truth[d], kind[d] = c, k
    clusters, seconds = cluster(docs, args.threshold, args.perm)
    ids = [d for d, _ in docs]

    def comb(n):
        return n * (n - 1) / 2

    t, p, both = defaultdict(int), defaultdict(int), defaultdict(int)
    for d in ids:
        t[truth[d]] += 1
        p[clusters[d]] += 1
        both[(truth[d], clusters[d])] += 1
    st, sp, sb = sum(map(comb, t.values())), sum(map(comb, p.values())), sum(map(comb, both.values()))
    precision, recall = sb / sp if sp else 1, sb / st if st else 1
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0
    expected = st * sp / comb(len(ids))
    ari = (sb - expected) / ((st + sp) / 2 - expected)
    size = defaultdict(int)
    for c in clusters.values():
        size[c] += 1
    print(f"datasketch MinHash({args.perm}) + MinHashLSH(threshold {args.threshold}) on the synthetic corpus: {len(ids)} documents")
    print(f"pairwise: precision {precision:.4f}, recall {recall:.4f}, F1 {f1:.4f}; adjusted Rand index {ari:.4f}")
    for k in ("quote decoy", "background decoy"):
        decoys = [d for d in ids if kind[d] == k]
        merged = sum(1 for d in decoys if size[clusters[d]] > 1)
        print(f"{k}s merged with anything: {merged}/{len(decoys)} = {100 * merged / max(1, len(decoys)):.2f}%")
    print(f"speed, one thread: {len(ids) / seconds:.0f} docs/s")


def speed(args):
    start = time.time()
    docs = load(args.data)
    global order
    order = {d: i for i, (d, _) in enumerate(docs)}
    read = time.time() - start
    clusters, seconds = cluster(docs, args.threshold, args.perm)
    n = len(set(clusters.values()))
    print(f"datasketch speed: {len(docs)} documents (read in {read:.1f} s, not counted), {n} clusters; "
          f"shingle + MinHash + LSH on one thread: {seconds:.1f} s = {len(docs) / seconds:.0f} docs/s; peak RSS {peak_mb():.0f} MB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["reuters", "synth", "speed"])
    parser.add_argument("--data", required=True)
    parser.add_argument("--pairs", default="../shared/data/reuters21578/pairs.tsv")
    parser.add_argument("--truth")
    parser.add_argument("--threshold", type=float, default=0.8)
    parser.add_argument("--perm", type=int, default=128)
    parser.add_argument("--limit", type=int)
    args = parser.parse_args()
    {"reuters": reuters, "synth": synth, "speed": speed}[args.mode](args)
