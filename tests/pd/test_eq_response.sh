#!/usr/bin/env bash
# eq~ bands against their analog prototypes (RBJ cookbook s-domain forms),
# through Pd: an impulse played into one [eq~ -ch 1 -bands 1 -band 1 ...]
# per case, the impulse responses recorded, their exact DTFT compared
# with the prototype (written independently in tests/tools/filtcheck.c).
#   guarantee: bands centred at or below fs/8 stay within 0.1 dB of the
#   prototype from 20 Hz to fs/8, at 44.1, 48 and 96 kHz;
#   near Nyquist: the deviation from 20 Hz to 20 kHz of bands centred
#   above fs/8 is printed (bound 1 dB for the 10 kHz bell).
set -u
. "$(dirname "$0")/../lib/pdrun.sh"
OUT=${OUT:-$BUILD/test-out/test_eq_response}
mkdir -p "$OUT"
FRAMES=32768

# write_patch <patch>: one eq~ per entry of CASES, fed the impulse; each
# output recorded into its own table by [tabwrite~], all written with
# [soundfiler] (synchronous, unlike [writesf~]) before quitting.
write_patch() {
    local p=$1 n=${#CASES[@]} i tabs=""
    for ((i = 0; i < n; i++)); do tabs+=" \$0-o$i"; done
    {
        echo "#N canvas 0 0 900 600 12;"
        echo "#X obj 10 10 loadbang;"                                  # 0
        echo "#X obj 10 40 t b b b;"                                   # 1
        echo "#X msg 200 40 read -resize imp.wav \$0-imp;"            # 2
        echo "#X obj 200 70 soundfiler;"                               # 3
        echo "#X obj 400 40 table \$0-imp;"                           # 4
        echo "#X msg 10 80 \\; pd dsp 1;"                            # 5
        echo "#X msg 600 40 write -bytes 4 out.wav$tabs;"             # 6
        echo "#X obj 10 120 tabplay~ \$0-imp;"                        # 7
        echo "#X obj 600 80 soundfiler;"                               # 8
        echo "#X obj 300 120 t b b;"                                   # 9
        echo "#X obj 300 160 t b;"                                     # 10
        echo "#X msg 400 160 \\; pd quit;"                           # 11
        for ((i = 0; i < n; i++)); do
            echo "#X obj $((10 + 30 * i)) $((200 + 10 * (i % 8))) eq~ -ch 1 -bands 1 -band 1 ${CASES[$i]};"
        done
        for ((i = 0; i < n; i++)); do
            echo "#X obj $((10 + 30 * i)) 400 tabwrite~ \$0-o$i;"
            echo "#X obj $((10 + 30 * i)) 500 table \$0-o$i $FRAMES;"
        done
        echo "#X connect 0 0 1 0;"
        echo "#X connect 1 2 2 0;"
        echo "#X connect 2 0 3 0;"
        echo "#X connect 1 1 5 0;"
        echo "#X connect 1 0 7 0;"
        echo "#X connect 7 1 9 0;"
        echo "#X connect 9 0 11 0;"
        echo "#X connect 9 1 6 0;"
        echo "#X connect 6 0 8 0;"
        for ((i = 0; i < n; i++)); do
            local tw=$((12 + n + 2 * i))
            echo "#X connect 7 0 $((12 + i)) 0;"
            echo "#X connect $((12 + i)) 0 $tw 0;"
            echo "#X connect 1 0 $tw 0;"
        done
    } >"$p"
}

for sr in 44100 48000 96000; do
    dir=$OUT/sr$sr
    mkdir -p "$dir"
    f8=$((sr / 8))
    # guaranteed cases: type freq gain q
    CASES=(
        "bell 1000 12 1" "bell $f8 -12 0.707" "bell 40 6 2" "bell 300 -18 4"
        "bell 2500 24 0.3" "bell $f8 9 8"
        "lowshelf 200 9 0.707" "lowshelf $f8 -12 0.5" "lowshelf 60 -6 1"
        "highshelf 3000 6 0.707" "highshelf $f8 -9 1" "highshelf 500 12 0.5"
        "lowpass 1000 0 0.707" "lowpass $f8 0 2" "lowpass 100 0 0.5"
        "highpass 80 0 0.707" "highpass $f8 0 1" "highpass 30 0 4"
        "notch 1000 0 2" "notch 300 0 0.5" "notch $f8 0 10"
        "bandpass 1000 0 1" "bandpass $f8 0 4" "bandpass 150 0 0.5"
        "allpass 500 0 1" "allpass $f8 0 0.707"
    )
    NG=${#CASES[@]}
    # near Nyquist (reported): 10 kHz bell, high shelf, bells up to 0.45 fs
    CASES+=("bell 10000 12 1" "bell 10000 -12 1" "highshelf 10000 6 0.707"
            "bell $((sr * 45 / 100)) 6 1" "lowpass $((sr * 40 / 100)) 0 0.707"
            "highshelf $((sr * 30 / 100)) -6 0.707")
    "$MM_TOOLS/filtgen" impulse "$sr" "$FRAMES" "$dir/imp.wav" || { echo "FAIL: eq_response@$sr filtgen"; continue; }
    write_patch "$dir/t.pd"
    mm_pd "$sr" "$dir/t.pd" >"$dir/pd.log"
    if grep -q "couldn't create\|^error:" "$dir/pd.log"; then
        echo "FAIL: eq_response@$sr pd: $(grep -m1 "couldn't create\|error" "$dir/pd.log")"
        continue
    fi
    worst=0
    for ((i = 0; i < ${#CASES[@]}; i++)); do
        read -r t f g q <<<"${CASES[$i]}"
        if [ "$i" -lt "$NG" ]; then fmax=$f8; tol=0.1; else fmax=20000; tol=""; fi
        [ "$fmax" -gt $((sr * 49 / 100)) ] && fmax=$((sr * 49 / 100))
        r=$("$MM_TOOLS/filtcheck" response "$dir/out.wav" "$i" $t $f $g $q $fmax)
        dev=$(awk '{print $2}' <<<"$r")
        [ -z "$dev" ] && { echo "FAIL: eq_response@$sr $t $f $g $q: no analysis"; continue; }
        if [ -n "$tol" ]; then
            if awk -v d="$dev" -v t="$tol" 'BEGIN{exit !(d <= t)}'; then
                echo "PASS: eq_response@$sr $t f=$f g=$g q=$q within 0.1 dB of the prototype to fs/8 ($r)"
            else
                echo "FAIL: eq_response@$sr $t f=$f g=$g q=$q deviates $r (> 0.1 dB)"
            fi
        else
            lim=3
            [ "$t $f $q" = "bell 10000 1" ] && lim=1
            if awk -v d="$dev" -v l="$lim" 'BEGIN{exit !(d <= l)}'; then
                echo "PASS: eq_response@$sr near-Nyquist $t f=$f g=$g q=$q, 20 Hz..$fmax Hz: $r (bound $lim dB)"
            else
                echo "FAIL: eq_response@$sr near-Nyquist $t f=$f g=$g q=$q: $r (bound $lim dB)"
            fi
        fi
    done
done
