#!/usr/bin/env bash
# End-to-end benchmark: MB/s (of record text and of file bytes), records/s and
# peak RSS for each winnow command at -j1 and -j2, next to the I/O floor
# (cat, zstd -dc, and winnow reading + writing with every stage off).
#
# usage: bench/bench_e2e.sh WINNOW_BINARY CORPUS.jsonl [MODES...]
#   MODES: floor clean run dedup zst gz (default: floor clean dedup run).
#   zst, gz: `winnow run` writing a compressed file (compressed batch by
#   batch on every thread) to a temporary directory. Not run by CI.
# A corpus: bench/make_corpus.py 100000 /tmp/bench100k.jsonl (1000000 for 1M;
# add --typography for the curly quotes, dashes and accents of real news).
# Kept records go to $BENCH_OUT (default /dev/null, so the figures are of
# winnow, not of the disk; set BENCH_OUT=/some/dir/out.jsonl to include
# writing and syncing a real file).
set -euo pipefail
W=$1
CORPUS=$2
shift 2
MODES=${*:-floor clean dedup run}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
OUT=${BENCH_OUT:-/dev/null}
BYTES=$(stat -c %s "$CORPUS")
RECORDS=$(wc -l <"$CORPUS")
TEXT_BYTES=$(python3 -c "
import json,sys
n=0
for l in open(sys.argv[1],encoding='utf-8'): n+=len(json.loads(l)['text'].encode())
print(n)" "$CORPUS")
if [ ! -f "$CORPUS.zst" ]; then zstd -q -T2 -3 "$CORPUS" -o "$CORPUS.zst"; fi
awk -v c="$CORPUS" -v r="$RECORDS" -v b="$BYTES" -v t="$TEXT_BYTES" -v o="$OUT" 'BEGIN { printf "corpus: %s  %d records, %.1f MB file, %.1f MB text; output to %s\n", c, r, b/1e6, t/1e6, o }'
printf '%-44s %8s %10s %10s %11s %9s %9s\n' "what" "seconds" "file MB/s" "text MB/s" "records/s" "peak MB" "index B/r"

measure() {  # measure NAME CMD...  (a winnow CMD also writes $T/r.json)
  local name=$1
  shift
  cat "$CORPUS" >/dev/null  # warm the page cache
  rm -f "$T/r.json"
  /usr/bin/time -f '%e %M' -o "$T/time" "$@" >/dev/null 2>"$T/err" || { cat "$T/err"; return 1; }
  read -r secs kb <"$T/time"
  local per="-"
  if [ -f "$T/r.json" ]; then
    per=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])).get('dedup'); print('%.1f' % d['index_bytes_per_record'] if d else '-')" "$T/r.json")
  fi
  awk -v n="$name" -v s="$secs" -v b="$BYTES" -v t="$TEXT_BYTES" -v r="$RECORDS" -v kb="$kb" -v per="$per" \
    'BEGIN { if (s <= 0) s = 0.01; printf "%-44s %8.2f %10.1f %10.1f %11.0f %9.1f %9s\n", n, s, b/s/1e6, t/s/1e6, r/s, kb/1024, per }'
}

for m in $MODES; do
  case $m in
    floor)
      measure "cat > /dev/null" cat "$CORPUS"
      measure "zstd -dc (.zst) > /dev/null" zstd -dc "$CORPUS.zst"
      for j in 1 2; do  # read, parse, write: every stage off
        measure "winnow clean, every stage off -j$j" "$W" clean -q --no-repeats --no-rules --no-context \
          --no-templates --keep-empty -j$j "$CORPUS" -o "$OUT"
      done
      ;;
    zst | gz)
      for j in 1 2; do
        measure "winnow run -j$j -o out.jsonl.$m" "$W" run -q -j$j "$CORPUS" -o "$T/out.jsonl.$m" --report "$T/r.json"
        rm -f "$T/out.jsonl.$m"
      done
      ;;
    clean | dedup | run)
      for j in 1 2; do
        measure "winnow $m -j$j" "$W" "$m" -q -j$j "$CORPUS" -o "$OUT" --report "$T/r.json"
      done
      ;;
  esac
done
