#!/bin/sh
# check_seed.sh - the checker on the seed article: findings precision and recall
# against the hand-checked development findings (score.py), the same table
# findings from the text and from its JATS rendering, and the ratio check: the
# seed's '9.7 and 3.4 times' agree with the values they compare, and a copy with
# one value changed is flagged. Skips (77) without ../shared, python3, or a
# working `litx run`.
set -u
: "${LITX_BIN:?}" "${LITX_SRCDIR:?}"
shared=${LITX_SHARED:-}
seed="$LITX_SRCDIR/corpus/seed/000_a1e4a42852dd861f.txt"
twin="$LITX_SRCDIR/corpus/twin/d5sc01108f-twin.xml"
if [ -z "$shared" ] || [ ! -f "$shared/tools/score.py" ] || [ ! -d "$shared/gold/seed" ]; then
	echo "SKIP: no ../shared gold"; exit 77
fi
command -v python3 >/dev/null 2>&1 || { echo "SKIP: no python3"; exit 77; }
[ -f "$seed" ] && [ -f "$twin" ] || { echo "SKIP: no seed corpus"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/in" "$tmp/twin" "$tmp/changed"
cp "$seed" "$tmp/in/"
cp "$twin" "$tmp/twin/"
if ! "$LITX_BIN" run "$tmp/in" -o "$tmp/out" -q >"$tmp/log" 2>&1; then
	if grep -q "not implemented" "$tmp/log"; then echo "SKIP: litx run not built yet"; exit 77; fi
	echo "FAIL: litx run on the seed"; cat "$tmp/log"; exit 1
fi
fail=0
python3 "$shared/tools/score.py" --kb "$tmp/out/kb.json" --gold "$shared/gold/seed" --json >"$tmp/score" || fail=1
grep '^findings' "$tmp/score"
python3 - "$tmp/score" <<'PY' || fail=1
import json, sys
for line in open(sys.argv[1]):
    if line.startswith('{'):
        p, r, f = json.loads(line)['findings']
        if p < 0.9 or r < 0.9:
            print('FAIL: findings precision %.3f recall %.3f (want >= 0.9 each)' % (p, r)); sys.exit(1)
        sys.exit(0)
print('FAIL: no score'); sys.exit(1)
PY
# the JATS rendering gives the same table findings
"$LITX_BIN" run "$tmp/twin" -o "$tmp/tout" -q >"$tmp/log" 2>&1 || { echo "FAIL: litx run on the twin"; cat "$tmp/log"; fail=1; }
python3 - "$tmp/out/kb.json" "$tmp/tout/kb.json" <<'PY' || fail=1
import json, sys
def keys(path):
    kb = json.load(open(path))
    return sorted((f['kind'], f['row']) for f in kb['findings'] if f.get('table'))
t, j = keys(sys.argv[1]), keys(sys.argv[2])
if t != j:
    print('FAIL: text and JATS table findings differ:\n  only text: %s\n  only jats: %s' %
          (sorted(set(t) - set(j)), sorted(set(j) - set(t))))
    sys.exit(1)
if len(t) < 5:
    print('FAIL: too few table findings: %s' % t); sys.exit(1)
PY
# ratios: consistent as printed, flagged with one value changed
line=$(grep -n '9.7 and 3.4 times' "$seed" | cut -d: -f1)
python3 - "$tmp/out/kb.json" "$line" <<'PY' || fail=1
import json, sys
kb = json.load(open(sys.argv[1]))
bad = [f for f in kb['findings'] if f['kind'] == 'ratio_mismatch' and f.get('line') == int(sys.argv[2])]
if bad:
    print('FAIL: the seed ratios are consistent but were flagged: %s' % bad); sys.exit(1)
PY
sed 's/\$0\.54\\text{ A mg}/$0.64\\text{ A mg}/' "$seed" >"$tmp/changed/seed-changed.txt"
cmp -s "$seed" "$tmp/changed/seed-changed.txt" && { echo "FAIL: could not change the seed value"; fail=1; }
"$LITX_BIN" run "$tmp/changed" -o "$tmp/cout" -q >"$tmp/log" 2>&1 || { echo "FAIL: litx run on the copy"; fail=1; }
python3 - "$tmp/cout/kb.json" "$line" <<'PY' || fail=1
import json, sys
kb = json.load(open(sys.argv[1]))
bad = [f for f in kb['findings'] if f['kind'] == 'ratio_mismatch' and f.get('line') == int(sys.argv[2])]
if len(bad) != 1 or bad[0]['found'] != '9.7':
    print('FAIL: a changed value (0.64 for 0.54) should give one ratio_mismatch for 9.7: %s' % bad); sys.exit(1)
PY
exit $fail
