#!/usr/bin/env bash
# Installs the build tree into a temporary prefix, then configures, builds and
# runs tests/consumer against it with find_package(winnow).
set -eu
BUILD=$1
SRC=$2
CMAKE=$3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$CMAKE" --install "$BUILD" --prefix "$T/prefix" >/dev/null
"$CMAKE" -S "$SRC" -B "$T/build" -DCMAKE_PREFIX_PATH="$T/prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
"$CMAKE" --build "$T/build" -j2 >/dev/null
"$T/build/consumer"
test -x "$T/prefix/bin/winnow"
echo "consumer: 1 passed, 0 failed"
