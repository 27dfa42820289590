#!/usr/bin/env bash
# Regenerate the review samples shown in the README from the demo database.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-uv.sh
uv run tongket demo --no-serve >/dev/null
for style in party state; do
  number=$([ "$style" = party ] && echo 115 || echo 15)
  for suffix in docx pdf; do
    uv run tongket review --unit HN-THANHXUAN --window 2019..2023 --style "$style" --number "$number" \
      --date 2024-01-08 --signer "Lê Văn Thành" -o "docs/samples/review-$style.$suffix"
  done
  pdftoppm -r 70 -f 1 -l 1 -png -singlefile "docs/samples/review-$style.pdf" "docs/samples/review-$style-page1"
done
uv run tongket review --unit HN-THANHXUAN --window 2019..2023 -o docs/samples/review.xlsx
