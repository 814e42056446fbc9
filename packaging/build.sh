#!/usr/bin/env bash
# Builds the one-folder desktop bundle dist/medlemsvard/ with PyInstaller and smoke-runs it.
#
#   bash packaging/build.sh            build, then smoke-run (--version, demo, letter, window,
#                                      install.sh into a throw-away home)
#   bash packaging/build.sh --no-smoke build only
#   bash packaging/build.sh --archive  also dist/medlemsvard-VERSION-linux-ARCH.tar.gz
#
# This script adds what Debian needs and runs packaging/build.py, which is the build on
# every platform (Windows and macOS: see packaging/README.md).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

for arg in "$@"; do
    case "$arg" in
        --no-smoke|--archive) ;;
        *) echo "usage: bash packaging/build.sh [--no-smoke] [--archive]" >&2; exit 2 ;;
    esac
done

# A checkout set up with setup.sh (with or without --dev) is used as it is.
[[ -x .venv/bin/python ]] || bash packaging/setup.sh

# PyInstaller reads libraries with objdump (binutils) and bundles libpython; Debian's own
# python3 ships that library in a separate package. Install what is missing.
py=.venv/bin/python
if command -v apt-get >/dev/null && command -v dpkg-query >/dev/null; then
    need=()
    command -v objdump >/dev/null || need+=(binutils)
    if [[ "$($py -c 'import sys; print(sys.base_prefix)')" == /usr ]]; then
        need+=("libpython$($py -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')")
    fi
    missing=()
    for p in "${need[@]}"; do
        # shellcheck disable=SC2016  # ${...} is dpkg-query's format, not the shell's
        dpkg-query -W -f='${db:Status-Status}\n' "$p" 2>/dev/null | grep -qx installed \
            || missing+=("$p")
    done
    if ((${#missing[@]})); then
        sudo=()
        ((EUID == 0)) || sudo=(sudo)
        echo "build: installing ${missing[*]} (needed by PyInstaller)"
        apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -qq -o=Dpkg::Use-Pty=0)
        "${apt[@]}" update
        "${apt[@]}" install --no-install-recommends "${missing[@]}" >/dev/null
    fi
fi

exec $py packaging/build.py "$@"
