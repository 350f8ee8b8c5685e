#!/bin/sh
# metrics_twin.sh - one article in two formats gives the same metrics: the seed
# text and its JATS rendering (corpus/twin) must agree on (metric, value, unit,
# catalyst) for every value of the body. Skips (77) without python3 or the seed.
set -u
: "${LITX_SRCDIR:=.}"
: "${LITX_SHARED:=}"
seed="$LITX_SRCDIR/corpus/seed/000_a1e4a42852dd861f.txt"
twin="$LITX_SRCDIR/corpus/twin/d5sc01108f-twin.xml"
[ -f "$seed" ] && [ -f "$twin" ] || { echo "SKIP: no seed/twin"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "SKIP: no python3"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
./tests/metrics_kb "$seed" > "$tmp/text.json" || { echo "FAIL: metrics_kb on the text"; exit 1; }
./tests/metrics_kb "$twin" > "$tmp/jats.json" || { echo "FAIL: metrics_kb on the JATS"; exit 1; }
python3 - "$tmp/text.json" "$tmp/jats.json" <<'PY'
import json, sys
def keys(path):
    out = []
    for m in json.load(open(path))['metrics']:
        v = m['value'] if m['value'] is not None else m['value_min']
        out.append((m['metric'], round(float(v), 6), m['unit'], m.get('catalyst') or ''))
    return sorted(out)
t, j = keys(sys.argv[1]), keys(sys.argv[2])
only_t = [k for k in t if k not in j]
only_j = [k for k in j if k not in t]
print('text %d, jats %d records; only in text %d, only in jats %d' % (len(t), len(j), len(only_t), len(only_j)))
for k in only_t: print('  only text:', k)
for k in only_j: print('  only jats:', k)
sys.exit(0 if len(t) >= 20 and not only_t and not only_j else 1)
PY
