#!/usr/bin/env bash
# make deken's package, installed as deken installs it: the .dek (a zip
# named mixmaster[vVERSION](OS-MARCH-32).dek) unpacked into an empty
# folder, a fresh Pd pointed at that folder (-noprefs, nothing else on its
# path) creates every object as mixmaster/<name> and opens every help
# patch and abstraction with every object created. Also: the .sha256
# matches, the .dek.txt lists every object, the archive holds README.md
# and LICENSE under mixmaster/.
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
OUT=${OUT:-$BUILD/test-out/test_deken}
PD=${PD:-pd}
# a clean folder, but the runner's log (tests/run.sh writes test.log here)
mkdir -p "$OUT"
find "$OUT" -mindepth 1 -maxdepth 1 ! -name test.log -exec rm -rf {} +
OUT=$(cd "$OUT" && pwd)

if ! python3 scripts/mkdeken.py --stage "$BUILD/pd/mixmaster" \
        --out "$OUT/pkg" >"$OUT/mkdeken.log" 2>&1; then
    echo "FAIL: deken: the package builds ($(tail -1 "$OUT/mkdeken.log"))"
    exit 0
fi
dek=$(tail -1 "$OUT/mkdeken.log")
name=$(basename "$dek")
# deken's file name rule (its regular expression, with the version)
if [[ "$name" =~ ^mixmaster\[v[^][()]+\](\((Linux|Darwin|Windows)-[a-z0-9_]+-32\))+\.dek$ ]]; then
    echo "PASS: deken: $name is named as deken expects"
else
    echo "FAIL: deken: $name does not follow LIBNAME[vVERSION](OS-MARCH-32).dek"
fi
want=$(sha256sum "$dek" | cut -d' ' -f1)
got=$(cut -d' ' -f1 "$dek.sha256")
[ "$want" = "$got" ] && echo "PASS: deken: .sha256 matches" \
    || echo "FAIL: deken: .sha256 says $got, the archive is $want"

inst=$OUT/externals
mkdir -p "$inst"
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' \
    "$dek" "$inst"
top=$(ls "$inst")
[ "$top" = mixmaster ] && echo "PASS: deken: one folder mixmaster/ at the top" \
    || echo "FAIL: deken: the archive's top level is '$top'"
for f in README.md LICENSE mixmaster-meta.pd course/00-start-here.pd; do
    [ -f "$inst/mixmaster/$f" ] && echo "PASS: deken: holds $f" \
        || echo "FAIL: deken: no mixmaster/$f"
done

# every object (externals and abstractions) by its help patch
objs=$(cd "$inst/mixmaster" && ls *-help.pd | sed 's/-help\.pd$//')
missing=""
for o in $objs; do
    grep -q "^$o	" "$dek.txt" || missing+=" $o"
done
[ -z "$missing" ] && echo "PASS: deken: the objects list names every object" \
    || echo "FAIL: deken: the objects list lacks$missing"

# a fresh Pd with only the install folder on its path creates them all
{
    echo "#N canvas 0 0 600 400 12;"
    y=10
    for o in $objs; do echo "#X obj 10 $y mixmaster/$o;"; y=$((y + 30)); done
} >"$OUT/create.pd"
(cd "$OUT" && timeout 120 "$PD" -batch -noprefs -nosound -stderr \
    -path "$inst" -open create.pd -send "pd quit") >"$OUT/create.log" 2>&1
bad=$(grep -c "couldn't create" "$OUT/create.log")
if [ "$bad" -eq 0 ]; then
    echo "PASS: deken: a fresh Pd creates all $(echo $objs | wc -w) objects from the package"
else
    echo "FAIL: deken: $bad objects not created:"
    grep "couldn't create" "$OUT/create.log" | head -5 | sed 's/^/    /'
fi
# and opens each help patch, as Help does (from the package's folder),
# and each page of the course (from its folder course/: [declare -path ..]
# finds the objects)
for p in "$inst"/mixmaster/*-help.pd "$inst"/mixmaster/mm-*.pd \
         "$inst"/mixmaster/course/*.pd; do
    n=$(basename "$p" .pd)
    (cd "$(dirname "$p")" && timeout 60 "$PD" -batch -noprefs -nosound \
        -stderr -path "$inst" -open "$(basename "$p")" -send "pd quit") \
        >"$OUT/open-$n.log" 2>&1
    why=$(grep -h "couldn't create\|^error: " "$OUT/open-$n.log" | head -3)
    if [ -z "$why" ]; then echo "PASS: deken: opens $n"; else
        echo "FAIL: deken: opens $n"; printf '%s\n' "$why" | sed 's/^/    /'; fi
done
