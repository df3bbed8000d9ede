#!/usr/bin/env bash
# Longer libFuzzer sessions, not run by CI (ctest runs each target briefly).
# usage: bench/fuzz.sh BUILD_FUZZ_DIR SECONDS [TARGET...]
#   BUILD_FUZZ_DIR: CXX=clang++ cmake -S . -B build-fuzz -DWINNOW_FUZZ=ON -DWINNOW_SANITIZE=ON
#                   -DWINNOW_BUILD_TESTS=OFF -DWINNOW_BUILD_BENCH=OFF -DWINNOW_BUILD_TOOLS=OFF
# Prints executions, seconds and crashes per target; crash inputs stay in
# BUILD_FUZZ_DIR/fuzz-work/TARGET/.
set -uo pipefail
B=$1
SECS=$2
shift 2
TARGETS=${*:-jsonl_fuzz wet_fuzz compressed_fuzz rules_fuzz cleaner_fuzz pipeline_fuzz}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
for t in $TARGETS; do
  case $t in
    jsonl_fuzz | compressed_fuzz) seed=jsonl ;; wet_fuzz) seed=wet ;; rules_fuzz) seed=rules ;;
    cleaner_fuzz) seed=cleaner ;; pipeline_fuzz) seed=pipeline ;;
  esac
  W=$B/fuzz-work/$t
  mkdir -p "$W/corpus"
  cp -n "$ROOT/tests/fuzz/corpus/$seed/"* "$W/corpus/" 2>/dev/null
  (cd "$W" && "$B/tests/fuzz/$t" -max_total_time="$SECS" -max_len=8192 -timeout=20 -print_final_stats=1 \
     corpus >"$W/log" 2>&1)
  rc=$?
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$W/log" | grep -o '[0-9]*$')
  crashes=$(ls "$W"/crash-* "$W"/timeout-* "$W"/leak-* 2>/dev/null | wc -l)
  echo "$t: ${execs:-?} executions in ${SECS} s, exit $rc, crash/timeout/leak inputs: $crashes"
done
