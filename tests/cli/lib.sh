# Helpers shared by the CLI test scripts (sourced; needs $T).
pass=0
fail=0
check() {  # check NAME CONDITION...: counts and reports
  local name=$1
  shift
  if "$@"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL: $name" >&2
  fi
}
run() {  # run CMD...: sets rc, out, err
  "$@" >"$T/out" 2>"$T/err" </dev/null
  rc=$?
  out=$(cat "$T/out")
  err=$(cat "$T/err")
}
has() { grep -qF -- "$2" <<<"$1"; }
hasnt() { ! has "$@"; }
