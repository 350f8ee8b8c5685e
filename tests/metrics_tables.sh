#!/bin/sh
# metrics_tables.sh - values from the tables of real JATS articles come out in the
# unit of their column header: Tafel slopes (βa, βc) and corrosion current densities
# of the corrosion studies in corpus/real/pmc-amilib, checked against
# tests/data/metrics/tables.tsv (file, metric, value in the canonical unit,
# catalyst). Skips (77) without python3 or the corpus.
set -u
: "${LITX_SRCDIR:=.}"
dir="$LITX_SRCDIR/corpus/real/pmc-amilib"
want="$LITX_SRCDIR/tests/data/metrics/tables.tsv"
[ -d "$dir" ] && [ -f "$want" ] || { echo "SKIP: no pmc-amilib corpus"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "SKIP: no python3"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
for f in "$dir"/*/fulltext.xml; do
	id=$(basename "$(dirname "$f")")
	./tests/metrics_kb "$f" > "$tmp/$id.json" || { echo "FAIL: metrics_kb $f"; exit 1; }
done
python3 - "$tmp" "$want" <<'PY'
import json, math, os, sys
tmp, want = sys.argv[1], sys.argv[2]
bad = 0
for line in open(want, encoding='utf-8'):
    if not line.strip() or line.startswith('#'):
        continue
    doc, metric, value, unit, catalyst = line.rstrip('\n').split('\t')
    recs = json.load(open(os.path.join(tmp, doc + '.json')))['metrics']
    hit = [r for r in recs if r['metric'] == metric and r['unit'] == unit and r['value'] is not None
           and math.isclose(r['value'], float(value), rel_tol=1e-6) and (r.get('catalyst') or '') == catalyst]
    if not hit:
        bad += 1
        print('missing: %s %s %s %s %r' % (doc, metric, value, unit, catalyst))
        for r in recs:
            if r['metric'] == metric:
                print('   have: %s %s %r' % (r['value'], r['unit'], r.get('catalyst')))
print('%s table values missing' % bad)
sys.exit(1 if bad else 0)
PY
