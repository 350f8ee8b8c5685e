#!/bin/sh
# citations_real.sh - every JATS file of corpus/real (and ../shared/corpus/real when
# present) through litx: as many references as <ref> elements, and for each
# reference as many callouts as cite it in the XML. The expected counts come from
# the XML itself (python3 xml.etree): every <xref ref-type="bibr"> cites the
# references its rid names, an xref whose text is a list or range of labels
# ("1–4", "6,7") cites each of them, and two xrefs joined by a dash cite every
# reference from the first to the last. The records come from `litx extract` when
# it exists, else from tests/citations_kb (the same plugins through the host).
# Lists every file that fails; skips (77) without python3 or files.
set -u
: "${LITX_SRCDIR:?}" "${LITX_BIN:=./litx}" "${LITX_SHARED:=}"
command -v python3 >/dev/null || { echo "no python3: skip"; exit 77; }
tmp=${TMPDIR:-/tmp}/litx-cite-real.$$
mkdir -p "$tmp" && trap 'rm -rf "$tmp"' EXIT INT TERM

find "$LITX_SRCDIR/corpus/real" -name '*.xml' -o -name '*.nxml' 2>/dev/null | sort > "$tmp/files"
if [ -n "$LITX_SHARED" ] && [ -d "$LITX_SHARED/corpus/real" ]; then
	find "$LITX_SHARED/corpus/real" -name '*.xml' -o -name '*.nxml' | sort >> "$tmp/files"
fi
[ -s "$tmp/files" ] || { echo "no JATS files: skip"; exit 77; }

# which tool gives the records
mode=extract
first=$(head -n 1 "$tmp/files")
if ! "$LITX_BIN" extract "$first" > "$tmp/probe.jsonl" 2>/dev/null || [ ! -s "$tmp/probe.jsonl" ]; then
	mode=kb
	[ -x ./tests/citations_kb ] || { echo "neither litx extract nor tests/citations_kb"; exit 1; }
fi
echo "records from: $mode"

fails=0 total=0
while IFS= read -r f; do
	total=$((total + 1))
	if [ "$mode" = extract ]; then
		"$LITX_BIN" extract "$f" > "$tmp/out.jsonl" 2> "$tmp/err" || true
	else
		./tests/citations_kb "$tmp/out.json" "$f" 2> "$tmp/err" || true
		python3 - "$tmp/out.json" > "$tmp/out.jsonl" <<'PY'
import json, sys
kb = json.load(open(sys.argv[1], encoding='utf-8'))
for table in ('citations', 'references'):
    for r in kb.get(table, []):
        r = dict(r); r['table'] = table
        print(json.dumps(r))
PY
	fi
	if ! python3 - "$f" "$tmp/out.jsonl" <<'PY'
import json, re, sys, xml.etree.ElementTree as ET

path, out = sys.argv[1], sys.argv[2]
DASH = '-\u2010\u2011\u2012\u2013\u2014\u2212'

def numbers(text):
    """'1–4' -> [1,2,3,4], '6,7' -> [6,7]; None when not a list of numbers."""
    t = text.strip()
    if not re.fullmatch(r'\d+(\s*[,;%s]\s*\d+)*' % DASH, t):
        return None
    res, parts = [], re.split(r'\s*[,;]\s*', t)
    for p in parts:
        m = re.fullmatch(r'(\d+)\s*[%s]\s*(\d+)' % DASH, p)
        if m:
            a, b = int(m.group(1)), int(m.group(2))
            if b < a or b - a > 500:
                return None
            res.extend(range(a, b + 1))
        else:
            res.append(int(p))
    return res

root = ET.parse(path).getroot()
strip = lambda tag: tag.rsplit('}', 1)[-1] if isinstance(tag, str) else ''
refs, in_list = [], set()
for rl in root.iter():
    if strip(rl.tag) != 'ref-list':
        continue
    for r in rl.iter():
        in_list.add(id(r))
        if strip(r.tag) == 'ref':
            refs.append(r)
index = {r.get('id'): i for i, r in enumerate(refs) if r.get('id')}
def label_of(r, i):
    for c in r:
        if strip(c.tag) == 'label':
            return ''.join(c.itertext()).strip()
    return str(i + 1)
by_label = {}
for i, r in enumerate(refs):
    v = re.sub(r'^[\[(]|[.\])]$', '', label_of(r, i))
    by_label.setdefault(v, i)

expected = [0] * len(refs)
# the callouts in document order with the text between them, wrappers such as
# <bold> or <sup> ignored, so "<b><xref>7</xref></b>-<b><xref>9</xref></b>" is a range
events = []
def walk(e):
    if e.text:
        events.append(('t', e.text))
    for c in e:
        if id(c) in in_list:
            pass
        elif strip(c.tag) == 'xref' and c.get('ref-type') == 'bibr':
            events.append(('x', c))
        else:
            walk(c)
        if c.tail:
            events.append(('t', c.tail))
walk(root)
def cited(x):
    ids = [index[i] for i in (x.get('rid') or '').split() if i in index]
    nums = numbers(''.join(x.itertext()))
    if nums and len(nums) > 1 and all(str(n) in by_label for n in nums):
        ids = [by_label[str(n)] for n in nums]
    return ids
xs = [k for k, ev in enumerate(events) if ev[0] == 'x']
for n, k in enumerate(xs):
    ids = cited(events[k][1])
    if n + 1 < len(xs):
        gap = ''.join(ev[1] for ev in events[k + 1:xs[n + 1]]).strip()
        nxt = cited(events[xs[n + 1]][1])
        if len(gap) == 1 and gap in DASH and ids and nxt and nxt[0] > ids[-1]:
            ids = ids + list(range(ids[-1] + 1, nxt[0]))
    for i in ids:
        expected[i] += 1

got_refs, cites = [], []
for line in open(out, encoding='utf-8'):
    line = line.strip()
    if not line:
        continue
    r = json.loads(line)
    table = r.get('table') or r.get('_table')
    if isinstance(r.get('record'), dict):      # litx extract: {"table": T, "record": {...}}
        r = r['record']
    if table == 'references' or (table is None and 'raw' in r and 'label' in r):
        got_refs.append(r)
    elif table == 'citations' or (table is None and 'labels' in r):
        if not r.get('dangling'):
            cites.append(r)
problems = []
if len(got_refs) != len(refs):
    problems.append('%d references, the XML has %d <ref>' % (len(got_refs), len(refs)))
else:
    pos = {}
    for i, r in enumerate(got_refs):
        pos.setdefault(str(r.get('label')), i)
    got = [0] * len(refs)
    for c in cites:
        labels = c.get('labels') or []
        if isinstance(labels, str):
            labels = [l for l in labels.split(';') if l]
        for l in labels:
            if str(l) in pos:
                got[pos[str(l)]] += 1
    bad = [(label_of(refs[i], i), expected[i], got[i]) for i in range(len(refs)) if expected[i] != got[i]]
    if bad:
        problems.append('%d references cited a different number of times (label want got): %s'
                        % (len(bad), ' '.join('%s:%d/%d' % b for b in bad[:12])))
if problems:
    print('FAIL %s: %s' % (path, '; '.join(problems)))
    sys.exit(1)
print('ok   %s: %d references, %d callout labels' % (path, len(refs), sum(expected)))
PY
	then
		fails=$((fails + 1))
		sed 's/^/     /' "$tmp/err" | head -n 3
	fi
done < "$tmp/files"
echo "citations_real: $((total - fails)) of $total files right"
[ "$fails" -eq 0 ]
