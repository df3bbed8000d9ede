#!/usr/bin/env bash
# --config FILE (TOML), --print-config, and the report's version, options
# and rules: a run can be written down and run again.
# Usage: config_test.sh WINNOW_BINARY SAMPLES_DIR
set -u
W=$1
SAMPLES=$2
IN=$SAMPLES/news.jsonl
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/lib.sh"
differ() { ! cmp -s "$1" "$2"; }
opt() {  # opt REPORT NAME: the value of an option in a report, as JSON
  python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["options"][sys.argv[2]]))' "$1" "$2"
}

# --- a file's options are the command line's ------------------------------------
cat >"$T/a.toml" <<'EOF'
# Shared by every command: a key a command lacks is left to the others.
threshold = 0.9
good_min_words = 12
languages = ["en", "de"]

[clean]
no-context = true
no_repeats = true
EOF
run "$W" clean -q --config "$T/a.toml" "$IN" -o "$T/a.jsonl" --report "$T/a.json"
check "clean --config exits 0 (threshold is for other commands)" test "$rc" -eq 0
run "$W" clean -q --no-context --no-repeats --good-min-words 12 --languages en,de "$IN" -o "$T/a-cli.jsonl"
check "the file gives what the same options on the command line give" cmp -s "$T/a.jsonl" "$T/a-cli.jsonl"
run "$W" clean -q "$IN" -o "$T/default.jsonl"
check "... which is not what the defaults give" differ "$T/a.jsonl" "$T/default.jsonl"
check "report: a [clean] key" test "$(opt "$T/a.json" no_context)" = true
check "report: a top-level key" test "$(opt "$T/a.json" good_min_words)" = 12
check "report: a list" test "$(opt "$T/a.json" languages)" = '["en", "de"]'

# --- precedence: the command line, then the command's table, then the top level --
cat >"$T/b.toml" <<'EOF'
threshold = 0.9
num_perm = 64
[dedup]
threshold = 0.7
EOF
run "$W" dedup -q --config "$T/b.toml" "$IN" -o "$T/b.jsonl" --report "$T/b.json"
check "dedup: its table wins over the top level" test "$(opt "$T/b.json" threshold)" = 0.7
check "dedup: a top-level key applies" test "$(opt "$T/b.json" num_perm)" = 64
run "$W" run -q --config "$T/b.toml" "$IN" -o "$T/b.jsonl" --report "$T/b.json"
check "run: another command's table is not applied" test "$(opt "$T/b.json" threshold)" = 0.9
run "$W" dedup -q --config "$T/b.toml" --threshold 0.5 --num-perm 128 "$IN" -o "$T/b.jsonl" --report "$T/b.json"
check "the command line wins over the table" test "$(opt "$T/b.json" threshold)" = 0.5
check "the command line wins over the top level" test "$(opt "$T/b.json" num_perm)" = 128

# --- a file winnow cannot use: FILE:LINE and why, exit 2, nothing written --------
bad() {  # bad NAME TOML EXPECTED-MESSAGE [COMMAND]
  printf '%s\n' "$2" >"$T/bad.toml"
  run "$W" "${4:-run}" -q --config "$T/bad.toml" "$IN" -o "$T/bad.jsonl"
  check "$1: exit 2" test "$rc" -eq 2
  check "$1: message" has "$err" "$T/bad.toml:$3"
  check "$1: no output" test ! -e "$T/bad.jsonl"
}
bad "a misspelt key" $'# comment\nthreshold = 0.7\ntreshold = 0.7' "3: unknown option 'treshold' (no winnow command has it)"
bad "the first fault in the file is named" $'zz = 1\n[dedup]\nno_contex = true' "1: unknown option 'zz'"
bad "a key the command's table lacks" $'[dedup]\nno_context = true' "2: unknown option 'no_context' for 'winnow dedup'" dedup
bad "a table that is not a command" $'[deduplication]\nthreshold = 0.7' "1: unknown table [deduplication]"
bad "broken TOML" $'threshold = 0.7\nshingle = = 4' "2: "
bad "a list for one value" 'threshold = [0.7]' "1: 'threshold' takes one value, not a list"
bad "a switch given a number" 'no_near = 1' "1: 'no_near' is a switch: true or false"
bad "a value out of range" $'\nthreshold = 2.5' "2: --threshold: Value 2.5 not in range"
bad "a thread count that is no number" 'threads = "two"' "1: --threads: 'two' is not a whole number from 0 to 65536"
bad "a language winnow has no stopwords for" 'languages = ["en", "xx"]' "1: --languages: xx not in"
bad "--config inside a file" 'config = "other.toml"' "1: 'config' cannot be set in a config file"
run "$W" run --config "$T/none.toml" "$IN" -o "$T/bad.jsonl"
check "a missing file: exit 2" test "$rc" -eq 2
check "a missing file is named" has "$err" "$T/none.toml"

# --- the report says how a run was made, so it can be made again --------------------
run "$W" run -q --no-repeats --no-context --threshold 0.7 --shingle 4 --fold-digits --languages en,de --disable-rule donate \
  "$IN" -o "$T/r1.jsonl" --report "$T/r1.json"
check "report: the version" grep -q '"version": "[0-9]*\.[0-9]*\.[0-9]*"' "$T/r1.json"
check "report: options" test "$(opt "$T/r1.json" shingle)" = 4
# The options object, as TOML, runs the same job again.
python3 -c '
import json, sys
for k, v in json.load(open(sys.argv[1]))["options"].items():
    print(k, "=", json.dumps(v))' "$T/r1.json" >"$T/r1.toml"
run "$W" run -q --config "$T/r1.toml" --disable-rule donate "$IN" -o "$T/r2.jsonl" --report "$T/r2.json"
check "the report's options as a --config file: exit 0" test "$rc" -eq 0
check "... give the same output" cmp -s "$T/r1.jsonl" "$T/r2.jsonl"
run "$W" run -q "$IN" -o "$T/r0.jsonl"
check "... which the defaults do not" differ "$T/r1.jsonl" "$T/r0.jsonl"
fingerprint() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["rules"]; print(r["count"], r["fingerprint"], *r["packs"])' "$1"; }
check "the same rules: the same fingerprint" test "$(fingerprint "$T/r1.json")" = "$(fingerprint "$T/r2.json")"
run "$W" run -q "$IN" -o "$T/r0.jsonl" --report "$T/r0.json"
read -r n0 f0 _ <<<"$(fingerprint "$T/r0.json")"
read -r n1 f1 _ <<<"$(fingerprint "$T/r1.json")"
check "a disabled rule: one rule less" test "$n1" -eq $((n0 - 1))
check "a disabled rule: another fingerprint" test "$f1" != "$f0"
cat >"$T/pack.toml" <<'EOF'
[[rule]]
name = "house-promo"
category = "appeal"
scope = "line"
patterns = ['^visit our shop\b']
description = "the site's own shop"
EOF
run "$W" clean -q --rules "$T/pack.toml" "$IN" -o "$T/p.jsonl" --report "$T/p.json"
check "report: a pack added is listed" has "$(fingerprint "$T/p.json")" "$T/pack.toml"
run "$W" dedup -q "$IN" -o "$T/d.jsonl" --report "$T/d.json"
check "report: dedup has no rules" hasnt "$(cat "$T/d.json")" '"rules"'
check "report: dedup has no cleaning options" hasnt "$(cat "$T/d.json")" '"no_context"'

# --- --print-config: a starting file, with what was given --------------------------
run "$W" clean --config "$T/a.toml" --threads 1 --print-config
check "--print-config exits 0" test "$rc" -eq 0
check "--print-config: an option from the file" has "$out" "no_context = true"
check "--print-config: one from the command line" has "$out" "threads = 1"
check "--print-config: a default" has "$out" "short_line_cost = 2"
check "--print-config: an option's description" has "$out" "# Words for an article-like line"
printf '%s\n' "$out" >"$T/printed.toml"
run "$W" clean -q --config "$T/printed.toml" "$IN" -o "$T/printed.jsonl"
check "the printed file runs the same job" cmp -s "$T/printed.jsonl" "$T/a.jsonl"

# --- winnow rules --list shows the rules a file gives the other commands ----------
printf 'disable_rule = ["donate", "advertisement"]\nthreshold = 0.5\n' >"$T/r.toml"
run "$W" rules --list
all=$(wc -l <"$T/out")
check "rules --list names donate" grep -q $'^donate\t' "$T/out"
run "$W" rules --list --config "$T/r.toml"
check "rules --list --config: exit 0 (threshold is for other commands)" test "$rc" -eq 0
check "rules --list --config: two rules fewer" test "$(wc -l <"$T/out")" -eq $((all - 2))
check "rules --list --config: donate is off" test "$(grep -c $'^donate\t' "$T/out")" -eq 0

# --- learn takes its model path from a file too ------------------------------------
printf '[learn]\noutput = "%s"\n' "$T/m.model" >"$T/l.toml"
run "$W" learn -q --config "$T/l.toml" "$IN"
check "learn: -o from the file" test -s "$T/m.model"
run "$W" learn -q "$IN"
check "learn without a model path: exit 2" test "$rc" -eq 2
check "learn without a model path: said" has "$err" "no model file given"

echo "config: $pass passed, $fail failed"
test "$fail" -eq 0
