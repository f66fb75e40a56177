# match~: the reference matching EQ (a linear-phase FIR of 8191 taps at
# 48 kHz by partitioned FFT convolution, two analysers of 8192 points).
# Three states: nothing learned (the output is a delay line; the input's
# FFT still runs), a learned correction applied, and learning both sides
# all along (an analysis every 2048 samples per side and channel, a
# redesign every 250 ms). In Pd the reference inlets get the material
# too (learning: a correction near 0 dB, still a full FIR). Per sample
# per programme channel. Nothing to compare with in the same run: LSP's
# referencer (which only compares) is not in the installed LSP.
match_info=$("$CORE_BIN/bench_match" info "$MATERIAL")
echo "  match~ FIR: $match_info (samples, 48 kHz)"
bench_pd "match~ -ch 2 (nothing learned)" 4 2 "match~ -ch 2" "" 2
bench_pd "match~ -ch 2 (learning both)" 4 2 "match~ -ch 2" "learn both 1" 2
bench_core "mm_match core, nothing learned" 2 bench_match flat
bench_core "mm_match core, correcting" 2 bench_match correct
bench_core "mm_match core, learning both" 2 bench_match learn
bench_ratio "mm_match core, correcting" "mm_match core, nothing learned"
