#!/bin/sh
# jats_real.sh - every real JATS article of the corpus must load, with as many
# references as it has <ref> elements and as many tables as <table-wrap> elements
# (counted independently with xmllint). Prints one line per failing file.
# Needs LITX_BIN and LITX_SRCDIR (set by make check); LITX_SHARED is optional.
: "${LITX_BIN:?LITX_BIN not set}"
: "${LITX_SRCDIR:?LITX_SRCDIR not set}"
command -v xmllint >/dev/null 2>&1 || { echo "jats_real: xmllint missing (libxml2-utils)"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "jats_real: python3 missing"; exit 77; }

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

list="$tmp/files"
: >"$list"
for dir in "$LITX_SRCDIR/corpus" "${LITX_SHARED:+$LITX_SHARED/corpus/real}"; do
	[ -n "$dir" ] && [ -d "$dir" ] || continue
	find "$dir" -type f \( -name '*.xml' -o -name '*.nxml' \) >>"$list"
done
[ -s "$list" ] || { echo "jats_real: no JATS files found"; exit 77; }

total=0
failed=0
while IFS= read -r f; do
	total=$((total + 1))
	refs=$(xmllint --nonet --xpath 'count(//*[local-name()="ref"])' "$f" 2>/dev/null)
	tabs=$(xmllint --nonet --xpath 'count(//*[local-name()="table-wrap"])' "$f" 2>/dev/null)
	if ! "$LITX_BIN" dump "$f" >"$tmp/dump.json" 2>"$tmp/err"; then
		echo "FAIL $f: litx dump failed: $(head -c 300 "$tmp/err")"
		failed=$((failed + 1))
		continue
	fi
	got=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(len(d["references"]), len(d["tables"]))' "$tmp/dump.json" 2>&1) || {
		echo "FAIL $f: dump is not JSON: $got"
		failed=$((failed + 1))
		continue
	}
	want="$refs $tabs"
	if [ "$got" != "$want" ]; then
		echo "FAIL $f: references/tables $got, file has $want"
		failed=$((failed + 1))
	fi
done <"$list"

echo "jats_real: $((total - failed))/$total files pass"
[ "$failed" -eq 0 ]
