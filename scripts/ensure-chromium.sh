#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (no browser download). Finds it at CHROME_PATH or
# /usr/bin/chromium; as root on Debian/Ubuntu installs chromium and fonts-noto-cjk (Chinese glyphs),
# and poppler-utils (pdftotext), with which the PDF tests read back what they generated.
set -euo pipefail
chrome="${CHROME_PATH:-/usr/bin/chromium}"
need=()
[ -x "$chrome" ] || need+=(chromium)
if command -v dpkg >/dev/null 2>&1 && ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then need+=(fonts-noto-cjk); fi
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${need[*]} with apt-get…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  exit 0
fi
if [ -x "$chrome" ] && command -v pdftotext >/dev/null 2>&1; then
  echo "warning: fonts-noto-cjk is missing; Chinese text will render as boxes in screenshots" >&2
  exit 0
fi
echo "Tests need: ${need[*]}. Install them (Debian/Ubuntu: sudo apt-get install chromium fonts-noto-cjk poppler-utils), or set CHROME_PATH." >&2
exit 1
