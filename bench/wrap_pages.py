#!/usr/bin/env python3
"""Hard-wraps the content lines of a labelled page set, for eval_clean.sh.

usage: wrap_pages.py DOCS.jsonl GOLD.jsonl OUT_DIR WIDTH...

Writes OUT_DIR/wrapped.docs.jsonl and OUT_DIR/wrapped.gold.jsonl: each page
once per WIDTH, its content lines longer than WIDTH filled to WIDTH columns
(textwrap, as a plain-text page or a mail is), every line of them labelled
content; other lines as they were. The gold's set is "wrapWIDTH", so the
shared scorer prints one row per width.
"""
import json
import os
import sys
import textwrap


def main(argv):
    if len(argv) < 5:
        sys.exit(__doc__)
    docs, gold, out = argv[1], argv[2], argv[3]
    widths = [int(w) for w in argv[4:]]
    labels = {}
    with open(gold, encoding="utf-8") as f:
        for line in f:
            g = json.loads(line)
            labels[g["id"]] = g["labels"]
    with open(docs, encoding="utf-8") as f, \
            open(os.path.join(out, "wrapped.docs.jsonl"), "w", encoding="utf-8") as od, \
            open(os.path.join(out, "wrapped.gold.jsonl"), "w", encoding="utf-8") as og:
        for line in f:
            d = json.loads(line)
            if d["id"] not in labels:
                continue
            for width in widths:
                text, labs = [], []
                for ln, lab in zip(d["text"].split("\n"), labels[d["id"]]):
                    if lab == "content" and len(ln) > width:
                        filled = textwrap.wrap(ln, width)
                        text += filled
                        labs += ["content"] * len(filled)
                    else:
                        text.append(ln)
                        labs.append(lab)
                rid = "%s@%d" % (d["id"], width)
                od.write(json.dumps({"id": rid, "text": "\n".join(text)}) + "\n")
                og.write(json.dumps({"id": rid, "set": "wrap%d" % width, "labels": labs}) + "\n")


if __name__ == "__main__":
    main(sys.argv)
