#!/bin/sh
# formula_twin.sh - the seed article as text and as JATS (corpus/twin) must give the
# same canonical cluster formulas within the gold's body lines of the text. Skips (77)
# while either reader cannot read its file yet.
set -u
text="$LITX_SRCDIR/corpus/seed/000_a1e4a42852dd861f.txt"
jats="$LITX_SRCDIR/corpus/twin/d5sc01108f-twin.xml"
command -v python3 >/dev/null 2>&1 || { echo "no python3; skipped"; exit 77; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
./tests/formula_kb "$tmp/text.json" "$text" || exit $?
./tests/formula_kb "$tmp/jats.json" "$jats" || exit $?
python3 - "$tmp/text.json" "$tmp/jats.json" <<'PY'
import json, sys
def clusters(path):
    kb = json.load(open(path, encoding='utf-8'))
    return {r['canonical'] for r in kb['formulas'] if r.get('kind') == 'cluster'}
t, j = clusters(sys.argv[1]), clusters(sys.argv[2])
only_t, only_j = sorted(t - j), sorted(j - t)
print('cluster canonicals: text %d, jats %d, shared %d' % (len(t), len(j), len(t & j)))
for c in only_t: print('  only in text:', c)
for c in only_j: print('  only in jats:', c)
sys.exit(0 if not only_t and not only_j else 1)
PY
