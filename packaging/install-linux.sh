#!/usr/bin/env bash
# Install Leverage for the current user on Linux, so that a double-click on a case opens it:
#
#   install-linux.sh [--in-place] [PROGRAM_DIR]     install (or update)
#   install-linux.sh --uninstall                    remove everything this script installed
#
# PROGRAM_DIR is the frozen program's folder (the one with the `leverage` executable): by
# default the folder this script is in when it ships inside the program (dist/Leverage/), or
# dist/Leverage/ of the source tree when it is run from packaging/.
#
# What it does (everything under ~/.local, nothing system-wide, no root needed):
#   ~/.local/opt/leverage/                      a copy of PROGRAM_DIR (skipped with --in-place,
#                                               which registers PROGRAM_DIR where it is)
#   ~/.local/bin/leverage                       a link to the program, for the terminal
#   ~/.local/share/applications/leverage.desktop            the menu entry, Exec = the program
#   ~/.local/share/mime/packages/leverage-mime.xml          application/x-leverage-case
#   ~/.local/share/icons/hicolor/NxN/apps/leverage.png      the icon, every size (+ scalable SVG)
#   ~/.local/share/icons/hicolor/NxN/mimetypes/application-x-leverage-case.png
# then refreshes the MIME, desktop and icon caches when the tools are there
# (update-mime-database, update-desktop-database, gtk-update-icon-cache) and makes Leverage
# the default application for cases (xdg-mime) when xdg-utils is installed.
# XDG_DATA_HOME is honoured for ~/.local/share.
set -euo pipefail

APP_ID=leverage
MIME_TYPE=application/x-leverage-case
MIME_ICON=application-x-leverage-case
SIZES="16 24 32 48 64 128 256 512"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
data_home="${XDG_DATA_HOME:-$HOME/.local/share}"
opt_dir="$HOME/.local/opt/$APP_ID"
bin_link="$HOME/.local/bin/$APP_ID"
desktop_file="$data_home/applications/$APP_ID.desktop"
mime_file="$data_home/mime/packages/$APP_ID-mime.xml"
icons="$data_home/icons/hicolor"

say() { printf '%s\n' "$*"; }
fail() { printf 'install-linux: %s\n' "$*" >&2; exit 1; }

usage() {
  sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

refresh_caches() {
  if command -v update-mime-database >/dev/null 2>&1; then
    update-mime-database "$data_home/mime" >/dev/null 2>&1 || say "warning: update-mime-database failed"
  fi
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database "$data_home/applications" >/dev/null 2>&1 || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$icons/index.theme" ]; then
    gtk-update-icon-cache --quiet --force "$icons" >/dev/null 2>&1 || true
  fi
}

uninstall() {
  rm -f "$desktop_file" "$mime_file"
  for size in $SIZES; do
    rm -f "$icons/${size}x${size}/apps/$APP_ID.png" "$icons/${size}x${size}/mimetypes/$MIME_ICON.png"
  done
  rm -f "$icons/scalable/apps/$APP_ID.svg"
  if [ -L "$bin_link" ]; then rm -f "$bin_link"; fi
  if [ -d "$opt_dir" ]; then rm -rf "$opt_dir"; fi
  mkdir -p "$data_home/mime/packages" "$data_home/applications"
  refresh_caches
  say "Leverage is uninstalled (your cases, settings and data folder are left as they are)."
}

in_place=0
program_dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --uninstall) uninstall; exit 0 ;;
    --in-place) in_place=1 ;;
    -h|--help) usage; exit 0 ;;
    -*) fail "unknown option $1 (see --help)" ;;
    *) program_dir="$1" ;;
  esac
  shift
done

if [ -z "$program_dir" ]; then
  if [ -x "$here/$APP_ID" ]; then program_dir="$here"; else program_dir="$here/../dist/Leverage"; fi
fi
[ -x "$program_dir/$APP_ID" ] || fail "$program_dir/$APP_ID: no Leverage program there (run make package first, or give its folder)"
program_dir="$(cd "$program_dir" && pwd)"

# The integration files: beside this script (inside the program folder or in packaging/).
find_file() {
  for candidate in "$@"; do
    if [ -f "$candidate" ]; then printf '%s\n' "$candidate"; return 0; fi
  done
  return 1
}
desktop_src="$(find_file "$here/$APP_ID.desktop" "$program_dir/$APP_ID.desktop")" || fail "leverage.desktop not found"
mime_src="$(find_file "$here/$APP_ID-mime.xml" "$program_dir/$APP_ID-mime.xml")" || fail "leverage-mime.xml not found"
icon_dir=""
for candidate in "$program_dir/_internal/resources/icons" "$program_dir/resources/icons" "$here/../resources/icons"; do
  if [ -f "$candidate/$APP_ID-256.png" ]; then icon_dir="$candidate"; break; fi
done
[ -n "$icon_dir" ] || fail "the icons (resources/icons/leverage-*.png) were not found"

# 1. The program.
if [ "$in_place" = 1 ]; then
  target="$program_dir"
else
  target="$opt_dir"
  if [ "$program_dir" != "$opt_dir" ]; then
    staging="$opt_dir.new.$$"
    rm -rf "$staging"
    mkdir -p "$(dirname "$opt_dir")"
    cp -a "$program_dir" "$staging"
    rm -rf "$opt_dir"
    mv "$staging" "$opt_dir"
  fi
fi
executable="$target/$APP_ID"
mkdir -p "$(dirname "$bin_link")"
if [ -e "$bin_link" ] && [ ! -L "$bin_link" ]; then
  say "note: $bin_link exists and is not a link; left alone"
else
  ln -sfn "$executable" "$bin_link"
fi

# 2. The icons.
for size in $SIZES; do
  png="$icon_dir/$APP_ID-$size.png"
  [ -f "$png" ] || continue
  install -D -m 0644 "$png" "$icons/${size}x${size}/apps/$APP_ID.png"
  install -D -m 0644 "$png" "$icons/${size}x${size}/mimetypes/$MIME_ICON.png"
done
if [ -f "$icon_dir/$APP_ID.svg" ]; then
  install -D -m 0644 "$icon_dir/$APP_ID.svg" "$icons/scalable/apps/$APP_ID.svg"
fi

# 3. The MIME type.
install -D -m 0644 "$mime_src" "$mime_file"

# 4. The menu entry, running this very program. Exec quotes the path (it may hold spaces) with
#    the Desktop Entry escapes: \\\\ for a backslash, \\" \\` \\$ inside quotes, %% for %.
exec_path="$executable"
exec_path="${exec_path//\\/\\\\\\\\}"
exec_path="${exec_path//\"/\\\\\"}"
exec_path="${exec_path//\`/\\\\\`}"
exec_path="${exec_path//\$/\\\\\$}"
exec_path="${exec_path//%/%%}"
try_exec="${executable//\\/\\\\}"
mkdir -p "$(dirname "$desktop_file")"
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in
    Exec=*) printf 'Exec="%s" %%f\n' "$exec_path" ;;
    TryExec=*) printf 'TryExec=%s\n' "$try_exec" ;;
    *) printf '%s\n' "$line" ;;
  esac
done <"$desktop_src" >"$desktop_file.tmp"
chmod 0644 "$desktop_file.tmp"
mv "$desktop_file.tmp" "$desktop_file"

refresh_caches
if command -v xdg-mime >/dev/null 2>&1; then
  xdg-mime default "$APP_ID.desktop" "$MIME_TYPE" >/dev/null 2>&1 || true
fi

say "Leverage is installed for $(id -un):"
say "  program     $executable"
say "  menu entry  $desktop_file"
say "  file type   $MIME_TYPE (*.leverage) in $mime_file"
say "Double-click a .leverage case to open it; uninstall with: $0 --uninstall"
