#!/usr/bin/env bash
# Make sure Debian's Chromium and the CJK and emoji fonts are installed for the browser tests
# (tests/e2e). Idempotent: installs only what is missing, and only from apt — never downloads a
# browser any other way. Without the fonts, Chinese and emoji render as boxes in screenshots.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
FONTS=(fonts-noto-cjk fonts-noto-color-emoji)

installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'
}

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
  else
    echo "ensure-chromium: need root (or sudo) to install packages with apt-get" >&2
    exit 1
  fi
fi

missing=()
if [ ! -x "$CHROMIUM" ]; then
  missing+=(chromium)
fi
for pkg in "${FONTS[@]}"; do
  installed "$pkg" || missing+=("$pkg")
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "ensure-chromium: $("$CHROMIUM" --version 2>/dev/null || echo chromium) and fonts already installed"
  exit 0
fi

if [ ! -x "$CHROMIUM" ]; then
  # Installing the browser: bring the fonts along in the same step.
  missing=(chromium "${FONTS[@]}")
fi

echo "ensure-chromium: installing ${missing[*]} with apt-get"
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"

if [ ! -x "$CHROMIUM" ]; then
  echo "ensure-chromium: $CHROMIUM is still missing after apt-get install" >&2
  exit 1
fi
echo "ensure-chromium: $("$CHROMIUM" --version 2>/dev/null || echo chromium) ready"
