#!/usr/bin/env bash
# Debian packages the shop and its tests need (called by `make test`, and by `make run` for the
# PDF libraries): installed when missing and this user may install packages (root, or sudo
# without a password); otherwise one line per missing part with the command that brings it in.
# The tests themselves then skip what cannot run, and say so.
#   chromium                       the browser tests
#   fonts-noto-core                Thai and Burmese glyphs: in Chromium and in the PDFs
#   libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
#                                  WeasyPrint: text layout and shaping, font subsetting (receipts)
#   poppler-utils                  pdftotext: the document tests read the PDFs' text
set -uo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
for package in fonts-noto-core libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  for package in "${missing[@]}"; do
    echo "missing: $package (the tests that need it will be skipped or fail); install it with: sudo apt-get install -y $package"
  done
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "missing: ${missing[*]}; this is not a Debian-like system: install Chromium, the Noto fonts, Pango and poppler with its package manager"
  exit 0
fi
echo "installing ${missing[*]}"
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null \
  || echo "missing: ${missing[*]}: apt-get could not install them"
