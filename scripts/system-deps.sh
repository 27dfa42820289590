#!/usr/bin/env bash
# Debian packages tongket needs, installed only when missing.
#   runtime: LibreOffice (DOCX → PDF with the same layout) and metric-compatible
#            Times New Roman (Liberation Serif) for documents and charts;
#   test:    Chromium for the browser tests, poppler-utils to turn PDFs into
#            images, gettext for translations.
# Usage: scripts/system-deps.sh [runtime|test]   (test includes runtime)
set -euo pipefail
runtime=(libreoffice-writer-nogui fonts-liberation fonts-dejavu-core)
test=(chromium poppler-utils gettext)
wanted=("${runtime[@]}")
[ "${1:-test}" = "test" ] && wanted+=("${test[@]}")
missing=()
for package in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Cài gói hệ thống: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
