#!/bin/sh
# anystyle.sh - the reference-entry parser against AnyStyle's hand-labelled check set
# (tests/data/citations/anystyle-gold.xml, BSD-2-Clause, see LICENSE-anystyle.txt).
#
# Every <sequence> is joined back into the string it was cut from, parsed by
# tests/refparse_bench, and the fields are compared with the labels after
# normalisation (lowercase letters and digits only; first page only; the year's
# four digits; the first author's surname). Prints one accuracy per field over the
# entries that carry the field, and how often a field is given where the label has
# none. A benchmark: it prints numbers, it does not pass or fail.
#
# usage: bench/anystyle.sh [BUILD_DIR] [GOLD_XML]
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-${LITX_BUILD:-.}}
gold=${2:-$here/tests/data/citations/anystyle-gold.xml}
bin=$build/tests/refparse_bench
if [ ! -x "$bin" ]; then
	echo "anystyle.sh: $bin not built (run: make -C $build tests/refparse_bench)" >&2
	exit 2
fi
command -v python3 >/dev/null || { echo "anystyle.sh: python3 needed" >&2; exit 2; }
tmp=${TMPDIR:-/tmp}/litx-anystyle.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT INT TERM

python3 - "$gold" "$tmp/in.txt" "$tmp/gold.json" <<'EOF'
import json, sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
lines, gold = [], []
for seq in root.iter('sequence'):
    parts = [(' '.join((c.text or '').split()), c.tag) for c in seq]
    lines.append(' '.join(p for p, _ in parts if p))
    g = {}
    for text, tag in parts:
        g.setdefault(tag, text)
    gold.append(g)
open(sys.argv[2], 'w', encoding='utf-8').write('\n'.join(lines) + '\n')
json.dump(gold, open(sys.argv[3], 'w', encoding='utf-8'))
EOF

"$bin" < "$tmp/in.txt" > "$tmp/out.jsonl" 2> "$tmp/time.txt"

python3 - "$tmp/gold.json" "$tmp/out.jsonl" "$tmp/in.txt" "${ANYSTYLE_SHOW:-0}" <<'EOF'
import json, re, sys, unicodedata
gold = json.load(open(sys.argv[1], encoding='utf-8'))
pred = [json.loads(l) for l in open(sys.argv[2], encoding='utf-8')]
lines = open(sys.argv[3], encoding='utf-8').read().split('\n')
show = int(sys.argv[4])

def norm(s):
    s = unicodedata.normalize('NFKD', str(s or ''))
    return re.sub(r'[^a-z0-9]', '', s.lower())

def year(s):
    m = re.search(r'(1[5-9]\d\d|20\d\d)', s or '')
    return m.group(1) if m else ''

def volume(s):
    s = re.sub(r'^\s*(19|20)\d\d\s*;\s*', '', s or '')   # "2009;5:" labels the year with it
    m = re.search(r'\d+', s)
    return m.group(0) if m else norm(s)

def first_page(s):
    s = re.sub(r'^\s*(pages?|pp?\.?)\s*', '', s or '', flags=re.I)
    return norm(re.split(r'\s*[-–—−]\s*', s)[0])

def first_author(a):
    """The first author's surname from the label text, whatever the style."""
    a = re.sub(r'\bet al\.?', '', (a or '')).strip()
    if not a:
        return ''
    if re.match(r'^(?:[A-Z]\.\s*|[A-Z]\.-[A-Z]\.\s*)+\S', a):   # "O. Ambacher, B. Foutz"
        chunk = re.split(r',|\band\b|&', a)[0].strip()
        return norm(chunk.split()[-1])
    m = re.match(r'^([^,;&]+?)\s*(,|;|\band\b|&|$)', a)
    chunk, sep = m.group(1).strip(), m.group(2)
    rest = a[m.end():].strip()
    words = chunk.split()
    ini = lambda w: re.match(r'^(?:[A-Z]{1,3}|(?:[A-Z]\.-?)+):?$', w)
    k = len(words)
    while k > 1 and ini(words[k - 1]):
        k -= 1
    if k < len(words):
        return norm(' '.join(words[:k]))                         # "Smith JA", "Harrison R.M."
    if len(words) == 1 or words[0][0].islower():
        return norm(chunk)                                       # "Bergk, V.", "van Dijk"
    if sep == ',' and re.match(r'^[A-Z]\.', rest) and not any(re.match(r'^[A-Z]\.$', w) for w in words):
        return norm(chunk)                                       # "Asre Hazer, M. S."
    return norm(words[-1])                                       # "Robert C. Allen"

fields = {
    'journal': (lambda g: norm(g.get('journal')), lambda p: norm(p.get('journal'))),
    'year': (lambda g: year(g.get('date')), lambda p: year(p.get('year'))),
    'volume': (lambda g: volume(g.get('volume')) if g.get('volume') else '', lambda p: volume(p.get('volume')) if p.get('volume') else ''),
    'pages': (lambda g: first_page(g.get('pages')), lambda p: first_page(p.get('pages'))),
    'first_author': (lambda g: first_author(g.get('author')), lambda p: norm((p.get('first_author') or '').split(',')[0])),
}
print('anystyle gold: %d entries' % len(gold))
for f, (gg, pg) in fields.items():
    have = right = extra = none_right = 0
    bad = []
    for i, (g, p) in enumerate(zip(gold, pred)):
        gv, pv = gg(g), pg(p)
        if gv:
            have += 1
            if gv == pv:
                right += 1
            else:
                bad.append((lines[i], gv, pv))
        else:
            if pv:
                extra += 1
            else:
                none_right += 1
    print('%-13s accuracy %.3f (%d of %d labelled); given where unlabelled %d of %d'
          % (f, right / have if have else 0, right, have, extra, extra + none_right))
    for l, gv, pv in bad[:show]:
        print('    want %r got %r: %s' % (gv, pv, l[:160]))
EOF
cat "$tmp/time.txt"
