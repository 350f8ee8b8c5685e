#!/usr/bin/env python3
"""bench/instructions.py - instructions per document, counted by callgrind.

    python3 bench/instructions.py BUILD_DIR [BUILD_DIR...]

Wall and CPU seconds on a shared machine move by a third between runs (docs/bench.md),
which hides a change of a few percent. Instruction counts do not move: this runs
`litx run -j1` under `valgrind --tool=callgrind` on small replicated corpora (the
replicas of bench.py: 10 text, 28 JATS documents, one of each JATS seed) and prints
the instructions per document of each build, and of `xmllint --noout` on the same
JATS files. Several builds are measured on the same files, so they compare directly.
Instructions are not time (cache misses are not counted; nettle's sha256 runs without
the SHA instructions under valgrind), so the bench stays the judge of the targets.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (replication of corpus/, the same as the benchmark's)

N_TEXT = 10


def callgrind_ir(cmd, env, cwd):
    """Total Ir of cmd (and its children), or None when valgrind failed."""
    out = os.path.join(cwd, "callgrind.%p.out")
    p = subprocess.run(["valgrind", "--tool=callgrind", "--trace-children=yes",
                        "--callgrind-out-file=" + out] + cmd,
                       cwd=cwd, env=env, capture_output=True, text=True)
    total = 0
    for m in re.finditer(r"refs:\s+([\d,]+)", p.stderr):
        total += int(m.group(1).replace(",", ""))
    return total if total else None


def litx_ir(builddir, corpus, work):
    env = dict(os.environ)
    litx = bench.real_binary(builddir, os.path.join(builddir, "litx"), env)
    env["LITX_PLUGIN_PATH"] = os.path.join(builddir, "plugins", ".libs")
    out = tempfile.mkdtemp(dir=work)
    ir = callgrind_ir([litx, "run", "-q", "-j1", corpus, "-o", os.path.join(out, "kb")], env, out)
    shutil.rmtree(out, ignore_errors=True)
    return ir


def main():
    if len(sys.argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    if not shutil.which("valgrind"):
        print("instructions: valgrind is needed", file=sys.stderr)
        return 2
    srcdir = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    work = tempfile.mkdtemp(prefix="litx-ir.", dir=os.environ.get("TMPDIR") or "/tmp")
    try:
        jseeds = bench.seeds(srcdir, (".xml", ".nxml"))
        tseeds = bench.seeds(srcdir, (".txt",))
        jats = bench.replicate(jseeds, bench.jats_tail, os.path.join(work, "jats"), len(jseeds), 0)
        text = bench.replicate(tseeds, bench.text_tail, os.path.join(work, "text"), N_TEXT, 0)
        print("| build | text: instructions per document (%d) | JATS: per document (%d) |"
              % (len(text), len(jats)))
        print("|---|---:|---:|")
        for b in sys.argv[1:]:
            b = os.path.abspath(b)
            t = litx_ir(b, os.path.join(work, "text"), work)
            j = litx_ir(b, os.path.join(work, "jats"), work)
            rev = bench.source_revision(b) or b
            print("| `litx run -j1` (%s) | %s | %s |" % (
                rev, "%.1f M" % (t / len(text) / 1e6) if t else "failed",
                "%.1f M" % (j / len(jats) / 1e6) if j else "failed"))
        x = callgrind_ir(["xmllint", "--noout"] + [p for p, _ in jats], dict(os.environ), work) \
            if shutil.which("xmllint") else None
        print("| `xmllint --noout` | - | %s |" % ("%.1f M" % (x / len(jats) / 1e6) if x else "-"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
