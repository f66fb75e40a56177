#!/usr/bin/env bash
# The test tools themselves: the WAV reader/writer and the 16x true-peak
# reference that the limiter tests trust.
set -u
. "$(dirname "$0")/../lib/pdrun.sh"
if out=$("$MM_TOOLS/tpmeter" --selftest 2>&1); then
    echo "PASS: tools tpmeter selftest"
else
    echo "FAIL: tools tpmeter selftest: $(tail -1 <<<"$out")"
fi
