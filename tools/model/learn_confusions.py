#!/usr/bin/python3
"""Learn the OCR confusion channel: render training sentences, OCR them, align, count.

1. Picks lines of NON-held-out documents of the legal and news sources (a line is picked when
   sha1(line) mod 61 == 0 and it has 40–400 characters), in corpus order, until --lines; and
   with --scan-lines N, N more with sha1(line) mod 61 == 1 for scan pages. Never the seeds.
   The committed table uses no scan pages (--scan-lines 0): with 450 they raised (e) but also
   the harm on correct text (docs/RESTORATION.md).
2. Renders the first set to degraded pages (render_ocr.py --degrade render) OCR'd with tesseract
   `eng` and `vie`, and the second to pages degraded as real scans (--degrade scan: skew,
   photocopy noise, 200 dpi, JPEG, fax-like 1-bit) OCR'd with `eng`, `vie` and `vie+eng`, in a
   scratch folder outside the repository (corpus text is never committed). Counts of both kinds
   of page are added up per tesseract language.
3. Aligns OCR lines to the rendered lines, tokens to tokens (1–1, 2–1 merges), and characters
   within aligned tokens (Levenshtein), and counts, per language, the rewrite patterns
   gold chunk → OCR chunk (maximal runs of differing characters, lower-cased), the number of
   times each gold chunk occurred, token merges, and how vowel marks fared.
4. Writes dictionaries/confusions.tsv (derived counts only).

usage: learn_confusions.py --corpus ../shared/corpus --work /tmp/vietdoc-confusions --out dictionaries/confusions.tsv
"""
import argparse
import collections
import difflib
import hashlib
import os
import subprocess
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus  # noqa: E402

LANGS = ("eng", "vie", "vie+eng")
TONES = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}


def skel(s):
    d = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in d if unicodedata.category(c) != "Mn")


def pick_lines(corpus_dir, limit, residue=0):
    out = []
    for source in ("vlc-law", "tvpl-legal", "unc-news"):
        quota = limit // 3
        n = 0
        for _doc, held, lines in corpus.documents(corpus_dir, source):
            if held:
                continue
            for line in lines:
                if 40 <= len(line) <= 400 and int(hashlib.sha1(line.encode()).hexdigest()[:8], 16) % 61 == residue:
                    out.append(line)
                    n += 1
                    if n >= quota:
                        break
            if n >= quota:
                break
    return out


def lev_ops(a, b):
    n, m = len(a), len(b)
    d = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        d[i][0] = i
    for j in range(m + 1):
        d[0][j] = j
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
    ops, i, j = [], n, m
    while i > 0 or j > 0:
        if i > 0 and j > 0 and d[i][j] == d[i - 1][j - 1] + (a[i - 1] != b[j - 1]):
            ops.append((a[i - 1], b[j - 1])); i -= 1; j -= 1
        elif i > 0 and d[i][j] == d[i - 1][j] + 1:
            ops.append((a[i - 1], "")); i -= 1
        else:
            ops.append(("", b[j - 1])); j -= 1
    return ops[::-1]


def chunks(gold, ocr):
    """Maximal runs of differing aligned characters: [(gold_chunk, ocr_chunk)]."""
    res, g, o = [], "", ""
    for a, b in lev_ops(gold, ocr):
        if a == b:
            if g or o:
                res.append((g, o)); g, o = "", ""
        else:
            g += a; o += b
    if g or o:
        res.append((g, o))
    return res


def ratio(a, b):
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def align(xs, ys, cost, gap):
    """Monotone alignment; returns matched index pairs."""
    n, m = len(xs), len(ys)
    d = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        d[i][0] = i * gap
    for j in range(m + 1):
        d[0][j] = j * gap
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            d[i][j] = min(d[i - 1][j] + gap, d[i][j - 1] + gap, d[i - 1][j - 1] + cost(xs[i - 1], ys[j - 1]))
    pairs, i, j = [], n, m
    while i > 0 and j > 0:
        if abs(d[i][j] - (d[i - 1][j - 1] + cost(xs[i - 1], ys[j - 1]))) < 1e-9:
            pairs.append((i - 1, j - 1)); i -= 1; j -= 1
        elif abs(d[i][j] - (d[i - 1][j] + gap)) < 1e-9:
            i -= 1
        else:
            j -= 1
    return pairs[::-1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--work", default="/tmp/vietdoc-confusions")
    ap.add_argument("--out", required=True)
    ap.add_argument("--lines", type=int, default=1200)
    ap.add_argument("--scan-lines", type=int, default=0, help="lines rendered as scans (0: none; 450 tried)")
    ap.add_argument("--skip-ocr", action="store_true", help="reuse the OCR outputs in --work")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    # (folder, degradation, residue of the line pick, lines, tesseract languages, first page index)
    kinds = [("pages", "render", 0, args.lines, ("eng", "vie"), 7)]
    if args.scan_lines > 0:
        kinds.append(("scan", "scan", 1, args.scan_lines, LANGS, 7))
    if not args.skip_ocr:
        # The two kinds of page are rendered and OCR'd side by side (one tesseract thread each).
        procs = []
        for folder, degrade, residue, n, langs, first in kinds:
            src = os.path.join(args.work, folder + "-input.txt")
            with open(src, "w", encoding="utf-8") as f:
                f.write("\n".join(pick_lines(args.corpus, n, residue)) + "\n")
            procs.append(subprocess.Popen([
                sys.executable, os.path.join(os.path.dirname(__file__), "render_ocr.py"), "--input", src,
                "--out", os.path.join(args.work, folder), "--first-index", str(first), "--degrade", degrade,
                "--lang", ",".join(langs)]))
        if any(p.wait() != 0 for p in procs):
            sys.exit("render_ocr.py failed")
    jobs = []  # (lang, page base path, degradation)
    for folder, degrade, _residue, _n, langs, _first in kinds:
        d = os.path.join(args.work, folder)
        for p in sorted(p[:-9] for p in os.listdir(d) if p.endswith(".gold.txt")):
            jobs.extend((lang, os.path.join(d, p), degrade) for lang in langs)
    rules = {l: collections.Counter() for l in LANGS}
    marks = {l: collections.Counter() for l in LANGS}
    # Per vowel letter: gold letter -> OCR letter of the same skeleton (ê -> é), in aligned tokens.
    letters = {l: collections.Counter() for l in LANGS}
    merges = collections.Counter()
    gold_tokens = {l: collections.Counter() for l in LANGS}
    for lang, base, degrade in jobs:
        with open(base + ".gold.txt", encoding="utf-8") as f:
            gl = [l for l in f.read().split("\n") if l.strip()]
        with open(base + "." + lang + ".txt", encoding="utf-8") as f:
            ol = [unicodedata.normalize("NFC", l.strip()) for l in f.read().split("\n") if l.strip()]
        for i, j in align(gl, ol, lambda a, b: 1 - ratio(skel(a.lower()), skel(b.lower())), 0.8):
            g, o = gl[i].lower().split(), ol[j].lower().split()
            if ratio(skel(" ".join(g)), skel(" ".join(o))) < 0.6:
                continue
            # Merges: one OCR token standing for two gold tokens. Counted on the rendered pages
            # only: the scans' touching words (1-bit pages) made splits cheap enough to split
            # correct words of stripped and accented text (dictionaries/README.md).
            for k in range(len(g) - 1 if degrade == "render" else 0):
                merges[(lang, "boundary")] += 1
                if skel(g[k] + g[k + 1]) in {skel(t) for t in o}:
                    merges[(lang, "merged")] += 1
            for a, b in align(g, o, lambda x, y: 1 - ratio(skel(x), skel(y)), 0.7):
                gt, ot = g[a], o[b]
                if ratio(skel(gt), skel(ot)) < 0.34 or len(gt) > 12 or len(ot) > 14:
                    continue
                gold_tokens[lang][gt] += 1
                for gc, oc in chunks(gt, ot):
                    if len(gc) <= 2 and len(oc) <= 3:
                        rules[lang][(gc, oc)] += 1
                if skel(gt) == skel(ot) and len(gt) == len(ot):
                    for x, y in zip(gt, ot):
                        if skel(x) in "aeiouy":
                            letters[lang][(x, y)] += 1
                        if x != skel(x):
                            marks[lang]["kept" if x == y else ("dropped" if y == skel(y) else "changed")] += 1
    # Denominators: occurrences of each gold chunk in the aligned gold tokens.
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("# vietdoc learned OCR confusion channel (derived counts; tools/model/learn_confusions.py)\n")
        f.write("# kind\tlang\tgold\tocr\tcount\tgold_total\n")
        for lang in [l for l in LANGS if any(j[0] == l for j in jobs)]:
            for k in ("kept", "dropped", "changed"):
                f.write("mark\t%s\t%s\t\t%d\t%d\n" % (lang, k, marks[lang][k], sum(marks[lang].values())))
            f.write("merge\t%s\t \t\t%d\t%d\n" % (lang, merges[(lang, "merged")], merges[(lang, "boundary")]))
            letter_totals = collections.Counter()
            for (x, _), n in letters[lang].items():
                letter_totals[x] += n
            for (x, y), n in sorted(letters[lang].items()):
                if n >= 2:
                    f.write("letter\t%s\t%s\t%s\t%d\t%d\n" % (lang, x, y, n, letter_totals[x]))
            for (gc, oc), n in sorted(rules[lang].items(), key=lambda kv: (-kv[1], kv[0])):
                if n < 2:
                    continue
                total = sum(c * t.count(gc) for t, c in gold_tokens[lang].items()) if gc else sum(
                    c * (len(t) + 1) for t, c in gold_tokens[lang].items())
                f.write("rule\t%s\t%s\t%s\t%d\t%d\n" % (lang, gc, oc, n, max(total, n)))
        # Patterns seen in real archive OCR that rendered pages do not produce (documented there).
        observed = os.path.join(os.path.dirname(os.path.abspath(__file__)), "observed-confusions.tsv")
        with open(observed, encoding="utf-8") as obs:
            for line in obs:
                if not line.startswith("#") and line.strip():
                    f.write(line.replace("\trule\t", "rule\t") if False else "observed" + line[len("rule"):])
    print("pages", len(jobs), "rules", {k: len(v) for k, v in rules.items()}, file=sys.stderr)


if __name__ == "__main__":
    main()
