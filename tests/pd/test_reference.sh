#!/usr/bin/env bash
# The reference says what the tables say. For every object built on the
# backbone (those in build/mmref's description):
#   - the description builds and agrees with the objects made on the Pd
#     stub (mmref exits 1 otherwise);
#   - regenerated from the description (scripts/mkreference.py --check),
#     the help patch's [pd reference] and doc/<name>.md are what the
#     repository holds, and no two boxes of the reference overlap;
#   - read back from the help patch itself, every flag, message and info
#     selector of the table is there, with its range and default.
# Objects still on mm_pdlegacy are listed, not tested.
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
OUT=${OUT:-$BUILD/test-out/test_reference}
mkdir -p "$OUT"

if ! make -s "$BUILD/mmref" BUILD="$BUILD" >"$OUT/build.log" 2>&1; then
    echo "FAIL: reference tool builds (see $OUT/build.log)"
    exit 0
fi
if "$BUILD/mmref" -o "$OUT/reference.json" 2>"$OUT/mmref.log"; then
    echo "PASS: reference description agrees with the objects"
else
    echo "FAIL: reference description: $(head -3 "$OUT/mmref.log" | tr '\n' ' ')"
    [ -s "$OUT/reference.json" ] || exit 0
fi

python3 scripts/mkreference.py --json "$OUT/reference.json" --check \
    2>"$OUT/mkreference.log"
grep '^skipped:' "$OUT/mkreference.log" | sed 's/^/note: /'

# Read the help patches back, independently of the generator's layout.
python3 - "$OUT/reference.json" <<'PY'
import json, os, re, sys
sys.path.insert(0, "scripts")
from mkreference import find_reference, records, atoms, arg_of

desc = json.load(open(sys.argv[1]))
for obj in desc["objects"]:
    n = obj["name"]
    path = os.path.join("help-patches", n + "-help.pd")
    if not os.path.exists(path):
        print("FAIL: reference %s: no help patch" % n)
        continue
    text = open(path).read()
    found = find_reference(text)
    if not found:
        print("FAIL: reference %s: no [pd reference] subpatch" % n)
        continue
    start, _, _, end = found
    # the comments as Pd shows them, one string
    shown = []
    for rec, _, _ in records(text[start:end]):
        a = atoms(rec)
        if a[:2] == ["#X", "text"]:
            if len(a) > 2 and a[-2] == "f" and a[-3] == "\\,":
                a = a[:-3]
            shown.append(" ".join(a[4:]).replace(" \\,", ",")
                         .replace("\\", ""))
    shown = " | ".join(shown)
    missing = []

    def need(what, words):
        if words not in shown:
            missing.append(what)

    for r in obj["rows"]:
        d = r["default"] if r["type"] == "choice" else "%g" % r["default"]
        if r["off"] is not None and r["default"] == r["off"]:
            d = "off"
        if r["creation"]:
            need("-" + r["name"], "-%s %s" % (r["name"], arg_of(r)))
        else:
            need(r["name"], "%s %s" % (r["name"], arg_of(r)))
        need(r["name"] + " default", "default " + d)
        if r["type"] in ("float", "int"):
            need(r["name"] + " range", "%g..%g" % (r["min"], r["max"]))
    for m in obj["methods"]:
        need(m["name"], (m["name"] + " " + m["args"]).strip())
    for i in obj["info"]:
        need(i["selector"], "%s %s" % (i["selector"], i["args"]))
    if missing:
        print("FAIL: reference %s: the help patch's reference lacks %s"
              % (n, ", ".join(missing)))
    else:
        print("PASS: reference %s: every row, method and info selector is "
              "in the help patch with its range and default" % n)
PY
