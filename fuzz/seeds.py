#!/usr/bin/env python3
"""seeds.py - make the seed corpus of one fuzz target from the project's own data.

    fuzz/seeds.py TARGET SRCDIR OUTDIR

Seeds are small on purpose (a few KB: libFuzzer mutates small inputs thousands of
times faster than whole articles), so they are cut from the corpus at run time and
never committed:
  text      - windows of the seed article (corpus/seed) starting at paragraph,
              heading, table and reference-list boundaries; tests/data text files
  jats      - small well-formed articles cut from corpus/twin and corpus/real: the
              prolog, <front>, a few consecutive <p> (or a <table-wrap>) and a few <ref>
  zip       - archives made here: stored and deflated entries, directories, hidden
              and refused names, a nested .zip, an empty archive, a comment
  formula   - the inputs of tests/data/formula/*.tsv and formula-shaped words of the
              seed article
  quantity  - sentences of the seed article that hold a number
  refparse  - reference entries of the seed article and of the anystyle set, each
              after one span-count byte (0: no spans)
  pipeline  - text and JATS seeds together
Only the standard library is used."""
import io
import os
import re
import sys
import zipfile

MAX_SEED = 8192


def read(path):
    with open(path, "rb") as f:
        return f.read()


def write_all(outdir, prefix, items):
    n = 0
    seen = set()
    for data in items:
        if not data or data in seen:
            continue
        seen.add(data)
        with open(os.path.join(outdir, "%s-%04d" % (prefix, n)), "wb") as f:
            f.write(data)
        n += 1
    return n


def corpus_files(srcdir, exts):
    out = []
    for sub in ("corpus", os.path.join("tests", "data")):
        for root, _dirs, files in os.walk(os.path.join(srcdir, sub)):
            for name in sorted(files):
                if name.endswith(exts):
                    out.append(os.path.join(root, name))
    return sorted(out)


def text_seeds(srcdir):
    seeds = []
    for path in corpus_files(srcdir, (".txt", ".md")):
        data = read(path)
        if len(data) <= MAX_SEED:
            seeds.append(data)
            continue
        lines = data.split(b"\n")
        starts = [0]
        for i, line in enumerate(lines):
            s = line.strip()
            if (s.startswith(b"#") or s.lower().startswith(b"table") or b"\t" in line
                    or s.lower() in (b"references", b"notes and references")
                    or (not s and i + 1 < len(lines) and lines[i + 1].strip())):
                starts.append(i + 1 if not s else i)
        # every boundary is a candidate; keep a spread of them
        step = max(1, len(starts) // 120)
        for st in starts[::step]:
            window = b"\n".join(lines[st:st + 400])[:MAX_SEED]
            cut = window.rfind(b"\n")
            seeds.append(window[:cut + 1] if cut > 0 else window)
    return seeds


JATS_P = re.compile(rb"<p\b[^>]*>.*?</p>", re.S)
JATS_TW = re.compile(rb"<table-wrap\b.*?</table-wrap>", re.S)
JATS_REF = re.compile(rb"<ref\b[^-][^>]*>.*?</ref>|<ref>.*?</ref>", re.S)


def well_formed(data):
    import xml.parsers.expat
    p = xml.parsers.expat.ParserCreate()
    p.UseForeignDTD(False)
    try:
        p.Parse(data, True)
        return True
    except xml.parsers.expat.ExpatError:
        return False


def jats_seeds(srcdir):
    seeds = []
    for path in corpus_files(srcdir, (".xml", ".nxml")):
        data = read(path)
        root = re.search(rb"<article\b[^>]*>", data)
        if not root:
            if len(data) <= MAX_SEED:
                seeds.append(data)
            continue
        prolog = data[:root.start()]
        front = re.search(rb"<front>.*?</front>", data, re.S)
        front = front.group(0) if front and len(front.group(0)) < 4096 else b""
        paras = [m.group(0) for m in JATS_P.finditer(data)]
        tables = [m.group(0) for m in JATS_TW.finditer(data) if len(m.group(0)) < 6000]
        refs = [m.group(0) for m in JATS_REF.finditer(data)]
        pieces = []
        for k in range(0, len(paras), max(1, len(paras) // 6)):
            pieces.append(b"<sec><title>1. Results</title>" + b"".join(paras[k:k + 3]) + b"</sec>")
        for t in tables[:3]:
            pieces.append(b"<sec>" + t + b"</sec>")
        for i, body in enumerate(pieces):
            rl = b"".join(refs[(i * 3) % max(1, len(refs)):(i * 3) % max(1, len(refs)) + 4])
            doc = (prolog + root.group(0) + front + b"<body>" + body + b"</body><back><ref-list>"
                   + rl + b"</ref-list></back></article>\n")
            if len(doc) <= 2 * MAX_SEED and well_formed(doc):
                seeds.append(doc)
    return seeds


def zip_bytes(entries, method=zipfile.ZIP_DEFLATED, comment=b""):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in entries:
            z.writestr(name, data)
        z.comment = comment
    return buf.getvalue()


def zip_seeds(srcdir):
    small_text = b"# A title\n\nAu25(SR)18 reduces CO2 with 95% FE at -0.6 V.\n"
    small_xml = (b'<?xml version="1.0"?>\n<article><front><article-meta><title-group>'
                 b'<article-title>T</article-title></title-group></article-meta></front>'
                 b'<body><p>Au<sub>25</sub></p></body></article>\n')
    seeds = [
        zip_bytes([("a.txt", small_text)]),
        zip_bytes([("a.txt", small_text)], zipfile.ZIP_STORED),
        zip_bytes([("dir/", b""), ("dir/a.xml", small_xml), ("dir/b.txt", small_text)]),
        zip_bytes([("../x", small_text), ("/abs", small_text), ("ok.txt", small_text)]),
        zip_bytes([(".hidden/a.txt", small_text), ("__MACOSX/._a.txt", b"x"), ("a.txt", small_text)]),
        zip_bytes([("inner.zip", zip_bytes([("a.txt", small_text)]))], zipfile.ZIP_STORED),
        zip_bytes([]),
        zip_bytes([("a.txt", small_text)], comment=b"a comment"),
        zip_bytes([("zeros.txt", b"\0" * 4000)]),
    ]
    try:
        seeds.append(zip_bytes([("a.txt", small_text * 20)], zipfile.ZIP_BZIP2))
    except (RuntimeError, ImportError):
        pass
    texts = text_seeds(srcdir)[:4]
    seeds.append(zip_bytes([("t%d.txt" % i, t[:2000]) for i, t in enumerate(texts)]))
    return seeds


FORMULA_WORD = re.compile(rb"[\[(]?[A-Z][A-Za-z0-9()\[\]+\-.]*\d[A-Za-z0-9()\[\]+\-.]*")


def formula_seeds(srcdir):
    seeds = []
    for path in sorted(corpus_files(srcdir, (".tsv",))):
        if "formula" not in path:
            continue
        for line in read(path).split(b"\n")[1:]:
            cols = line.split(b"\t")
            for c in cols[:2]:
                if c and not c.startswith(b"{") and not c.startswith(b"#") and len(c) < 200:
                    seeds.append(c)
    for path in corpus_files(srcdir, (".txt",)):
        if "seed" in path:
            for m in FORMULA_WORD.finditer(read(path)):
                seeds.append(m.group(0))
    return seeds[:3000]


def sentences(srcdir):
    out = []
    for path in corpus_files(srcdir, (".txt",)):
        if "seed" not in path:
            continue
        for para in read(path).split(b"\n"):
            for s in re.split(rb"(?<=[.;])\s+(?=[A-Z])", para):
                if re.search(rb"\d", s) and 10 < len(s) < 600:
                    out.append(s.strip())
    return out


def refparse_seeds(srcdir):
    seeds = []
    for path in corpus_files(srcdir, (".txt",)):
        if "seed" not in path:
            continue
        data = read(path)
        at = max(data.rfind(b"\nReferences"), data.rfind(b"Notes and references"))
        if at > 0:
            for line in data[at:].split(b"\n"):
                if len(line.strip()) > 20:
                    seeds.append(b"\0" + line.strip())
                    seeds.append(b"\x01\x03\x10\x20" + line.strip())  # one italic span
    gold = os.path.join(srcdir, "tests", "data", "citations", "anystyle-gold.xml")
    if os.path.exists(gold):
        for seq in re.findall(rb"<sequence>(.*?)</sequence>", read(gold), re.S)[:400]:
            txt = re.sub(rb"<[^>]+>", b" ", seq)
            txt = re.sub(rb"\s+", b" ", txt).replace(b"&amp;", b"&").strip()
            seeds.append(b"\0" + txt)
    return seeds


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    target, srcdir, outdir = sys.argv[1:]
    os.makedirs(outdir, exist_ok=True)
    kind = target[5:] if target.startswith("fuzz_") else target
    make = {
        "text": text_seeds,
        "jats": jats_seeds,
        "zip": zip_seeds,
        "formula": formula_seeds,
        "quantity": sentences,
        "refparse": refparse_seeds,
        "pipeline": lambda s: text_seeds(s)[::2] + jats_seeds(s)[::2],
    }.get(kind)
    if not make:
        sys.exit("seeds.py: unknown target %s" % target)
    n = write_all(outdir, kind, make(srcdir))
    print("%s: %d seeds in %s" % (target, n, outdir))


if __name__ == "__main__":
    main()
