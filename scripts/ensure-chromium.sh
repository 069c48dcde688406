#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (no browser download). Finds it at CHROME_PATH or
# /usr/bin/chromium; as root on Debian/Ubuntu installs chromium and fonts-noto-cjk (Chinese glyphs).
set -euo pipefail
chrome="${CHROME_PATH:-/usr/bin/chromium}"
need=()
[ -x "$chrome" ] || need+=(chromium)
if command -v dpkg >/dev/null 2>&1 && ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then need+=(fonts-noto-cjk); fi
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${need[*]} with apt-get…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  exit 0
fi
if [ -x "$chrome" ]; then
  echo "warning: fonts-noto-cjk is missing; Chinese text will render as boxes in screenshots" >&2
  exit 0
fi
echo "Browser tests need Chromium. Install the packages: chromium fonts-noto-cjk (Debian/Ubuntu: sudo apt-get install chromium fonts-noto-cjk), or set CHROME_PATH." >&2
exit 1
