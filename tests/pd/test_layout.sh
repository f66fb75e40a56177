#!/usr/bin/env bash
# Help patches and abstractions look right without opening Pd
# (tests/tools/pdlayout.py): no overlapping boxes, everything fits a
# 1280x800 screen, no wire crosses a box on the main canvas and no fan of
# wires, no empty or "comment" comments, no reference to a file of the
# source tree (they are not installed), and every control shows the value
# its object starts with. Then the generated help patches are what
# scripts/mkhelp.py writes (edit the generator, not the patch).
# Screenshots in the real GUI: scripts/helpshots.sh (looked at by a person).
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
OUT=${OUT:-$BUILD/test-out/test_layout}
mkdir -p "$OUT"

if ! make -s "$BUILD/mmref" BUILD="$BUILD" >"$OUT/build.log" 2>&1 ||
   ! "$BUILD/mmref" -o "$OUT/reference.json" 2>"$OUT/mmref.log"; then
    echo "FAIL: layout: the reference description builds (see $OUT)"
    exit 0
fi
python3 tests/tools/pdlayout.py --json "$OUT/reference.json" \
    help-patches/*.pd abstractions/*.pd
python3 scripts/mkhelp.py --json "$OUT/reference.json" --check
