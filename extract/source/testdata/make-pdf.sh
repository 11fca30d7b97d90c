#!/usr/bin/env bash
# Makes the seed PDFs in this directory from the seed minutes with
# LibreOffice Writer (Debian: libreoffice-writer-nogui), as a ministry
# would export its minutes. Tabs become two ideographic spaces first:
# Writer sets a tab to the next tab stop, which can fall right after the
# text before it, leaving no gap on the page between a name and a title.
set -euo pipefail
cd "$(dirname "$0")"
seeds=../../../seeds
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in "$seeds"/*.txt; do
  sed 's/\t/　　/g' "$f" > "$tmp/$(basename "$f")"
done
soffice --headless --norestore "-env:UserInstallation=file://$tmp/profile" \
  --convert-to pdf --outdir . "$tmp"/*.txt
