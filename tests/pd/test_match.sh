#!/usr/bin/env bash
# match~ through Pd (the built external):
#  - recovery: stereo pink noise (filtgen pink) into match~'s programme
#    inlets and, through [eq~] with four bands (shelves and bells), into
#    its reference inlets; both learned 10 s, then match~'s `curve` and
#    eq~'s `curve` (the same 256 points, 20 Hz..20 kHz) are read back:
#    at the defaults (normalize 0) they agree within 1 dB from 50 Hz to
#    15 kHz; with normalize 1 their difference is one level offset (its
#    spread within 1 dB); `reference` and `source` report the seconds
#    learned;
#  - save and load: the learned pair saved as text and loaded by a new
#    match~ (-load, in a patch run at 48 and at 44.1 kHz) gives the same
#    curve (within 0.01 dB at 48 kHz, 0.1 dB at 44.1);
#  - a pure delay: without anything learned, and with -amount 0 after
#    learning, the output is the input delayed by the reported latency,
#    sample for sample (4607 at 48 kHz);
#  - no clicks: a 1 kHz sine as the programme, pink noise as the
#    reference, learned, cleared at 3 s and learned again: the sine's
#    level moves (the correction acts) and the largest step between
#    samples stays that of a sine of the output's peak (a click would
#    jump far above it).
set -u
. "$(dirname "$0")/../lib/pdrun.sh"
OUT=${OUT:-$BUILD/test-out/test_match}
MM_LABEL=match
mkdir -p "$OUT"
SR=48000
EQ="-band 1 lowshelf 80 4 0.7 -band 2 bell 250 -3 1.4 -band 3 bell 2500 5 1 -band 4 highshelf 10000 -4 0.7"

"$MM_TOOLS/filtgen" pink $SR $((SR * 12)) 2 0.25 "$OUT/pink.wav" \
    || fail "filtgen pink"

# recover_patch <dir> "<match~ flags>"
recover_patch() {
    local dir=$1 flags=$2
    mkdir -p "$dir"
    cp "$OUT/pink.wav" "$dir/pink.wav"
    {
        echo "#N canvas 0 0 900 600 12;"
        echo "#X obj 10 10 loadbang;"                                  # 0
        echo "#X obj 10 40 t b b b;"                                   # 1
        echo "#X msg 200 70 read -resize pink.wav pa pb;"              # 2
        echo "#X obj 200 100 soundfiler;"                              # 3
        echo "#X msg 10 100 \\; pd dsp 1;"                             # 4
        echo "#X obj 300 150 tabplay~ pa;"                             # 5
        echo "#X obj 420 150 tabplay~ pb;"                             # 6
        echo "#X obj 300 200 eq~ -ch 2 -bands 4 $EQ;"                  # 7
        echo "#X obj 100 300 match~ -ch 2 $flags;"                     # 8
        echo "#X obj 100 400 print R;"                                 # 9
        echo "#X obj 10 130 delay 10000;"                              # 10
        echo "#X msg 10 160 learn reference 0 \\, learn source 0 \\, curve mc \\, bang \\, save pair.txt;" # 11
        echo "#X msg 10 190 curve ec;"                                 # 12
        echo "#X obj 600 10 table mc 256;"                             # 13
        echo "#X obj 600 40 table ec 256;"                             # 14
        echo "#X obj 600 100 array get mc;"                            # 15
        echo "#X obj 600 130 print MC;"                                # 16
        echo "#X obj 600 160 array get ec;"                            # 17
        echo "#X obj 600 190 print EC;"                                # 18
        echo "#X obj 10 220 t b b b b b;"                              # 19
        echo "#X msg 10 400 \\; pd quit;"                              # 20
        echo "#X msg 100 250 learn reference 1 \\, learn source 1;"    # 21
        echo "#X obj 700 10 table pa;"                                 # 22
        echo "#X obj 700 40 table pb;"                                 # 23
        echo "#X connect 0 0 1 0;"
        echo "#X connect 1 2 2 0;"
        echo "#X connect 2 0 3 0;"
        echo "#X connect 1 1 21 0;"
        echo "#X connect 21 0 8 0;"
        echo "#X connect 1 0 4 0;"
        echo "#X connect 1 0 10 0;"
        echo "#X connect 1 0 5 0;"
        echo "#X connect 1 0 6 0;"
        echo "#X connect 5 0 8 0;"
        echo "#X connect 6 0 8 1;"
        echo "#X connect 5 0 7 0;"
        echo "#X connect 6 0 7 1;"
        echo "#X connect 7 0 8 2;"
        echo "#X connect 7 1 8 3;"
        echo "#X connect 8 2 9 0;"
        echo "#X connect 10 0 19 0;"
        echo "#X connect 19 4 11 0;"
        echo "#X connect 11 0 8 0;"
        echo "#X connect 19 3 12 0;"
        echo "#X connect 12 0 7 0;"
        echo "#X connect 19 2 15 0;"
        echo "#X connect 15 0 16 0;"
        echo "#X connect 19 1 17 0;"
        echo "#X connect 17 0 18 0;"
        echo "#X connect 19 0 20 0;"
    } >"$dir/t.pd"
}

# the two curves, one line per point: "<Hz> <match dB> <eq dB>"
curves() {
    awk '$1 == "MC:" {for (i = 2; i <= NF; i++) m[n++] = $i}
         $1 == "EC:" {for (i = 2; i <= NF; i++) e[k++] = $i}
         END {for (i = 0; i < n && i < k; i++)
                  printf "%.2f %s %s\n", 20 * exp(log(1000) * i / 255), m[i], e[i]}' "$1"
}

d=$OUT/recover0
recover_patch "$d" ""
mm_pd $SR "$d/t.pd" >"$d/pd.log"
e=$(mm_pd_errors "$d/pd.log")
[ -z "$e" ] || fail "recover pd: $e"
curves "$d/pd.log" >"$d/curves.txt"
ok "curve and eq~'s curve read back (256 points each)" "v == 256" \
    "$(wc -l <"$d/curves.txt")" "$(wc -l <"$d/curves.txt") points"
worst=$(awk '$1 >= 50 && $1 <= 15000 {e = $2 - $3; if (e < 0) e = -e;
             if (e > w) {w = e; f = $1}} END {printf "%.3f %.0f", w, f}' "$d/curves.txt")
ok "defaults: the learned correction recovers the EQ within 1 dB, 50 Hz..15 kHz" \
    "v <= 1.0" "${worst% *}" "largest error ${worst% *} dB at ${worst#* } Hz"
learned=$(awk '$1 == "R:" && $2 == "reference" {r = $3} $1 == "R:" && $2 == "source" {s = $3}
               END {print r + 0, s + 0}' "$d/pd.log")
ok "reference and source report the seconds learned" \
    "v >= 9.5 && v <= 10.5" "${learned% *}" "reference ${learned% *} s, source ${learned#* } s"
ok "latency reported at DSP start" "v == 4607" \
    "$(awk '$1 == "R:" && $2 == "latency" {v = $3} END {print v + 0}' "$d/pd.log")" "samples"

d=$OUT/recover1
recover_patch "$d" "-normalize 1"
mm_pd $SR "$d/t.pd" >"$d/pd.log"
e=$(mm_pd_errors "$d/pd.log")
[ -z "$e" ] || fail "recover (normalize 1) pd: $e"
curves "$d/pd.log" >"$d/curves.txt"
spread=$(awk '$1 >= 50 && $1 <= 15000 {e = $2 - $3; if (n++ == 0 || e < lo) lo = e;
              if (n == 1 || e > hi) hi = e} END {printf "%.3f %.3f", hi - lo, (hi + lo) / 2}' "$d/curves.txt")
ok "normalize 1: the EQ up to one level offset (spread within 1 dB)" \
    "v <= 1.0" "${spread% *}" "spread ${spread% *} dB about an offset of ${spread#* } dB"

# ---- save and load ------------------------------------------------------------
for sr in 48000 44100; do
    d=$OUT/load$sr
    mkdir -p "$d"
    cp "$OUT/recover0/pair.txt" "$d/pair.txt" 2>/dev/null || fail "save wrote no pair.txt"
    {
        echo "#N canvas 0 0 600 400 12;"
        echo "#X obj 10 10 loadbang;"                                  # 0
        echo "#X obj 10 40 match~ -ch 2 -normalize 0 -load pair.txt;"  # 1
        echo "#X msg 10 80 curve mc \\, bang;"                       # 2
        echo "#X obj 300 10 table mc 256;"                             # 3
        echo "#X obj 10 200 array get mc;"                             # 4
        echo "#X obj 10 230 print MC;"                                 # 5
        echo "#X obj 10 120 t b b b;"                                  # 6
        echo "#X msg 10 300 \\; pd quit;"                            # 7
        echo "#X obj 200 100 print R;"                                 # 8
        echo "#X connect 0 0 6 0;"
        echo "#X connect 6 2 2 0;"
        echo "#X connect 2 0 1 0;"
        echo "#X connect 6 1 4 0;"
        echo "#X connect 4 0 5 0;"
        echo "#X connect 6 0 7 0;"
        echo "#X connect 1 2 8 0;"
    } >"$d/t.pd"
    mm_pd $sr "$d/t.pd" >"$d/pd.log"
    e=$(mm_pd_errors "$d/pd.log")
    [ -z "$e" ] || fail "load $sr pd: $e"
    tol=$([ $sr = 48000 ] && echo 0.01 || echo 0.1)
    diff=$(awk '$1 == "MC:" {for (i = 2; i <= NF; i++) b[n++] = $i}
                END {while ((getline l < f) > 0) {split(l, a, " ");
                         if (a[1] >= 50 && a[1] <= 15000) {e = a[2] - b[k]; if (e < 0) e = -e;
                             if (e > w) w = e} k++}
                     printf "%.4f", w}' f="$OUT/recover0/curves.txt" "$d/pd.log")
    secs=$(awk '$1 == "R:" && $2 == "source" {v = $3} END {print v + 0}' "$d/pd.log")
    ok "save, then -load at $sr Hz: the same curve within $tol dB" "v <= $tol" "$diff" \
        "$diff dB apart, $secs s of source learned"
done

# ---- a pure delay -----------------------------------------------------------
"$MM_TOOLS/filtgen" pink $SR $((SR * 3)) 2 0.25 "$OUT/pinkb.wav"
"$MM_TOOLS/abcheck" merge "$OUT/pink.wav" "$OUT/pinkb.wav" "$OUT/in4.wav" >/dev/null
for case in "none||" "amount0|-amount 0|learn reference 1 \\, learn source 1"; do
    IFS='|' read -r name flags load <<<"$case"
    d=$OUT/delay-$name
    mm_render "$d" $SR "$OUT/in4.wav" 4 "match~ -ch 2 $flags" 2 ${load:+-load "$load"}
    e=$(mm_pd_errors "$d/pd.log")
    [ -z "$e" ] || fail "delay $name pd: $e"
    bad=$("$MM_TOOLS/mastercheck" same "$d/in.wav" "$d/out.wav" 4607 | awk '{print $2}')
    what=$([ "$name" = none ] && echo "nothing learned" || echo "learned, amount 0")
    ok "$what: the output is the input delayed by 4607, sample for sample" \
        "v == 0" "$bad" "$bad frames differ"
done

# ---- no clicks --------------------------------------------------------------
"$MM_TOOLS/filtgen" sine2 $SR $((SR * 6)) 1000 0.5 1000 0.5 "$OUT/sine.wav"
"$MM_TOOLS/abcheck" merge "$OUT/sine.wav" "$OUT/pink.wav" "$OUT/click4.wav" >/dev/null
d=$OUT/clicks
mm_render "$d" $SR "$OUT/click4.wav" 4 "match~ -ch 2 -normalize 0" 2 \
    -load "learn reference 1 \\, learn source 1" -at 3000 "clear"
e=$(mm_pd_errors "$d/pd.log")
[ -z "$e" ] || fail "clicks pd: $e"
jump=$("$MM_TOOLS/abcheck" jump "$d/out.wav" 0.3 6)
peak=$("$MM_TOOLS/filtcheck" level "$d/out.wav" 0 0.3 6 | awk '{print $4}')
lvl0=$("$MM_TOOLS/filtcheck" level "$d/out.wav" 0 0.25 0.45 | awk '{print $2}')
lvl1=$("$MM_TOOLS/filtcheck" level "$d/out.wav" 0 2.5 2.9 | awk '{print $2}')
moved=$(awk -v a="$lvl0" -v b="$lvl1" 'BEGIN {printf "%.2f", b - a}')
ok "learning moves the sine's level" "v > 1 || v < -1" "$moved" "$moved dB"
allowed=$(awk -v p="$peak" 'BEGIN {printf "%.6f", 2 * sin(3.14159265 * 1000 / 48000) * 10 ^ (p / 20) * 1.05}')
ok "learning, updates and clear never click" "v <= $allowed" "$jump" \
    "largest step $jump, a sine of the peak ($peak dBFS): $allowed"
