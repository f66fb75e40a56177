#!/usr/bin/env bash
# Help patches and the helper panels look right without opening Pd
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

# The checker itself: a patch with each fault has to fail its check (the
# runner would pass if pdlayout.py found nothing).
BAD=$OUT/bad
mkdir -p "$BAD"
cat >"$BAD/overlap.pd" <<'PD'
#N canvas 40 40 600 400 12;
#X obj 20 20 osc~ 440;
#X obj 30 25 dac~;
PD
cat >"$BAD/fits.pd" <<'PD'
#N canvas 40 40 1600 400 12;
#X obj 1500 20 osc~ 440;
PD
cat >"$BAD/wires.pd" <<'PD'
#N canvas 40 40 600 400 12;
#X obj 20 20 osc~ 440;
#X obj 20 80 print~;
#X obj 20 140 dac~;
#X connect 0 0 2 0;
PD
cat >"$BAD/files.pd" <<'PD'
#N canvas 40 40 600 400 12;
#X text 20 20 see tests/pd/test_layout.sh, f 40;
PD
cat >"$BAD/comments.pd" <<'PD'
#N canvas 40 40 600 400 12;
#X text 20 20 comment;
PD
cat >"$BAD/fields.pd" <<'PD'
#N canvas 40 40 600 400 12;
#X obj 20 20 nbx 5 18 1 20 0 1 empty empty  73 9 0 12 #fcfcfc #000000 #000000 2 256;
PD
for check in overlap fits wires files comments fields; do
    if python3 tests/tools/pdlayout.py --only "$check" "$BAD/$check.pd" \
        >"$BAD/$check.log" 2>&1; then
        echo "FAIL: layout checker catches a patch that breaks '$check'"
    else
        echo "PASS: layout checker catches a patch that breaks '$check'"
    fi
done
cat >"$BAD/initial.pd" <<'PD'
#N canvas 40 40 600 400 12;
#X obj 20 20 nbx 5 18 -60 0 0 1 empty empty empty 0 -8 0 12 #fcfcfc #000000 #000000 -3 256;
#X msg 20 60 threshold \$1;
#X obj 20 100 gate~;
#X connect 0 0 1 0;
#X connect 1 0 2 0;
PD
# [eq~ -ch 2] has 3 outlets (the description says so): its 2nd is in the
# middle of the box, so this wire runs straight down across [print]
cat >"$BAD/ports.pd" <<'PD'
#N canvas 40 40 600 400 12;
#X obj 20 20 eq~ -ch 2, f 48;
#X obj 180 200 dac~;
#X obj 170 110 print;
#X connect 0 1 1 0;
PD
if python3 tests/tools/pdlayout.py --json "$OUT/reference.json" \
    --only wires "$BAD/ports.pd" >"$BAD/ports.log" 2>&1; then
    echo "FAIL: layout checker places a mixmaster object's ports as Pd draws them"
else
    echo "PASS: layout checker places a mixmaster object's ports as Pd draws them"
fi
if python3 tests/tools/pdlayout.py --json "$OUT/reference.json" \
    --only initial "$BAD/initial.pd" >"$BAD/initial.log" 2>&1; then
    echo "FAIL: layout checker catches a control that does not show its object's value"
else
    echo "PASS: layout checker catches a control that does not show its object's value"
fi

# What users read: the help patches and the helper panels installed with
# them. The internals of mixer~, mastering~, ab~, livemaster~ and the
# mixer channels are not opened by users and are not checked here.
files=(help-patches/*.pd abstractions/mm-*.pd)
python3 tests/tools/pdlayout.py --json "$OUT/reference.json" "${files[@]}"
python3 scripts/mkhelp.py --json "$OUT/reference.json" --check
