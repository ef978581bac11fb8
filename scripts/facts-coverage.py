#!/usr/bin/env python3
"""Role and outcome coverage of the GeeksforGeeks posts of a crawl.

Usage: scripts/facts-coverage.py DOCS.jsonl [MANIFEST.csv]

For the posts whose URL is on geeksforgeeks, prints the share of questions
whose post has a role, the share of posts with a role and with a status
(outcome), for all posts and for the two halves the text rules were tuned
and checked on: the corpus article files sorted by name, even positions
the tuning half, odd the check half (docs/facts-sample.md). Then the
distribution of roles, statuses and levels.
"""
import collections
import csv
import json
import sys

MANIFEST = "/work/shared/corpus/html/geeksforgeeks/manifest.csv"


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    rows = list(csv.DictReader(open(sys.argv[2] if len(sys.argv) > 2 else MANIFEST)))
    arts = sorted(r["file"] for r in rows if r["page_type"] == "article")
    half = {f: ("tune" if i % 2 == 0 else "check") for i, f in enumerate(arts)}
    file_of = {r["canonical_url"].rstrip("/"): r["file"] for r in rows}
    docs = [json.loads(line) for line in open(sys.argv[1])]
    docs = [d for d in docs if "geeksforgeeks" in d["url"]]
    for d in docs:
        d["_half"] = half.get(file_of.get(d["url"].rstrip("/")), "?")
    for name in ("all", "tune", "check"):
        ds = [d for d in docs if name == "all" or d["_half"] == name]
        if not ds:
            continue
        nq = sum(len(d["questions"]) for d in ds)
        rq = sum(len(d["questions"]) for d in ds if d["role"])
        rp = sum(1 for d in ds if d["role"])
        st = sum(1 for d in ds if d["status"])
        print(f"{name:5} posts {len(ds):3}  questions {nq:4}  role {rq / max(nq, 1):6.1%} of questions"
              f" ({rp / len(ds):.1%} of posts)  outcome {st}/{len(ds)} = {st / len(ds):.1%} of posts")
    for field in ("role", "status", "level"):
        print(field, collections.Counter(d.get(field, "") for d in docs).most_common())


if __name__ == "__main__":
    main()
