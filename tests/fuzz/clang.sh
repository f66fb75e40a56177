#!/usr/bin/env bash
# Prints the clang that links -fsanitize=fuzzer (installing clang and
# libFuzzer when missing, see scripts/lib/extra-deps.sh); exit 1 without
# one. Progress and errors go to stderr. Used by the Makefile (FUZZ_CC).
cd "$(dirname "$0")/../.." || exit 1
. scripts/lib/extra-deps.sh
need_clang >&2 || exit 1
echo "$MM_CLANG"
