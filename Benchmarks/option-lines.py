#!/usr/bin/env python3
"""Lines of options code per built-in stage at a git revision: whole `*Options.swift` files, plus in the
stage's other files the descriptor's `options:` list, its `make:` factory, and any function taking the
decoded options (`StageOptions` or `DecodedOptions`). Comments and blank lines are not counted.
Usage: python3 Benchmarks/option-lines.py [REV ...]   (default: HEAD; e.g. 747ffb8 HEAD for before/after)"""
import re, subprocess, sys

STAGES = ["Normalise", "Strip", "Entities", "Dedupe", "Export", "Exec", "Filter", "Language"]


def git(*args):
    return subprocess.run(["git", *args], capture_output=True, text=True, check=True).stdout


def block(text, start):
    """The text from `start` to the bracket closing the first opening bracket after it."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    i = start
    while text[i] not in pairs:
        i += 1
    stack = [pairs[text[i]]]
    i += 1
    while stack:
        c = text[i]
        if c == '"':
            i += 1
            while text[i] != '"':
                i += 2 if text[i] == "\\" else 1
        elif c in pairs:
            stack.append(pairs[c])
        elif c == stack[-1]:
            stack.pop()
        i += 1
    return text[start:i]


def code_lines(text):
    return sum(1 for line in text.splitlines() if line.strip() and not line.strip().startswith("//"))


def count(rev, stage):
    files = [f for f in git("ls-tree", "--name-only", rev, f"Plugins/{stage}/").split() if f.endswith(".swift")]
    total = 0
    for path in files:
        text = git("show", f"{rev}:{path}")
        if path.endswith("Options.swift"):
            total += code_lines(text)
            continue
        spans = []
        for pattern in [r"\boptions: \[", r"\bmake: \{", r"(func|init)[^{\n]*\b(StageOptions|DecodedOptions)\b[^{\n]*\{"]:
            for m in re.finditer(pattern, text):
                start = text.rfind("\n", 0, m.start()) + 1
                body = block(text, m.end() - 1)
                spans.append((start, m.end() - 1 + len(body)))
        spans.sort()
        end = 0
        for s, e in spans:
            s = max(s, end)
            if e > s:
                total += code_lines(text[s:e])
                end = e
    return total


revs = sys.argv[1:] or ["HEAD"]
print("stage".ljust(10) + "".join(r[:12].rjust(14) for r in revs))
for stage in STAGES:
    print(stage.ljust(10) + "".join(str(count(r, stage)).rjust(14) for r in revs))
