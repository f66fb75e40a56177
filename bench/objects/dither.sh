# dither~: 16-bit TPDF, flat and with the 9-tap fweighted shaper, in Pd
# and through the core directly, against sox's dither (TPDF, and -s: its
# shaped dither), the word-length reduction a user would otherwise run.
bench_pd "dither~ -ch 2" 2 2 "dither~ -ch 2"
bench_pd "dither~ -ch 2 -shape fweighted" 2 2 "dither~ -ch 2 -shape fweighted"
bench_core "mm_dither core tpdf" 2 bench_dither
bench_core "mm_dither core fweighted" 2 bench_dither --shape fweighted

# sox's cost: CPU time of `sox in -b 16 out dither [-s]` minus the same
# conversion without dither (-D), median of max(RUNS, 5) runs each,
# alternated so load drifts hit both alike. On the material ten times
# over: its TPDF costs about 15 ms over 20 s, near the resolution and
# noise of a process's CPU time (one run read it 5x too low).
sox_cpu() {
    local t
    t=$( { TIMEFORMAT='%3U %3S'; time sox "$@" >/dev/null 2>&1; } 2>&1 )
    awk '{print $1 + $2}' <<<"$t"
}
bench_sox() {
    local label=$1; shift
    if ! command -v sox >/dev/null 2>&1; then
        row "$label" "-" "(sox not installed)"; return
    fi
    local r n=$((RUNS > 5 ? RUNS : 5)) with=() without=()
    local long=$BENCH_OUT/material-x10.wav
    [ "$long" -nt "$MATERIAL" ] || sox $(for r in 1 2 3 4 5 6 7 8 9 10; do echo "$MATERIAL"; done) "$long" 2>/dev/null
    for ((r = 0; r < n; r++)); do
        without+=("$(sox_cpu -D "$long" -b 16 -t wav /dev/null)")
        with+=("$(sox_cpu "$long" -b 16 -t wav /dev/null dither "$@")")
    done
    local a b
    a=$(printf '%s\n' "${with[@]}" | median)
    b=$(printf '%s\n' "${without[@]}" | median)
    local ns
    ns=$(awk -v a="$a" -v b="$b" -v f="$((FRAMES * 10))" \
        'BEGIN {d = a - b; if (d < 0) d = 0; printf "%.1f", d * 1e9 / (f * 2)}')
    bench_ns[$label]=$ns
    row "$label" "$ns" "(sox dither $*, over sox -D)"
}
bench_sox "sox dither (tpdf)"
bench_sox "sox dither -s (shaped)" -s
bench_ratio "mm_dither core fweighted" "sox dither (tpdf)"
bench_ratio "dither~ -ch 2 -shape fweighted" "sox dither (tpdf)"
bench_ratio "mm_dither core fweighted" "sox dither -s (shaped)"
bench_ratio "dither~ -ch 2 -shape fweighted" "sox dither -s (shaped)"
