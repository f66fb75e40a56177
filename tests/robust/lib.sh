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

# robust_render <dir> <kind> <sr> <name> <nin> <nout> <flags> <msg> [block~ args]
# Generates the signal (robustgen <kind>) and renders it through the object
# with mm_render (msg at load, under [block~ args] when given); leaves
# in.wav, out.wav (at least one channel), pd.log and events in dir.
robust_render() {
    local dir=$1 kind=$2 sr=$3; shift 3
    mkdir -p "$dir"
    "$MM_TOOLS/robustgen" "$kind" "$sr" "$2" "$dir/in.wav" >"$dir/events" || return 1
    local name=$1 nin=$2 nout=$3 flags=$4 msg=$5 blk=${6:-}
    mm_render "$dir" "$sr" "$dir/in.wav" "$nin" "$name $flags" "$nout" \
        ${msg:+-load "$msg"} ${blk:+-block "$blk"}
}

# Lines of the info outlet that are not finite numbers.
robust_bad_meters() {
    awk '$1 == "R:" { for (i = 3; i <= NF; i++) if ($i !~ /^-?[0-9.]+(e[-+]?[0-9]+)?$/) { print; next } }' "$1"
}

# robust_meter_figure <log>: a meter's (an object without signal
# outlets) last reading of the programme's level: loudness~'s momentary
# loudness, spectrum~'s peak level (the loudest display point's dB).
robust_meter_figure() {
    awk '$1 == "R:" && $2 == "momentary" {m = $3; have = 1}
         $1 == "R:" && $2 == "peak" {p = $4}
         END {print have ? m : p}' "$1"
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
    (cd "$(dirname "$patch")" && "$MM_TOOLS/maxrss" "$PD" -batch -noprefs \
        -nosound -r "$sr" -stderr -path "$MM_LIB" \
        -open "$(basename "$patch")" 2>"$log") | awk '{print $2, $4}'
}
