"""Reading the shared corpus by document, and the held-out rule shared by build and evaluation.

A document (one manifest row) is HELD OUT of the model when
    int(sha1("<source>\\t<doc_id>").hexdigest()[:8], 16) % 50 == 0
i.e. about 2 % of the documents of every source. Held-out documents are never counted; the
list is written to dictionaries/heldout.tsv (shard, first line, line count, source, doc id) so
that `vietdoc eval restore` and the tests read the same documents.
"""
import hashlib
import os
import unicodedata

SOURCES = ["vlc-law", "tvpl-legal", "unc-news", "viwiki", "fvdp-dict", "ud-vtb"]
HELDOUT_MODULUS = 50


def is_held_out(source, doc_id):
    h = hashlib.sha1((source + "\t" + doc_id).encode("utf-8")).hexdigest()
    return int(h[:8], 16) % HELDOUT_MODULUS == 0


def manifest(corpus, source):
    rows = []
    with open(os.path.join(corpus, "manifests", source + ".tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            shard, first, count, doc_id, _path = line.rstrip("\n").split("\t")
            rows.append((shard, int(first), int(count), doc_id))
    return rows


def documents(corpus, source):
    """Yields (doc_id, held_out, lines) for each document of a source, in manifest order."""
    cache = {}
    for shard, first, count, doc_id in manifest(corpus, source):
        if shard not in cache:
            cache.clear()
            with open(os.path.join(corpus, "text", source, shard), encoding="utf-8") as f:
                cache[shard] = f.read().split("\n")
        lines = cache[shard][first - 1: first - 1 + count]
        yield doc_id, is_held_out(source, doc_id), [unicodedata.normalize("NFC", l) for l in lines]


def training_lines(corpus_dir):
    """Yields every line of the documents that are not held out, source by source in order."""
    for source in SOURCES:
        for _doc_id, held_out, lines in documents(corpus_dir, source):
            if not held_out:
                yield from lines


def count_training_lines(corpus_dir, count_line):
    """The counts `count_line(counts, line)` makes of every line of `training_lines`."""
    counts = {}
    for line in training_lines(corpus_dir):
        count_line(counts, line)
    return counts
