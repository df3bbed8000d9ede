#!/usr/bin/env python3
"""Generates a news-like JSONL bench corpus (deterministic for a seed).

usage: make_corpus.py N_RECORDS OUT.jsonl [--seed S]

Records look like scraped news pages: a site template (header and footer
lines shared by every page of a site), a headline (sometimes printed twice),
and paragraphs of words drawn from a Zipf-like vocabulary. About 10% of the
records are syndicated copies of an earlier story under another site's
template with a light edit, so dedup has work to do.
"""
import argparse
import json
import random


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    syll = ["ka", "lo", "mi", "ra", "ten", "dor", "vel", "sa", "qu", "ne", "bri", "stan", "el", "po", "ru", "gan"]
    vocab = ["".join(rng.choice(syll) for _ in range(rng.randint(1, 4))) for _ in range(30000)]
    common = ["the", "of", "and", "to", "in", "a", "said", "on", "for", "was", "with", "that", "by", "at", "from"]
    weights = [1.0 / (i + 1) for i in range(len(vocab))]
    cum = []
    s = 0.0
    for w in weights:
        s += w
        cum.append(s)

    def word():
        if rng.random() < 0.35:
            return rng.choice(common)
        import bisect
        return vocab[bisect.bisect_left(cum, rng.random() * s)]

    def sentence():
        ws = [word() for _ in range(rng.randint(8, 28))]
        ws[0] = ws[0].capitalize()
        return " ".join(ws) + "."

    def paragraph():
        return " ".join(sentence() for _ in range(rng.randint(2, 5)))

    sites = []
    for i in range(40):
        head = [" ".join(word().capitalize() for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(2, 8))]
        foot = [sentence() for _ in range(rng.randint(2, 6))] + ["Copyright 2024 Site %d. All Rights Reserved." % i]
        sites.append((head, foot))
    stories = []
    with open(a.out, "w", encoding="utf-8") as f:
        for i in range(a.n):
            site = rng.randrange(len(sites))
            if stories and rng.random() < 0.10:
                title, paras = rng.choice(stories)
                paras = list(paras)
                if rng.random() < 0.5 and len(paras) > 2:
                    paras.pop()
            else:
                title = " ".join(word() for _ in range(rng.randint(6, 12))).capitalize()
                paras = [paragraph() for _ in range(rng.randint(3, 12))]
                if len(stories) < 20000:
                    stories.append((title, paras))
            head, foot = sites[site]
            lines = list(head) + [title, ""]
            if rng.random() < 0.1:
                lines += [title, ""]
            for p in paras:
                lines += [p, ""]
            lines += foot
            rec = {"id": "doc-%08d" % i, "url": "https://site%d.example/%d" % (site, i), "text": "\n".join(lines)}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
