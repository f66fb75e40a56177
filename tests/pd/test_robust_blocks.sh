#!/usr/bin/env bash
# Robustness, rates and blocks (contract convention 14), for every object
# in tests/robust/objects.list: the same signal at 44.1, 48, 96 and
# 192 kHz, and inside [block~ 1], [block~ 8], [block~ 4096] must give the
# same figures as at 48 kHz in 64-sample blocks (output RMS, or the meter's
# reading: robust_meter_figure, within 0.1 dB). With overlap 4 and with up/down-
# sampling ([block~ 64 1 2], [block~ 64 1 0.5]) the object sees a
# different signal (overlapped windows, resampled audio), so there the
# figures must stay finite and within 1 dB (resampling) or simply be
# finite and alive (overlap).
set -u
. "$(dirname "$0")/../robust/lib.sh"
OUT=${OUT:-$BUILD/test-out/test_robust_blocks}

figure() { # dir nout -> the figure
    if [ "$2" -gt 0 ]; then
        "$MM_TOOLS/robustcheck" "$1/out.wav" | awk '$1 == "rms_tail_db" {print $2}'
    else
        robust_meter_figure "$1/pd.log"
    fi
}

while IFS='|' read -r name nin nout flags msg; do
    d=$OUT/$name
    robust_render "$d/ref" clean 48000 "$name" "$nin" "$nout" "$flags" "$msg"
    ref=$(figure "$d/ref" "$nout")
    run() { # label sr tol blockargs
        local label=$1 sr=$2 tol=$3 blk=${4:-}
        robust_render "$d/$label" clean "$sr" "$name" "$nin" "$nout" "$flags" "$msg" "$blk"
        local f bad
        f=$(figure "$d/$label" "$nout")
        bad=$(robust_bad_meters "$d/$label/pd.log" | head -1)
        if grep -q "couldn't create\|^error:" "$d/$label/pd.log"; then
            echo "FAIL: robust $name $label: $(grep -m1 "couldn't create\|^error:" "$d/$label/pd.log")"
        fi
        if [ "$tol" = alive ]; then
            rcheck "robust $name $label: finite and alive (figure $f)" \
                awk -v f="$f" -v b="$bad" 'BEGIN {exit !(b == "" && f != "" && f > -60)}'
        else
            rcheck "robust $name $label: figure $f vs $ref at 48k/64 (tolerance $tol dB)" \
                awk -v f="$f" -v r="$ref" -v t="$tol" -v b="$bad" \
                'BEGIN {d = f - r; exit !(b == "" && f != "" && d <= t && d >= -t)}'
        fi
    }
    run sr44100 44100 0.1
    run sr96000 96000 0.1
    run sr192000 192000 0.1
    run block1 48000 0.1 "1"
    run block8 48000 0.1 "8"
    run block4096 48000 0.1 "4096"
    run overlap4 48000 alive "64 4"
    run up2 48000 1 "64 1 2"
    run down2 48000 1 "64 1 0.5"
done < <(robust_objects)
