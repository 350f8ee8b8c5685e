#!/bin/sh
# citations_seed.sh - the seed article through the citations plugin, scored with
# ../shared/tools/score.py against the hand-checked gold callouts and references.
# Must reach: callouts F1 >= 0.99, references whole-entry right >= 0.98.
# Skips (77) without python3, ../shared, or while the text reader finds no
# reference list in the seed.
set -u
: "${LITX_SRCDIR:?}" "${LITX_SHARED:=}"
shared=$LITX_SHARED
[ -n "$shared" ] && [ -f "$shared/tools/score.py" ] || { echo "no ../shared: skip"; exit 77; }
command -v python3 >/dev/null || { echo "no python3: skip"; exit 77; }
kb_bin=./tests/citations_kb
[ -x "$kb_bin" ] || { echo "tests/citations_kb not built"; exit 1; }
tmp=${TMPDIR:-/tmp}/litx-cite-seed.$$
mkdir -p "$tmp" && trap 'rm -rf "$tmp"' EXIT INT TERM
seed=$LITX_SRCDIR/corpus/seed/000_a1e4a42852dd861f.txt
"$kb_bin" "$tmp/kb.json" "$seed" || { echo "citations_kb failed"; exit 1; }
n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1])).get("references",[])))' "$tmp/kb.json")
if [ "$n" -eq 0 ]; then
	echo "the text reader gives no reference list yet: skip"
	exit 77
fi
python3 "$shared/tools/score.py" --kb "$tmp/kb.json" --gold "$shared/gold/seed" --json > "$tmp/score.txt" || exit 1
cat "$tmp/score.txt"
python3 - "$tmp/score.txt" <<'PY'
import json, sys
lines = open(sys.argv[1]).read().splitlines()
res = json.loads([l for l in lines if l.startswith('{')][-1])
f1 = res['callouts'][2]
whole = res['references']['whole']
print('callouts F1 %.3f (need 0.99), references whole %.3f (need 0.98)' % (f1, whole))
sys.exit(0 if f1 >= 0.99 and whole >= 0.98 else 1)
PY
