#!/usr/bin/env bash
# Robustness, bad and extreme signals, for every object in
# tests/robust/objects.list (contract conventions 6 and 13):
#  - NaN, +inf, -inf and mixed blocks: output finite again within one
#    block (64) plus the latency after each, meters finite, and the object
#    still working (last 0.5 s within 1 dB of a clean run);
#  - decays into the denormal range: no denormal reaches the output;
#  - DC at full scale, +24 dBFS, a full-scale impulse: finite and bounded.
set -u
. "$(dirname "$0")/../robust/lib.sh"
OUT=${OUT:-$BUILD/test-out/test_robust_signals}
while IFS='|' read -r name nin nout flags msg; do
    d=$OUT/$name
    for kind in clean bad denormal extreme; do
        robust_render "$d/$kind" "$kind" 48000 "$name" "$nin" "$nout" "$flags" "$msg"
        if grep -q "couldn't create\|^error:" "$d/$kind/pd.log"; then
            echo "FAIL: robust $name $kind: $(grep -m1 "couldn't create\|^error:" "$d/$kind/pd.log")"
        fi
        bad=$(robust_bad_meters "$d/$kind/pd.log" | head -1)
        rcheck "robust $name $kind: meters finite${bad:+ (got: $bad)}" [ -z "$bad" ]
        rcheck "robust $name $kind: meters emitted" grep -q '^R: ' "$d/$kind/pd.log"
    done
    if [ "$nout" -eq 0 ]; then
        # a meter: still measuring after the bad blocks
        a=$(robust_meter_figure "$d/bad/pd.log")
        b=$(robust_meter_figure "$d/clean/pd.log")
        rcheck "robust $name bad: still measuring (reading $a, clean $b)" \
            awk -v a="$a" -v b="$b" 'BEGIN {d = a - b; exit !(a != "" && d < 1 && d > -1)}'
        continue
    fi
    lat=$(robust_latency "$d/clean/pd.log")
    ref=$("$MM_TOOLS/robustcheck" "$d/clean/out.wav" | awk '$1 == "rms_tail_db" {print $2}')
    # shellcheck disable=SC2046
    res=$("$MM_TOOLS/robustcheck" "$d/bad/out.wav" $(awk '{print $2, $3}' "$d/bad/events"))
    while read -r _ k frames; do
        rcheck "robust $name bad event $k: finite again after $frames frames (<= 64 + latency $lat)" \
            [ "$frames" -le $((64 + lat)) ]
    done < <(grep '^recover' <<<"$res")
    tail=$(awk '$1 == "rms_tail_db" {print $2}' <<<"$res")
    rcheck "robust $name bad: still working (tail $tail dB, clean $ref dB)" \
        awk -v a="$tail" -v b="$ref" 'BEGIN {d = a - b; exit !(d < 1 && d > -1)}'
    res=$("$MM_TOOLS/robustcheck" "$d/denormal/out.wav")
    dn=$(awk '$1 == "denormal" {print $2}' <<<"$res")
    nf=$(awk '$1 == "nonfinite" {print $2}' <<<"$res")
    rcheck "robust $name denormal: no denormal output ($dn) and finite ($nf)" \
        awk -v a="$dn" -v b="$nf" 'BEGIN {exit !(a == 0 && b == 0)}'
    res=$("$MM_TOOLS/robustcheck" "$d/extreme/out.wav")
    nf=$(awk '$1 == "nonfinite" {print $2}' <<<"$res")
    mx=$(awk '$1 == "maxabs" {print $2}' <<<"$res")
    rcheck "robust $name extreme: finite ($nf) and bounded (max $mx < 100)" \
        awk -v n="$nf" -v m="$mx" 'BEGIN {exit !(n == 0 && m < 100)}'
done < <(robust_objects)
