#!/usr/bin/env bash
# Debian packages the browser tests need (called by `make test`): installed when missing and this
# user may install packages (root, or sudo without a password); otherwise one line per missing part
# with the command that brings it in. The tests themselves then skip what cannot run, and say so.
set -uo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s fonts-noto-core >/dev/null 2>&1 || missing+=(fonts-noto-core)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  for package in "${missing[@]}"; do
    echo "missing: $package (browser tests will be skipped); install it with: sudo apt-get install -y $package"
  done
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "missing: ${missing[*]} (browser tests will be skipped); this is not a Debian-like system: install Chromium and the Noto fonts with its package manager"
  exit 0
fi
echo "installing ${missing[*]} (browser tests)"
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null \
  || echo "missing: ${missing[*]}: apt-get could not install them (browser tests will be skipped)"
