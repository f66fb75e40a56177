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

# mm_player_patch out.pd in.wav nch "object line" [nouts] [msgs]
# Writes a patch that plays in.wav (one table per channel) into the object
# (e.g. "loudness~ -ch 2 -interval 0"), prints what its rightmost outlet
# emits with prefix "R:", bangs the object when the file has played, then
# quits. With nouts > 0 the object's signal outlets are recorded with
# [tabwrite~] and written to out.wav beside the patch (32-bit float) by
# [soundfiler], which writes before it returns ([writesf~]'s writer
# thread may not have written anything when a fast batch run quits).
# `msgs` is a message box sent to the object at load, before DSP starts.
mm_player_patch() {
    local out=$1 wav=$2 nch=$3 objline=$4 nouts=${5:-0} msgs=${6:-}
    local tables="" routs="" i
    for ((i = 0; i < nch; i++)); do tables+=" \$0-a$i"; done
    for ((i = 0; i < nouts; i++)); do routs+=" mm-out$i"; done
    {
        echo "#N canvas 0 0 900 600 12;"
        echo "#X obj 10 10 loadbang;"                               # 0
        echo "#X obj 10 40 t b b b;"                                # 1
        echo "#X msg 200 70 read -resize $(basename "$wav")$tables;"  # 2
        echo "#X obj 200 100 soundfiler;"                           # 3
        echo "#X msg 10 100 \\; pd dsp 1;"                        # 4
        echo "#X obj 10 400 t b b b;"                               # 5
        echo "#X msg 10 500 \\; pd quit;"                         # 6
        echo "#X obj 400 400 print R;"                              # 7
        echo "#X obj 400 300 $objline;"                             # 8
        if [ -n "$msgs" ]; then
            echo "#X msg 400 200 $msgs;"                            # 9
        else
            echo "#X obj 400 200 t b;"                              # 9 (noop)
        fi
        echo "#X msg 600 450 write -bytes 4 out.wav$routs;"        # 10
        echo "#X obj 600 500 soundfiler;"                           # 11
        echo "#X obj 600 400 f;"                                    # 12: frames read
        local base=13
        for ((i = 0; i < nch; i++)); do
            echo "#X obj $((10 + i * 90)) 200 table \$0-a$i;"
            echo "#X obj $((10 + i * 90)) 250 tabplay~ \$0-a$i;"
        done
        local ob=$((base + 2 * nch))
        for ((i = 0; i < nouts; i++)); do
            # global names: one test patch per Pd process
            echo "#X obj $((600 + i * 90)) 300 table mm-out$i;"     # ob + 3i
            echo "#X obj $((600 + i * 90)) 350 tabwrite~ mm-out$i;" # ob + 3i + 1
            echo "#X msg $((600 + i * 90)) 250 \\; mm-out$i resize \\\$1;" # ob + 3i + 2
        done
        echo "#X connect 0 0 1 0;"
        echo "#X connect 1 2 2 0;"
        echo "#X connect 2 0 3 0;"
        echo "#X connect 1 1 9 0;"
        [ -n "$msgs" ] && echo "#X connect 9 0 8 0;"
        echo "#X connect 1 0 4 0;"
        echo "#X connect 5 0 6 0;"
        [ "$nouts" -gt 0 ] && echo "#X connect 5 1 10 0;"
        echo "#X connect 10 0 11 0;"
        echo "#X connect 5 2 8 0;"
        echo "#X connect 8 $nouts 7 0;"
        for ((i = 0; i < nouts; i++)); do
            echo "#X connect 3 0 $((ob + 3 * i + 2)) 0;"
            echo "#X connect 1 0 $((ob + 3 * i + 1)) 0;"
            echo "#X connect 8 $i $((ob + 3 * i + 1)) 0;"
        done
        for ((i = 0; i < nch; i++)); do
            local t=$((base + 2 * i + 1))
            echo "#X connect 1 0 $t 0;"
            echo "#X connect $t 0 8 $i;"
        done
        echo "#X connect $((base + 1)) 1 5 0;"
    } >"$out"
}
