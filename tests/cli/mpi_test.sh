#!/usr/bin/env bash
# Scale-out: `mpirun -np N winnow run|clean|dedup` on one machine. The shards
# of N ranks, concatenated in rank order, must equal the plain single-process
# outputs byte for byte, for N = 1, 2, 3, on the samples and (when ../shared
# is there) the eval corpora. A rank that fails fails the job, naming the
# rank, with nothing at the final paths.
# Skips (exit 77) when mpirun is absent or winnow was built without MPI.
# usage: mpi_test.sh WINNOW_BINARY SAMPLES_DIR SHARED_DIR
set -uo pipefail
W=$(realpath "$1")  # absolute: one case runs ranks in other folders
SAMPLES=$(realpath "$2")
SHARED=${3:-}
# (ldd's output captured first: with pipefail, grep -q closing the pipe
# early would make the check fail at random.)
if ! command -v mpirun >/dev/null || [[ "$(ldd "$W")" != *libmpi* ]]; then
  echo "mpi: mpirun or an MPI build of winnow not found, skipped"
  exit 77
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/lib.sh"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1  # CI runs as root
MPIRUN=(mpirun --oversubscribe --mca btl self,vader)

# same NAME MODE INPUT...: plain run vs -np 1, 2, 3.
same() {
  local name=$1 mode=$2
  shift 2
  local extra=()
  [ "$mode" != clean ] && extra=(--clusters "$T/single.cl")
  "$W" "$mode" "$@" -o "$T/single.jsonl" --dropped "$T/single.drop" --rejects "$T/single.rej" "${extra[@]}" -q -j2 ||
    { check "$name: plain run" false; return; }
  for np in 1 2 3; do
    rm -rf "$T/np" && mkdir "$T/np"
    [ "$mode" != clean ] && extra=(--clusters "$T/np/c.jsonl")
    "${MPIRUN[@]}" -np $np "$W" "$mode" "$@" -o "$T/np/k.jsonl" --dropped "$T/np/d.jsonl" --rejects "$T/np/r.jsonl" \
      "${extra[@]}" --report "$T/np/report.json" -q -j1 2>"$T/err"
    check "$name -np $np: exit 0 ($(head -c 300 "$T/err"))" test $? -eq 0
    cat "$T"/np/k-*-of-0000$np.jsonl >"$T/kept"
    cat "$T"/np/d-*-of-0000$np.jsonl >"$T/drop"
    cat "$T"/np/r-*-of-0000$np.jsonl >"$T/rej"
    check "$name -np $np: $np kept shards" test "$(ls "$T"/np/k-*-of-0000$np.jsonl | wc -l)" -eq $np
    check "$name -np $np: kept identical" cmp -s "$T/kept" "$T/single.jsonl"
    check "$name -np $np: dropped identical" cmp -s "$T/drop" "$T/single.drop"
    check "$name -np $np: rejects identical" cmp -s "$T/rej" "$T/single.rej"
    [ "$mode" != clean ] && check "$name -np $np: clusters identical" cmp -s "$T/np/c.jsonl" "$T/single.cl"
    check "$name -np $np: report names the ranks" grep -q "\"ranks\": $np" "$T/np/report.json"
    check "$name -np $np: no spill or temporary file left" test -z "$(ls -A "$T/np" | grep -v -E '^(k|d|r)-0000[0-9]-of-0000[0-9]\.jsonl$|^c\.jsonl$|^report\.json$')"
  done
}

same samples run "$SAMPLES/news.jsonl" "$SAMPLES/news.wet" "$SAMPLES/txt"
same samples-dedup dedup "$SAMPLES/news.jsonl" "$SAMPLES/news.wet"
if [ -n "$SHARED" ] && [ -d "$SHARED/eval" ]; then
  same dedup-dev run "$SHARED/eval/dedup/dev.docs.jsonl"
  same dedup-dev-dedup dedup "$SHARED/eval/dedup/dev.docs.jsonl"
  same l3s clean "$SHARED/eval/boilerplate/l3s-gn1.docs.jsonl"
  same cleaneval-and-seeds run "$SHARED/eval/boilerplate/cleaneval-dev.docs.jsonl" "$SHARED/seeds/seeds.docs.jsonl"
else
  echo "mpi: $SHARED/eval not found, eval corpora skipped"
fi

# A rank that fails: the second input, read by the last rank, is gone (a
# cut gzip stream is only a reject). The job exits 2 with that rank's
# message; nothing is committed.
rm -rf "$T/np" && mkdir "$T/np"
"${MPIRUN[@]}" -np 2 "$W" run "$SAMPLES/news.jsonl" "$T/gone.jsonl.gz" -o "$T/np/k.jsonl" --dropped "$T/np/d.jsonl" \
  --report "$T/np/report.json" -q >"$T/out" 2>"$T/err"
rc=$?
check "failing rank: job exits non-zero" test $rc -ne 0
check "failing rank: message names the rank and the input" grep -q "rank 1: .*gone.jsonl.gz" "$T/err"
check "failing rank: said once (rank 0 speaks for the job)" test "$(grep -c 'winnow:' "$T/err")" -eq 1
check "failing rank: nothing at final paths" test -z "$(ls -A "$T/np")"

# What cannot be distributed says so.
"${MPIRUN[@]}" -np 2 "$W" learn "$SAMPLES/news.jsonl" -o "$T/model" 2>"$T/err"
check "learn under mpirun -np 2 refused" test $? -ne 0
check "learn refusal message" grep -q "only run, clean and dedup are distributed" "$T/err"
"${MPIRUN[@]}" -np 2 "$W" run "$SAMPLES/news.jsonl" -o - 2>"$T/err" >/dev/null
check "stdout output under mpirun refused" grep -q "give -o FILE" "$T/err"

# What the command line or a config file gets wrong is the same on every
# rank: it is said once, by rank 0, and every rank stops; --print-config
# prints once.
rm -rf "$T/np" && mkdir "$T/np"
"${MPIRUN[@]}" -np 2 "$W" run --foo "$SAMPLES/news.jsonl" -o "$T/np/k.jsonl" >"$T/out" 2>"$T/err"
check "usage error under mpirun: job exits non-zero" test $? -ne 0
check "usage error under mpirun: said once" test "$(grep -c "unknown option '--foo'" "$T/err")" -eq 1
printf 'threshold = 0.7\ntreshold = 0.7\n' >"$T/bad.toml"
"${MPIRUN[@]}" -np 2 "$W" run --config "$T/bad.toml" "$SAMPLES/news.jsonl" -o "$T/np/k.jsonl" >"$T/out" 2>"$T/err"
check "config error under mpirun: job exits non-zero" test $? -ne 0
check "config error under mpirun: said once, with its line" \
  test "$(grep -c "bad.toml:2: unknown option 'treshold'" "$T/err")" -eq 1
check "config error under mpirun: nothing written" test -z "$(ls -A "$T/np")"
"${MPIRUN[@]}" -np 2 "$W" run --print-config "$SAMPLES/news.jsonl" -o "$T/np/k.jsonl" >"$T/out" 2>"$T/err"
check "--print-config under mpirun: exit 0" test $? -eq 0
check "--print-config under mpirun: printed once" test "$(grep -c '^threshold = ' "$T/out")" -eq 1

# A config file one rank cannot read (each rank runs in its own folder,
# and only the first has it): rank 0 tells that rank's fault, and the job
# stops instead of waiting for it.
mkdir -p "$T/wa" "$T/wb" && printf 'threshold = 0.7\n' >"$T/wa/c.toml"
rm -rf "$T/np" && mkdir "$T/np"
"${MPIRUN[@]}" -np 1 -wdir "$T/wa" "$W" run --config c.toml "$SAMPLES/news.jsonl" -o "$T/np/k.jsonl" : \
  -np 1 -wdir "$T/wb" "$W" run --config c.toml "$SAMPLES/news.jsonl" -o "$T/np/k.jsonl" >"$T/out" 2>"$T/err"
check "config missing on one rank: job exits non-zero" test $? -ne 0
check "config missing on one rank: said once, naming the rank" test "$(grep -c 'winnow: rank 1: c.toml' "$T/err")" -eq 1
check "config missing on one rank: nothing written" test -z "$(ls -A "$T/np")"

echo "mpi: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
