# Shell helpers for Pd integration tests (sourced by tests/pd/test_*.sh).
# Needs BUILD (build dir) and OUT (this test's scratch dir).
: "${BUILD:=build}"
MM_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
MM_LIB=$MM_TOP/$BUILD/pd/mixmaster
MM_TOOLS=$MM_TOP/$BUILD/tools

# mm_pd <samplerate> <patch.pd> : run a patch in batch mode, log to stdout
mm_pd() {
    local sr=$1 patch=$2
    (cd "$(dirname "$patch")" && timeout "${PD_TIMEOUT:-600}" pd -batch \
        -noprefs -nosound -r "$sr" -stderr -path "$MM_TOP/$BUILD/pd" \
        -path "$MM_LIB" -path "$MM_TOP/tests/pd" -open "$(basename "$patch")") 2>&1
}

# mm_player_patch <out.pd> <in.wav> <channels> <object line> [<after>]
# Writes a patch that plays in.wav (one table per channel) into the given
# object (e.g. "loudness~ -ch 2 -interval 0"), prints what the object's
# rightmost outlet emits with prefix "R:", bangs the object when the file
# has played, then quits. The object's signal outlets, if any, are
# written to out.wav beside the patch with [writesf~] when <outs> > 0.
# Usage: mm_player_patch out.pd in.wav nch "obj line" [nouts] [msgs]
# `msgs` is a message box content sent to the object at load, before DSP.
mm_player_patch() {
    local out=$1 wav=$2 nch=$3 objline=$4 nouts=${5:-0} msgs=${6:-}
    local tables="" i
    for ((i = 0; i < nch; i++)); do tables+=" \$0-a$i"; done
    {
        echo "#N canvas 0 0 900 600 12;"
        echo "#X obj 10 10 loadbang;"                               # 0
        echo "#X obj 10 40 t b b b;"                                # 1
        echo "#X msg 200 70 read -resize $(basename "$wav")$tables;"  # 2
        echo "#X obj 200 100 soundfiler;"                           # 3
        echo "#X msg 10 100 \\; pd dsp 1;"                          # 4
        echo "#X obj 10 400 t b b b;"                               # 5
        echo "#X msg 10 500 \\; pd quit;"                           # 6
        echo "#X obj 400 400 print R;"                              # 7
        echo "#X obj 400 300 $objline;"                             # 8
        if [ -n "$msgs" ]; then
            echo "#X msg 400 200 $msgs;"                            # 9
        else
            echo "#X obj 400 200 t b;"                              # 9 (noop)
        fi
        echo "#X msg 600 10 open out.wav \\, start;"                # 10
        echo "#X obj 600 500 writesf~ $((nouts > 0 ? nouts : 1));"  # 11
        echo "#X msg 600 450 stop;"                                 # 12
        local base=13
        for ((i = 0; i < nch; i++)); do
            echo "#X obj $((10 + i * 90)) 200 table \$0-a$i;"
            echo "#X obj $((10 + i * 90)) 250 tabplay~ \$0-a$i;"
        done
        echo "#X connect 0 0 1 0;"
        echo "#X connect 1 2 2 0;"
        echo "#X connect 2 0 3 0;"
        echo "#X connect 1 1 9 0;"
        [ -n "$msgs" ] && echo "#X connect 9 0 8 0;"
        echo "#X connect 1 0 4 0;"
        [ "$nouts" -gt 0 ] && echo "#X connect 1 0 10 0;"
        echo "#X connect 10 0 11 0;"
        echo "#X connect 5 0 6 0;"
        echo "#X connect 5 1 12 0;"
        echo "#X connect 5 2 8 0;"
        echo "#X connect 12 0 11 0;"
        echo "#X connect 8 $nouts 7 0;"
        for ((i = 0; i < nouts; i++)); do echo "#X connect 8 $i 11 $i;"; done
        for ((i = 0; i < nch; i++)); do
            local t=$((base + 2 * i + 1))
            echo "#X connect 1 0 $t 0;"
            echo "#X connect $t 0 8 $i;"
        done
        echo "#X connect $((base + 1)) 1 5 0;"
    } >"$out"
}
