#!/usr/bin/env bash
# The course (help-patches/course/, written by scripts/mkcourse.py), each
# lesson in one batch run of Pd at 48 kHz, driven through the lesson's
# [inlet] as a student would drive its controls:
#  - it opens with every object created and no error printed;
#  - its sound (the lesson's two [outlet~]s, what the student hears) over
#    the first 3 s is finite and not silent;
#  - its check, given a setting that meets the lesson's goal, says so on
#    every row ('check: met: ...'); given one that misses it, says 'not
#    yet' with the measured figure;
# lesson 4's kick through comp~ at mix 50 is heard apart from mix 0, and
# lesson 12's vinyl switch takes 3 to 5 dB off;
# each drill, seeded, gives the same questions twice and tells a right and
# a wrong answer as such; a lesson's links open the pages they name; then
# every page opens on its own from the installed folder (the start page
# too), the layout checker passes them, nothing lies past the window, and
# they are what scripts/mkcourse.py writes.
set -u
. "$(dirname "$0")/../lib/pdrun.sh"
OUT=${OUT:-$BUILD/test-out/test_course}
MM_LABEL=course
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
COURSE=$MM_TOP/help-patches/course

# lesson | section played | seconds per setting | the setting that meets
# the goal | the one that misses it (messages to the lesson's inlet,
# separated by commas)
LESSONS=(
"01-what-a-mix-is|chorus|4|c-fader2 -2, c-fader3 -4, c-fader4 -1, c-fader5 -4, c-fader6 -5, c-fader7 0|c-fader7 -40"
"02-gain-staging|chorus|4|c-master -3|c-master 6"
"03-eq-carves-space|chorus|4|c-padhpf 200, c-padcut -9|c-padhpf 0, c-padcut 0, c-voicepres 6"
"04-compression|chorus|4|c-threshold -26, c-ratio 3, c-attack 5, c-release 120, c-makeup 3|c-threshold -50, c-ratio 20"
"05-effects-and-depth|chorus|4|c-vsend -12, c-lsend -6|c-vsend -2, c-lsend -100"
"06-the-mixdown|chorus|4|c-master -3|c-busnorm 1, c-buslim 1"
"07-what-mastering-is|chorus|4|c-linput 7|c-linput 14"
"08-mastering-eq|chorus|4|c-lowdb -3, c-mbthr -30, c-mbratio 3|c-lowdb 0, c-mbthr 0, c-mbratio 1"
"09-stereo-and-mono|chorus|4|c-width 100, c-monobass 120|c-width 200"
"10-loudness-war|chorus|4|c-input 4|c-input 14"
"11-delivery|chorus|4|c-dest 0, c-input 4|c-dest 2, c-ceiling 0"
"12-album-and-formats|chorus|4|c-gain2 -1|c-gain2 3"
"13-live|chorus|10|c-bypass 0|c-bypass 1"
)

# harness <dir> <lesson> <event>...: writes <dir>/t.pd, the lesson as an
# object; each event "<ms>|<messages, separated by commas>" reaches its
# inlet that many ms after load; DSP starts at 10 ms and its outlets are
# recorded for 3 s; 100 ms after the last event out.wav is written and Pd
# quits
harness() {
    local d=$1 lesson=$2; shift 2
    local end=0 e ms k=0 i
    for e in "$@"; do ms=${e%%|*}; [ "$ms" -gt "$end" ] && end=$ms; done
    {
        echo "#N canvas 0 0 900 600 12;"
        echo "#X obj 10 10 loadbang;"                                  # 0
        echo "#X obj 10 300 $lesson;"                                  # 1
        echo "#X msg 400 40 \\; pd dsp 1;"                             # 2
        echo "#X obj 400 10 delay 10;"                                 # 3
        echo "#X obj 10 400 table course-L 144000;"                    # 4
        echo "#X obj 100 400 table course-R 144000;"                   # 5
        echo "#X obj 10 360 tabwrite~ course-L;"                       # 6
        echo "#X obj 100 360 tabwrite~ course-R;"                      # 7
        echo "#X obj 600 10 delay $((end + 100));"                     # 8
        echo "#X obj 600 40 t b b;"                                    # 9
        echo "#X msg 700 70 write -bytes 4 out.wav course-L course-R;" # 10
        echo "#X obj 700 100 soundfiler;"                              # 11
        echo "#X msg 600 130 \\; pd quit;"                             # 12
        for e in "$@"; do
            echo "#X obj $((10 + 60 * k)) 100 delay ${e%%|*};"
            # ';name message' is sent to that name, not to the lesson
            echo "#X msg $((10 + 60 * k)) 130 ${e#*|};" |
                sed 's/,/ \\,/g; s/^\(#X msg [0-9]* 130 \);/\1\\; /'
            k=$((k + 1))
        done
        for c in "0 0 3 0" "3 0 2 0" "3 0 6 0" "3 0 7 0" "1 0 6 0" \
                 "1 1 7 0" "0 0 8 0" "8 0 9 0" "9 1 10 0" "10 0 11 0" \
                 "9 0 12 0"; do
            echo "#X connect $c;"
        done
        for ((i = 0; i < k; i++)); do
            echo "#X connect 0 0 $((13 + 2 * i)) 0;"
            echo "#X connect $((13 + 2 * i)) 0 $((14 + 2 * i)) 0;"
            echo "#X connect $((14 + 2 * i)) 0 1 0;"
        done
    } >"$d/t.pd"
}

# run <dir> <lesson> <event>...: the harness in Pd; FAIL if an object is
# not created or an error is printed
run() {
    local d=$1 lesson=$2; shift 2
    mkdir -p "$d"; rm -f "$d/out.wav"
    harness "$d" "$lesson" "$@"
    (cd "$d" && timeout 120 "$PD" -batch -noprefs -nosound -r 48000 -stderr \
        -path "$MM_LIB" -path "$COURSE" -open t.pd) >"$d/pd.log" 2>&1
    local e
    e=$(grep -m3 "couldn't create\|^error:" "$d/pd.log" | tr '\n' ' ')
    [ -z "$e" ] && pass "$lesson: opens, every object created, no error" \
        || fail "$lesson: $e"
}

# sound <dir> <lesson>: out.wav (the first 3 s) is to be checked finite
# and not silent; the checks run at the end, all in one python (each
# python start costs half a second on a busy machine)
SOUNDS=()
sound() { SOUNDS+=("$2|$1/out.wav"); }

# sounds_ok: PASS/FAIL for each recorded sound
sounds_ok() {
    python3 - "${SOUNDS[@]}" <<'PY'
import math, os, struct, sys
for arg in sys.argv[1:]:
    name, path = arg.split("|", 1)
    if not os.path.exists(path) or os.path.getsize(path) < 100:
        print("FAIL: course %s: no sound recorded" % name)
        continue
    d = open(path, "rb").read(); i = d.index(b"data")
    n = struct.unpack("<I", d[i + 4:i + 8])[0] // 4
    x = struct.unpack("<%df" % n, d[i + 8:i + 8 + 4 * n])
    fin = all(math.isfinite(v) for v in x)
    p = sum(v * v for v in x if math.isfinite(v)) / max(1, n)
    rms = 10 * math.log10(p) if p > 0 else -999
    ok = fin and rms > -60
    print("%s: course %s: its sound is finite and not silent (finite %d, "
          "RMS %.1f dBFS over 3 s)" % ("PASS" if ok else "FAIL", name, fin,
                                        rms))
PY
}

for spec in "${LESSONS[@]}"; do
    IFS='|' read -r lesson section secs meet miss <<<"$spec"
    d=$OUT/$lesson
    T=$((secs * 1000))
    run "$d" "$lesson" "10|$meet, song section $section, song play" \
        "$T|check, $miss" "$((T + 500))|restart" "$((2 * T))|check"
    sound "$d" "$lesson"
    mapfile -t rows < <(grep '^check: ' "$d/pd.log" | sed 's/^check: //')
    n=$((${#rows[@]} / 2))
    if [ "$n" -lt 1 ]; then fail "$lesson: the check printed nothing"; continue; fi
    good=1; bad=0
    for ((i = 0; i < n; i++)); do
        [[ "${rows[$i]}" == met:* ]] || good=0
        [[ "${rows[$((n + i))]}" =~ ^not\ yet:.*-?[0-9] ]] && bad=1
    done
    [ $good = 1 ] && pass "$lesson: a setting that meets the goal: ${rows[*]:0:n}" \
        || fail "$lesson: a setting that meets the goal ($meet): ${rows[*]:0:n}"
    [ $bad = 1 ] && pass "$lesson: a setting that misses it: ${rows[*]:n:n}" \
        || fail "$lesson: a setting that misses the goal ($miss): ${rows[*]:n:n}"
done

# lesson 4's parallel compression: the kick's comp~ at mix 50 (half
# squashed, 6 dB makeup) is heard: the difference from mix 0 (the dry
# kick), over the last 2 of 3 s of the chorus, is within 30 dB of the mix
# (the runs are otherwise the same, sample for sample)
# wavcmp diff|rms <a.wav> <b.wav>: over the last 2 of 3 s, the energy of
# b - a against a's (dB), or b's RMS against a's (dB)
wavcmp() {
    python3 - "$@" <<'PY'
import math, struct, sys
def samples(path):
    d = open(path, "rb").read(); i = d.index(b"data")
    n = struct.unpack("<I", d[i + 4:i + 8])[0] // 4
    return struct.unpack("<%df" % n, d[i + 8:i + 8 + 4 * n])[n // 3:]
a, b = samples(sys.argv[2]), samples(sys.argv[3])
s = sum(x * x for x in a)
e = sum((x - y) ** 2 for x, y in zip(a, b)) if sys.argv[1] == "diff" else sum(y * y for y in b)
print("%.1f" % (10 * math.log10(e / s) if e > 0 and s > 0 else -999))
PY
}
for m in 0 50; do
    run "$OUT/par$m" 04-compression "10|c-dmix $m, song section chorus, song play" \
        "3000|dcomp print"
done
par=$(wavcmp diff "$OUT/par0/out.wav" "$OUT/par50/out.wav")
ok "04-compression: the kick's parallel comp~ at mix 50 is heard (the change against mix 0)" \
    'v >= -30' "$par" "$par dB re the mix"
# lesson 12's vinyl switch: 3 dB quieter and softer highs, so 3 to 5 dB
# less RMS (its 3 dB, and a little of the highs)
for v in 0 1; do
    run "$OUT/vinyl$v" 12-album-and-formats "10|c-vinyl $v, song section chorus, song play" \
        "3000|c-gap 2000"
done
vin=$(wavcmp rms "$OUT/vinyl0/out.wav" "$OUT/vinyl1/out.wav")
ok "12-album-and-formats: the vinyl switch takes about 3 dB (RMS) off, no more than 5" \
    'v <= -2.9 && v >= -5' "$vin" "$vin dB"

# drill | messages that start its sound: each drill, seeded, twice: the
# first run reveals the first two answers; the second (the same seed)
# gives the same first answer, is told 'right' for it and 'not this time'
# (with the answer and the guess) for a wrong second answer
DRILLS=(
"14-drill-eq-band|c-play 1"
"15-drill-compression|c-play 1"
"16-drill-louder|song section chorus, song play"
"17-drill-dither|c-play 1"
"18-drill-limited|song section chorus, song play"
)
for spec in "${DRILLS[@]}"; do
    IFS='|' read -r drill start <<<"$spec"
    d=$OUT/$drill
    # the options, in order, from the drill's [text define -k $0-names]
    mapfile -t opts < <(grep -m1 '^#A set' "$COURSE/$drill.pd" |
        sed 's/^#A set //; s/;$//; s/ \\;/\n/g' | sed 's/^ *//')
    run "$d-a" "$drill" "10|$start, c-seed 7, new, reveal" "300|new, reveal"
    mapfile -t ans < <(sed -n 's/^drill: the answer is //p' "$d-a/pd.log")
    if [ "${#ans[@]}" -ne 2 ] || [ "${#opts[@]}" -lt 2 ]; then
        fail "$drill: two answers revealed (${ans[*]}) among options (${opts[*]})"
        continue
    fi
    idx() { local i; for i in "${!opts[@]}"; do [ "${opts[$i]}" = "$1" ] && echo "$i"; done; }
    i1=$(idx "${ans[0]}"); i2=$(idx "${ans[1]}")
    w=$(( (i2 + 1) % ${#opts[@]} ))
    run "$d" "$drill" "10|$start, c-seed 7, new, reveal, c-guess $i1, answer" \
        "300|new, c-guess $w, answer"
    sound "$d" "$drill"
    got=$(sed -n 's/^drill: //p' "$d/pd.log" | tr '\n' '/')
    want="the answer is ${ans[0]}/right - it was ${ans[0]}/not this time - it was ${ans[1]} - you said ${opts[$w]}/"
    [ "$got" = "$want" ] && pass "$drill: seeded questions, a right and a wrong answer told as such ($got)" \
        || fail "$drill: the drill said '$got', expected '$want'"
done
sounds_ok

# the links: a lesson's [pd open] opens a page of its folder (Pd names a
# page it could not open, and a canvas it does not have)
L=$OUT/links
run "$L" 01-what-a-mix-is "10|open 02-gain-staging, open 00-start-here" \
    "200|;pd-02-gain-staging.pd vis 0" "300|;pd-00-start-here.pd vis 0"
if ! grep -q "no such object\|can't open\|couldn't" "$L/pd.log"; then
    pass "links: lesson 1 opens lesson 2 and the start page"
else
    fail "links: $(grep -m2 "no such object\|can't open\|couldn't" "$L/pd.log" | tr '\n' ' ')"
fi

# every page opens on its own from the installed folder course/, with only
# the folder above mixmaster/ on Pd's path ([declare -path ..] finds the
# objects), as a student opens it
inst=$MM_TOP/$BUILD/pd
for p in "$MM_LIB"/course/*.pd; do
    n=$(basename "$p" .pd)
    (cd "$(dirname "$p")" && timeout 60 "$PD" -batch -noprefs -nosound \
        -stderr -path "$inst" -open "$n.pd" -send "pd quit") \
        >"$OUT/open-$n.log" 2>&1
    e=$(grep -m3 "couldn't create\|^error:" "$OUT/open-$n.log" | tr '\n' ' ')
    [ -z "$e" ] && pass "$n opens on its own from the installed course/" \
        || fail "$n opens on its own: $e"
done
n=$(ls "$COURSE"/*.pd | wc -l)
[ "$n" -eq $((${#LESSONS[@]} + ${#DRILLS[@]} + 1)) ] && pass "every lesson and drill is tested ($n pages)" \
    || fail "$n pages in the course, ${#LESSONS[@]} lessons and ${#DRILLS[@]} drills tested"

# the layout checker, and the pages are what scripts/mkcourse.py writes
if make -s -C "$MM_TOP" "$BUILD/mmref" BUILD="$BUILD" >"$OUT/build.log" 2>&1 &&
   "$MM_TOP/$BUILD/mmref" -o "$OUT/reference.json" 2>"$OUT/mmref.log"; then
    python3 "$MM_TOP/tests/tools/pdlayout.py" --json "$OUT/reference.json" \
        "$COURSE"/*.pd | sed 's/^\(PASS\|FAIL\): layout /\1: course layout /'
else
    fail "layout: the reference description builds (see $OUT)"
fi
# stricter than 'fits' (the screen): nothing past the window itself
# (1240 x 740 at 40,40: x 1230, y 760 as doc/help-style.md says), or the
# page opens with scrollbars
python3 - "$MM_TOP/tests/tools" "$COURSE"/*.pd <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
import pdlayout as pl
for path in sys.argv[2:]:
    root = pl.parse(open(path).read())
    out = []
    for b in root.boxes:
        r, lab, _ = pl.geometry(b, root.font)
        out += ["%s reaches %d,%d" % (pl.describe(b), rr[2], rr[3])
                for rr in (r, lab) if rr and (rr[2] > 1230 or rr[3] > 760)]
    name = path.rsplit("/", 1)[-1]
    print("%s: course %s: the page stays inside its window (1230 x 760)%s"
          % ("FAIL" if out else "PASS", name,
             ": " + "; ".join(out[:3]) if out else ""))
PY
python3 "$MM_TOP/scripts/mkcourse.py" --check
