# mm_render <dir> <sr> <in.wav> <nch> "<object line>" <nouts> ["<msgs>"]
# Plays in.wav through the object in pd -batch and writes the object's
# signal outlets to <dir>/out.wav (32-bit float, same length as in.wav)
# with [tabwrite~] and [soundfiler] (synchronous: no writesf~ thread that
# a quit could cut short). The info outlet is printed as "R: ...".
# `msgs` is a message box content sent to the object at load, before DSP.
# Pd's log goes to <dir>/pd.log. Needs tests/lib/pdrun.sh sourced first.
mm_render() {
    local dir=$1 sr=$2 wav=$3 nch=$4 obj=$5 nouts=$6 msgs=${7:-}
    local i ins="" outs="" resize="" base
    mkdir -p "$dir"
    [ -f "$dir/$(basename "$wav")" ] || cp "$wav" "$dir/"
    for ((i = 0; i < nch; i++)); do ins+=" mmi$i"; done
    for ((i = 0; i < nouts; i++)); do outs+=" mmo$i"; resize+=" \\; mmo$i resize \\\$1"; done
    {
        echo "#N canvas 0 0 900 600 12;"
        echo "#X obj 10 10 loadbang;"                                     # 0
        echo "#X obj 10 40 t b b b;"                                      # 1
        echo "#X msg 300 70 read -resize $(basename "$wav")$ins;"         # 2
        echo "#X obj 300 100 soundfiler;"                                 # 3
        echo "#X msg 300 130 ${resize:-\\; pd dsp 0};"                    # 4
        echo "#X msg 10 100 \\; pd dsp 1;"                                # 5
        echo "#X obj 10 400 t b b b;"                                     # 6
        echo "#X msg 100 450 write -bytes 4 out.wav$outs;"                # 7
        echo "#X obj 100 480 soundfiler;"                                 # 8
        echo "#X msg 10 520 \\; pd quit;"                                 # 9
        echo "#X obj 500 400 print R;"                                    # 10
        echo "#X obj 400 300 $obj;"                                       # 11
        if [ -n "$msgs" ]; then echo "#X msg 400 250 $msgs;"; else echo "#X obj 400 250 t b;"; fi # 12
        base=13
        for ((i = 0; i < nch; i++)); do
            echo "#X obj $((10 + i * 90)) 200 table mmi$i;"
            echo "#X obj $((10 + i * 90)) 250 tabplay~ mmi$i;"
        done
        for ((i = 0; i < nouts; i++)); do
            echo "#X obj $((400 + i * 120)) 350 tabwrite~ mmo$i;"
            echo "#X obj $((400 + i * 120)) 380 table mmo$i;"
        done
        echo "#X connect 0 0 1 0;"
        echo "#X connect 1 2 2 0;"
        echo "#X connect 2 0 3 0;"
        [ "$nouts" -gt 0 ] && echo "#X connect 3 0 4 0;"
        [ -n "$msgs" ] && { echo "#X connect 1 1 12 0;"; echo "#X connect 12 0 11 0;"; }
        echo "#X connect 1 0 5 0;"
        echo "#X connect 6 2 11 0;"
        echo "#X connect 6 1 7 0;"
        echo "#X connect 7 0 8 0;"
        echo "#X connect 6 0 9 0;"
        echo "#X connect 11 $nouts 10 0;"
        for ((i = 0; i < nch; i++)); do
            local t=$((base + 2 * i + 1))
            echo "#X connect 1 0 $t 0;"
            echo "#X connect $t 0 11 $i;"
        done
        local ob=$((base + 2 * nch))
        for ((i = 0; i < nouts; i++)); do
            echo "#X connect 11 $i $((ob + 2 * i)) 0;"
            echo "#X connect 1 0 $((ob + 2 * i)) 0;"
        done
        echo "#X connect $((base + 1)) 1 6 0;"
    } >"$dir/t.pd"
    mm_pd "$sr" "$dir/t.pd" >"$dir/pd.log" 2>&1
}

# mm_pd_errors <log>: prints the first creation failure or error, if any
mm_pd_errors() {
    grep -m1 "couldn't create\|^error:" "$1"
}
