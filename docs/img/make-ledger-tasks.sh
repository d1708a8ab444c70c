#!/usr/bin/env bash
# Remake ledger-tasks.png, the picture of a department's ledger in
# docs/workflow.md: export the plan's ledger of 区农业农村和水利局, fill in
# three rows with openpyxl, print it with LibreOffice Calc and cut out the
# top left. Needs build/site-gen, python3-openpyxl, libreoffice-calc-nogui
# and poppler-utils (pdftoppm). Run from anywhere: ./docs/img/make-ledger-tasks.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$root/build/site-gen" ledger export --content "$root/content" --theme "$root/themes/default" \
	--unit agri-water --as-of 2023-09-30 --out "$tmp/ledger.xlsx"
/usr/bin/python3 "$root/tests/tools/ledger_sheet.py" fill "$tmp/ledger.xlsx" "$tmp/ledger.xlsx" \
	'任务!status@t001=str:已完成' '任务!progress@t001=num:100' \
	'任务!narrative_zh@t001=str:粮食播种1900亩已全部完成。' \
	'任务!status@t002=str:按计划推进' '任务!progress@t002=num:75' \
	'任务!status@t004=str:存在风险' '任务!progress@t004=num:60' \
	'任务!narrative_zh@t004=str:部分补贴待下达。'
soffice -env:UserInstallation=file://"$tmp/lo" --headless --convert-to pdf \
	--outdir "$tmp" "$tmp/ledger.xlsx" >/dev/null 2>&1
pdftoppm -r 150 -png -singlefile -f 1 -l 1 -x 90 -y 110 -W 1650 -H 330 \
	"$tmp/ledger.pdf" "$root/docs/img/ledger-tasks"
