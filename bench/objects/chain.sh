# The mastering chain, and the summary: every object's cost beside the
# processor a user would otherwise pick, their ratio and the goal, all
# from this run (bench/run.sh runs this last; alone, BENCH_ONLY=chain, it
# first measures the anchor rows it needs).
#
# Ours: [mastering~] as it opens (preset streaming: eq~ 4 bands ->
# multiband~ 4 bands -> imager~ -> limiter~ -> dither~ shaped, with a
# loudness~ before and one after). The anchors' chain: x42 fil4 +
# ZaMultiCompX2 (3 bands) + x42 dpl (true peak) + libebur128 (I, LRA, TP)
# + sox dither -s, each measured alone on the same material (no imager:
# none of them has one; one meter, where ours has two).
chain_need() {
    [ -n "${bench_ns[$1]:-}" ] && return
    echo "  (measuring $2 for its anchor row '$1')"
    . "bench/objects/$2.sh" >/dev/null
}
chain_need "x42 fil4 (4 bands)" eq
chain_need "ZaMultiCompX2 (3 bands)" multiband
chain_need "x42 dpl" limiter
chain_need "libebur128 (I+LRA+TP)" loudness
chain_need "sox dither (tpdf)" dither
chain_need "ZamCompX2" comp
bench_pd "mastering~ (the chain)" 2 2 "mastering~"
anchors=0
for a in "x42 fil4 (4 bands)" "ZaMultiCompX2 (3 bands)" "x42 dpl" \
         "libebur128 (I+LRA+TP)" "sox dither -s (shaped)"; do
    if [ -z "${bench_ns[$a]:-}" ] || [ "${bench_ns[$a]}" = - ]; then anchors=; break; fi
    anchors=$(awk -v s="$anchors" -v a="${bench_ns[$a]}" 'BEGIN {print s + a}')
done
[ -n "$anchors" ] && bench_ns["the anchors' chain"]=$anchors
row "the anchors' chain" "${anchors:--}" "(fil4 + ZaMultiCompX2 + dpl + libebur128 + sox -s)"

# the true peak of a limiter's output (16x, 256 taps per phase), if kept
chain_tp() {
    local f=${LV2_OUT[$1]:-}
    [ -n "$f" ] && [ -f "$f" ] || { echo "-"; return; }
    "$TOOLS/tpmeter" "$f" | awk '{if (NR == 1 || $5 > t) t = $5} END {printf "%.2f", t}'
}
echo
echo "  summary (ns per sample per channel; ratio = ours / anchor, goal: at most;"
echo "  ratio*: the median of 3 pairs measured back to back, as the machine's"
echo "  speed drifts within a run; the ns columns are the rows above)"
printf '  %-34s %8s  %-28s %8s %6s %5s %s\n' ours ns anchor ns ratio goal "quality"
chain_row() { # ours anchor goal [quality]
    local o=${bench_ns[$1]:-} a=${bench_ns[$2]:-} r=- met=""
    # a Pd row under 1 ns is the harness's noise (CPU time of a whole pd
    # run minus an empty one), not a cost: no ratio from it
    if [ -n "$o" ] && [ "$o" != - ] && awk -v o="$o" 'BEGIN {exit !(o + 0 < 1)}'; then
        printf '  %-34s %8s  %-28s %8s %6s %5s %-7s %s\n' "$1" "$o" "$2" "${a:--}" - "$3" "" \
            "(under the harness's noise: see the core row)"
        return
    fi
    if [ -n "$o" ] && [ -n "$a" ] && [ "$o" != - ] && [ "$a" != - ]; then
        r=$(bench_pair_ratio "$1" "$2")
        if [ -n "$r" ]; then
            r="$r*"
        else
            r=$(awk -v o="$o" -v a="$a" 'BEGIN {if (a > 0) printf "%.2f", o / a; else print "-"}')
        fi
        [ "$3" != - ] && [ "$r" != - ] && met=$(awk -v r="${r%\*}" -v g="$3" 'BEGIN {print (r <= g ? "met" : "not met")}')
    fi
    printf '  %-34s %8s  %-28s %8s %6s %5s %-7s %s\n' "$1" "${o:--}" "$2" "${a:--}" "$r" "$3" "$met" "${4:-}"
}
chain_row "mastering~ (the chain)" "the anchors' chain" 0.25
chain_row "loudness~ -ch 2" "libebur128 (I+LRA+TP)" 0.33
chain_row "mm_loudness core" "libebur128 (I+LRA+TP)" 0.33 \
    "$(awk -v a="${LOUD_Q[mm_loudness core]:-}" -v b="${LOUD_Q[libebur128 (I+LRA+TP)]:-}" \
        -v r="${LOUD_Q[reference]:--}" 'BEGIN {
        split(a, x, " "); split(b, y, " ");
        if (x[2] == "") { print "-"; exit }
        printf "I %s vs %s LUFS, LRA %s vs %s LU, TP %s vs %s (meter %s) dBTP", x[2], y[2], x[4], y[4], x[6], y[6], r }')"
chain_row "multiband~ 4 bands (pd)" "ZaMultiCompX2 (3 bands)" 0.5
chain_row "mm_multiband core 4 bands" "ZaMultiCompX2 (3 bands)" 0.5
chain_row "limiter~ -ch 2" "x42 dpl" 0.25
chain_row "mm_peaklimiter core" "x42 dpl" 0.25 \
    "TP $(chain_tp "mm_peaklimiter core") vs $(chain_tp "x42 dpl") dBTP"
chain_row "mm_peaklimiter core +12 dB" "x42 dpl +12 dB" 0.25 \
    "TP $(chain_tp "mm_peaklimiter core +12 dB") vs $(chain_tp "x42 dpl +12 dB") dBTP"
for mat in music hot; do
    chain_row "mm_peaklimiter 1.2 ms $mat" "x42 dpl $mat" 0.25
done
chain_row "dither~ -ch 2 -shape fweighted" "sox dither (tpdf)" 1
chain_row "mm_dither core fweighted" "sox dither (tpdf)" 1
chain_row "eq~ -ch 2 -bands 4" "x42 fil4 (4 bands)" -
chain_row "comp~ -ch 2" "ZamCompX2" -
