#!/bin/sh
# metrics_seed.sh - the metrics plugin on the seed article, scored against the
# hand-checked gold with ../shared/tools/score.py: F1 >= 0.90 over all metrics,
# >= 0.95 on the primary four (FE, overpotential, Tafel slope, TOF), and the
# catalyst linked right for >= 0.85 of the matched values. Skips (77) without the
# shared folder or python3.
set -u
: "${LITX_SHARED:=}"
gold="$LITX_SHARED/gold/seed"
seed="$LITX_SHARED/corpus/seed/000_a1e4a42852dd861f.txt"
if [ -z "$LITX_SHARED" ] || [ ! -f "$gold/metrics.jsonl" ] || [ ! -f "$seed" ]; then
	echo "SKIP: no shared gold ($LITX_SHARED)"; exit 77
fi
command -v python3 >/dev/null 2>&1 || { echo "SKIP: no python3"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
./tests/metrics_kb "$seed" > "$tmp/kb.json" || { echo "FAIL: metrics_kb"; exit 1; }
python3 "$LITX_SHARED/tools/score.py" --kb "$tmp/kb.json" --gold "$gold" --json --show 40 > "$tmp/score.txt" ||
	{ echo "FAIL: score.py"; cat "$tmp/score.txt"; exit 1; }
# the metrics part of the report only
grep -v '^{' "$tmp/score.txt" | sed '/^formulas/,$d'
python3 - "$tmp/score.txt" <<'PY'
import json, sys
lines = [l for l in open(sys.argv[1]) if l.startswith('{')]
m = json.loads(lines[-1])['metrics']
allf, prim, cat = m['all'][2], m['primary'][2], m['catalyst_link']
print('metrics F1 %.3f (>= 0.90), primary F1 %.3f (>= 0.95), catalyst %.3f (>= 0.85)' % (allf, prim, cat or 0))
sys.exit(0 if allf >= 0.90 and prim >= 0.95 and (cat or 0) >= 0.85 else 1)
PY
