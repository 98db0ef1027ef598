#!/bin/sh
# Regenerates the OCR fixtures of `vietdoc eval restore` settings (b) and (c): the clean seed
# documents 001, 003 and 004 (not corpus text, not in the model's counts) rendered to degraded
# pages and OCR'd with tesseract `eng` and `vie`. Deterministic (seeded degradation).
# usage: eval/restore/make-fixtures.sh [SEEDS_DIR]   (default ../shared/seeds)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
seeds=${1:-$here/../../../shared/seeds}
i=500
for f in "$seeds"/001_*.txt "$seeds"/003_*.txt "$seeds"/004_*.txt; do
    name=$(basename "$f" .txt)
    /usr/bin/python3 "$here/../../tools/model/render_ocr.py" --input "$f" --out "$here/ocr/$name" --first-index $i
    i=$((i + 100))
done
