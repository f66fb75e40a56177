# dynrig.sh: a Pd rig for the comp~/gate~ tests (sourced by test_comp.sh
# and test_gate.sh after tests/lib/pdrun.sh).
#
# dyn_rig <dir> <in.wav> <nch> <spec>...
#   Writes <dir>/rig.pd: plays in.wav (nch channels, tables tA0..) into
#   each object of the specs, records every input channel then every
#   object's signal outlets into tables (tabwrite~, started in the same
#   tick as the players, so all are sample-aligned), written at the end
#   to <dir>/rec.wav (32-bit float) by [soundfiler] (synchronous: no
#   writesf~ thread racing `pd quit`), prints each object's info outlet with its
#   name as prefix, runs <dir>/sched.txt (a qlist: "<delay ms> <name>
#   <message>;" lines, sent to [r <name>] -> the object) if present, and
#   quits when the file has played.
#   spec = "name|object line|inlet sources|signal outlets", inlet sources
#   being input channel numbers (from 0), one per signal inlet.
dyn_rig() {
    local dir=$1 wav=$2 nch=$3; shift 3
    local tables="" i nrec=$nch
    for ((i = 0; i < nch; i++)); do tables+=" tA$i"; done
    local spec
    for spec in "$@"; do
        IFS='|' read -r _ _ _ no <<<"$spec"
        nrec=$((nrec + no))
    done
    local resize="" recs=""
    for ((i = 0; i < nrec; i++)); do
        resize+=" \\; rec$i resize \\\$1"
        recs+=" rec$i"
    done
    local -a tplay
    {
        echo "#N canvas 0 0 1200 700 12;"
        echo "#X obj 10 10 loadbang;"                                # 0
        echo "#X obj 10 40 t b b b b;"                               # 1
        echo "#X msg 300 40 read -resize $(basename "$wav")$tables;"  # 2
        echo "#X obj 300 70 soundfiler;"                             # 3
        echo "#X msg 10 100 \\; pd dsp 1;"                           # 4
        echo "#X msg 300 100 $resize;"                               # 5
        echo "#X obj 150 600 soundfiler;"                            # 6
        echo "#X obj 10 500 t b b;"                                  # 7
        echo "#X msg 10 650 \\; pd quit;"                            # 8
        echo "#X msg 150 550 write -bytes 4 rec.wav$recs;"           # 9
        echo "#X msg 600 40 read sched.txt \\, bang;"                # 10
        echo "#X obj 600 70 qlist;"                                  # 11
        echo "#X connect 0 0 1 0;"
        echo "#X connect 1 3 2 0;"
        echo "#X connect 2 0 3 0;"
        echo "#X connect 3 0 5 0;"
        echo "#X connect 1 1 4 0;"
        [ -f "$dir/sched.txt" ] && echo "#X connect 1 0 10 0;"
        echo "#X connect 10 0 11 0;"
        echo "#X connect 7 0 8 0;"
        echo "#X connect 7 1 9 0;"
        echo "#X connect 9 0 6 0;"
        local n=12
        for ((i = 0; i < nrec; i++)); do
            echo "#X obj $((10 + 60 * i)) 620 table rec$i;"
            echo "#X obj $((10 + 60 * i)) 580 tabwrite~ rec$i;"
            echo "#X connect 1 1 $((n + 1)) 0;"
            recw[$i]=$((n + 1))
            n=$((n + 2))
        done
        for ((i = 0; i < nch; i++)); do
            echo "#X obj $((10 + 100 * i)) 200 tabplay~ tA$i;"
            echo "#X obj $((10 + 100 * i)) 150 table tA$i;"
            echo "#X connect 1 1 $n 0;"
            echo "#X connect $n 0 ${recw[$i]} 0;"
            tplay[$i]=$n
            n=$((n + 2))
        done
        echo "#X connect ${tplay[0]} 1 7 0;"
        local rec=$nch x=10 name line srcs no
        for spec in "$@"; do
            IFS='|' read -r name line srcs no <<<"$spec"
            local obj=$n
            echo "#X obj $x 350 $line;"
            echo "#X obj $x 300 r $name;"
            echo "#X obj $x 420 print $name;"
            echo "#X connect $((obj + 1)) 0 $obj 0;"
            echo "#X connect $obj $no $((obj + 2)) 0;"
            local k=0 s
            for s in $srcs; do
                echo "#X connect ${tplay[$s]} 0 $obj $k;"
                k=$((k + 1))
            done
            for ((i = 0; i < no; i++)); do
                echo "#X connect $obj $i ${recw[$rec]} 0;"
                rec=$((rec + 1))
            done
            n=$((n + 3))
            x=$((x + 150))
        done
    } >"$dir/rig.pd"
}

# dyn_check <name> <value> <lo> <hi> [what]: PASS/FAIL with the figure
dyn_check() {
    local name=$1 v=$2 lo=$3 hi=$4 what=${5:-}
    if awk -v v="$v" -v lo="$lo" -v hi="$hi" 'BEGIN{exit !(v != "" && v >= lo && v <= hi)}'; then
        echo "PASS: $name $v $what"
    else
        echo "FAIL: $name $v outside $lo..$hi $what"
    fi
}
