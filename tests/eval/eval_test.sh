#!/usr/bin/env bash
# Quality floors on the shared evaluation data, scored by the shared scorers.
# Skips (exit 0, "skipped") when ../shared/eval is absent.
# usage: eval_test.sh WINNOW_BINARY SHARED_DIR
set -uo pipefail
W=$1
S=$2
if [ ! -f "$S/eval/dedup/dev.docs.jsonl" ] || ! command -v python3 >/dev/null; then
  echo "eval: $S/eval not found (or no python3), skipped"
  exit 0
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
# floor NAME VALUE MIN: VALUE >= MIN
floor() {
  if python3 -c "import sys; sys.exit(0 if float('$2') >= float('$3') else 1)"; then
    echo "ok   $1 = $2 (floor $3)"
  else
    echo "FAIL $1 = $2 (floor $3)"
    fail=1
  fi
}
# ceiling NAME VALUE MAX: VALUE <= MAX
ceiling() {
  if python3 -c "import sys; sys.exit(0 if float('$2') <= float('$3') else 1)"; then
    echo "ok   $1 = $2 (ceiling $3)"
  else
    echo "FAIL $1 = $2 (ceiling $3)"
    fail=1
  fi
}
get() { python3 -c "import json,sys; d=json.load(open('$1')); print(eval('d' + sys.argv[1]))" "$2"; }

D=$S/eval/dedup
"$W" run -q "$D/dev.docs.jsonl" -o "$T/kept.jsonl" --dropped "$T/dropped.jsonl" || fail=1
python3 "$S/eval/score_dedup.py" "$D/dev.gold.jsonl" "$T/kept.jsonl" "$T/dropped.jsonl" \
  --hardneg "$D/dev.hardneg.jsonl" --json >"$T/dedup.json" || fail=1
floor "dedup-dev pairwise F1" "$(get "$T/dedup.json" "['pairwise']['f1']")" 0.95
floor "dedup-dev pairwise precision" "$(get "$T/dedup.json" "['pairwise']['precision']")" 0.99
ceiling "dedup-dev clusters lost" "$(get "$T/dedup.json" "['outcome']['clusters_lost']")" 0
ceiling "dedup-dev hard negatives merged" "$(get "$T/dedup.json" "['hard_negatives']['merged']")" 0

"$W" clean -q --keep-empty "$D/dev.docs.jsonl" -o "$T/clean.jsonl" || fail=1
python3 "$S/eval/score_clean.py" "$D/dev.gold.jsonl" "$T/clean.jsonl" --json >"$T/clean.json" || fail=1
floor "dedup-dev template lines removed" "$(get "$T/clean.json" "['overall']['line']['boilerplate_removed']")" 0.95
floor "dedup-dev content kept" "$(get "$T/clean.json" "['overall']['line']['content_kept']")" 0.97

"$W" run -q --keep-empty "$S/seeds/seeds.docs.jsonl" -o "$T/seeds.jsonl" || fail=1
python3 "$S/eval/score_clean.py" "$S/seeds/seeds.gold.jsonl" "$T/seeds.jsonl" --json >"$T/seeds.json" || fail=1
floor "seeds content kept" "$(get "$T/seeds.json" "['overall']['line']['content_kept']")" 1.0
floor "seeds boilerplate and repeats removed" "$(get "$T/seeds.json" "['overall']['line']['boilerplate_removed']")" 1.0
# The boilerplate dev sets: regression floors a little under today's figures
# (the targets of the issue are higher; see the README's table).
B=$S/eval/boilerplate
"$W" clean -q --keep-empty "$B/l3s-gn1.docs.jsonl" "$B/cleaneval-dev.docs.jsonl" -o "$T/bp.jsonl" || fail=1
python3 "$S/eval/score_clean.py" "$B" "$T/bp.jsonl" --json >"$T/bp.json" || fail=1
floor "L3S-GN1 content kept" "$(get "$T/bp.json" "['sets']['l3s-gn1']['line']['content_kept']")" 0.91
floor "L3S-GN1 boilerplate removed" "$(get "$T/bp.json" "['sets']['l3s-gn1']['line']['boilerplate_removed']")" 0.92
floor "CleanEval content kept" "$(get "$T/bp.json" "['sets']['cleaneval-dev']['line']['content_kept']")" 0.85
floor "CleanEval boilerplate removed" "$(get "$T/bp.json" "['sets']['cleaneval-dev']['line']['boilerplate_removed']")" 0.79
floor "seeds records kept" "$(wc -l <"$T/seeds.jsonl")" 5
# Determinism on real data: -j1, -j2, -j8 and a second run give the same bytes.
for j in 1 2 8; do
  "$W" run -q -j$j "$D/dev.docs.jsonl" "$B/l3s-gn1.docs.jsonl" "$B/cleaneval-dev.docs.jsonl" \
    -o "$T/det$j.jsonl" --dropped "$T/det$j.dropped" --clusters "$T/det$j.clusters" --annotate || fail=1
done
"$W" run -q -j2 "$D/dev.docs.jsonl" "$B/l3s-gn1.docs.jsonl" "$B/cleaneval-dev.docs.jsonl" \
  -o "$T/det2b.jsonl" --dropped "$T/det2b.dropped" --clusters "$T/det2b.clusters" --annotate || fail=1
for f in jsonl dropped clusters; do
  for other in 2 8 2b; do
    if cmp -s "$T/det1.$f" "$T/det$other.$f"; then
      echo "ok   eval corpora: -j1 and -j$other give the same $f"
    else
      echo "FAIL eval corpora: -j1 and -j$other differ in $f"
      fail=1
    fi
  done
done
exit $fail
