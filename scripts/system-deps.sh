#!/usr/bin/env bash
# Debian packages the tests and document rendering need: Chromium for the browser
# tests, poppler-utils to turn PDFs into images, metric-compatible Times New Roman.
# Idempotent: installs only what is missing.
set -euo pipefail
packages=(chromium fonts-liberation fonts-dejavu-core poppler-utils gettext)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Cài gói hệ thống: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
