#!/usr/bin/env bash
# Sets up Medlemsvård in this repository: the Debian packages Qt needs (only those
# missing), a virtual environment in .venv, and the app installed into it (editable).
#
#   bash packaging/setup.sh          the app: Qt offscreen + a real window (xcb)
#   bash packaging/setup.sh --dev    also pytest, ruff, Xvfb and pdftoppm (tests, screenshots)
#
# Safe to run again: each step is skipped when already done. Delete .venv to start over.
set -euo pipefail

mode=app
case "${1:-}" in
    "") ;;
    --dev) mode=dev ;;
    *) echo "usage: bash packaging/setup.sh [--dev]" >&2; exit 2 ;;
esac
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "setup: Medlemsvård needs python3 3.11 or newer" >&2
    exit 1
fi

# --- Debian packages (docs: shared TECH-NOTES §1, found with ldd on Qt's plugins) ---
# Qt offscreen (tests, CI, grabs); libgl1 pulls in Mesa, which QtGui links against.
packages=(libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0
    libxkbcommon0)
# A real window (QT_QPA_PLATFORM=xcb). Without icccm4/keysyms1 Qt wrongly blames xcb-cursor0.
packages+=(libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
    libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0)
if [[ $mode == dev ]]; then
    packages+=(xvfb xauth poppler-utils)   # xvfb-run for real-window screenshots; pdftoppm
fi
# Debian's own python3 has no working ensurepip (so no venv) without python3-venv.
if [[ "$(python3 -c 'import sys; print(sys.base_prefix)')" == /usr ]]; then
    packages+=(python3-venv)
fi

if ! command -v apt-get >/dev/null || ! command -v dpkg-query >/dev/null; then
    echo "setup: not a Debian system (no apt-get): skipping system packages;" \
        "Qt needs the equivalents of: ${packages[*]}" >&2
else
    missing=()
    for p in "${packages[@]}"; do
        # shellcheck disable=SC2016  # ${...} is dpkg-query's format, not the shell's
        dpkg-query -W -f='${db:Status-Status}\n' "$p" 2>/dev/null | grep -qx installed \
            || missing+=("$p")
    done
    if ((${#missing[@]})); then
        sudo=()
        if ((EUID != 0)); then
            if ! command -v sudo >/dev/null; then
                echo "setup: missing Debian packages; as root run:" >&2
                echo "  apt-get install --no-install-recommends ${missing[*]}" >&2
                exit 1
            fi
            sudo=(sudo)
        fi
        echo "setup: installing Debian packages: ${missing[*]}"
        apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive DEBCONF_NOWARNINGS=yes
            apt-get -qq -o=Dpkg::Use-Pty=0)
        "${apt[@]}" update
        "${apt[@]}" install -y --no-install-recommends "${missing[@]}" >/dev/null
    fi
fi

# --- Python environment ---
if ! .venv/bin/python -m pip --version >/dev/null 2>&1; then
    echo "setup: creating .venv"
    python3 -m venv --clear .venv
fi

# Reinstall only when pyproject.toml changed (the install is editable, so code changes need
# nothing); a --dev install also serves the app.
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
stamp=.venv/.medlemsvard-setup
if ! grep -qxF -e "$want dev" -e "$want $mode" "$stamp" 2>/dev/null; then
    target=.
    if [[ $mode == dev ]]; then target=".[dev]"; fi
    echo "setup: installing Python packages into .venv (first time: under a minute)"
    .venv/bin/python -m pip install -q --disable-pip-version-check -e "$target"
    echo "$want $mode" >"$stamp"
fi
echo "setup: done"
