#!/usr/bin/env bash
# One-step set-up on Debian 12 (as root): installs what is missing, builds
# winnow, then either runs the main job on samples/ ("demo") or runs every
# test ("test").
#
#   bash scripts/setup.sh demo     # install, build, clean + dedup samples/
#   bash scripts/setup.sh test     # install, build, run all tests (ctest), then again
#                                  # under AddressSanitizer + UBSan (build-asan/), and
#                                  # runs the libFuzzer targets briefly (build-fuzz/)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
MODE=${1:-demo}
BUILD=${WINNOW_BUILD_DIR:-$ROOT/build}
JOBS=${WINNOW_JOBS:-2}

PACKAGES=(
  build-essential cmake ninja-build pkg-config python3 gzip zstd
  libre2-dev libxxhash-dev libsimdjson-dev libzstd-dev zlib1g-dev libutf8proc-dev
  libtomlplusplus-dev libcli11-dev libtbb-dev libgtest-dev libgmock-dev libbenchmark-dev
  libopenmpi-dev openmpi-bin
)

# The test command also builds the libFuzzer targets: clang and its runtime.
if [ "$MODE" = test ]; then PACKAGES+=(clang libclang-rt-14-dev); fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: run as root (or install these packages first): ${missing[*]}" >&2
    exit 2
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

echo "setup: building in $BUILD"
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD" -j "$JOBS"
WINNOW=$BUILD/tools/winnow/winnow

case "$MODE" in
  demo)
    OUT=$ROOT/out
    mkdir -p "$OUT"
    echo
    echo "== winnow run samples/news.jsonl"
    "$WINNOW" run "$ROOT/samples/news.jsonl" -o "$OUT/news.clean.jsonl" \
      --dropped "$OUT/news.dropped.jsonl" --rejects "$OUT/news.rejects.jsonl" \
      --clusters "$OUT/news.clusters.jsonl" --report "$OUT/news.report.json"
    echo
    echo "== winnow run samples/news.wet samples/txt (WET and a folder of text files)"
    "$WINNOW" run "$ROOT/samples/news.wet" "$ROOT/samples/txt" -o "$OUT/other.clean.jsonl" \
      --dropped "$OUT/other.dropped.jsonl" --report "$OUT/other.report.json"
    echo
    echo "== winnow clean samples/multilingual.jsonl (German, French, Spanish, Russian, Polish, Turkish and Chinese pages)"
    "$WINNOW" clean "$ROOT/samples/multilingual.jsonl" -o "$OUT/multilingual.clean.jsonl"
    echo
    echo "Outputs are in $OUT/. See why each line went with:"
    echo "  $WINNOW explain samples/news.jsonl --id gazette-001"
    ;;
  test)
    (cd "$BUILD" && ctest --output-on-failure -j "$JOBS")
    # The same suite under AddressSanitizer + UndefinedBehaviorSanitizer.
    # Without MPI: LeakSanitizer reports Open MPI's own allocations at exit;
    # the distributed code runs here all the same (distributed_test, threads
    # as ranks).
    ASAN_BUILD=$ROOT/build-asan
    echo "setup: building with sanitizers in $ASAN_BUILD"
    cmake -S "$ROOT" -B "$ASAN_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWINNOW_SANITIZE=ON \
      -DWINNOW_BUILD_BENCH=OFF -DWINNOW_MPI=OFF >/dev/null
    cmake --build "$ASAN_BUILD" -j "$JOBS"
    (cd "$ASAN_BUILD" && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
      ctest --output-on-failure -j "$JOBS" -LE slow)
    # Fuzz targets (clang, libFuzzer, ASan + UBSan), each run briefly over its seeds.
    FUZZ_BUILD=$ROOT/build-fuzz
    echo "setup: building the fuzz targets in $FUZZ_BUILD"
    CXX=clang++ cmake -S "$ROOT" -B "$FUZZ_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWINNOW_FUZZ=ON \
      -DWINNOW_SANITIZE=ON -DWINNOW_BUILD_TESTS=OFF -DWINNOW_BUILD_BENCH=OFF -DWINNOW_BUILD_TOOLS=OFF >/dev/null
    cmake --build "$FUZZ_BUILD" -j "$JOBS"
    (cd "$FUZZ_BUILD" && ctest --output-on-failure -j "$JOBS")
    ;;
  *)
    echo "usage: $0 demo|test" >&2
    exit 2
    ;;
esac
