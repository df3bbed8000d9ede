#!/usr/bin/env bash
# Scores `winnow clean` on the shared evaluation data (../shared/eval and
# ../shared/seeds) with the shared scorer. Extra arguments go to winnow.
# usage: bench/eval_clean.sh WINNOW_BINARY [winnow clean options...]
set -euo pipefail
W=$1
shift
S=$(cd "$(dirname "$0")/../.." && pwd)/shared
[ -d "$S/eval" ] || { echo "eval_clean: $S/eval not found, skipping"; exit 0; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$W" clean -q --keep-empty "$@" "$S/seeds/seeds.docs.jsonl" -o "$T/seeds.jsonl"
python3 "$S/eval/score_clean.py" "$S/seeds/seeds.gold.jsonl" "$T/seeds.jsonl" | sed -n 4p
"$W" clean -q --keep-empty "$@" "$S/eval/boilerplate/l3s-gn1.docs.jsonl" "$S/eval/boilerplate/cleaneval-dev.docs.jsonl" -o "$T/bp.jsonl"
python3 "$S/eval/score_clean.py" "$S/eval/boilerplate" "$T/bp.jsonl" | sed -n 4,5p
"$W" clean -q --keep-empty "$@" "$S/eval/dedup/dev.docs.jsonl" -o "$T/dd.jsonl"
python3 "$S/eval/score_clean.py" "$S/eval/dedup/dev.gold.jsonl" "$T/dd.jsonl" | sed -n 4p | sed 's/^dev   /dedup-dev/'
# The L3S-GN1 pages with their content hard-wrapped at 45, 60 and 72
# columns (bench/wrap_pages.py): plain-text pages, mails.
python3 "$(dirname "$0")/wrap_pages.py" "$S/eval/boilerplate/l3s-gn1.docs.jsonl" \
  "$S/eval/boilerplate/l3s-gn1.gold.jsonl" "$T" 45 60 72
"$W" clean -q --keep-empty "$@" "$T/wrapped.docs.jsonl" -o "$T/wr.jsonl"
python3 "$S/eval/score_clean.py" "$T/wrapped.gold.jsonl" "$T/wr.jsonl" | sed -n 4,6p | sed 's/^wrap\([0-9]*\)    /l3s@\1cols/'
