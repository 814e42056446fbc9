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

# PyInstaller bundles libpython; Debian's own python3 ships it in a separate package.
py=.venv/bin/python
if [[ "$($py -c 'import sysconfig; print(sysconfig.get_config_var("Py_ENABLE_SHARED"))')" != 1 ]] \
    && command -v apt-get >/dev/null; then
    lib="libpython$($py -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
    if ! dpkg-query -W -f='${db:Status-Status}\n' "$lib" 2>/dev/null | grep -qx installed; then
        sudo=()
        ((EUID == 0)) || sudo=(sudo)
        echo "build: installing $lib (PyInstaller needs the shared Python library)"
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
            --no-install-recommends "$lib" >/dev/null
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
