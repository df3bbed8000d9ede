#!/usr/bin/env bash
# CLI tests: exit codes, what goes to stdout and stderr, and end-to-end runs
# of the built binary. Usage: cli_test.sh WINNOW_BINARY SAMPLES_DIR
set -u
W=$1
SAMPLES=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/lib.sh"

# --- help and usage ------------------------------------------------------------
run "$W" --help
check "--help exits 0" test "$rc" -eq 0
check "--help goes to stdout" has "$out" "run"
check "--help leaves stderr empty" test -z "$err"
run "$W" run --help
check "run --help exits 0" test "$rc" -eq 0
for g in INPUT CLEANING DEDUP OUTPUT; do check "run --help has group $g" has "$out" "$g"; done
run "$W" run --foo
check "unknown option exits 2" test "$rc" -eq 2
check "unknown option is named" has "$err" "winnow: unknown option '--foo'"
check "usage follows the error" has "$err" "usage:"
check "nothing on stdout for a usage error" test -z "$out"
run "$W"
check "no command exits 2" test "$rc" -eq 2
run "$W" run --threshold 7 "$SAMPLES/news.jsonl"
check "out-of-range value exits 2" test "$rc" -eq 2
for bad in "-j two" "-j -3" "--max-record-bytes 1e6"; do
  run "$W" run $bad "$SAMPLES/news.jsonl"
  check "'$bad' exits 2" test "$rc" -eq 2
  check "'$bad' is answered with the range, in a line" has "$err" "'${bad#* }' is not a whole number from "
  check "... a short one" test "$(head -1 <<<"$err" | wc -c)" -lt 120
done
run "$W" --version
check "--version exits 0" test "$rc" -eq 0

# --- bad input: rejected with file and line, the run goes on --------------------
printf '%s\n' '{"id":"ok1","text":"A fine record about the harbour and its boats."}' \
  '{"id":"broken","text":"no end' \
  '{"id":"notext","body":"x"}' \
  '{"id":"num","text":42}' \
  '{"id":"ok2","text":"Another fine record, this one about the market square."}' >"$T/mixed.jsonl"
printf '{"id":"utf","text":"caf\xe9"}\n' >>"$T/mixed.jsonl"
run "$W" run "$T/mixed.jsonl" -o "$T/kept.jsonl" --rejects "$T/rej.jsonl" --report "$T/r.json"
check "rejects do not fail the run" test "$rc" -eq 0
check "good records kept" test "$(wc -l <"$T/kept.jsonl")" -eq 2
check "four rejects" test "$(wc -l <"$T/rej.jsonl")" -eq 4
check "reject names line 2" has "$(cat "$T/rej.jsonl")" '"line":2,"offset":'
check "reject reason invalid-utf8 on line 6" has "$(cat "$T/rej.jsonl")" '"line":6,"offset":'
check "report balanced" has "$(cat "$T/r.json")" '"balanced": true'
check "summary on stderr" has "$err" "rejected 4"
run "$W" run "$T/mixed.jsonl" -o "$T/kept2.jsonl" --strict -q
check "--strict exits 1 with rejects" test "$rc" -eq 1
check "--quiet is quiet" test -z "$err"

# --- rule options take one value each: the input after them stays an input -----
printf '%s\n' '{"id":"c","text":"Copyright 2024 Daily Planet Inc. All rights reserved."}' >"$T/footer.jsonl"
run "$W" clean --disable-rule copyright --disable-rule navigation "$T/footer.jsonl" -o "$T/footer.out.jsonl"
check "--disable-rule NAME INPUT: the input is read" test "$rc" -eq 0
check "--disable-rule NAME INPUT: the disabled rule does not fire" has "$(cat "$T/footer.out.jsonl")" "Copyright 2024"
run "$W" clean "$T/footer.jsonl" -o "$T/footer2.jsonl"
check "the same line goes with the rule on" has "$err" "rule:copyright 1"

# --- rules --check: FILE:LINE for a bad pattern; a note when a pack slows paragraphs
printf '%s\n' '[[rule]]' 'name = "promo"' 'max_words = 6' "patterns = ['^limited offer']" >"$T/good.toml"
run "$W" rules --check "$T/good.toml"
check "rules --check good pack: exit 0" test "$rc" -eq 0
check "rules --check good pack: ok, 1 rules" has "$out" "good.toml: ok, 1 rules"
check "rules --check good pack: no note" test "$(printf '%s' "$out" | grep -c note)" -eq 0
printf '%s\n' '[[rule]]' 'name = "bad"' "patterns = ['(unclosed']" >"$T/bad.toml"
run "$W" rules --check "$T/bad.toml"
check "rules --check bad pattern: exit 2" test "$rc" -eq 2
check "rules --check bad pattern: FILE:LINE:" has "$err" "bad.toml:1:"
printf '%s\n' '[[rule]]' 'name = "years"' "patterns = ['\\d{4}']" >"$T/slow.toml"
run "$W" rules --check "$T/slow.toml"
check "rules --check unfiltered unlimited rule: exit 0" test "$rc" -eq 0
check "rules --check unfiltered unlimited rule: a note" has "$out" "slow.toml: note: its rules without max_words"
printf '%s\n' '[[rule]]' 'name = "textoffer"' 'max_words = 14' "patterns = ['^x', '^([^.!?]{0,50}:\\s*)?text \\w+ to \\d+']" >"$T/counted.toml"
run "$W" rules --check "$T/counted.toml"
check "rules --check leading counted repeat: exit 0" test "$rc" -eq 0
check "rules --check leading counted repeat: a note naming the rule's line and pattern" \
  has "$out" "counted.toml:1: note: rule 'textoffer' pattern 2 opens with a repeat counted to 50"
printf '%s\n' '[[rule]]' 'name = "hatnote"' 'max_words = 30' "patterns = ['^(see also|\"?[^\".]{1,60}\"? redirects here)']" >"$T/alt.toml"
run "$W" rules --check "$T/alt.toml"
check "rules --check counted repeat opening an alternative after an optional quote: a note" \
  has "$out" "alt.toml:1: note: rule 'hatnote' pattern 1 opens with a repeat counted to 60"

# A head-end rule takes every line above a line it matches: without max_words, a note.
printf '%s\n' '[[rule]]' 'name = "letter-start"' 'scope = "head-end"' "patterns = ['^begin letter']" >"$T/bounds.toml"
run "$W" rules --check "$T/bounds.toml"
check "rules --check head-end without max_words: exit 0" test "$rc" -eq 0
check "rules --check head-end without max_words: a note" \
  has "$out" "bounds.toml:1: note: rule 'letter-start' (head-end) removes every line above a line it matches"
check "rules --check head-end opening with a literal: its long lines stay prefiltered" \
  test "$(printf '%s' "$out" | grep -c 'turn off the prefilter')" -eq 0
printf '%s\n' '[[rule]]' 'name = "letter-start"' 'scope = "head-end"' 'max_words = 6' "patterns = ['^begin letter']" \
  >"$T/bounds6.toml"
run "$W" rules --check "$T/bounds6.toml"
check "rules --check head-end with max_words: no note" test "$(printf '%s' "$out" | grep -c note)" -eq 0

# --- I/O errors: exit 2, message names the file, no partial output --------------
run "$W" run "$T/does-not-exist.jsonl" -o "$T/x.jsonl"
check "missing input exits 2" test "$rc" -eq 2
check "missing input is named" has "$err" "does-not-exist.jsonl"
check "no output left behind" test ! -e "$T/x.jsonl"
run "$W" run "$T/mixed.jsonl" -o /nonexistent-dir/out.jsonl
check "unwritable output exits 2" test "$rc" -eq 2
check "unwritable output is named" has "$err" "/nonexistent-dir/out.jsonl"

# --- stdin, stdout, compressed input via the system tools ------------------------
cp "$SAMPLES/news.jsonl" "$T/news.jsonl"
gzip -c "$T/news.jsonl" >"$T/news.jsonl.gz"
zstd -q -c "$T/news.jsonl" >"$T/news.jsonl.zst"
"$W" run -q "$T/news.jsonl" >"$T/plain.out"
check "stdout output works" test -s "$T/plain.out"
"$W" run -q "$T/news.jsonl.gz" -o "$T/gz.out"
"$W" run -q "$T/news.jsonl.zst" -o "$T/zst.out.zst"
zstd -q -d -c "$T/zst.out.zst" >"$T/zst.out"
check "gzip input gives identical output" cmp -s "$T/plain.out" "$T/gz.out"
check "zstd input and output give identical output" cmp -s "$T/plain.out" "$T/zst.out"
"$W" run -q "$T/news.jsonl" -o "$T/l1.out.gz" --compression-level 1
gzip -dc "$T/l1.out.gz" >"$T/l1.out"
check "--compression-level 1 output gunzips to the same output" cmp -s "$T/plain.out" "$T/l1.out"
run "$W" run -q "$T/news.jsonl" -o "$T/l12.out.gz" --compression-level 12
check "--compression-level 12 for gzip exits 2" test "$rc" -eq 2
check "--compression-level 12 for gzip names the file and the range" has "$err" "l12.out.gz: compression level 12 is out of range for gzip (1-9)"
check "--compression-level out of range leaves no output" test ! -e "$T/l12.out.gz"
# stdin cannot be read twice: templates come from a model learned beforehand.
run "$W" learn -q "$T/news.jsonl" -o "$T/news.model"
check "learn exits 0" test "$rc" -eq 0
check "learn writes the model" test -s "$T/news.model"
"$W" run -q --templates "$T/news.model" - <"$T/news.jsonl.gz" >"$T/stdin.out"
check "compressed stdin with the learned model gives identical output" cmp -s "$T/plain.out" "$T/stdin.out"
"$W" run -q --templates "$T/news.model" <"$T/news.jsonl" >"$T/stdin2.out"
check "no input and piped stdin reads stdin" cmp -s "$T/plain.out" "$T/stdin2.out"
"$W" run -q --no-templates "$T/news.jsonl" -o "$T/nt.out"
"$W" run -q <"$T/news.jsonl" >"$T/stdin3.out"
check "stdin without a model equals --no-templates on the file" cmp -s "$T/nt.out" "$T/stdin3.out"
run "$W" run "$T/news.jsonl" -o "$T/tl.out" --report "$T/tl.json"
check "report: templates learned" has "$(cat "$T/tl.json")" '"source": "learned"'
check "summary: templates learned" has "$err" "templates learned:"
# The line counts' memory budget: 12,000 records of eight lines seen once
# pass 1 MiB; the counter drops them and says so.
awk 'BEGIN { for (i = 0; i < 12000; i++) { t = ""; for (k = 0; k < 8; k++) t = t "record " i " tells line " k " of its own\\n"; printf "{\"id\":\"%d\",\"url\":\"https://s%d.example/\",\"text\":\"%sHarbour market news from site %d\"}\n", i, i % 7, t, i % 7 } }' >"$T/many.jsonl"
run "$W" learn -j2 --template-max-mb 1 "$T/many.jsonl" -o "$T/many.model"
check "learn under a counter budget exits 0" test "$rc" -eq 0
check "learn names the budget it reached" has "$err" "counter budget (--template-max-mb 1) reached"
run "$W" clean -q --template-max-mb 1 "$T/many.jsonl" -o "$T/many.out" --report "$T/many.json"
check "report: the counter budget" has "$(cat "$T/many.json")" '"counter_max_bytes": 1048576'
check "report: prunes at the budget" grep -Eq '"prunes": [1-9]' "$T/many.json"
check "each site's footer is still a template line" has "$(cat "$T/many.json")" '"template_lines": 7,'
check "the site footers go under the budget too" test "$(grep -c 'Harbour market news' "$T/many.out")" -eq 0
run "$W" run --help
check "run --help names the counter budget and its default" has "$out" "--template-max-mb UINT:UINT in [0 - 1099511627776]=2048"
printf 'not a model' >"$T/bad.model"
run "$W" run -q --templates "$T/bad.model" "$T/news.jsonl" -o "$T/bm.out"
check "a bad template model: exit 2" test "$rc" -eq 2
check "a bad template model is named" has "$err" "bad.model: not a winnow template model"
"$W" run -q -j1 "$T/news.jsonl" -o "$T/j1.out"
"$W" run -q -j2 "$T/news.jsonl" -o "$T/j2.out"
check "-j1 and -j2 byte-identical" cmp -s "$T/j1.out" "$T/j2.out"

# --- broken pipe is not an error --------------------------------------------------
for i in $(seq 1 3000); do echo "{\"id\":$i,\"text\":\"record $i of a long stream, padded with words to make it longer\"}"; done >"$T/long.jsonl"
"$W" clean "$T/long.jsonl" 2>"$T/pipe.err" | head -n 1 >/dev/null
rc=${PIPESTATUS[0]}
check "broken pipe exits 0" test "$rc" -eq 0
check "broken pipe is quiet" test ! -s "$T/pipe.err"

# --- the main job on the samples -----------------------------------------------------
run "$W" run "$SAMPLES/news.jsonl" -o "$T/s.jsonl" --dropped "$T/s.dropped" --report "$T/s.json"
check "samples run exits 0" test "$rc" -eq 0
check "samples: a syndicated copy is dropped" has "$(cat "$T/s.dropped")" 'duplicate'
run "$W" explain "$SAMPLES/news.jsonl" --color never
check "explain exits 0" test "$rc" -eq 0
check "explain shows a repeat" has "$out" "[repeat of line"
# --- other languages: each page is read with its own stopwords ---------------------
run "$W" clean "$SAMPLES/multilingual.jsonl" -o "$T/ml.jsonl" --report "$T/ml.json"
check "multilingual clean exits 0" test "$rc" -eq 0
check "the summary counts records by language" has "$err" "records by language (de 1, es 1, fr 1, pl 1, ru 1, tr 1, und 1)"
check "the report counts records by language" has "$(cat "$T/ml.json")" '"records_by_language"'
check "a German menu goes" hasnt "$(cat "$T/ml.jsonl")" "Startseite"
check "a German paragraph stays" has "$(cat "$T/ml.jsonl")" "Nach mehr als drei Jahren Bauzeit"
run "$W" explain "$SAMPLES/multilingual.jsonl" --id quotidien-042 --color never
check "explain names the language" has "$out" "language fr)"
check "a Polish menu goes (no stopwords: read by sentence shape)" hasnt "$(cat "$T/ml.jsonl")" "Strona g"
check "a Polish paragraph stays" has "$(cat "$T/ml.jsonl")" "Po trzech latach budowy"
# Turkish: two stopwords in a dozen words, each counting twice (#!weight 2)
run "$W" explain "$SAMPLES/multilingual.jsonl" --id kiyi-204 --color never
check "a Turkish page is read as Turkish" has "$out" "language tr)"
check "a Turkish login label goes by the Turkish pack" has "$out" "Giriş Yap  [rule:navigation-tr]"
check "a Turkish paragraph stays" has "$(cat "$T/ml.jsonl")" "Bir yıl süren onarımın ardından"
check "a Chinese teaser goes" hasnt "$(cat "$T/ml.jsonl")" "仓库发生火灾"
check "a Chinese paragraph stays" has "$(cat "$T/ml.jsonl")" "大桥全长近一公里"
run "$W" explain "$SAMPLES/multilingual.jsonl" --id ribao-512 --color never
check "explain says a record was read without stopwords" has "$out" "language und)"
run "$W" clean --languages en "$SAMPLES/multilingual.jsonl" -o "$T/ml-en.jsonl" --report "$T/ml-en.json"
check "--languages en INPUT: the input is read" test "$rc" -eq 0
check "a German teaser goes" hasnt "$(cat "$T/ml.jsonl")" "Wochenende"
check "with English stopwords alone the German page is read by sentence shape" has "$err" "records by language (und 7)"
check "... and its teaser goes" hasnt "$(cat "$T/ml-en.jsonl")" "Wochenende"
check "... and its paragraphs stay" has "$(cat "$T/ml-en.jsonl")" "Nach mehr als drei Jahren Bauzeit"
run "$W" clean --languages en,xx "$SAMPLES/multilingual.jsonl" -o "$T/ml-xx.jsonl"
check "an unknown language exits 2" test "$rc" -eq 2
check "an unknown language is named" has "$err" "xx"

run "$W" explain "$SAMPLES/news.jsonl" --id no-such-id
check "explain unknown id exits 2" test "$rc" -eq 2

# --- explain --reason: an audit of what went for one reason, across a corpus -----
run "$W" explain "$SAMPLES/news.jsonl" --reason rule:copyright
check "explain --reason exits 0" test "$rc" -eq 0
check "explain --reason: one line per line removed, id, line, reason, text" \
  test "$(awk -F'\t' 'NF != 4 || $3 != "rule:copyright" || $2 !~ /^[0-9]+$/' <<<"$out" | wc -l)" -eq 0
check "explain --reason: no colour and no KEEP" hasnt "$out" "KEEP"
# Every reason's lines, counted, are the report's count of the same job.
run "$W" clean -q "$SAMPLES/news.jsonl" -o "$T/audit.jsonl" --report "$T/audit.json"
for r in rule region repeat context template; do "$W" explain "$SAMPLES/news.jsonl" --reason "$r"; done >"$T/audit.tsv"
check "explain --reason: the kinds cover rule:NAME and region:NAME" has "$(cut -f3 "$T/audit.tsv")" "region:appeal-opener"
check "explain --reason: the lines of each reason are the report's count of them" test \
  "$(cut -f3 "$T/audit.tsv" | LC_ALL=C sort | uniq -c | awk '{print $2 "=" $1}' | tr '\n' ' ')" = \
  "$(python3 -c 'import json,sys; m=json.load(open(sys.argv[1]))["total"]["lines_removed_by_reason"]; print(" ".join(k+"="+str(v) for k,v in sorted(m.items())), end=" ")' "$T/audit.json")"
run "$W" explain "$SAMPLES/news.jsonl" --reason rule:copyrigth
check "explain --reason with no such reason exits 2" test "$rc" -eq 2
check "... and says which reasons there are" has "$err" "'rule:copyrigth' is no reason winnow gives: repeat, context"
check "... and prints nothing" test -z "$out"

# --- readers' comments: gone by default, kept with --keep-comments ---------------
P1="The ferry to the island will run twice as often from June, the operator said on Monday after a year of complaints."
P2="Passengers had waited for up to two hours in the summer, and the council had asked for a second boat to be found."
P3="The new timetable starts on the first of June, and tickets bought before then will still be valid on every crossing."
C1="About time too. We missed the last boat home twice last August and had to stay the night in town."
printf '{"id":"ferry","text":"%s\\n\\n%s\\n\\n%s\\n\\n3 Comments\\n\\nsally_k\\nMay 2, 2024 at 8:15 am\\n%s\\nReply\\n"}\n' \
  "$P1" "$P2" "$P3" "$C1" >"$T/comments.jsonl"
run "$W" clean -q "$T/comments.jsonl" -o "$T/c-plain.jsonl" --report "$T/c-plain.json"
check "comments: by default the section goes" hasnt "$(cat "$T/c-plain.jsonl")" "About time too"
check "comments: ... and the article stays" has "$(cat "$T/c-plain.jsonl")" "first of June"
check "comments: the report says they were not kept" has "$(cat "$T/c-plain.json")" '"keep_comments": false'
run "$W" clean -q --keep-comments "$T/comments.jsonl" -o "$T/c-keep.jsonl" --report "$T/c-keep.json"
check "--keep-comments exits 0" test "$rc" -eq 0
check "--keep-comments: the comment stays" has "$(cat "$T/c-keep.jsonl")" 'first of June, and tickets bought before then will still be valid on every crossing.\n\nAbout time too.'
check "--keep-comments: its author, time and button go" hasnt "$(cat "$T/c-keep.jsonl")" "sally_k"
check "--keep-comments: ... the time" hasnt "$(cat "$T/c-keep.jsonl")" "8:15 am"
check "--keep-comments: ... the button" hasnt "$(cat "$T/c-keep.jsonl")" "Reply"
check "--keep-comments: the report says so" has "$(cat "$T/c-keep.json")" '"keep_comments": true'
run "$W" explain --keep-comments --color never "$T/comments.jsonl"
check "explain --keep-comments keeps the comment" has "$out" "KEEP | About time too."
check "explain --keep-comments drops its author as the section's" has "$out" "sally_k  [region:comment-section after line 7]"
run "$W" clean --keep-comments --print-config
check "--print-config has keep_comments" has "$out" "keep_comments = true"

# --- an e-book's header and licence (a text file, as Project Gutenberg ships one) -------
mkdir -p "$T/books"
{
  echo "The Project Gutenberg eBook of Harbour Tales, by Ann Quay"
  echo "This ebook is for anyone to use, anywhere, at no cost, and you may copy it or give it away under the"
  echo "terms of the licence included with it."
  echo "Author: Ann Quay"
  echo
  echo "*** START OF THE PROJECT GUTENBERG EBOOK HARBOUR TALES ***"
  echo
  echo "HARBOUR TALES"
  echo
  echo "$P1"
  echo
  echo "$P2"
  echo
  echo "*** END OF THE PROJECT GUTENBERG EBOOK HARBOUR TALES ***"
  echo
  echo "By using or sharing this work in any way you agree to every one of the terms of the licence below."
} >"$T/books/tales.txt"
run "$W" clean -q "$T/books" -o "$T/books.jsonl" --report "$T/books.json"
check "e-book: clean exits 0" test "$rc" -eq 0
check "e-book: its text stays" has "$(cat "$T/books.jsonl")" "HARBOUR TALES\n\n$P1\n\n$P2"
check "e-book: its header goes" hasnt "$(cat "$T/books.jsonl")" "Author: Ann Quay"
check "e-book: its licence goes" hasnt "$(cat "$T/books.jsonl")" "every one of the terms"
check "e-book: the report counts the preamble" has "$(cat "$T/books.json")" '"region:ebook-preamble": 4'
run "$W" explain --color never "$T/books"
check "e-book: explain names the line the preamble ends at" has "$out" "Author: Ann Quay  [region:ebook-preamble before line 6]"
check "e-book: ... and the licence's" has "$out" "[region:ebook-licence after line 14]"

# --- persistent dedup index ----------------------------------------------------------
run "$W" run -q "$SAMPLES/news.jsonl" -o "$T/i1.jsonl" --index "$T/idx" --report "$T/i1.json"
check "index run exits 0" test "$rc" -eq 0
check "index file written" test -s "$T/idx/winnow.index"
run "$W" run -q "$SAMPLES/news.jsonl" -o "$T/i2.jsonl" --index "$T/idx" --dropped "$T/i2.dropped" --report "$T/i2.json"
check "second batch against the index exits 0" test "$rc" -eq 0
check "second batch: nothing new is kept" test ! -s "$T/i2.jsonl"
check "second batch: every kept record of the first is named" \
  test "$(grep -c duplicate_of "$T/i2.dropped")" -eq "$(wc -l <"$T/news.jsonl")"
check "report counts the loaded records" has "$(cat "$T/i2.json")" '"index_loaded": '
run "$W" run -q "$SAMPLES/news.jsonl" -o "$T/i3.jsonl" --index "$T/idx" --shingle 3
check "index built with other parameters: exit 2" test "$rc" -eq 2
check "index mismatch names the parameter" has "$err" "built with shingle = 5"
check "index mismatch leaves no output" test ! -e "$T/i3.jsonl"

# --- too short after cleaning ---------------------------------------------------------
printf '%s\n' '{"id":"stub","text":"Home\nNews\nSubscribe now\nCouncil meets on Friday.\nShare this story"}' \
  '{"id":"story","text":"The council met on Tuesday to talk about the bridge, and many people came to hear the plans.\nThe engineers said the old stone piers were in a worse state than anyone had expected.\nWork will start in the spring."}' \
  >"$T/short.jsonl"
run "$W" clean -q --min-words 20 "$T/short.jsonl" -o "$T/short.out" --dropped "$T/short.drop" --report "$T/short.json"
check "--min-words exits 0" test "$rc" -eq 0
check "--min-words drops the stub as too-short" has "$(cat "$T/short.drop")" '"id":"stub","reason":"too-short"'
check "--min-words keeps the story" has "$(cat "$T/short.out")" '"id":"story"'
check "--min-words is in the report" has "$(cat "$T/short.json")" '"min_words": 20'
run "$W" dedup -q --min-words 20 "$T/short.jsonl" -o "$T/short2.out"
check "--min-words is no dedup option: exit 2" test "$rc" -eq 2

echo "cli: $pass passed, $fail failed"
test "$fail" -eq 0
