#!/bin/sh
# Regenerates the OCR fixtures of `vietdoc eval restore`: the clean seed documents 001, 003 and
# 004 (not corpus text, not in the model's counts) rendered to degraded pages and OCR'd with
# tesseract. Deterministic (seeded degradation).
#   eval/restore/ocr/   settings (b)/(c): rendered pages (blur, resampling, speckle), `eng` and `vie`
#   eval/restore/scan/  setting (e): pages degraded as real scans (skew, photocopy noise, 200 dpi,
#                       JPEG, fax-like 1-bit), `eng`, `vie` and `vie+eng`
# usage: eval/restore/make-fixtures.sh [SEEDS_DIR] [ocr|scan|all]   (default ../shared/seeds all)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
seeds=${1:-$here/../../../shared/seeds}
which=${2:-all}
i=500
for f in "$seeds"/001_*.txt "$seeds"/003_*.txt "$seeds"/004_*.txt; do
    name=$(basename "$f" .txt)
    if [ "$which" != scan ]; then
        /usr/bin/python3 "$here/../../tools/model/render_ocr.py" --input "$f" --out "$here/ocr/$name" --first-index $i
    fi
    if [ "$which" != ocr ]; then
        /usr/bin/python3 "$here/../../tools/model/render_ocr.py" --input "$f" --out "$here/scan/$name" \
            --first-index $i --degrade scan --lang eng,vie,vie+eng
    fi
    i=$((i + 100))
done
