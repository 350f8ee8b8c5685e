#!/bin/sh
# formula_seed.sh - the formula F1 on the hand-checked gold of the seed article
# (shared/gold/seed, scored by shared/tools/score.py) must be at least 0.95. Runs the
# formula plugin alone through tests/formula_kb. Skips (77) without ../shared, without
# python3, or while the text reader cannot read the seed yet.
set -u
gold="${LITX_SHARED:-}/gold/seed"
score="${LITX_SHARED:-}/tools/score.py"
seed="$LITX_SRCDIR/corpus/seed/000_a1e4a42852dd861f.txt"
[ -n "${LITX_SHARED:-}" ] && [ -f "$gold/formulas.jsonl" ] && [ -f "$score" ] || {
	echo "no shared gold; skipped"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "no python3; skipped"; exit 77; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
./tests/formula_kb "$tmp/kb.json" "$seed"
rc=$?
[ $rc -eq 0 ] || exit $rc
python3 "$score" --kb "$tmp/kb.json" --gold "$gold" --show 20 > "$tmp/score.txt" || exit 2
sed -n '/^formulas/,/^[a-z]/p' "$tmp/score.txt" | sed '$d'
f1=$(sed -n 's/^formulas .*F1 \([0-9.]*\) .*/\1/p' "$tmp/score.txt")
echo "formulas F1 $f1 (need 0.95)"
[ -n "$f1" ] && awk -v f="$f1" 'BEGIN { exit !(f >= 0.95) }'
