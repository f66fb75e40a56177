#!/usr/bin/env bash
# The one place that installs mixmaster's Debian packages.
#
#   scripts/deps.sh [--dry-run] [GROUP...]     (default group: base)
#
# Groups:
#   base      build the externals, the unit tests and the tools; run the Pd
#             tests and the demo (make, make check, make demo); gnuplot-nox
#             draws the demo's picture (build/demo/report.png: a small
#             package without X, pngcairo included; matplotlib would pull
#             numpy and take a second to start)
#   fuzz      clang with libFuzzer and its sanitizer runtimes: the fuzz
#             harnesses (make fuzz, and the short pass in make check)
#   valgrind  memcheck (make valgrind)
#   bench     the LV2 host's headers and the LV2 processors make bench
#             compares against (x42, LSP, Zam), and sox (dither)
#   gui       screenshots of the help patches in the real Pd GUI
#             (scripts/helpshots.sh): Xvfb, Pd's GUI, ImageMagick, xdotool
#   check     base + fuzz: everything make check runs (what CI installs)
#   all       every group
# MM_DEPS_EXTRA="pkg ..." adds packages to any run.
#
# Missing packages are installed with apt-get (through sudo when not root;
# the package lists are updated once if an install fails). Without apt-get,
# or without root and sudo, it says exactly what to install and exits 1.
# A name "a|b" takes the first alternative the package lists know.
# --dry-run: apt-get -s (prints what would be installed, changes nothing).
set -u

group_packages() {
    case $1 in
    base) echo "make gcc libc6-dev python3 puredata-core puredata-dev
                pd-lib-builder libebur128-dev libcmocka-dev libfftw3-dev
                gnuplot-nox" ;;
    fuzz) echo "clang libclang-rt-14-dev|libclang-rt-dev" ;;
    valgrind) echo "valgrind" ;;
    gui) echo "xvfb puredata-gui imagemagick xdotool" ;;
    bench) echo "pkg-config liblilv-dev lv2-dev x42-plugins lsp-plugins-lv2
                 zam-plugins sox" ;;
    check) group_packages base; group_packages fuzz ;;
    all) for g in base fuzz valgrind bench gui; do group_packages "$g"; done ;;
    *) return 1 ;;
    esac
}

installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"
}

# the first alternative the package lists can install, else the first
pick() {
    local a
    for a in ${1//|/ }; do
        apt-cache show "$a" >/dev/null 2>&1 && { echo "$a"; return; }
    done
    echo "${1%%|*}"
}

dry=""
groups=()
for arg in "$@"; do
    case $arg in
    --dry-run) dry="-s" ;;
    -h|--help) sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) group_packages "$arg" >/dev/null \
           || { echo "deps: unknown group '$arg' (base fuzz valgrind bench gui check all)"; exit 2; }
       groups+=("$arg") ;;
    esac
done
[ ${#groups[@]} -eq 0 ] && groups=(base)

need=()
for g in "${groups[@]}"; do
    for p in $(group_packages "$g"); do need+=("$p"); done
done
need+=(${MM_DEPS_EXTRA:-})

missing=()
for p in "${need[@]}"; do
    ok=""
    for a in ${p//|/ }; do installed "$a" && { ok=1; break; }; done
    [ -n "$ok" ] && continue
    case " ${missing[*]} " in *" $p "*) ;; *) missing+=("$p") ;; esac
done
[ ${#missing[@]} -eq 0 ] && exit 0

names() { local p; for p in "$@"; do printf '%s ' "${p%%|*}"; done; }
if ! command -v apt-get >/dev/null 2>&1; then
    echo "mixmaster needs (Debian/Ubuntu names): $(names "${missing[@]}")"
    echo "elsewhere: Pure Data 0.51+ with its headers (m_pd.h), pd-lib-builder,"
    echo "libebur128, cmocka and fftw3 development files, a C compiler, gnuplot (make demo);"
    echo "for fuzzing clang with libFuzzer, for make bench liblilv and the LV2 plugins."
    exit 1
fi
sudo=""
if [ "$(id -u)" != 0 ] && [ -z "$dry" ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
        echo "missing packages: $(names "${missing[@]}")"
        echo "run as root: apt-get install -y --no-install-recommends $(names "${missing[@]}")"
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
install() {
    local pkgs=() p
    for p in "${missing[@]}"; do pkgs+=("$(pick "$p")"); done
    echo "deps: installing ${pkgs[*]}"
    $sudo apt-get install $dry -y --no-install-recommends "${pkgs[@]}"
}
install && exit 0
[ -n "$dry" ] && exit 1
# stale or empty package lists (a fresh container): update once and retry
$sudo apt-get update && install && exit 0
echo "deps: could not install: $(names "${missing[@]}")"
exit 1
