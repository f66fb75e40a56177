#!/usr/bin/env bash
# Check for the Debian packages mixmaster needs; install what is missing
# (apt-get, with sudo when not root), or say exactly what to install.
# Extra packages for the benchmark comparisons: MM_DEPS_EXTRA="...".
set -u
need=(puredata-core puredata-dev pd-lib-builder libebur128-dev
      libcmocka-dev libfftw3-dev)
need+=(${MM_DEPS_EXTRA:-})
missing=()
for p in "${need[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" \
        || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
    echo "mixmaster needs: Pure Data 0.51+ (pd and its headers m_pd.h),"
    echo "pd-lib-builder, libebur128, cmocka and fftw3 development files."
    echo "On Debian/Ubuntu these are: ${missing[*]}"
    exit 1
fi
sudo=""
if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
        echo "missing packages: ${missing[*]}"
        echo "run as root: apt-get install -y ${missing[*]}"
        exit 1
    fi
fi
echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y --no-install-recommends "${missing[@]}" \
    || { $sudo apt-get update && $sudo apt-get install -y --no-install-recommends "${missing[@]}"; }
