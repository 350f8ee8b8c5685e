#!/bin/sh
# twin.sh - one article, two formats, one model: the seed article as text converted
# from PDF and its JATS rendering must give the same section numbers, the same
# Table 1 (73 rows x 7 columns, cell by cell), the same 265 reference labels and
# the same paragraphs once white space, dashes and the spaces around
# sub/superscripts are normalized. Prints the first differences.
: "${LITX_BIN:?LITX_BIN not set}"
: "${LITX_SRCDIR:?LITX_SRCDIR not set}"
command -v python3 >/dev/null 2>&1 || { echo "twin: python3 missing"; exit 77; }

txt="$LITX_SRCDIR/corpus/seed/000_a1e4a42852dd861f.txt"
xml="$LITX_SRCDIR/corpus/twin/d5sc01108f-twin.xml"
[ -f "$txt" ] && [ -f "$xml" ] || { echo "twin: corpus files missing"; exit 77; }

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
"$LITX_BIN" dump "$txt" >"$tmp/txt.json" 2>"$tmp/txt.err" ||
	{ echo "twin: litx dump failed on the text seed: $(head -c 300 "$tmp/txt.err")"; exit 1; }
"$LITX_BIN" dump "$xml" >"$tmp/xml.json" 2>"$tmp/xml.err" ||
	{ echo "twin: litx dump failed on the JATS twin: $(head -c 300 "$tmp/xml.err")"; exit 1; }

exec python3 - "$tmp/txt.json" "$tmp/xml.json" <<'EOF'
import difflib, json, re, sys

txt, xml = (json.load(open(p)) for p in sys.argv[1:3])
names = {id(txt): "text", id(xml): "jats"}
failures = []

def fail(msg):
    failures.append(msg)
    print("FAIL " + msg)

DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe63\uff0d"), "-")

def norm_plain(s):
    return re.sub(r"\s+", " ", s.translate(DASHES)).strip()

def norm_text(t, spans):
    """Collapse white space, unify dashes and drop the spaces around sub/sup spans."""
    b = t.encode("utf-8")
    edge = set()
    for sp in spans or []:
        if sp["kind"] in ("sub", "sup"):
            i = sp["start"] - 1
            while i >= 0 and b[i:i + 1].isspace():
                edge.add(i)
                i -= 1
            i = sp["end"]
            while i < len(b) and b[i:i + 1].isspace():
                edge.add(i)
                i += 1
    kept = bytes(c for i, c in enumerate(b) if i not in edge)
    return norm_plain(kept.decode("utf-8", "replace"))

# 1. section numbers
def numbers(d):
    return [s["number"] for s in d["sections"] if s["number"]]
if numbers(txt) != numbers(xml):
    fail("section numbers differ: text %s, jats %s" % (numbers(txt), numbers(xml)))
for want in ["1", "2", "3", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "4"]:
    if want not in numbers(xml):
        fail("jats: section %s missing" % want)

# 2. Table 1
def table1(d):
    for t in d["tables"]:
        if (t["label"] or "").startswith("Table 1"):
            return t
    return None
ta, tb = table1(txt), table1(xml)
if not ta or not tb:
    fail("Table 1 missing (text: %s, jats: %s)" % (bool(ta), bool(tb)))
else:
    for name, t in (("text", ta), ("jats", tb)):
        if len(t["rows"]) != 73 or t["columns"] != 7:
            fail("%s: Table 1 is %dx%d, want 73x7" % (name, len(t["rows"]), t["columns"]))
    shown = 0
    for r, (ra, rb) in enumerate(zip(ta["rows"], tb["rows"]), 1):
        for c, (a, b) in enumerate(zip(ra, rb), 1):
            if re.sub(r"\s+", "", norm_plain(a)) != re.sub(r"\s+", "", norm_plain(b)):
                if shown < 5:
                    fail("Table 1 row %d col %d: text %r, jats %r" % (r, c, a, b))
                shown += 1
    if shown > 5:
        fail("Table 1: %d differing cells in all" % shown)
    foot = " ".join(tb["foot"])
    if "dppf" not in foot or "Ligand abbreviations" not in foot:
        fail("jats: the ligand table is not in Table 1's foot")

# 3. reference labels
la = [r["label"] for r in txt["references"]]
lb = [r["label"] for r in xml["references"]]
for name, l in (("text", la), ("jats", lb)):
    if len(l) != 265:
        fail("%s: %d references, want 265" % (name, len(l)))
if la != lb:
    diff = [(i, a, b) for i, (a, b) in enumerate(zip(la, lb)) if a != b][:5]
    fail("reference labels differ: %s" % diff)

# 4. paragraphs: each paragraph of one has an equal paragraph in the other. Two
# differences are not the readers' doing and are normalized away:
#  - the twin was rendered from the text, and its rendering lost some LaTeX and
#    markdown ("^\circ" became "<sup>\</sup>circ", "*CO and *CHxO" an italic "CO
#    and "): '*', '^' and '\' are dropped and a degree sign reads "circ";
#  - it also merged paragraphs the text keeps apart: a run of up to four
#    consecutive paragraphs may equal one paragraph of the other side (such
#    segmentation differences are counted, not failed).
ARTIFACTS = str.maketrans({"*": None, "^": None, "\\": None, "\u00b0": "circ"})

def paras(d):
    out = []
    for p in d["paragraphs"]:
        t = norm_text(p["text"], p.get("spans"))
        if p["kind"] == "caption" and p.get("label") and t.startswith(norm_plain(p["label"])):
            t = t[len(norm_plain(p["label"])):].strip()
        t = norm_plain(t.translate(ARTIFACTS))
        if t:
            out.append((p["kind"], p.get("line"), t))
    return out

def key(t):
    """Paragraphs are compared without white space: a run joined from several
    paragraphs has a space at each join where one paragraph has none (after a
    superscript callout)."""
    return re.sub(r"\s+", "", t)

def runs(ps, k=4):
    """Every paragraph and every concatenation of up to k consecutive ones
    (captions left out of the sequence: a figure may sit between two halves of a
    paragraph split at a page break)."""
    body = [t for kind, _, t in ps if kind != "caption"]
    out = set(key(t) for _, _, t in ps)
    for i in range(len(body)):
        for j in range(i + 1, min(len(body), i + k) + 1):
            out.add("".join(key(t) for t in body[i:j]))
    return out

# Text the twin does not carry at all (it was rendered without them).
KNOWN_MISSING = {
    "jats": ["We acknowledge the financial support"],  # no <ack> in the twin
}

pa, pb = paras(txt), paras(xml)
resegmented = 0
for (name, mine), (oname, other) in (
        (("text", pa), ("jats", pb)), (("jats", pb), ("text", pa))):
    single = set(key(t) for _, _, t in other)
    joined = runs(other)
    matched = [key(t) in single or any(t.startswith(m) for m in KNOWN_MISSING.get(oname, []))
               for _, _, t in mine]
    seq = [i for i in range(len(mine)) if mine[i][0] != "caption"]
    for a in range(len(seq)):
        if matched[seq[a]]:
            continue
        for b in range(a + 1, min(len(seq), a + 4) + 1):
            if "".join(key(mine[i][2]) for i in seq[a:b]) in joined:
                for i in seq[a:b]:
                    matched[i] = True
                resegmented += 1
                break
    texts = [t for _, _, t in other]
    missing = [mine[i] for i in range(len(mine)) if not matched[i]]
    for k, line, t in missing[:3]:
        close = difflib.get_close_matches(t, texts, n=1, cutoff=0.5)
        msg = "%s %s at line %s has no equal in %s:\n  %s: %s" % (
            name, k, line, oname, name, t[:300])
        if close:
            sm = difflib.SequenceMatcher(None, t, close[0], autojunk=False)
            ops = [op for op in sm.get_opcodes() if op[0] != "equal"][:3]
            msg += "\n  nearest %s: %s\n  first differences: %s" % (
                oname, close[0][:300],
                "; ".join("%r -> %r" % (t[max(0, i1 - 15):i2 + 15], close[0][max(0, j1 - 15):j2 + 15])
                          for _, i1, i2, j1, j2 in ops))
        fail(msg)
    if len(missing) > 3:
        fail("%s: %d paragraphs in all have no equal in %s" % (name, len(missing), oname))
if resegmented:
    print("note: %d paragraph runs are split differently (same text)" % resegmented)

print("twin: %s" % ("ok" if not failures else "%d failures" % len(failures)))
sys.exit(1 if failures else 0)
EOF
