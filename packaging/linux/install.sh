#!/bin/sh
# Installs Medlemsvård from this unpacked folder, for you alone (no root needed):
#   sh install.sh            the app in ~/.local/opt/medlemsvard, a menu entry, an icon and
#                            the command `medlemsvard` in ~/.local/bin
#   sudo sh install.sh --system   the same for every user of the computer (/opt, /usr/local)
# Run it again to update; uninstall.sh (installed next to the app) takes it away again.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
case "${1:-}" in
    --system)
        opt=/opt/medlemsvard
        share=/usr/local/share
        bin=/usr/local/bin ;;
    "")
        opt="$HOME/.local/opt/medlemsvard"
        share="${XDG_DATA_HOME:-$HOME/.local/share}"
        bin="$HOME/.local/bin" ;;
    *)
        echo "usage: sh install.sh [--system]" >&2
        exit 2 ;;
esac
if [ ! -x "$here/medlemsvard" ]; then
    echo "install.sh: run it from the unpacked medlemsvard folder / kör det i den uppackade mappen / kjør det i den utpakkede mappen" >&2
    exit 1
fi
if [ "$here" != "$opt" ]; then
    rm -rf "$opt.new"
    mkdir -p "$(dirname "$opt")"
    cp -R "$here" "$opt.new"
    rm -rf "$opt"
    mv "$opt.new" "$opt"
fi
mkdir -p "$share/applications" "$share/icons/hicolor/256x256/apps" "$bin"
cp "$opt/_internal/medlemsvard_app/resources/icons/medlemsvard.png" \
    "$share/icons/hicolor/256x256/apps/medlemsvard.png"
sed -e "s|^Exec=.*|Exec=\"$opt/medlemsvard\" gui|" \
    -e "s|^Icon=.*|Icon=$share/icons/hicolor/256x256/apps/medlemsvard.png|" \
    -e "s|^TryExec=.*|TryExec=$opt/medlemsvard|" \
    "$opt/medlemsvard.desktop" > "$share/applications/medlemsvard.desktop"
ln -sf "$opt/medlemsvard" "$bin/medlemsvard"
command -v update-desktop-database >/dev/null 2>&1 \
    && update-desktop-database -q "$share/applications" 2>/dev/null || true
case "${LC_ALL:-${LC_MESSAGES:-${LANG:-}}}" in
    sv*) echo "Medlemsvård är installerat i $opt."
         echo "Starta det från menyn (Kontor), eller med: medlemsvard gui" ;;
    nb*|no*|nn*) echo "Medlemsvård er installert i $opt."
         echo "Start det fra menyen (Kontor), eller med: medlemsvard gui" ;;
    *) echo "Medlemsvård is installed in $opt."
       echo "Start it from the menu (Office), or with: medlemsvard gui" ;;
esac
