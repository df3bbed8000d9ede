#!/usr/bin/env python3
"""Generates a news-like JSONL bench corpus (deterministic for a seed).

usage: make_corpus.py N_RECORDS OUT.jsonl [--seed S] [--typography]

Records look like scraped news pages: a site template (header and footer
lines shared by every page of a site), a headline (sometimes printed twice),
and paragraphs of words drawn from a Zipf-like vocabulary. About 10% of the
records are syndicated copies of an earlier story under another site's
template with a light edit, so dedup has work to do.

The default corpus is ASCII. With --typography, sentences get what English
news prints outside ASCII, at about the rates of real news pages (in the
dedup dev set about 37% of lines over 200 bytes hold some): curly
apostrophes and quotes, dashes, ellipses, NBSP, pound signs and accented
names, about 2.5 per such line. The words are the same as without it (their
draws are untouched; the typography has its own random stream), so the two
corpora differ only in those characters.
"""
import argparse
import json
import random


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--typography", action="store_true")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    typo = random.Random(a.seed + 1000)
    names = ["Jos\u00e9", "M\u00fcller", "N\u00fa\u00f1ez", "Zo\u00eb", "Bront\u00eb", "\u00c5sa", "Fran\u00e7ois",
             "S\u00f8rensen", "Dvo\u0159\u00e1k", "\u00c7\u0131nar"]
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

    def typography(ws):
        # Each mark with its own chance per sentence (about 12% in all);
        # more than one may land in a sentence.
        n = len(ws)
        if typo.random() < 0.05:
            k = typo.randrange(n)
            ws[k] += typo.choice(["\u2019s", "n\u2019t", "\u2019"])
        if typo.random() < 0.03 and n > 4:
            k = typo.randrange(n - 3)
            ws[k] = "\u201c" + ws[k]
            ws[k + 2] += "\u201d"
        if typo.random() < 0.02:
            ws.insert(typo.randrange(1, n), typo.choice(["\u2014", "\u2013", "\u2026"]))
        if typo.random() < 0.015:
            ws.insert(typo.randrange(1, n), "\u00a3%d\u00a0million" % typo.randint(2, 900))
        if typo.random() < 0.01:
            ws.insert(typo.randrange(1, n), typo.choice(names))

    def sentence():
        ws = [word() for _ in range(rng.randint(8, 28))]
        ws[0] = ws[0].capitalize()
        if a.typography:
            typography(ws)
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
