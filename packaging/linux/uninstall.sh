#!/bin/sh
# Takes away what install.sh put in place. Your association's file and its backups stay
# (in ~/.local/share/Medlemsvard unless you chose another place): delete them yourself.
set -eu
opt=$(cd "$(dirname "$0")" && pwd)
if [ "$opt" = /opt/medlemsvard ]; then
    share=/usr/local/share
    bin=/usr/local/bin
else
    share="${XDG_DATA_HOME:-$HOME/.local/share}"
    bin="$HOME/.local/bin"
fi
rm -f "$share/applications/medlemsvard.desktop" \
    "$share/icons/hicolor/256x256/apps/medlemsvard.png"
if [ -L "$bin/medlemsvard" ]; then
    rm -f "$bin/medlemsvard"
fi
case "$opt" in
    */medlemsvard) rm -rf "$opt" ;;
esac
case "${LC_ALL:-${LC_MESSAGES:-${LANG:-}}}" in
    sv*) echo "Medlemsvård är avinstallerat. Föreningens fil och säkerhetskopior finns kvar." ;;
    nb*|no*|nn*) echo "Medlemsvård er avinstallert. Foreningens fil og sikkerhetskopier er beholdt." ;;
    *) echo "Medlemsvård is uninstalled. Your association's file and backups were kept." ;;
esac
