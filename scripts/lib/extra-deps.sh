# Tool checks for the sanitizer, valgrind and fuzz scripts (sourced).
# They find the tool; what is missing is installed by scripts/deps.sh (the
# one place that knows the package names), group fuzz or valgrind.

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
        bash "$(dirname "${BASH_SOURCE[0]}")/../deps.sh" fuzz || true
        need_clang
        return $?
    fi
    echo "no clang with libFuzzer: run scripts/deps.sh fuzz (clang, libclang-rt-14-dev)"
    return 1
}

need_valgrind() {
    command -v valgrind >/dev/null 2>&1 && return 0
    bash "$(dirname "${BASH_SOURCE[0]}")/../deps.sh" valgrind \
        && command -v valgrind >/dev/null 2>&1
}
