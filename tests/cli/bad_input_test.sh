#!/usr/bin/env bash
# The bad-input matrix (README "Bad input"): one row per case, each with its
# documented outcome: the record rejected with a reason and position, or
# the run stopped with a message naming the file, and the exit code.
# usage: bad_input_test.sh WINNOW_BINARY
set -u
W=$1
T=$(mktemp -d)
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
. "$(dirname "$0")/lib.sh"
good='{"id":"ok","text":"A good record with an article sentence in it."}'
# one NAME FILE: runs winnow clean on FILE with rejects and report files
one() {
  run "$W" clean -q "$2" -o "$T/$1.out" --rejects "$T/$1.rej" --report "$T/$1.json"
  rej=$(cat "$T/$1.rej" 2>/dev/null)
}

# 1. invalid UTF-8: the record is rejected (invalid-utf8, line); the run goes on.
printf '%s\n{"id":"u","text":"caf\xe9"}\n%s\n' "$good" "$good" >"$T/utf8.jsonl"
one utf8 "$T/utf8.jsonl"
check "invalid UTF-8: exit 0" test "$rc" -eq 0
check "invalid UTF-8: rejected with its line" has "$rej" '"line":2,"offset":'
check "invalid UTF-8: reason" has "$rej" '"reason":"invalid-utf8"'
check "invalid UTF-8: good records kept" test "$(wc -l <"$T/utf8.out")" -eq 2
run "$W" clean -q --strict "$T/utf8.jsonl" -o "$T/utf8s.out"
check "invalid UTF-8 with --strict: exit 1" test "$rc" -eq 1

# 2. NUL bytes: a raw NUL in a JSONL line is invalid JSON; an escaped one is text.
printf '%s\n{"id":"n","text":"a\0b"}\n{"id":"e","text":"nul \\u0000 escaped, in an article sentence."}\n' "$good" >"$T/nul.jsonl"
one nul "$T/nul.jsonl"
check "NUL: raw NUL rejected as invalid-json on line 2" has "$rej" '"line":2,"offset":'
check "NUL: escaped NUL kept, still escaped" grep -qF '\u0000' "$T/nul.out"

# 3. BOM and 4. CRLF: read as if absent.
printf '\xef\xbb\xbf%s\r\n%s\r\n' "$good" "$good" >"$T/bom.jsonl"
one bom "$T/bom.jsonl"
check "BOM + CRLF: both records read, none rejected" test "$(wc -l <"$T/bom.out")" -eq 2 -a ! -s "$T/bom.rej"

# 5. empty file: no records, exit 0, balanced report.
: >"$T/empty.jsonl"
one empty "$T/empty.jsonl"
check "empty file: exit 0" test "$rc" -eq 0
check "empty file: records_in 0" grep -q '"records_in": 0' "$T/empty.json"

# 6. empty text: dropped as empty (kept with --keep-empty).
printf '%s\n{"id":"blank","text":"  \\n\\t "}\n' "$good" >"$T/etext.jsonl"
run "$W" clean -q "$T/etext.jsonl" -o "$T/etext.out" --dropped "$T/etext.drop"
check "empty text: dropped with reason empty" grep -q '"id":"blank","reason":"empty"' "$T/etext.drop"

# 7. a 100 MB record, and 8. a record over --max-record-bytes: rejected as
# too-large without being held in memory; the next record is read.
python3 -c "
import sys
with open(sys.argv[1], 'w') as f:
    f.write('{\"id\":\"big\",\"text\":\"' + 'word ' * 21000000 + '\"}\n')
    f.write('{\"id\":\"after\",\"text\":\"The record after the big one is read as usual.\"}\n')
" "$T/big.jsonl"
# Peak RSS is held to that of the same run on a one-record file: the rule
# set alone takes tens of MB under a sanitizer, the 105 MB record none.
printf '%s\n' "$good" >"$T/small.jsonl"
run /usr/bin/time -f '%M' "$W" clean -q "$T/small.jsonl" -o "$T/small.out" --max-record-bytes 1000000
base_kb=$(tail -1 "$T/err")
run /usr/bin/time -f '%M' "$W" clean -q "$T/big.jsonl" -o "$T/big.out" --rejects "$T/big.rej" --max-record-bytes 1000000
check "record over the limit: exit 0" test "$rc" -eq 0
check "record over the limit: too-large" grep -q '"reason":"too-large"' "$T/big.rej"
check "record over the limit: the next one is kept" grep -q '"id":"after"' "$T/big.out"
check "record over the limit: not held in memory (peak RSS < one-record run + 30 MB)" \
  test "$(tail -1 "$T/err")" -lt $((base_kb + 30000))
run "$W" clean -q "$T/big.jsonl" -o "$T/big2.out"
check "100 MB record, default limit (64 MiB): rejected, the next one kept" test "$(wc -l <"$T/big2.out")" -eq 1
run "$W" clean -q "$T/big.jsonl" -o "$T/big3.out" --max-record-bytes 200000000
check "100 MB record with a larger limit: kept" test "$(wc -l <"$T/big3.out")" -eq 2

# 9. deeply nested JSON: up to 1024 levels is read; deeper (here 100,000
# levels, which must not overflow the stack) is rejected as invalid-json.
python3 -c "print('{\"id\":\"ok\",\"x\":' + '[' * 1000 + ']' * 1000 + ',\"text\":\"A good record with an article sentence in it.\"}')" >"$T/deep.jsonl"
python3 -c "print('{\"id\":\"deep\",\"x\":' + '[' * 100000 + ']' * 100000 + ',\"text\":\"t\"}')" >>"$T/deep.jsonl"
echo "$good" >>"$T/deep.jsonl"
one deep "$T/deep.jsonl"
check "deep nesting: exit 0" test "$rc" -eq 0
check "deep nesting: 100,000 levels rejected on line 2" has "$rej" '"line":2,'
check "deep nesting: invalid-json, too deep" has "$rej" '"reason":"invalid-json"'
check "deep nesting: 1,000 levels and the next record kept" test "$(wc -l <"$T/deep.out")" -eq 2

# 10. duplicate keys: two text fields are rejected; other repeated keys are kept as they are.
printf '{"id":"d","text":"one","text":"two"}\n{"id":"k","id2":1,"id2":2,"text":"A good record with an article sentence in it."}\n' >"$T/dup.jsonl"
one dup "$T/dup.jsonl"
check "duplicate text field: rejected" has "$rej" '"reason":"duplicate-text-field"'
check "other duplicate keys: kept" grep -q '"id2":1,"id2":2' "$T/dup.out"

# 11. non-string text: rejected as text-not-string.
printf '{"id":"x","text":12}\n{"id":"y","text":null}\n' >"$T/num.jsonl"
one num "$T/num.jsonl"
check "non-string text: both rejected" test "$(grep -c '"reason":"text-not-string"' "$T/num.rej")" -eq 2

# 12. truncated gzip and zstd (an interrupted download): the records before
# the cut are kept; the cut is one corrupt-input reject naming the file and
# the line; the run goes on to the next input; exit 0 (1 with --strict).
head -c 600000 /dev/urandom | base64 -w 100 | awk '{ printf "{\"id\":%d,\"text\":\"%s\"}\n", NR, $0 }' >"$T/long.jsonl"
gzip -c "$T/long.jsonl" | head -c 400000 >"$T/cut.jsonl.gz"
zstd -q -c "$T/long.jsonl" | head -c 400000 >"$T/cut.jsonl.zst"
for f in cut.jsonl.gz cut.jsonl.zst; do
  run "$W" clean --keep-empty "$T/$f" "$T/utf8.jsonl" -o "$T/$f.out" --rejects "$T/$f.rej" --report "$T/$f.json"
  kept=$(grep -c '"id":[0-9]' "$T/$f.out")
  check "truncated $f: exit 0" test "$rc" -eq 0
  check "truncated $f: the records before the cut are kept" test "$kept" -gt 1000
  check "truncated $f: ... in order, none missing" test "$(grep -o '"id":[0-9][0-9]*' "$T/$f.out" | tail -1)" = "\"id\":$kept"
  check "truncated $f: the next input is read" grep -q '"id":"ok"' "$T/$f.out"
  check "truncated $f: one corrupt-input reject, at the line after the last kept" \
    has "$(grep corrupt-input "$T/$f.rej")" "\"input\":\"$T/$f\",\"line\":$((kept + 1)),"
  check "truncated $f: the reject says why" has "$(cat "$T/$f.rej")" "truncated"
  check "truncated $f: the summary warns, naming the file" has "$err" "warning: $T/$f: truncated or corrupt"
  check "truncated $f: report balanced" grep -q '"balanced": true' "$T/$f.json"
  run "$W" clean -q --strict "$T/$f" -o "$T/$f.strict.out"
  check "truncated $f with --strict: exit 1" test "$rc" -eq 1
  run "$W" learn "$T/$f" -o "$T/$f.model"
  check "truncated $f: learn goes on" test "$rc" -eq 0
  check "truncated $f: learn warns, naming the file" has "$err" "warning: $T/$f: truncated or corrupt"
  check "truncated $f: learn counts the reject" has "$err" "1 records rejected, not counted"
done

# 12b. a corrupt gzip member or zstd frame mid-file (a WET file has one a
# record, winnow writes one a batch): one corrupt-input reject naming the
# file; the records of the members before and after it are all kept.
split -l 2000 "$T/long.jsonl" "$T/part."
for z in gz zst; do
  f=multi.jsonl.$z
  : >"$T/$f"
  for p in "$T"/part.a?; do
    if [ $z = gz ]; then gzip -c "$p" >"$T/one.$z"; else zstd -q -c "$p" >"$T/one.$z"; fi
    if [ "$p" = "$T/part.ab" ]; then  # flip 64 bytes mid-way through the second part
      python3 -c 'import sys; b = bytearray(open(sys.argv[1], "rb").read()); m = len(b) // 2
for k in range(m, m + 64): b[k] ^= 0x5a
open(sys.argv[1], "wb").write(b)' "$T/one.$z"
    fi
    cat "$T/one.$z" >>"$T/$f"
  done
  run "$W" clean --keep-empty "$T/$f" -o "$T/$f.out" --rejects "$T/$f.rej" --report "$T/$f.json"
  check "corrupt member $f: exit 0" test "$rc" -eq 0
  check "corrupt member $f: one corrupt-input reject, naming the file" \
    test "$(grep -c "\"reason\":\"corrupt-input\",\"detail\":\"$T/$f: corrupt" "$T/$f.rej")" -eq 1
  check "corrupt member $f: the first part's records are kept" \
    test "$(grep -o '"id":[0-9]*' "$T/$f.out" | head -2000 | tr '\n' ' ')" = "$(seq 1 2000 | sed 's/^/"id":/' | tr '\n' ' ')"
  # (What the decoder made of the corrupt part before it saw the fault
  # comes before them: garbage, though a line of it may parse.)
  check "corrupt member $f: so are the records after the corrupt part, last" \
    test "$(grep -o '"id":[0-9]*' "$T/$f.out" | tail -n $(($(wc -l <"$T/long.jsonl") - 4000)) | tr '\n' ' ')" = \
    "$(seq 4001 "$(wc -l <"$T/long.jsonl")" | sed 's/^/"id":/' | tr '\n' ' ')"
  check "corrupt member $f: the summary warns, naming the file" has "$err" "warning: $T/$f: truncated or corrupt"
  check "corrupt member $f: report balanced" grep -q '"balanced": true' "$T/$f.json"
  run "$W" clean -q --strict "$T/$f" -o "$T/$f.strict.out"
  check "corrupt member $f with --strict: exit 1" test "$rc" -eq 1
done

# 13. binary garbage: as JSONL every line is rejected; as text, one reject.
head -c 20000 /dev/urandom >"$T/garbage.bin"
run "$W" clean -q --format jsonl "$T/garbage.bin" -o "$T/garbage.out" --rejects "$T/garbage.rej" --report "$T/garbage.json"
check "garbage as JSONL: exit 0" test "$rc" -eq 0
check "garbage as JSONL: nothing kept, all rejected" bash -c "test ! -s '$T/garbage.out' && grep -q '\"balanced\": true' '$T/garbage.json'"
run "$W" clean -q --format text "$T/garbage.bin" -o "$T/garbage2.out" --rejects "$T/garbage2.rej"
check "garbage as text: rejected as invalid-utf8" grep -q '"reason":"invalid-utf8"' "$T/garbage2.rej"

# 14. an unreadable file inside an input directory: rejected (unreadable), the rest read.
mkdir -p "$T/dir"
echo "A readable page with an article sentence in it." >"$T/dir/a.txt"
ln -s "$T/does-not-exist" "$T/dir/b.txt"
echo "Another readable page with an article sentence." >"$T/dir/c.txt"
run "$W" clean -q "$T/dir" -o "$T/dir.out" --rejects "$T/dir.rej"
check "unreadable file in a directory: exit 0" test "$rc" -eq 0
check "unreadable file in a directory: rejected by name" bash -c "grep -q 'unreadable' '$T/dir.rej' && grep -q 'b.txt' '$T/dir.rej'"
check "unreadable file in a directory: the others kept" test "$(wc -l <"$T/dir.out")" -eq 2
# The same for a file without read permission (as root, run as nobody).
if command -v setpriv >/dev/null && [ "$(id -u)" -eq 0 ]; then
  P=$T/perm
  mkdir -p "$P/in"
  echo "A readable page with an article sentence in it." >"$P/in/a.txt"
  echo "A secret page." >"$P/in/b.txt"
  chmod 000 "$P/in/b.txt"
  chmod 777 "$P"
  chmod 755 "$T" "$P/in"
  mkdir -p "$P/in/locked"
  echo "A page in a folder nobody may list." >"$P/in/locked/c.txt"
  chmod 000 "$P/in/locked"
  run setpriv --reuid=65534 --regid=65534 --clear-groups "$W" clean -q "$P/in" -o "$P/out.jsonl" --rejects "$P/rej.jsonl"
  check "file without read permission: exit 0" test "$rc" -eq 0
  check "file without read permission: unreadable reject" grep -q '"input":"[^"]*b.txt","line":0,"offset":0,"reason":"unreadable"' "$P/rej.jsonl"
  check "folder that cannot be listed: unreadable reject naming it" grep -q '"input":"[^"]*locked","line":0,"offset":0,"reason":"unreadable"' "$P/rej.jsonl"
  check "file without read permission: the other kept" test "$(wc -l <"$P/out.jsonl")" -eq 1
  chmod 755 "$P/in/locked"
fi

# 15. unwritable output path: exit 2 before any work, naming the path.
run "$W" clean -q "$T/utf8.jsonl" -o "$T/no/such/dir/out.jsonl"
check "unwritable output: exit 2" test "$rc" -eq 2
check "unwritable output: message names it" has "$err" "$T/no/such/dir/out.jsonl"

# 16. a full disk: exit 2 with the write error.
run "$W" clean -q "$T/long.jsonl" -o /dev/full
check "full disk: exit 2" test "$rc" -eq 2
check "full disk: says no space" has "$err" "No space left on device"

# 17. a closed stdout (broken pipe): exit 0, nothing on stderr.
"$W" clean "$T/long.jsonl" 2>"$T/pipe.err" | head -n 1 >/dev/null
check "closed stdout: exit 0" test "${PIPESTATUS[0]}" -eq 0
check "closed stdout: quiet" test ! -s "$T/pipe.err"

# 18. a dedup index over its memory budget: stops with a clear error, exit 2, no output.
awk 'BEGIN { srand(3); for (i = 0; i < 12000; i++) { s = ""; for (w = 0; w < 12; w++) s = s sprintf("w%d ", int(rand() * 100000)); printf "{\"id\":%d,\"text\":\"%s\"}\n", i, s } }' >"$T/many.jsonl"
run "$W" dedup -q "$T/many.jsonl" -o "$T/many.out" --max-index-mb 1
check "index over its budget: exit 2" test "$rc" -eq 2
check "index over its budget: says so" has "$err" "the dedup index needs more than --max-index-mb 1 MiB"
check "index over its budget: no output left" test ! -e "$T/many.out"
run "$W" dedup -q "$T/many.jsonl" -o "$T/many.out" --max-index-mb 64
check "index within its budget: runs" test "$rc" -eq 0

echo "bad-input: $pass passed, $fail failed"
test "$fail" -eq 0
