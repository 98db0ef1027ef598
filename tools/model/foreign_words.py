#!/usr/bin/env python3
"""Words of the corpus that are no Vietnamese syllable: foreign names and loans ("Chelsea",
"Apple", "Canada", "Windows"), counted so that vietdoc can tell them from OCR damage.

usage: tools/model/foreign_words.py [--corpus ../shared/corpus] [--out dictionaries/foreign-words.tsv]

A word is a white-space token without digits; its key is its letters a–z, accent-free and
lower-case (the form `RegimeStatistics` looks up). Counted in documents that are not held out
(corpus.py), only where written in lower or title case: a word seen only in capitals is an
acronym, which the regime judge leaves aside anyway. Keys that have a Vietnamese syllable's
shape are left out; so are keys of one letter. A key is listed when seen at least MIN_COUNT
times, with its written form when one form with marks holds at least 2/3 of its occurrences
("ôxy", "itō", "kitô"), which restores such words in stripped text. Output: `key \\t count
[\\t form \\t form count]`, sorted by key, after one comment line; deterministic.
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
FORM_SHARE = (2, 3)       # a written form with marks is listed when it holds >= 2/3 of its key's occurrences
PUNCTUATION = ".,;:!?…()[]{}\"'“”‘’«»-–—/"
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


def written_form(token, k):
    """The token as written, lower-case NFC, when it is letters only and each of them folds to
    one letter of `k` ("Itō" for "ito", "ôxy" for "oxy"); else None."""
    word = token.strip(PUNCTUATION)
    if not word.isalpha():
        return None
    form = unicodedata.normalize("NFC", word.lower())
    return form if len(form) == len(k) else None


def count_line(counts, line):
    """Adds the foreign words of one line of text to `counts` (key → [occurrences, {written
    form: occurrences}])."""
    for token in line.split():
        k = key(token)
        if not k or len(k) < 2 or is_capitals(token) or SHAPE.match(k):
            continue
        entry = counts.setdefault(k, [0, {}])
        entry[0] += 1
        form = written_form(token, k)
        if form is not None and form != k:
            entry[1][form] = entry[1].get(form, 0) + 1


def write(counts, path, min_count=MIN_COUNT):
    """Writes `key \t count [\t form \t form count]`: the form when one written form with marks
    holds at least FORM_SHARE of the key's occurrences."""
    rows = []
    for k, (n, forms) in sorted(counts.items()):
        if n < min_count:
            continue
        row = f"{k}\t{n}"
        if forms:
            form, m = min(forms.items(), key=lambda f: (-f[1], f[0]))
            if m * FORM_SHARE[1] >= n * FORM_SHARE[0]:
                row += f"\t{form}\t{m}"
        rows.append(row)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(f"# foreign words: key\tcount[\tform\tform count] (seen >= {min_count} times, not in capitals; "
                "tools/model/foreign_words.py)\n")
        for row in rows:
            f.write(row + "\n")
    return len(rows)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.join(HERE, "..", "..", "..", "shared", "corpus"))
    ap.add_argument("--out", default=os.path.join(HERE, "..", "..", "dictionaries", FILE_NAME))
    ap.add_argument("--min-count", type=int, default=MIN_COUNT)
    args = ap.parse_args()
    n = write(corpus.count_training_lines(args.corpus, count_line), args.out, args.min_count)
    print(f"{args.out}: {n} words", file=sys.stderr)


if __name__ == "__main__":
    main()
