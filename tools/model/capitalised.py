#!/usr/bin/env python3
"""How often each syllable is written with a capital inside a sentence: names ("Ấn Độ", "Lâm
Đồng", "Việt Nam") against common words ("ăn", "làm", "viết"), which a stripped or OCR'd name
cannot tell apart.

usage: tools/model/capitalised.py [--corpus ../shared/corpus] [--out dictionaries/capitalised.tsv]

Counted in documents that are not held out (corpus.py), over words inside a sentence: not the
first word of a line, nor after a word ending in . ! ? : …, a bullet ("-", "+") or an item's
letter opening the line ("a)", "12)"), nor one opening with a quote or bracket, and not in a
line whose words are mostly capitalised (headings, titles). A word counts as
capitalised in Title Case ("Lâm"); words in capitals are left aside. Output, per canonical
syllable seen at least MIN_TOTAL times so: `syllable \\t capitalised \\t total`, sorted by
syllable, after one comment line; deterministic. Written by tools/build-model in its one pass
over the corpus; runnable alone.
"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import corpus  # noqa: E402
from syllables import canonical  # noqa: E402

MIN_TOTAL = 3
FILE_NAME = "capitalised.tsv"
SENTENCE_END = tuple(".!?:…")
BULLETS = {"-", "–", "—", "+", "•", "*"}
OPENING = "\"'“‘([«"
CLOSING = "\"'”’)]»,;.!?:…"


def is_list_marker(token):
    """"a)", "đ)", "12)": an item's letter or number opening a line."""
    return token.endswith(")") and 1 <= len(token) - 1 <= 2 and token[:-1].isalnum()


def count_line(counts, line):
    """Adds the words inside sentences of one line to `counts` (syllable → [capitalised, total])."""
    tokens = line.split()
    if not tokens:
        return
    titled = sum(1 for t in tokens if t[:1].isupper())
    if titled * 5 >= len(tokens) * 3:
        return
    previous = None
    for i, token in enumerate(tokens):
        word = token.lstrip(OPENING)
        inside = (previous is not None and not previous.endswith(SENTENCE_END) and word == token
                  and previous not in BULLETS and not (i == 1 and is_list_marker(previous)))
        previous = token
        word = word.rstrip(CLOSING)
        if not inside or not word.isalpha() or (len(word) > 1 and word.isupper()):
            continue
        syllable = canonical(word)
        if syllable is None:
            continue
        entry = counts.setdefault(syllable, [0, 0])
        entry[1] += 1
        if word[0].isupper() and word[1:].islower() or len(word) == 1 and word.isupper():
            entry[0] += 1


def write(counts, path, min_total=MIN_TOTAL):
    rows = sorted((s, c, n) for s, (c, n) in counts.items() if n >= min_total)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(f"# capitalised inside a sentence: syllable\tcapitalised\ttotal (total >= {min_total}; "
                "tools/model/capitalised.py)\n")
        for s, c, n in rows:
            f.write(f"{s}\t{c}\t{n}\n")
    return len(rows)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.join(HERE, "..", "..", "..", "shared", "corpus"))
    ap.add_argument("--out", default=os.path.join(HERE, "..", "..", "dictionaries", FILE_NAME))
    args = ap.parse_args()
    n = write(corpus.count_training_lines(args.corpus, count_line), args.out)
    print(f"{args.out}: {n} syllables", file=sys.stderr)


if __name__ == "__main__":
    main()
