#!/usr/bin/env bash
# Crash safety: a run killed with SIGKILL at any moment leaves nothing
# partial at the final output, dropped, report or index paths (each is
# either absent or complete), and running the batch again gives the same
# outputs as a run that was never killed.
# usage: crash_test.sh WINNOW_BINARY
set -uo pipefail
W=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/lib.sh"

# A corpus big enough that a run takes a while: 20,000 records, some repeated.
awk 'BEGIN {
  srand(7);
  for (i = 0; i < 20000; i++) {
    s = "";
    for (p = 0; p < 4; p++) {
      for (w = 0; w < 40; w++) s = s sprintf("w%d ", int(rand() * 5000));
      s = s "said the council.\\n\\n";
    }
    if (i % 10 == 9) { printf "{\"id\":\"r%d\",\"text\":\"%s\"}\n", i, prev } else { printf "{\"id\":\"r%d\",\"text\":\"%s\"}\n", i, s }
    prev = s;
  }
}' >"$T/in.jsonl"

# job_bg DIR: the run, into DIR, with the index in DIR/idx. exec, so that
# started in the background $! is winnow itself and the SIGKILL reaches it
# (killing a subshell would leave winnow running).
job_bg() {
  exec "$W" run -q -j2 "$T/in.jsonl" -o "$1/kept.jsonl" --dropped "$1/dropped.jsonl" --report "$1/report.json" \
    --index "$1/idx"
}
job() { (job_bg "$1"); }  # the same, in the foreground
mkdir -p "$T/ref"
t0=$(date +%s.%N)
job "$T/ref"
t1=$(date +%s.%N)
check "reference run writes its outputs" test -s "$T/ref/kept.jsonl"

# Kill at 3%, 10%, ... 97% of the reference run's wall time.
read -r -a delays <<<"$(awk -v a="$t0" -v b="$t1" 'BEGIN { d = b - a; printf "%.3f %.3f %.3f %.3f %.3f %.3f %.3f", d*0.03, d*0.1, d*0.25, d*0.45, d*0.65, d*0.85, d*0.97 }')"
reruns=0
for delay in "${delays[@]}"; do
  D=$T/k$delay
  mkdir -p "$D"
  job_bg "$D" &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  for f in kept.jsonl dropped.jsonl; do
    check "killed at ${delay}s: $f absent or complete" \
      bash -c "test ! -e '$D/$f' || cmp -s '$D/$f' '$T/ref/$f'"
  done
  check "killed at ${delay}s: report absent or whole JSON" \
    bash -c "test ! -e '$D/report.json' || python3 -c 'import json,sys; json.load(open(sys.argv[1]))' '$D/report.json'"
  check "killed at ${delay}s: index absent or complete" \
    bash -c "test ! -e '$D/idx/winnow.index' || cmp -s '$D/idx/winnow.index' '$T/ref/idx/winnow.index'"
  # Run again: unless the index was saved (the run had finished), the
  # outputs equal the never-killed run's.
  if [ ! -e "$D/idx/winnow.index" ]; then
    reruns=$((reruns + 1))
    job "$D"
    check "killed at ${delay}s, rerun: kept identical" cmp -s "$D/kept.jsonl" "$T/ref/kept.jsonl"
    check "killed at ${delay}s, rerun: dropped identical" cmp -s "$D/dropped.jsonl" "$T/ref/dropped.jsonl"
    check "killed at ${delay}s, rerun: index identical" cmp -s "$D/idx/winnow.index" "$T/ref/idx/winnow.index"
  fi
done
check "at least one kill landed before the run finished" test "$reruns" -ge 1
echo "crash: $pass passed, $fail failed ($reruns of ${#delays[@]} kills landed before the run finished)"
test "$fail" -eq 0
