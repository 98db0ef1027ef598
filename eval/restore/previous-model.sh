#!/bin/sh
# Writes the dictionary model of a git revision to DIR, the baseline `vietdoc eval restore`
# prints beside the current model (it reads .build/previous-model by default).
# REV defaults to the model before the last change: HEAD when dictionaries/ has uncommitted
# changes to the model files, otherwise the parent of the last commit that changed them.
# usage: eval/restore/previous-model.sh [REV] [DIR]   (default DIR: .build/previous-model)
set -eu
cd "$(dirname "$0")/../.."
files="dictionaries/vietdoc-model.bin dictionaries/confusions.tsv dictionaries/foreign-words.tsv dictionaries/capitalised.tsv"
if [ $# -ge 1 ] && [ -n "$1" ]; then
    rev=$1
elif ! git diff --quiet HEAD -- $files; then
    rev=HEAD
else
    rev=$(git log -1 --format=%H -- $files)^
fi
out=${2:-.build/previous-model}
mkdir -p "$out"
for f in $(git ls-tree --name-only "$rev" dictionaries/); do
    git show "$rev:$f" > "$out/$(basename "$f")"
done
echo "$(git rev-parse --short "$rev"): $(git ls-tree --name-only "$rev" dictionaries/ | wc -l) files in $out" >&2
