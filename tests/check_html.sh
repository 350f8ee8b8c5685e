#!/bin/sh
# check_html.sh - the HTML report renders in a headless browser as one file: a
# screenshot is taken and must not be blank. Skips (77) without chromium.
set -u
: "${LITX_BIN:?}" "${LITX_SRCDIR:?}"
browser=
for b in chromium chromium-browser google-chrome headless_shell; do
	command -v "$b" >/dev/null 2>&1 && { browser=$b; break; }
done
[ -n "$browser" ] || { echo "SKIP: no chromium"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
"$LITX_BIN" check "$LITX_SRCDIR/tests/data/check/kb_err" --format html --fail-on none >"$tmp/report.html" || exit 1
grep -q 'class="hit"' "$tmp/report.html" || { echo "FAIL: no flagged cell"; exit 1; }
timeout 60 "$browser" --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions \
	--user-data-dir="$tmp/profile" --window-size=1200,800 --screenshot="$tmp/shot.png" \
	"file://$tmp/report.html" >"$tmp/log" 2>&1
[ -s "$tmp/shot.png" ] || { echo "FAIL: no screenshot"; cat "$tmp/log"; exit 1; }
size=$(wc -c <"$tmp/shot.png")
[ "$size" -gt 5000 ] || { echo "FAIL: screenshot looks blank ($size bytes)"; exit 1; }
if [ -n "${LITX_CHECK_SHOT:-}" ]; then cp "$tmp/shot.png" "$LITX_CHECK_SHOT"; fi
exit 0
