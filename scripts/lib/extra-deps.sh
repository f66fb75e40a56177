# Extra tools for the sanitizer, valgrind and fuzz targets (sourced).
# Installs what is missing with apt-get (sudo when not root), like
# scripts/deps.sh does for the base packages.

mm_apt_install() {
    local sudo=""
    if [ "$(id -u)" != 0 ]; then
        if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
            echo "missing: $*; run as root: apt-get install -y $*"
            return 1
        fi
    fi
    command -v apt-get >/dev/null 2>&1 || { echo "missing: $* (no apt-get)"; return 1; }
    echo "installing: $*"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get install -y --no-install-recommends "$@" \
        || { $sudo apt-get update && $sudo apt-get install -y --no-install-recommends "$@"; }
}

# need_clang: sets MM_CLANG to a clang that links -fsanitize=fuzzer
need_clang() {
    local c
    for c in ${CLANG:-} clang-14 clang; do
        command -v "$c" >/dev/null 2>&1 || continue
        if echo 'int LLVMFuzzerTestOneInput(const char*d,long n){return 0;}' \
            | "$c" -x c -fsanitize=fuzzer -o /dev/null - >/dev/null 2>&1; then
            MM_CLANG=$c
            return 0
        fi
    done
    if [ -z "${MM_TRIED_CLANG:-}" ]; then
        MM_TRIED_CLANG=1
        mm_apt_install clang libclang-rt-14-dev \
            || mm_apt_install clang libclang-rt-dev || true
        need_clang
        return $?
    fi
    echo "no clang with libFuzzer: install clang and libclang-rt-14-dev"
    return 1
}

need_valgrind() {
    command -v valgrind >/dev/null 2>&1 && return 0
    mm_apt_install valgrind && command -v valgrind >/dev/null 2>&1
}
