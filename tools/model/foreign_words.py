#!/usr/bin/env python3
"""Words of the corpus that are no Vietnamese syllable: foreign names and loans ("Chelsea",
"Apple", "Canada", "Windows"), counted so that vietdoc can tell them from OCR damage.

usage: tools/model/foreign_words.py [--corpus ../shared/corpus] [--out dictionaries/foreign-words.tsv]

A word is a white-space token without digits; its key is its letters a–z, accent-free and
lower-case (the form `RegimeStatistics` looks up). Counted in documents that are not held out
(corpus.py), only where written in lower or title case: a word seen only in capitals is an
acronym, which the regime judge leaves aside anyway. Keys that have a Vietnamese syllable's
shape are left out; so are keys of one letter. A key is listed when seen at least MIN_COUNT
times. Output: `key \\t count`, sorted by key, after one comment line; deterministic.
Written by tools/build-model in its one pass over the corpus; runnable alone.
"""
import argparse
import os
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import corpus  # noqa: E402
from syllables import SHAPE  # noqa: E402

MIN_COUNT = 5
FILE_NAME = "foreign-words.tsv"


def key(token):
    """The token's letters a–z, accent-free and lower-case, or None when it holds a digit."""
    out = []
    for c in unicodedata.normalize("NFD", token.replace("Đ", "D").replace("đ", "d")):
        if c.isdigit():
            return None
        if "a" <= c.lower() <= "z":
            out.append(c.lower())
    return "".join(out)


def is_capitals(token):
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def count_line(counts, line):
    """Adds the foreign words of one line of text to `counts` (key → occurrences)."""
    for token in line.split():
        k = key(token)
        if not k or len(k) < 2 or is_capitals(token) or SHAPE.match(k):
            continue
        counts[k] = counts.get(k, 0) + 1


def count(corpus_dir):
    counts = {}
    for source in corpus.SOURCES:
        for _doc_id, held_out, lines in corpus.documents(corpus_dir, source):
            if not held_out:
                for line in lines:
                    count_line(counts, line)
    return counts


def write(counts, path, min_count=MIN_COUNT):
    rows = sorted((k, n) for k, n in counts.items() if n >= min_count)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(f"# foreign words: key\tcount (seen >= {min_count} times, not in capitals; tools/model/foreign_words.py)\n")
        for k, n in rows:
            f.write(f"{k}\t{n}\n")
    return len(rows)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.join(HERE, "..", "..", "..", "shared", "corpus"))
    ap.add_argument("--out", default=os.path.join(HERE, "..", "..", "dictionaries", FILE_NAME))
    ap.add_argument("--min-count", type=int, default=MIN_COUNT)
    args = ap.parse_args()
    n = write(count(args.corpus), args.out, args.min_count)
    print(f"{args.out}: {n} words", file=sys.stderr)


if __name__ == "__main__":
    main()
