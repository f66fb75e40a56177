#!/usr/bin/env bash
# loudness~ against EBU Tech 3341 (cases 1-6, 9, 12, true peak 15-23) and
# Tech 3342 (LRA cases 1-4), signals synthesized by ebugen, played through
# Pd into [loudness~]. True-peak cases also run at 44.1, 96 and 192 kHz.
# Prints PASS/FAIL per case and value with the deviation from the target.
set -u
. "$(dirname "$0")/../lib/pdrun.sh"
OUT=${OUT:-$BUILD/test-out/test_loudness_ebu}
mkdir -p "$OUT"

run_case() {
    local case=$1 sr=$2 dir=$OUT/$1@$2 interval=0
    mkdir -p "$dir"
    local spec
    spec=$("$MM_TOOLS/ebugen" "$case" "$sr" "$dir/in.wav") \
        || { echo "FAIL: ebu$case@$sr ebugen failed"; return; }
    local nch
    nch=$(awk '$1 == "channels" {print $2}' <<<"$spec")
    grep -q '_all' <<<"$spec" && interval=50
    mm_render "$dir" "$sr" "$dir/in.wav" "$nch" \
        "loudness~ -ch $nch -interval $interval" 0
    grep -q "couldn't create\|^error:" "$dir/pd.log" \
        && echo "FAIL: ebu$case@$sr pd: $(grep -m1 "couldn't create\|error" "$dir/pd.log")"
    while read -r _ what want lo hi; do
        local sel=${what%_all} got
        if [ "$sel" != "$what" ]; then
            # every reading once the window is full (skip the first 4 s)
            got=$(awk -v s="$sel" -v lo="$lo" -v hi="$hi" -v w="$want" '
                $1 == "R:" && $2 == s { n++; if (n * 0.05 < 4) next;
                    d = $3 - w; if (d < 0) d = -d; if (d > m) { m = d; v = $3 }
                    c++ }
                END { if (!c) print "none"; else printf "%s %d %.3f\n", v, c, m }' "$dir/pd.log")
            read -r v cnt maxdev <<<"$got"
            if [ "$v" = none ]; then echo "FAIL: ebu$case@$sr $sel no readings"; continue; fi
            if awk -v v="$v" -v lo="$lo" -v hi="$hi" 'BEGIN{exit !(v >= lo && v <= hi)}'; then
                echo "PASS: ebu$case@$sr $sel all $cnt readings within ±0.1 (worst $v, dev $maxdev)"
            else
                echo "FAIL: ebu$case@$sr $sel reading $v outside $lo..$hi (dev $maxdev)"
            fi
        else
            got=$(awk -v s="$sel" '$1 == "R:" && $2 == s {v = $3} END {print v}' "$dir/pd.log")
            if [ -z "$got" ]; then echo "FAIL: ebu$case@$sr $sel not emitted"; continue; fi
            local dev
            dev=$(awk -v g="$got" -v w="$want" 'BEGIN{printf "%+.3f", g - w}')
            if awk -v v="$got" -v lo="$lo" -v hi="$hi" 'BEGIN{exit !(v >= lo && v <= hi)}'; then
                echo "PASS: ebu$case@$sr $sel $got (expect $want, deviation $dev)"
            else
                echo "FAIL: ebu$case@$sr $sel $got outside $lo..$hi (deviation $dev)"
            fi
        fi
    done < <(grep '^expect' <<<"$spec")
}

for c in 3341-1 3341-2 3341-3 3341-4 3341-5 3341-6 3341-6b 3341-9 3341-12 \
         3342-1 3342-2 3342-3 3342-4; do
    run_case "$c" 48000
done
for sr in 44100 48000 96000 192000; do
    for c in 15 16 17 18 19 20 21 22 23; do
        run_case "3341-$c" "$sr"
    done
done
run_case 3341-1 44100
run_case 3341-1 96000
