"""Extraction time of one very long paragraph, which must grow linearly with its length.

    python benchmarks/long_paragraph.py              # 50k, 100k, 200k and 400k characters, 3 runs each
    python benchmarks/long_paragraph.py --sizes 400000 --runs 5 --shape one-sentence

The paragraph is made of the sentences news articles are made of (leaders named in full, by
surname and by title; new people introduced by a title; dates; quotes; speech verbs), one after
another without a line break. `--shape one-sentence` joins them with commas, never a full stop;
`--shape quotes` makes every sentence a quote, so the text holds very many quote marks.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time

from tracker.extract import extract_article
from tracker.model import Article

SHAPES = ("sentences", "one-sentence", "quotes")
PUBLISHED = dt.date(2019, 8, 23)
# (full name, surname, title) of leaders in office on PUBLISHED, and people the knowledge base does not know
LEADERS = [
    ("Moon Jae-in", "Moon", "South Korean President"),
    ("Shinzo Abe", "Abe", "Japanese Prime Minister"),
    ("Kang Kyung-wha", "Kang", "Foreign Minister"),
    ("Taro Kono", "Kono", "Japanese Foreign Minister"),
    ("Donald Trump", "Trump", "U.S. President"),
]
NEWCOMERS = [
    ("Kim Hyun-chong", "Kim", "deputy national security adviser"),
    ("Yoshihide Suga", "Suga", "Chief Cabinet Secretary"),
    ("Ko Min-jung", "Ko", "presidential spokeswoman"),
    ("Mark Esper", "Esper", "Defense Secretary"),
]
TOPICS = ["the intelligence-sharing pact", "export controls", "wartime forced labor", "regional security", "trade"]
DAYS = ["on Monday", "on Tuesday", "last week", "on Aug. 2", "on July 1", "earlier this month", "a day earlier"]
VERBS = ["said", "told reporters", "stressed", "warned", "added", "noted", "urged", "pledged"]


def _sentences(rng: random.Random) -> list[str]:
    (full, surname, title), (other_full, other_surname, other_title) = rng.sample(LEADERS, 2)
    new_full, new_surname, new_title = rng.choice(NEWCOMERS)
    topic, day, verb = rng.choice(TOPICS), rng.choice(DAYS), rng.choice(VERBS)
    return [
        f"{title} {full} and {other_title} {other_full} held talks in Seoul {day}",
        f"{surname} {verb} {day} that the two countries should resolve the dispute over {topic}",
        f'"We will not give in to unfair pressure on {topic}," {other_surname} {verb}',
        f"{new_title} {new_full} {verb} the decision was made after careful review",
        f"According to {surname}'s office, the two leaders also discussed {topic} and agreed to meet again",
        f"The prime minister {verb} {day} that Tokyo would respond calmly, while {new_surname} said talks would go on",
        f"{surname}, {other_surname} and {new_surname} said they hoped to hold a summit {day}",
        f"Both leaders emphasized that dialogue on {topic} must continue, officials said",
        f"He {verb} the government of President {surname} had called for an apology over {topic}",
        f"Officials in Tokyo {verb} {day} that about {rng.randrange(20, 400)} protesters had gathered outside",
    ]


def long_paragraph(chars: int, shape: str = "sentences", seed: int = 3) -> str:
    """One paragraph of at least `chars` characters, no line break in it."""
    rng = random.Random(seed)
    pieces: list[str] = []
    length = 0
    while length < chars:
        for sentence in rng.sample(_sentences(rng), 4):
            if shape == "quotes":
                piece = f'"{sentence}," {rng.choice(LEADERS)[1]} said.'
            elif shape == "one-sentence":
                piece = f"{sentence},"
            else:
                piece = f"{sentence}."
            pieces.append(piece)
            length += len(piece) + 1
    return " ".join(pieces)


def article_with(body: str) -> Article:
    return Article(title="Seoul ends intelligence pact with Tokyo", published=PUBLISHED, body=body)


def time_extraction(body: str, runs: int) -> float:
    """Median seconds of extract_article on an article of that body."""
    times = []
    for _ in range(runs):
        article = article_with(body)  # a fresh article: its paragraphs are cached on it
        start = time.perf_counter()
        extract_article(article)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[50_000, 100_000, 200_000, 400_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--shape", choices=SHAPES, default="sentences")
    args = parser.parse_args()
    extract_article(article_with(long_paragraph(2_000, args.shape)))  # the lexicon loaded outside the timings
    for size in args.sizes:
        seconds = time_extraction(long_paragraph(size, args.shape), args.runs)
        target = "   target < 2 s at reference speed" if size == 400_000 else ""
        print(f"extract one {args.shape} paragraph of {size:>9,} characters {seconds:8.2f} s{target}", flush=True)


if __name__ == "__main__":
    main()
