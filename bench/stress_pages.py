#!/usr/bin/env python3
"""Generates news-like pages whose article is known, with chaff around and
inside it, and scores what `winnow clean` kept of each article.

  bench/stress_pages.py gen SEED COUNT PAGES.jsonl TRUTH.jsonl
  winnow clean -q --keep-empty --no-templates PAGES.jsonl -o CLEANED.jsonl
  bench/stress_pages.py score TRUTH.jsonl CLEANED.jsonl

(--no-templates: the pages are three stories told thousands of times over,
which is what a site template is, so template learning would take them.)

A page is a menu and page tools (some of them), the headline, a byline and a
dateline (most pages), perhaps more tools, then the article's paragraphs,
with now and then a line between two of them (a subheading, a caption, a
photo credit, an inline teaser, an advertisement's label and its copy, an
embed's attribution, a comments heading), then the page's foot (share
buttons, a teaser list, a comment form, a copyright line) in some order.
Three stories, each in long paragraphs and in one-line tabloid ones. All
text here is written for winnow.

`score` prints, over all pages, how many lost a paragraph of the article,
how many paragraphs went, and how many pages lost the headline, with the
reason `explain` gives for a lost paragraph left to the reader. The pages
are built to be hard: a comments heading with one paragraph under it reads
as a comment section, and a short line between chaff lines as chaff, so
neither rate is zero by design.
"""
import json
import random
import sys

STORIES = {
    "bridge": {
        "head": "Council agrees to rebuild the flood-damaged footbridge",
        "long": [
            "The council voted on Tuesday to rebuild the old footbridge over the river, which has been closed since the floods of last winter damaged its supports.",
            "Engineers say the new bridge will be wider and higher, so that it stays open when the river rises, and will have lighting along its whole length.",
            "Work is due to start in the spring and should take about eighteen months, during which a temporary ferry will carry people across at peak times.",
            "Residents who live near the bridge said they were relieved, although some complained that the rebuild had taken too long to approve.",
            "The total cost is estimated at four million pounds, most of it paid by a national flood recovery fund rather than by local taxpayers.",
            "A public meeting about the design will be held at the town hall next month, and the plans will be on display in the library until then.",
        ],
        "short": ["The bridge has been shut since January.", "Nobody was hurt when the supports cracked, officials said.",
                  "Some residents want a tunnel instead."],
    },
    "garden": {
        "head": "Planting garlic in a wet autumn",
        "long": [
            "Most years I plant garlic in the second week of October, when the soil is still warm and the first rains have softened it.",
            "This year the rain came early and did not stop, and the beds stayed too wet to work for almost a month.",
            "Instead of waiting, I built two low ridges in the main bed and planted the cloves along their tops, where the water drained away quickly.",
            "By the middle of November the first green shoots had appeared on both ridges, while a test row in the flat part of the bed had rotted.",
            "Next year I will build the ridges in September, before the ground gets heavy, and I will try the same trick with the onions.",
            "If you garden on clay, raised ridges are the cheapest way I know to keep bulbs from sitting in cold water all winter.",
        ],
        "short": ["I lost half my crop last year.", "This time I was ready.", "The ridges took one afternoon to build."],
    },
    "laptop": {
        "head": "A quiet laptop with a loud price",
        "long": [
            "The laptop is the quietest machine I have tested this year, and even when compiling large projects its fans barely rose above a whisper.",
            "Battery life is the other highlight: in our video test it lasted just over seventeen hours, several hours longer than its main rivals.",
            "The screen is the weak point, because at around three hundred nits it is hard to read outdoors and its colours look flat.",
            "The keyboard is comfortable for long sessions, with keys that travel further than on most thin machines and a firm, quiet click.",
            "There are only two ports, both on the left side, so anyone who plugs in a mouse and a monitor will need an adapter.",
            "If you value quiet and battery life above all, it is an easy recommendation, but cheaper rivals offer better screens for less money.",
        ],
        "short": ["It weighs just 1.3kg.", "The price starts at \u00a31,299.", "There is no headphone socket."],
    },
}

TOP = ["Home", "News", "Sport", "Menu", "Search", "Sign in", "Subscribe", "Skip to main content", "Advertisement",
       "Share", "Tweet", "Email", "Print", "Follow us", "Cookies on this site", "Accept all cookies", "Trending",
       "Most read", "Latest", "Top stories", "Listen", "Save", "Comments (12)", "12 Comments", "Text size",
       "Listen to this article", "Home > News > Local", "News | Sport | Weather", "Tuesday 4 March 2025",
       "Local News", "Breaking News", "Live"]
BYLINES = ["By Ann Lee", "By ANN LEE, Staff Writer", "Ann Lee", "March 3, 2025", "Updated 2 hours ago",
           "Published: 3 March 2025 10:45 GMT", "Posted by Ann at 9:14 PM", "Ann Lee | March 3, 2025", "5 min read",
           "Ann Lee, Local Democracy Reporter"]
BETWEEN = ["Advertisement", "Read more: Ten walks along the canal this winter", "RELATED: Library to open on Sundays",
           "Photo: Getty Images", "A view of the river at dusk. Photograph: Ann Lee", "Story continues below",
           "Subscribe to our newsletter", "Continue reading", "Related", "Most read", "Trending now",
           "You may also like", "Background", "Key facts", "Analysis", "The verdict", "Pros", "Cons",
           "Why it matters", "What happens next", "\u2014 Ann Lee (@annlee) March 3, 2025", "Image caption, The old bridge in 1990",
           "This video can not be played", "Comments", "Have your say", "What do you think?"]
AD_COPY = ["Looking for a new car? Compare prices from hundreds of dealers near you and save up to \u00a33,000 today.",
           "Get 50% off your first box of fresh recipes delivered to your door this week only."]
FOOT = ["Share this article", "Facebook", "Twitter", "Email", "Related Stories", "Library to open on Sundays",
        "New bus lane opens on the ring road", "Most read", "Council tax to rise by five per cent", "12 Comments",
        "Leave a Reply", "Your email address will not be published. Required fields are marked *", "Post Comment",
        "\u00a9 2025 The Valley Herald. All rights reserved.", "Privacy Policy", "Terms of Use", "Contact us",
        "Back to top", "Sign up for our newsletter", "Advertisement"]


def page(rng):
    story = STORIES[rng.choice(sorted(STORIES))]
    paras = story["long"][: rng.randint(2, 6)]
    if rng.random() < 0.3:
        paras = paras + story["short"][: rng.randint(1, 3)]
        rng.shuffle(paras)
    lines = rng.sample(TOP, rng.randint(0, 6)) + [story["head"]]
    if rng.random() < 0.7:
        lines += rng.sample(BYLINES, rng.randint(1, 2))
    if rng.random() < 0.3:
        lines += rng.sample(TOP, rng.randint(1, 3))
    for i, p in enumerate(paras):
        if i > 0 and rng.random() < 0.3:
            lines.append(rng.choice(BETWEEN))
            if rng.random() < 0.1:
                lines.append(rng.choice(AD_COPY))
        if rng.random() < 0.25:
            lines.append("")
        lines.append(p)
    lines += rng.sample(FOOT, rng.randint(0, 8))
    return story["head"], paras, lines


def gen(seed, count, pages_path, truth_path):
    rng = random.Random(seed)
    with open(pages_path, "w") as pages, open(truth_path, "w") as truth:
        for i in range(count):
            head, paras, lines = page(rng)
            rid = "s%06d" % i
            pages.write(json.dumps({"id": rid, "text": "\n".join(lines)}, ensure_ascii=False) + "\n")
            truth.write(json.dumps({"id": rid, "head": head, "paras": paras}, ensure_ascii=False) + "\n")


def score(truth_path, cleaned_path):
    cleaned = {}
    with open(cleaned_path) as f:
        for line in f:
            rec = json.loads(line)
            cleaned[rec["id"]] = rec.get("text", "")
    pages = lost_pages = lost_paras = lost_heads = 0
    with open(truth_path) as f:
        for line in f:
            t = json.loads(line)
            text = cleaned.get(t["id"], "")
            pages += 1
            missing = [p for p in t["paras"] if p not in text]
            lost_pages += bool(missing)
            lost_paras += len(missing)
            lost_heads += t["head"] not in text
    print("pages %d  losing a paragraph %d (%.1f%%)  paragraphs lost %d  headline lost %d (%.1f%%)" %
          (pages, lost_pages, 100.0 * lost_pages / pages, lost_paras, lost_heads, 100.0 * lost_heads / pages))


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "gen":
        gen(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5])
    elif len(sys.argv) == 4 and sys.argv[1] == "score":
        score(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
