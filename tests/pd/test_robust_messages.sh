#!/usr/bin/env bash
# Robustness, bad messages and flags (contract convention 3), for every
# object in tests/robust/objects.list and every parameter its `print`
# lists: out-of-range values high and low are clamped with exactly one
# warning; a missing argument, a wrong type, an unknown word are errors
# and change nothing; creation-only flags are refused as messages; bad
# flags are reported and the object is still created. Each checked by
# reading Pd's console.
set -u
. "$(dirname "$0")/../robust/lib.sh"
OUT=${OUT:-$BUILD/test-out/test_robust_messages}
mkdir -p "$OUT"

msgpatch() { # out.pd name flags "msg box content"
    cat >"$1" <<PD
#N canvas 0 0 900 600 12;
#X obj 10 10 loadbang;
#X msg 10 50 $4;
#X obj 10 300 r objr;
#X obj 10 350 $2 $3;
#X obj 300 300 r mark;
#X obj 300 350 print MARK;
#X msg 10 500 \; pd quit;
#X obj 10 30 t b b;
#X connect 0 0 7 0;
#X connect 7 0 6 0;
#X connect 7 1 1 0;
#X connect 2 0 3 0;
#X connect 4 0 5 0;
PD
}

while IFS='|' read -r name nin nout flags msg; do
    d=$OUT/$name
    mkdir -p "$d"
    # 1. the parameter table, read back from print
    msgpatch "$d/table.pd" "$name" "$flags" "\\; objr print"
    mm_pd 48000 "$d/table.pd" >"$d/table.log"
    params=$(sed -n 's/^  \([a-z0-9]*\) \(.*\)  (\(.*\))$/\1|\2|\3/p' "$d/table.log")
    rcheck "robust $name: print lists parameters with ranges" [ -n "$params" ]
    # 2. one message sequence with marks
    seq="\\; mark unknown \\; objr frobnicate 1"
    first_numeric=""
    while IFS='|' read -r p val range; do
        [ -n "$p" ] || continue
        case $range in
        *"creation only"*) seq+=" \\; mark $p-creation \\; objr $p 1" ;;
        "0|1, default"*)
            seq+=" \\; mark $p-missing \\; objr $p \\; mark $p-wrongtype \\; objr $p xyz"
            seq+=" \\; mark $p-coerce \\; objr $p 5 \\; objr print" ;;
        [0-9-]*..*)
            lo=${range%%..*}; hi=${range#*..}; hi=${hi%%[ ,]*}
            [ -n "$first_numeric" ] || first_numeric="$p|$hi"
            seq+=" \\; mark $p-high \\; objr $p $(awk -v h="$hi" 'BEGIN{print h + 1000}') \\; objr print"
            seq+=" \\; mark $p-low \\; objr $p $(awk -v l="$lo" 'BEGIN{v = l - 1000; if (v == 0) v = -1; print v}') \\; objr print"
            seq+=" \\; mark $p-missing \\; objr $p \\; mark $p-wrongtype \\; objr $p xyz \\; objr print" ;;
        *)  # a choice of words
            seq+=" \\; mark $p-missing \\; objr $p \\; mark $p-badword \\; objr $p frobnicate"
            seq+=" \\; mark $p-number \\; objr $p 7 \\; objr print" ;; # no choice is 7
        esac
    done <<<"$params"
    seq+=" \\; mark end"
    msgpatch "$d/msgs.pd" "$name" "$flags" "$seq"
    mm_pd 48000 "$d/msgs.pd" >"$d/msgs.log"
    seg() { # the log between "MARK: $1" and the next mark
        awk -v m="$1" '/^MARK: / {on = ($2 == m); next} on' "$d/msgs.log"
    }
    errs() { seg "$1" | grep -c "^error: $name: "; }
    warns() { seg "$1" | grep -c "warning: $name: $2 "; }
    printed() { seg "$1" | sed -n "s/^  $2 \\([^ ]*\\).*(.*/\\1/p" | tail -1; }
    rcheck "robust $name: unknown message is an error" [ "$(errs unknown)" -ge 1 ]
    while IFS='|' read -r p val range; do
        [ -n "$p" ] || continue
        case $range in
        *"creation only"*)
            rcheck "robust $name $p: creation-only flag refused as message" [ "$(errs "$p-creation")" = 1 ] ;;
        "0|1, default"*)
            rcheck "robust $name $p: missing argument is an error" [ "$(errs "$p-missing")" = 1 ]
            rcheck "robust $name $p: wrong type is an error" [ "$(errs "$p-wrongtype")" = 1 ]
            rcheck "robust $name $p: 5 reads as 1 ($(printed "$p-coerce" "$p"))" [ "$(printed "$p-coerce" "$p")" = 1 ] ;;
        [0-9-]*..*)
            lo=${range%%..*}; hi=${range#*..}; hi=${hi%%[ ,]*}
            rcheck "robust $name $p: too high clamped to $hi with one warning" \
                [ "$(warns "$p-high" "$p")" = 1 ] && [ "$(printed "$p-high" "$p")" = "$hi" ]
            rcheck "robust $name $p: too low clamped to $lo with one warning" \
                [ "$(warns "$p-low" "$p")" = 1 ] && [ "$(printed "$p-low" "$p")" = "$lo" ]
            rcheck "robust $name $p: missing argument is an error" [ "$(errs "$p-missing")" = 1 ]
            rcheck "robust $name $p: wrong type is an error and changes nothing" \
                [ "$(errs "$p-wrongtype")" = 1 ] && [ "$(printed "$p-wrongtype" "$p")" = "$lo" ] ;;
        *)
            rcheck "robust $name $p: missing word is an error" [ "$(errs "$p-missing")" = 1 ]
            rcheck "robust $name $p: unknown word is an error" [ "$(errs "$p-badword")" = 1 ]
            rcheck "robust $name $p: a number that is no choice is an error, nothing changes" \
                [ "$(errs "$p-number")" = 1 ] && [ "$(printed "$p-number" "$p")" = "$val" ] ;;
        esac
    done <<<"$params"
    rcheck "robust $name: no other errors or crashes" grep -q "^MARK: end" "$d/msgs.log"
    # 3. bad flags: reported, object still created
    if [ -n "$first_numeric" ]; then
        p=${first_numeric%%|*}; hi=${first_numeric#*|}
        msgpatch "$d/flags.pd" "$name" "$flags -frobnicate 3 -$p $((${hi%.*} + 1000))" "\\; objr print"
        mm_pd 48000 "$d/flags.pd" >"$d/flags.log"
        rcheck "robust $name: unknown flag reported" grep -q "^error: $name: unknown flag '-frobnicate'" "$d/flags.log"
        rcheck "robust $name: out-of-range flag -$p clamped with a warning" grep -q "warning: $name: $p " "$d/flags.log"
        rcheck "robust $name: created despite bad flags" bash -c "! grep -q \"couldn't create\" '$d/flags.log'"
    fi
done < <(robust_objects)
