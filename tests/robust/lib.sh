# Robustness suite helpers (sourced by tests/pd/test_robust_*.sh).
# Objects come from tests/robust/objects.list: a new object is covered by
# adding its line there.
. "$(dirname "${BASH_SOURCE[0]}")/../lib/pdrun.sh"

# robust_objects: prints "name|nin|nout|flags|message" lines, trimmed
robust_objects() {
    grep -v '^\s*#' "$MM_TOP/tests/robust/objects.list" | grep -v '^\s*$' \
        | awk -F'|' '{for (i = 1; i <= NF; i++) gsub(/^ +| +$/, "", $i);
                      print $1 "|" $2 "|" $3 "|" $4 "|" $5}'
}

# robust_patch <out.pd> <in.wav> <name> <nin> <nout> <flags> <msg> [block~ args]
# Plays in.wav (nin channels) into the object inside subpatch [pd host]
# (with [block~ args] when given), records its signal outlets to out.wav,
# prints its info outlet as "R: ...", bangs it at the end, then quits.
robust_patch() {
    local out=$1 wav=$2 name=$3 nin=$4 nout=$5 flags=$6 msg=$7 blk=${8:-}
    local tables="" i
    for ((i = 0; i < nin; i++)); do tables+=" \$0-a$i"; done
    local nrec=$((nout > 0 ? nout : 1))
    {
        echo "#N canvas 0 0 900 600 12;"
        echo "#X obj 10 10 loadbang;"                                 # 0
        echo "#X obj 10 40 t b b b;"                                  # 1
        echo "#X msg 200 70 read -resize $(basename "$wav")$tables;"  # 2
        echo "#X obj 200 100 soundfiler;"                             # 3
        echo "#X msg 10 100 \\; pd dsp 1;"                            # 4
        echo "#X obj 10 400 t b b b;"                                 # 5
        echo "#X msg 10 500 \\; pd quit;"                             # 6
        echo "#X obj 700 10 t b;"                                     # 7
        # the host subpatch: inlets and outlets ordered by x position
        echo "#N canvas 0 0 900 400 host 0;"
        echo "#X obj 10 10 inlet;"
        for ((i = 0; i < nin; i++)); do echo "#X obj $((100 + 100 * i)) 10 inlet~;"; done
        echo "#X obj 10 150 $name $flags;"
        for ((i = 0; i < nout; i++)); do echo "#X obj $((100 + 100 * i)) 300 outlet~;"; done
        echo "#X obj 700 300 print R;"
        [ -n "$blk" ] && echo "#X obj 700 10 block~ $blk;"
        local o=$((nin + 1))
        echo "#X connect 0 0 $o 0;"
        for ((i = 0; i < nin; i++)); do echo "#X connect $((1 + i)) 0 $o $i;"; done
        for ((i = 0; i < nout; i++)); do echo "#X connect $o $i $((o + 1 + i)) 0;"; done
        echo "#X connect $o $nout $((o + 1 + nout)) 0;"
        echo "#X restore 400 300 pd host;"                            # 8
        if [ -n "$msg" ]; then echo "#X msg 400 200 $msg;"; else echo "#X obj 400 200 t b;"; fi # 9
        # recorded with [tabwrite~] and written by [soundfiler] (it writes
        # before it returns; [writesf~]'s writer thread may not even have
        # opened the file when a fast batch run quits)
        local routs="" j
        for ((j = 0; j < nrec; j++)); do routs+=" rout$j"; done
        echo "#X msg 600 10 write -bytes 4 out.wav$routs;"            # 10
        echo "#X obj 600 500 soundfiler;"                             # 11
        echo "#X obj 600 450 t b;"                                    # 12
        for ((i = 0; i < nin; i++)); do
            echo "#X obj $((10 + i * 90)) 200 table \$0-a$i;"
            echo "#X obj $((10 + i * 90)) 250 tabplay~ \$0-a$i;"
        done
        # objects 13 + 2 nin ...: resize message, then tabwrite~/table pairs
        echo "#X msg 200 130 \\;$(for ((j = 0; j < nrec; j++)); do printf ' rout%d resize \\$1' $j; [ $j -lt $((nrec - 1)) ] && printf ' \\;'; done);"
        for ((j = 0; j < nrec; j++)); do
            echo "#X obj $((600 + 60 * j)) 550 tabwrite~ rout$j;"
            echo "#X obj $((600 + 60 * j)) 580 table rout$j;"
        done
        echo "#X connect 0 0 1 0;"
        echo "#X connect 1 2 2 0;"
        echo "#X connect 2 0 3 0;"
        [ -n "$msg" ] && echo "#X connect 1 1 9 0;" && echo "#X connect 9 0 8 0;"
        echo "#X connect 1 0 4 0;"
        echo "#X connect 10 0 11 0;"
        echo "#X connect 5 0 6 0;"
        echo "#X connect 5 1 12 0;"
        echo "#X connect 5 2 8 0;"
        echo "#X connect 12 0 10 0;"
        for ((i = 0; i < nin; i++)); do
            local t=$((13 + 2 * i + 1))
            echo "#X connect 1 0 $t 0;"
            echo "#X connect $t 0 8 $((1 + i));"
        done
        echo "#X connect 14 1 5 0;"
        # output tables: sized to the input by the reading soundfiler
        local r=$((13 + 2 * nin))
        echo "#X connect 3 0 $r 0;"
        for ((j = 0; j < nrec; j++)); do
            echo "#X connect 1 0 $((r + 1 + 2 * j)) 0;"
            [ "$j" -lt "$nout" ] && echo "#X connect 8 $j $((r + 1 + 2 * j)) 0;"
        done
    } >"$out"
}

# robust_render <dir> <kind> <sr> <name> <nin> <nout> <flags> <msg> [block~ args]
# Generates the signal, renders it, leaves out.wav, pd.log, events in dir.
robust_render() {
    local dir=$1 kind=$2 sr=$3; shift 3
    mkdir -p "$dir"
    "$MM_TOOLS/robustgen" "$kind" "$sr" "$2" "$dir/in.wav" >"$dir/events" || return 1
    robust_patch "$dir/t.pd" "$dir/in.wav" "$@"
    mm_pd "$sr" "$dir/t.pd" >"$dir/pd.log"
}

# Lines of the info outlet that are not finite numbers.
robust_bad_meters() {
    awk '$1 == "R:" { for (i = 3; i <= NF; i++) if ($i !~ /^-?[0-9.]+(e[-+]?[0-9]+)?$/) { print; next } }' "$1"
}

robust_latency() {
    awk '$1 == "R:" && $2 == "latency" {v = $3} END {print v + 0}' "$1"
}

rcheck() { # name, command...
    local name=$1; shift
    if "$@"; then echo "PASS: $name"; else echo "FAIL: $name"; fi
}

# robust_pd_hwm <sr> <patch.pd> <log>: run pd, print "<peak RSS kB> <exit>"
robust_pd_hwm() {
    local sr=$1 patch=$2 log
    log=$(cd "$(dirname "$3")" && pwd)/$(basename "$3")
    (cd "$(dirname "$patch")" && "$MM_TOOLS/maxrss" pd -batch -noprefs \
        -nosound -r "$sr" -stderr -path "$MM_LIB" \
        -open "$(basename "$patch")" 2>"$log") | awk '{print $2, $4}'
}
