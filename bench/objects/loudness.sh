# loudness~ against libebur128 alone (its K-weighting, windows and true
# peak), the meter a user would otherwise run.
bench_pd "loudness~ -ch 2" 2 0 "loudness~ -ch 2"
bench_core "mm_loudness core" 2 bench_loudness
bench_core "libebur128 (I+LRA+TP)" 2 bench_loudness --libebur128
bench_ratio "mm_loudness core" "libebur128 (I+LRA+TP)"

# The readings beside the cost: integrated, LRA and true peak of the
# material by each, and the true peak by the contract's meter
# (tests/tools/tpmeter --ref: 16x, 512 taps per phase, beta 16).
declare -gA LOUD_Q
loud_q() {
    "$CORE_BIN/bench_loudness" "$@" "$MATERIAL" 2>/dev/null |
        awk '$1 == "integrated" {i = $2} $1 == "lra" {l = $2} $1 == "truepeak" {t = $2}
             END {printf "I %s LRA %s TP %s", i, l, t}'
}
LOUD_Q["mm_loudness core"]=$(loud_q)
LOUD_Q["libebur128 (I+LRA+TP)"]=$(loud_q --libebur128)
LOUD_Q[reference]=$("$TOOLS/tpmeter" --ref "$MATERIAL" | awk '
    {if (NR == 1 || $5 > t) t = $5} END {printf "%.2f", t}')
echo "  readings of the material (true peak by the contract meter: ${LOUD_Q[reference]} dBTP):"
for lab in "mm_loudness core" "libebur128 (I+LRA+TP)"; do
    printf '  %-30s %s\n' "$lab" "${LOUD_Q[$lab]}"
done
