#!/usr/bin/env bash
# Builds the one-folder desktop bundle dist/medlemsvard/ with PyInstaller and smoke-runs it.
#
#   bash packaging/build.sh            build, then smoke-run (--version, demo, letter, window)
#   bash packaging/build.sh --no-smoke build only
#
# Linux here; the same spec builds on Windows and macOS (see packaging/README.md).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

smoke=yes
case "${1:-}" in
    "") ;;
    --no-smoke) smoke=no ;;
    *) echo "usage: bash packaging/build.sh [--no-smoke]" >&2; exit 2 ;;
esac

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

$py -m pip install -q --disable-pip-version-check "pyinstaller>=6.10" 2>&1 \
    | grep -v "is ignored" || true
rm -rf dist/medlemsvard build/pyinstaller
$py -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
    packaging/medlemsvard.spec
echo "build: dist/medlemsvard/ is $(du -sh dist/medlemsvard | cut -f1)"

if [[ $smoke == yes ]]; then
    exe=dist/medlemsvard/medlemsvard
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    export MEDLEMSVARD_DATA_DIR="$work/data" QT_QPA_PLATFORM=offscreen
    "$exe" --version
    "$exe" demo --members 60 --db "$work/demo.sqlite" --language en
    "$exe" members --db "$work/demo.sqlite" --json >/dev/null
    if "$exe" letters --help >/dev/null 2>&1; then
        "$exe" letters --db "$work/demo.sqlite" --template welcome --out "$work/welcome.pdf"
        test -s "$work/welcome.pdf"
    else
        "$exe" calls sheet --db "$work/demo.sqlite" --out "$work/sheet.pdf" || true
    fi
    title=$("$exe" gui --db "$work/demo.sqlite" --quit-after 1500 2>/dev/null)
    echo "build: the window opened: $title"
    [[ -n $title ]]
    echo "build: smoke run passed"
fi
