#!/usr/bin/env bash
# Compares PDF text extractors on the seed PDFs; prints a Markdown table
# (docs/formats.md has the last one). Needs pdftotext (poppler-utils).
set -euo pipefail
cd "$(dirname "$0")"
go run .
