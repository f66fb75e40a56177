#!/bin/sh
# Build the LV2 benchmark host: bench/lv2/build.sh [outdir] (default: this
# directory). Needs liblilv-dev (pkg-config lilv-0) and the LV2 headers.
set -e
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
mkdir -p "$out"
${CC:-cc} -std=c99 -O2 -Wall -Wextra -pedantic -I"$here/../../tests/lib" \
    "$here/lv2host.c" $(pkg-config --cflags --libs lilv-0) -lpthread -lm \
    -o "$out/lv2host"
