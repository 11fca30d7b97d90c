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

# A second producer: Chromium (Skia/PDF) printing each seed as a plain
# page, with its running header (date, title) and footer (address, page
# numbers) on every page.
for f in "$tmp"/*.txt; do
  name=$(basename "$f" .txt)
  python3 - "$f" > "$tmp/$name.html" <<'PY'
import html, sys
t = open(sys.argv[1], encoding="utf-8").read()
print('<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>議事概要</title>'
      '<style>body{font-family:"Noto Sans CJK JP";font-size:11pt} pre{white-space:pre-wrap;font-family:inherit}</style>'
      '</head><body><pre>' + html.escape(t) + '</pre></body></html>')
PY
  chromium --headless --no-sandbox --disable-gpu --print-to-pdf="$PWD/$name.chromium.pdf" "$tmp/$name.html"
done

# An encrypted PDF (open password "secret"), for the bad-input test.
printf 'テスト\n' > "$tmp/encrypted.txt"
soffice --headless --norestore "-env:UserInstallation=file://$tmp/profile" \
  --convert-to 'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"secret"}}' \
  --outdir bad "$tmp/encrypted.txt"
