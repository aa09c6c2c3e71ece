#!/usr/bin/env python3
"""Writes a blank-line-separated corpus (one article per block, as
shared/data/unlabeled/ant-news.txt) as JSON Lines: {"id": N, "text": "..."},
N the block's number from 1, as in the corpus's index.tsv.

    python3 scripts/news-jsonl.py CORPUS [LIMIT] > out.jsonl
"""
import json
import sys


def blocks(path):
    with open(path, encoding="utf-8") as f:
        block = []
        for line in f:
            if line.strip():
                block.append(line.rstrip("\n"))
            elif block:
                yield "\n".join(block)
                block = []
        if block:
            yield "\n".join(block)


def main():
    path = sys.argv[1]
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else None
    out = sys.stdout
    for n, text in enumerate(blocks(path), start=1):
        if limit is not None and n > limit:
            break
        out.write(json.dumps({"id": n, "text": text}, ensure_ascii=False))
        out.write("\n")


if __name__ == "__main__":
    main()
