#!/usr/bin/env bash
# Multichannel signals (Pd 0.54+): an object made with -ch N takes one
# N-channel signal on its first inlet and gives all its channels on its
# first outlet, with the same result as N separate inlets and outlets.
# Each case renders the same input both ways (mm_render, and mm_render -mc
# through [snake~ in N] / [snake~ out N]) and compares:
#  - loudness~ -ch 6 on EBU 3341 case 6b (5.1, channels of different
#    levels, LFE silent): every reading identical, integrated -23 LUFS;
#  - limiter~ -ch 2 on a stereo mix driven +12 dB: output identical
#    sample by sample, true peak under the ceiling; with delta 1 too
#    (the dry path);
#  - comp~ -ch 2 -sidechain 1: the key keeps its own inlet;
#  - 3 channels into -ch 2: an error naming the mismatch.
# On a Pd without multichannel signals ([snake~] cannot be created: Pd
# before 0.54) it prints SKIP; on 0.54+ every case must pass.
set -u
. "$(dirname "$0")/../lib/pdrun.sh"
OUT=${OUT:-$BUILD/test-out/test_multichannel}
mkdir -p "$OUT"
MM_LABEL=multichannel

# does this Pd have multichannel signals?
probe=$OUT/probe
mkdir -p "$probe"
printf '%s\n' "#N canvas 0 0 400 300 12;" "#X obj 10 10 snake~ in 2;" \
    "#X obj 10 50 loadbang;" "#X msg 10 80 \\; pd quit;" "#X connect 1 0 2 0;" \
    >"$probe/p.pd"
mm_pd 48000 "$probe/p.pd" >"$probe/pd.log" 2>&1
if grep -q "couldn't create" "$probe/pd.log"; then
    echo "SKIP: multichannel: $PD has no [snake~] (multichannel signals need Pd 0.54+)"
    exit 0
fi

# both <name> <wav> <nch> <mc> "<object>" <nouts> [mm_render options]:
# renders into $OUT/<name>-sep and $OUT/<name>-mc; a FAIL line when Pd
# could not create something or said error
both() {
    local name=$1 wav=$2 nch=$3 mc=$4 obj=$5 nouts=$6 e d; shift 6
    for d in sep mc; do
        if [ $d = mc ]; then
            mm_render "$OUT/$name-$d" 48000 "$wav" "$nch" "$obj" "$nouts" -mc "$mc" "$@"
        else
            mm_render "$OUT/$name-$d" 48000 "$wav" "$nch" "$obj" "$nouts" "$@"
        fi
        e=$(mm_pd_errors "$OUT/$name-$d/pd.log")
        [ -z "$e" ] || { fail "$name ($d) pd: $e"; return 1; }
    done
}

# same_out <name> <what>: the two renders' outputs, sample by sample
same_out() {
    local r
    r=$("$MM_TOOLS/mastercheck" equal "$OUT/$1-sep/out.wav" "$OUT/$1-mc/out.wav")
    if [[ "$r" == "differ 0 of "* ]] && [ "${r##* }" -gt 0 ]; then
        pass "$2: one multichannel connection = separate inlets/outlets (${r#differ 0 of } samples identical)"
    else
        fail "$2: multichannel and separate outputs differ ($r)"
    fi
}

# loudness~ -ch 6
d=$OUT/in6
mkdir -p "$d"
"$MM_TOOLS/ebugen" 3341-6b 48000 "$d/in.wav" >/dev/null
if both loud6 "$d/in.wav" 6 6 "loudness~ -ch 6 -interval 100" 0; then
    readings() { grep '^R: ' "$OUT/loud6-$1/pd.log" | grep -v '^R: latency'; }
    n=$(readings sep | wc -l)
    if [ "$n" -gt 100 ] && [ "$(readings sep)" = "$(readings mc)" ]; then
        pass "loudness~ -ch 6: [snake~ in 6] reads the same as six inlets ($n readings identical)"
    else
        fail "loudness~ -ch 6: readings differ ($n separate, $(readings mc | wc -l) multichannel; first: $(diff <(readings sep) <(readings mc) | sed -n 2p))"
    fi
    i=$(awk '$1 == "R:" && $2 == "integrated" {v = $3} END {print v}' "$OUT/loud6-mc/pd.log")
    ok "loudness~ -ch 6 multichannel integrated" 'v >= -23.1 && v <= -22.9' "${i:-none}" "${i:-none} LUFS, EBU 3341-6b: -23"
fi

# limiter~ -ch 2, limiting and through the dry path (delta)
d=$OUT/mix
mkdir -p "$d"
"$MM_TOOLS/mastergen" music 48000 2 "$d/in.wav" 0
if both lim "$d/in.wav" 2 2 "limiter~ -ch 2 -input 12 -interval 0" 2; then
    same_out lim "limiter~ -ch 2 +12 dB"
    read -r _ tp _ < <("$MM_TOOLS/mastercheck" tp "$OUT/lim-mc/out.wav")
    ok "limiter~ -ch 2 multichannel limits both channels" 'v <= -0.9' "$tp" "true peak $tp dBTP, ceiling -1"
fi
if both limdelta "$d/in.wav" 2 2 "limiter~ -ch 2 -input 12 -delta 1 -interval 0" 2; then
    same_out limdelta "limiter~ -ch 2 delta 1"
fi

# comp~ with a key: the key keeps its own inlet after the channels
d=$OUT/in3
mkdir -p "$d"
"$MM_TOOLS/robustgen" clean 48000 3 "$d/in.wav" >/dev/null
if both compkey "$d/in.wav" 3 2 "comp~ -ch 2 -sidechain 1 -threshold -30 -ratio 8 -interval 0" 2; then
    same_out compkey "comp~ -ch 2 -sidechain 1"
fi

# a signal with more channels than -ch: said, not silently dropped
mm_render "$OUT/over" 48000 "$d/in.wav" 3 "limiter~ -ch 2" 2 -mc 3
if grep -q "limiter~: 3 channels on the first inlet for -ch 2" "$OUT/over/pd.log"; then
    pass "3 channels into limiter~ -ch 2: an error names the mismatch"
else
    fail "3 channels into limiter~ -ch 2: no error ($(mm_pd_errors "$OUT/over/pd.log"))"
fi
