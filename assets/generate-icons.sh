#!/usr/bin/env bash
# Regenerates every icon in assets/ from the SVG sources in assets/source/.
# Needs: apt-get install -y librsvg2-bin imagemagick icnsutils
# (ImageMagick is called as /usr/bin/convert on purpose: some images put a stand-in earlier on PATH.)
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

png() { rsvg-convert -w "$2" -h "$2" "$1" -o "$3"; }
# Strips metadata (timestamps) so regenerating gives byte-identical files.
squeeze() { /usr/bin/convert "$1" -strip -define png:exclude-chunks=date,time "$1"; }

png source/icon.svg 512 icon.png
png source/icon.svg 128 notification.png
squeeze icon.png
squeeze notification.png

for size in 16 32 48 128 256 512; do png source/icon.svg "$size" "$work/icon_$size.png"; done
png2icns icon.icns "$work"/icon_{16,32,48,128,256,512}.png >/dev/null
for size in 24 64; do png source/icon.svg "$size" "$work/icon_$size.png"; done
/usr/bin/convert "$work"/icon_{16,24,32,48,64,128,256}.png icon.ico

# idle: slate, running: blue, failed: red with "!" instead of arrows (colour alone is not enough).
tray() {
  local name=$1 fill=$2 drop=$3
  sed -e "s/FILL/$fill/" -e "/class=\"$drop\"/d" source/tray.svg >"$work/$name.svg"
  png "$work/$name.svg" 16 "$name.png"
  png "$work/$name.svg" 32 "$name@2x.png"
  squeeze "$name.png"
  squeeze "$name@2x.png"
}
tray tray-idle '#64748b' alert
tray tray-running '#2563eb' alert
tray tray-failed '#dc2626' arrows
