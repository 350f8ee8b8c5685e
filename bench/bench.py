#!/usr/bin/env python3
"""bench.py - the litx benchmark ("Speed and memory"), driven by bench/run.

Builds a corpus by replicating the articles shipped in corpus/ (JATS and text
kept apart) under a temporary directory, then times on the very same files, in
this one invocation: `litx run -j1`, an unchanged incremental re-run, `litx run
-j2`, and - for JATS - `xmllint --noout` (the bare libxml2 parse, our ceiling).
Every command runs under `/usr/bin/time -v` so wall time, CPU time and peak RSS
come from one place. Two corpus sizes (500 and 2,000 documents) show how memory
grows. The report is Markdown on stdout: machine, numbers, ratios, and every
target with PASS/MISS.

Why it is built this way: each replica is its seed article plus one invisible,
unique tail (an XML comment after the root element for JATS; a line of blanks
and tabs that encodes the replica number for text, which the text reader
drops as white space), so every replica is a distinct, valid document that
yields the seed's records: the bench measures the shipped articles' real
workload, at scale. The small corpus is a hard-linked prefix of the large one,
so both sizes have the same mix of articles. Files are written just before
they are read, so all runs see a warm page cache: the numbers measure CPU work,
not the disk.

Environment: BENCH_SCALE (default 1: the issue's sizes; 0.1 for a quick run),
BENCH_TIMEOUT (seconds per command, default 600), BENCH_REPEAT (runs per
measurement, best wall time kept; default 1), BENCH_MEM_LIMIT_MB (address-space
cap per command, default 4096; 0 = none), BENCH_PROFILE=1 (also profile with
perf and time each plugin alone), BENCH_JSON=FILE (also write the raw numbers
as JSON), BENCH_KEEP=1 (keep the temporary directory), TMPDIR.
Exit status: 0 when every command ran (MISS is a result), 1 when one crashed
or timed out, 2 on a usage error.
"""

import argparse
import hashlib
import json
import math
import os
import platform
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

MB = 1e6  # MB means 10^6 bytes everywhere (throughput and RSS alike)
BASE_DOCS_SMALL = 500
BASE_DOCS_LARGE = 2000
BASE_BYTES_LARGE = 200 * MB
JATS_EXT = (".xml", ".nxml")
TEXT_EXT = (".txt",)
DOC_BEGIN = "<!-- bench:begin -->"
DOC_END = "<!-- bench:end -->"

# Targets of the issue.
T_JATS_VS_XMLLINT = 0.5
T_TEXT_MBPS_PER_CORE = 50.0
T_J2_SPEEDUP = 1.8
T_RSS_MB = 100.0
T_RSS_GROWTH = 1.2
T_INCREMENTAL = 0.05


def log(msg):
    print("bench: " + msg, file=sys.stderr, flush=True)


def env_float(name, default):
    v = os.environ.get(name, "")
    try:
        return float(v) if v else default
    except ValueError:
        sys.exit("bench: %s must be a number, not %r" % (name, v))


# --------------------------------------------------------------------------
# Machine facts
# --------------------------------------------------------------------------

def cpu_model():
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def ncores():
    try:
        out = subprocess.run(["nproc"], capture_output=True, text=True, check=True)
        return int(out.stdout.strip())
    except (OSError, ValueError, subprocess.CalledProcessError):
        return os.cpu_count() or 1


def mem_total_mb():
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) * 1024 / MB
    except (OSError, ValueError, IndexError):
        pass
    return float("nan")


def loadavg():
    try:
        with open("/proc/loadavg", encoding="utf-8") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "?"


def first_line(cmd, env=None, stream="stdout"):
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = (p.stdout if stream == "stdout" else p.stderr) or ""
    return text.strip().splitlines()[0] if text.strip() else None


def source_revision(srcdir):
    if not os.path.exists(os.path.join(srcdir, ".git")):  # a directory, or a file in a worktree
        return None
    rev = first_line(["git", "-C", srcdir, "rev-parse", "--short", "HEAD"])
    if rev is None:
        return None
    # A read-only query: are there local changes on top of that commit?
    dirty = subprocess.run(["git", "-C", srcdir, "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    return rev + ("+local changes" if dirty else "")


def makefile_value(builddir, name):
    try:
        with open(os.path.join(builddir, "Makefile"), encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith(name + " ="):
                    return line.split("=", 1)[1].strip()
    except OSError:
        pass
    return None


def build_cflags(builddir):
    return makefile_value(builddir, "CFLAGS")


def build_allocator(builddir):
    """The malloc the litx program runs with (configure's --with-mimalloc)."""
    libs = makefile_value(builddir, "MIMALLOC_LIBS")
    if libs is None:
        return None
    return "mimalloc" if libs else "glibc malloc"


def machine_facts(srcdir, builddir, litx, env):
    plugins = subprocess.run([litx, "plugins"], capture_output=True, text=True, env=env)
    # "name  version  summary  (path)": name and version are enough here
    plist = [" ".join(l.split()[:2]) for l in plugins.stdout.splitlines() if l.strip()]
    return {
        "cpu": cpu_model(),
        "cores": ncores(),
        "memory_mb": mem_total_mb(),
        "kernel": platform.release(),
        "litx": first_line([litx, "--version"], env) or "?",
        "revision": source_revision(srcdir),
        "cflags": build_cflags(builddir),
        "allocator": build_allocator(builddir),
        "plugins": plist,
        "libxml2": first_line(["xmllint", "--version"], stream="stderr"),
        "python": platform.python_version(),
        "loadavg_start": loadavg(),
    }


# --------------------------------------------------------------------------
# Corpus
# --------------------------------------------------------------------------

def real_binary(builddir, litx, env):
    """./litx in a build tree is libtool's shell wrapper: it costs ~15 ms of
    bash per call and would be what perf profiles. Run the binary it wraps,
    with the same library path the wrapper would set."""
    try:
        with open(litx, "rb") as f:
            head = f.read(4096)
    except OSError:
        return litx
    inner = os.path.join(builddir, ".libs", "litx")
    if not (head.startswith(b"#!") and b"libtool" in head and os.access(inner, os.X_OK)):
        return litx
    libs = os.path.join(builddir, ".libs")
    env["LD_LIBRARY_PATH"] = libs + (":" + env["LD_LIBRARY_PATH"] if env.get("LD_LIBRARY_PATH") else "")
    return inner


def seeds(srcdir, exts):
    root = os.path.join(srcdir, "corpus")
    found = []
    for d, _, files in os.walk(root):
        for name in files:
            if name.lower().endswith(exts):
                found.append(os.path.join(d, name))
    return sorted(found)


def jats_tail(i):
    # A comment after the root element's end tag is valid XML (Misc) and not
    # part of the document.
    return ("\n<!-- litx-bench replica %06d -->\n" % i).encode()


def text_tail(i):
    # One extra trailing line made only of blanks and tabs: 16 bits of i, one
    # character per bit. White space only, so the text reader drops it and the
    # replica yields the seed's records; but the bytes (and sha256) differ.
    width = max(16, i.bit_length())
    bits = "".join("\t" if (i >> b) & 1 else " " for b in range(width - 1, -1, -1))
    return ("\n" + bits + "\n").encode()


def replicate(seed_files, tail, outdir, n_docs, min_bytes):
    """Write replicas of seed_files (round robin) into outdir until both
    n_docs files and min_bytes are reached. Returns the list of (path, size)."""
    os.makedirs(outdir, exist_ok=True)
    contents = []
    for p in seed_files:
        with open(p, "rb") as f:
            data = f.read()
        if not data.endswith(b"\n"):
            data += b"\n"
        contents.append((os.path.splitext(os.path.basename(p))[0],
                         os.path.splitext(p)[1].lower(), data,
                         os.path.basename(os.path.dirname(p))))
    files, total, i = [], 0, 0
    while i < n_docs or total < min_bytes:
        stem, ext, data, parent = contents[i % len(contents)]
        if stem in ("fulltext",):
            stem = parent  # corpus/real/*/PMCxxx/fulltext.xml: name by folder
        name = "r%06d-%s%s" % (i, re.sub(r"[^A-Za-z0-9._-]", "_", stem), ext)
        path = os.path.join(outdir, name)
        body = data + tail(i)
        with open(path, "wb") as f:
            f.write(body)
        files.append((path, len(body)))
        total += len(body)
        i += 1
    return files


def link_prefix(files, outdir, n):
    os.makedirs(outdir, exist_ok=True)
    out = []
    for path, size in files[:n]:
        dst = os.path.join(outdir, os.path.basename(path))
        try:
            os.link(path, dst)
        except OSError:
            shutil.copy2(path, dst)
        out.append((dst, size))
    return out


def check_distinct(files):
    hashes = set()
    for path, _ in files:
        with open(path, "rb") as f:
            hashes.add(hashlib.sha256(f.read()).hexdigest())
    return len(hashes) == len(files)


# --------------------------------------------------------------------------
# Timed commands
# --------------------------------------------------------------------------

TIME_FIELDS = {
    "Elapsed (wall clock) time (h:mm:ss or m:ss)": "wall_clock",
    "User time (seconds)": "user",
    "System time (seconds)": "sys",
    "Maximum resident set size (kbytes)": "maxrss_kb",
    "Exit status": "exit",
}


def parse_time_v(text):
    r = {}
    for line in text.splitlines():
        line = line.strip()
        m = re.match(r"Command terminated by signal (\d+)", line)
        if m:
            r["signal"] = int(m.group(1))
        for key, name in TIME_FIELDS.items():
            if line.startswith(key + ":"):
                r[name] = line[len(key) + 1:].strip()
    return r


MEM_LIMIT_MB = 4096  # address-space cap per command (BENCH_MEM_LIMIT_MB), see limit_memory


def limit_memory():
    # The machine is shared: a command that runs away (the target is 100 MB)
    # fails with "out of memory" at this cap instead of pushing others into OOM.
    if MEM_LIMIT_MB > 0:
        cap = int(MEM_LIMIT_MB * 1024 * 1024)
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def timed(cmd, cwd, env, timeout, log_path, stdout_path=None):
    """Run cmd under /usr/bin/time -v; return a dict with wall (measured here,
    finer than time's), user, sys, rss_mb, status, stderr tail."""
    tfile = log_path + ".time"
    full = ["/usr/bin/time", "-v", "-o", tfile] + cmd
    t0 = time.monotonic()
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    with open(log_path, "wb") as err:
        p = subprocess.Popen(full, cwd=cwd, env=env, stdout=out, stderr=err,
                             start_new_session=True, preexec_fn=limit_memory)
        try:
            p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            return {"ok": False, "why": "timed out after %gs" % timeout, "wall": None}
        except BaseException:
            # interrupted (Ctrl-C, SIGTERM): the command runs in its own session and
            # would not get the terminal's signal, so stop it here
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            raise
        finally:
            if stdout_path:
                out.close()
    wall = time.monotonic() - t0
    try:
        with open(tfile, encoding="utf-8", errors="replace") as f:
            tv = parse_time_v(f.read())
    except OSError:
        tv = {}
    with open(log_path, encoding="utf-8", errors="replace") as f:
        stderr = f.read()
    r = {"ok": True, "wall": wall, "cmd": " ".join(cmd), "stderr_tail": stderr[-2000:]}
    try:
        r["user"] = float(tv.get("user", "nan"))
        r["sys"] = float(tv.get("sys", "nan"))
        r["rss_mb"] = int(tv.get("maxrss_kb", "0")) * 1024 / MB
        r["status"] = 128 + tv["signal"] if "signal" in tv else int(tv.get("exit", "-1"))
    except ValueError:
        r.update(ok=False, why="could not read /usr/bin/time output")
    return r


def best_of(repeat, fn):
    best = None
    for k in range(repeat):
        r = fn(k)
        if not r.get("ok"):
            return r
        if best is None or r["wall"] < best["wall"]:
            best = r
    return best


SUMMARY_RE = re.compile(r"litx: (\d+) documents \((\d+) extracted, (\d+) with errors\)")


def litx_run(litx, env, corpus_dir, out_dir, jobs, cwd, timeout, log_path):
    r = timed([litx, "run", "-j%d" % jobs, corpus_dir, "-o", out_dir], cwd, env, timeout, log_path)
    if not r.get("ok"):
        return r
    if r["status"] not in (0, 1):  # 1: findings at or above --fail-on
        last = r["stderr_tail"].strip().splitlines()[-1:]
        r.update(ok=False, why="litx exited with status %d%s" % (
            r["status"], ": " + last[0][:200] if last else ""))
        return r
    m = SUMMARY_RE.search(r["stderr_tail"])
    if m:
        r["docs_seen"], r["extracted"], r["errors"] = (int(x) for x in m.groups())
    return r


def litx_extract(litx, env, corpus_dir, cwd, timeout, log_path):
    # The map step alone (read, plugins, JSON Lines to /dev/null): the
    # difference to `run -j1` is what merge, check and the KB writes cost.
    r = timed([litx, "extract", "-q", "-j1", corpus_dir], cwd, env, timeout, log_path)
    if r.get("ok") and r["status"] not in (0, 1):
        r.update(ok=False, why="litx extract exited with status %d" % r["status"])
    return r


def xmllint_run(file_list, cwd, timeout, log_path):
    # One process per 1,000 files, so process start-up does not dominate.
    lst = log_path + ".list"
    with open(lst, "wb") as f:
        for p, _ in file_list:
            f.write(p.encode() + b"\0")
    r = timed(["sh", "-c", 'xargs -0 -n 1000 xmllint --noout < "$1"', "sh", lst],
              cwd, None, timeout, log_path)
    if r.get("ok") and r["status"] != 0:
        r.update(ok=False, why="xmllint reported errors: " + r["stderr_tail"][-300:])
    return r


def file_sha256(path):
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return None
    return h.hexdigest()


# --------------------------------------------------------------------------
# One corpus at one size
# --------------------------------------------------------------------------

def measure(kind, files, corpus_dir, work, litx, env, opts):
    n, nbytes = len(files), sum(s for _, s in files)
    tag = "%s-%d" % (kind, n)
    res = {"kind": kind, "docs": n, "bytes": nbytes}
    logs = os.path.join(work, "logs")
    os.makedirs(logs, exist_ok=True)

    def out(name):
        return os.path.join(work, "out", tag, name)

    if kind == "jats" and opts.xmllint:
        log("%s: xmllint --noout" % tag)
        res["xmllint"] = best_of(opts.repeat, lambda k: xmllint_run(
            files, work, opts.timeout, os.path.join(logs, "%s-xmllint-%d" % (tag, k))))

    def full_run(jobs):
        def once(k):
            d = out("j%d" % jobs)
            shutil.rmtree(d, ignore_errors=True)
            return litx_run(litx, env, corpus_dir, d, jobs, work, opts.timeout,
                            os.path.join(logs, "%s-j%d-%d" % (tag, jobs, k)))
        return once

    log("%s: litx run -j1" % tag)
    res["j1"] = best_of(opts.repeat, full_run(1))
    if res["j1"].get("ok"):
        log("%s: litx run -j1, unchanged (incremental)" % tag)
        res["incremental"] = best_of(opts.repeat, lambda k: litx_run(
            litx, env, corpus_dir, out("j1"), 1, work, opts.timeout,
            os.path.join(logs, "%s-inc-%d" % (tag, k))))
    if "timed out" in res["j1"].get("why", ""):
        # -j2 and extract would time out as well: keep the bench's run time bounded
        log("%s: -j1 timed out; -j2 and extract skipped" % tag)
        res["j2"] = res["extract"] = {"ok": False, "why": "skipped: `run -j1` timed out", "skipped": True}
        shutil.rmtree(os.path.join(work, "out", tag), ignore_errors=True)
        return res
    # one KB on disk at a time (a text KB is ~1.9 MB per document): keep j1's hash
    j1_hash = file_sha256(out("j1") + "/kb.json") if res["j1"].get("ok") else None
    shutil.rmtree(out("j1"), ignore_errors=True)
    log("%s: litx run -j2" % tag)
    res["j2"] = best_of(opts.repeat, full_run(2))
    log("%s: litx extract -j1 > /dev/null" % tag)
    res["extract"] = best_of(opts.repeat, lambda k: litx_extract(
        litx, env, corpus_dir, work, opts.timeout, os.path.join(logs, "%s-extract-%d" % (tag, k))))
    if res["j1"].get("ok") and res["j2"].get("ok"):
        j2_hash = file_sha256(out("j2") + "/kb.json")
        res["j1_j2_identical"] = j1_hash is not None and j1_hash == j2_hash
    shutil.rmtree(out("j2"), ignore_errors=True)
    shutil.rmtree(os.path.join(work, "out", tag), ignore_errors=True)
    return res


# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------

def fmt(x, digits=1):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    return "%.*f" % (digits, x)


def rate(r, amount):
    return amount / r["wall"] if r and r.get("ok") and r["wall"] > 0 else None


def row(label, r, res):
    if not r:
        return None
    if not r.get("ok"):
        why = re.sub(r"\s+", " ", r.get("why", "?")).replace("|", "\\|")[:160]
        return "| %s | failed: %s | | | | | | | |" % (label, why)
    cpu = r["user"] + r["sys"]
    errs = r.get("errors")
    return "| %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
        label, fmt(r["wall"], 2), fmt(cpu, 2), fmt(cpu / r["wall"] if r["wall"] else None, 2),
        fmt(rate(r, res["docs"])), fmt(rate(r, res["bytes"] / MB)),
        fmt(res["bytes"] / MB / cpu if cpu > 0 else None),
        fmt(r["rss_mb"]) + (" (cap)" if at_cap(r) else ""),
        "-" if errs is None else "%d / %d" % (r.get("extracted", 0), errs))


def table(res):
    lines = ["| command | wall s | CPU s | CPU/wall | docs/s | MB/s | MB/CPU-s | peak RSS MB "
             "| extracted / errors |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for label, key in (("`xmllint --noout`", "xmllint"), ("`litx run -j1`", "j1"),
                       ("`litx run -j1`, unchanged re-run", "incremental"),
                       ("`litx run -j2`", "j2"),
                       ("`litx extract -j1` (map step only)", "extract")):
        line = row(label, res.get(key), res)
        if line:
            lines.append(line)
    return lines


def cpu_s(r):
    return r["user"] + r["sys"] if r and r.get("ok") else None


def at_cap(r):
    return MEM_LIMIT_MB > 0 and r.get("rss_mb", 0) * MB >= 0.8 * MEM_LIMIT_MB * 1024 * 1024


def ratio(a, b):
    return a / b if a is not None and b else None


def peak_rss(res):
    vals = [res[k]["rss_mb"] for k in ("j1", "j2", "incremental")
            if res.get(k) and res[k].get("ok")]
    return max(vals) if vals else None


def verdict(value, ok):
    if value is None:
        return "MISS (not measured)"
    return "PASS" if ok else "MISS"


def targets(results, cores):
    """Return (lines, n_pass, n_miss). results: {kind: {"small": res, "large": res}}."""
    out = []

    def add(name, value, shown, ok):
        v = verdict(value, ok)
        out.append("- %s: %s -> **%s**" % (name, shown, v))
        return v == "PASS"

    passes = []
    j = results.get("jats")
    if j:
        L = j["large"]
        r = ratio(rate(L.get("j1"), L["docs"]), rate(L.get("xmllint"), L["docs"]))
        rc = ratio(cpu_s(L.get("xmllint")), cpu_s(L.get("j1")))
        passes.append(add("JATS, one thread, docs/s vs `xmllint --noout` (>= %.1fx)" % T_JATS_VS_XMLLINT,
                          r, "%sx (by CPU time: %sx)" % (fmt(r, 2), fmt(rc, 2)),
                          r is not None and r >= T_JATS_VS_XMLLINT))
    t = results.get("text")
    if t:
        L = t["large"]
        v = rate(L.get("j1"), L["bytes"] / MB)
        vc = ratio(L["bytes"] / MB, cpu_s(L.get("j1")))
        passes.append(add("Text, MB/s per core (>= %g; `-j1` uses one core)" % T_TEXT_MBPS_PER_CORE,
                          v, "%s MB/s (per CPU-second: %s)" % (fmt(v), fmt(vc)),
                          v is not None and v >= T_TEXT_MBPS_PER_CORE))
    for kind in ("jats", "text"):
        if kind not in results:
            continue
        L = results[kind]["large"]
        r = ratio(rate(L.get("j2"), L["docs"]), rate(L.get("j1"), L["docs"]))
        note = "" if cores >= 2 else " (only %d core: cannot pass)" % cores
        passes.append(add("%s, `-j2` vs `-j1` (>= %.1fx)%s" % (kind.upper() if kind == "jats" else "Text",
                                                              T_J2_SPEEDUP, note),
                          r, "%sx" % fmt(r, 2), r is not None and r >= T_J2_SPEEDUP))
    for kind in ("jats", "text"):
        if kind not in results:
            continue
        S, L = results[kind]["small"], results[kind]["large"]
        name = "JATS" if kind == "jats" else "Text"
        rl, rs = peak_rss(L), peak_rss(S)
        passes.append(add("%s, peak RSS at %d docs (<= %g MB)" % (name, L["docs"], T_RSS_MB),
                          rl, "%s MB" % fmt(rl), rl is not None and rl <= T_RSS_MB))
        g = ratio(rl, rs)
        passes.append(add("%s, peak RSS at %d docs vs %d docs (<= %.1fx)" % (
            name, L["docs"], S["docs"], T_RSS_GROWTH), g, "%s / %s MB = %sx" % (
            fmt(rl), fmt(rs), fmt(g, 2)), g is not None and g <= T_RSS_GROWTH))
    for kind in ("jats", "text"):
        if kind not in results:
            continue
        L = results[kind]["large"]
        name = "JATS" if kind == "jats" else "Text"
        inc, full = L.get("incremental"), L.get("j1")
        r = ratio(inc["wall"] if inc and inc.get("ok") else None,
                  full["wall"] if full and full.get("ok") else None)
        passes.append(add("%s, unchanged re-run vs full run (<= %d %%)" % (name, T_INCREMENTAL * 100),
                          r, "%s %%" % fmt(r * 100 if r is not None else None), r is not None and r <= T_INCREMENTAL))
    return out, sum(passes), len(passes) - sum(passes)


def report(facts, results, opts, started, elapsed):
    L = []
    L.append("### Machine")
    L.append("")
    L.append("- CPU: %s, %d cores (`nproc`), %s MB RAM, Linux %s" % (
        facts["cpu"], facts["cores"], fmt(facts["memory_mb"], 0), facts["kernel"]))
    L.append("- %s (`%s`)%s, CFLAGS `%s`, %s; %s" % (
        facts["litx"], facts["binary"], " (source %s)" % facts["revision"] if facts["revision"] else "",
        facts["cflags"] or "?", facts.get("allocator") or "allocator unknown",
        facts["libxml2"] or "xmllint not found"))
    L.append("- plugins: %s" % (", ".join(facts["plugins"]) if facts["plugins"] else "none found"))
    L.append("- run %s, BENCH_SCALE=%g, BENCH_REPEAT=%d, took %.0f s; load average %s at the "
             "start, %s at the end; MB = 10^6 bytes; warm page cache" % (
                 started, opts.scale, opts.repeat, elapsed, facts["loadavg_start"], loadavg()))
    warn = []
    for kind in ("jats", "text"):
        if kind not in results:
            continue
        for size in ("small", "large"):
            res = results[kind][size]
            L.append("")
            L.append("### %s, %d documents, %s MB%s" % (
                "JATS" if kind == "jats" else "Text", res["docs"], fmt(res["bytes"] / MB),
                "" if res.get("distinct", True) else " (WARNING: replicas not distinct)"))
            L.append("")
            if res.get("skipped"):
                L.append("Not run: the %d-document `run -j1` of this corpus already failed." %
                         results[kind]["small"]["docs"])
            else:
                L.extend(table(res))
            if "j1_j2_identical" in res:
                L.append("")
                L.append("`-j1` and `-j2` kb.json identical: %s" % ("yes" if res["j1_j2_identical"] else "**NO**"))
            j1 = res.get("j1") or {}
            if j1.get("errors"):
                warn.append("%s %d docs: %d documents ended with status error" % (kind, res["docs"], j1["errors"]))
            if j1.get("docs_seen") is not None and j1["docs_seen"] != res["docs"]:
                warn.append("%s %d docs: litx saw %d documents" % (kind, res["docs"], j1["docs_seen"]))
            if j1.get("ok") and j1["wall"] > 0.5 and (j1["user"] + j1["sys"]) / j1["wall"] < 0.85:
                warn.append("%s %d docs: `run -j1` got %.0f %% of a core (CPU/wall): the machine was "
                             "busy, wall-time numbers are inflated; MB/CPU-s is the steadier figure" % (
                                 kind, res["docs"], 100 * (j1["user"] + j1["sys"]) / j1["wall"]))
            for key in ("j1", "incremental", "j2", "extract"):
                r = res.get(key) or {}
                if r.get("ok") and at_cap(r):
                    warn.append("%s %d docs: `%s` reached the %g MB address-space cap "
                                "(BENCH_MEM_LIMIT_MB): its allocations failed there" % (
                                    kind, res["docs"], key, MEM_LIMIT_MB))
                if key == "extract":
                    continue
                if r.get("ok") and r.get("docs_seen") is None:
                    warn.append("%s %d docs: `%s` printed no summary line (it could not read back "
                                "its kb.json?)" % (kind, res["docs"], key))
            inc = res.get("incremental") or {}
            if inc.get("extracted"):
                warn.append("%s %d docs: the unchanged re-run extracted %d documents again" % (
                    kind, res["docs"], inc["extracted"]))
    L.append("")
    L.append("### Targets")
    L.append("")
    lines, npass, nmiss = targets(results, facts["cores"])
    L.extend(lines)
    L.append("")
    L.append("%d PASS, %d MISS" % (npass, nmiss))
    if warn:
        L.append("")
        L.append("Warnings (the numbers above do not show the full work):")
        L.append("")
        L.extend("- " + w for w in warn)
    return "\n".join(L) + "\n"


def update_doc(path, text):
    with open(path, encoding="utf-8") as f:
        doc = f.read()
    a, b = doc.find(DOC_BEGIN), doc.find(DOC_END)
    if a < 0 or b < a:
        log("%s has no %s ... %s markers; not updated" % (path, DOC_BEGIN, DOC_END))
        return
    new = doc[:a + len(DOC_BEGIN)] + "\n" + text + doc[b:]
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(new)
    os.replace(tmp, path)
    log("results written into %s" % path)


# --------------------------------------------------------------------------
# Profile (BENCH_PROFILE=1)
# --------------------------------------------------------------------------

PROFILE_DOCS = 50


def perf_report(data, cwd, timeout, args, top):
    rep = subprocess.run(["perf", "report", "-i", data, "--stdio"] + args,
                         cwd=cwd, capture_output=True, text=True, timeout=timeout)
    got = []
    for l in rep.stdout.splitlines():
        if not l.strip() or l.startswith("#"):
            continue
        # unresolved addresses and the call chain above litx's own code say nothing
        if re.search(r"\] 0x[0-9a-f]+\s|\] _start\s|__libc_start|\] main\s|clone3|start_thread|"
                     r"entry_SYSCALL|do_syscall_64|^\s+\|", l):
            continue
        got.append(l.rstrip())
    return got[:top]


def plugin_costs(sub, work, litx, env, builddir, opts):
    """`litx extract -j1` over the profile corpus with no plugin, then with each
    plugin alone (a private plugin directory of links): the difference in CPU
    time is what a plugin costs, JIT-compiled regex matching included (perf
    cannot unwind through PCRE2's JIT code, so it cannot attribute that)."""
    libs = os.path.join(builddir, "plugins", ".libs")
    plugins = sorted(f for f in os.listdir(libs) if f.endswith(".so")) if os.path.isdir(libs) else []
    configs = [("no plugin (reader, load, callouts, check, JSON)", [])]
    configs += [("%s alone" % os.path.splitext(p)[0], [p]) for p in plugins]
    configs.append(("all plugins", plugins))
    nbytes = sum(os.path.getsize(os.path.join(sub, f)) for f in os.listdir(sub))
    rows = ["| `litx extract -j1` with | CPU s | MB/CPU-s | plugin's own CPU s | JSON out MB |",
            "|---|---:|---:|---:|---:|"]
    base = None
    for k, (label, chosen) in enumerate(configs):
        pdir = os.path.join(work, "plugins-%d" % k)
        os.makedirs(pdir, exist_ok=True)
        for p in chosen:
            os.symlink(os.path.join(libs, p), os.path.join(pdir, p))
        e = dict(env, LITX_PLUGIN_PATH=pdir)
        outp = os.path.join(work, "extract-%d.jsonl" % k)
        r = timed([litx, "extract", "-q", "-j1", sub], work, e, opts.timeout,
                  os.path.join(work, "extract-%d.log" % k), stdout_path=outp)
        shutil.rmtree(pdir, ignore_errors=True)
        if not r.get("ok") or r["status"] not in (0, 1):
            rows.append("| %s | failed | | | |" % label)
            continue
        cpu = r["user"] + r["sys"]
        if base is None and not chosen:
            base = cpu
        own = cpu - base if base is not None and chosen else None
        rows.append("| %s | %s | %s | %s | %s |" % (
            label, fmt(cpu, 2), fmt(nbytes / MB / cpu if cpu > 0 else None),
            fmt(own, 2), fmt(os.path.getsize(outp) / MB)))
        os.unlink(outp)
    return rows


def profile(kind, files, work, litx, env, opts):
    """perf record (with call graphs) a fresh `litx run -j1` over the first
    PROFILE_DOCS documents; return libraries by self time, then functions by
    time including callees, then functions by self time."""
    sub = os.path.join(work, "perf-%s-corpus" % kind)
    link_prefix(files, sub, PROFILE_DOCS)
    data = os.path.join(work, "perf-%s.data" % kind)
    out = os.path.join(work, "out", "perf-" + kind)
    shutil.rmtree(out, ignore_errors=True)
    try:
        rec = subprocess.run(["perf", "record", "-q", "-e", "cpu-clock", "-F", "499",
                              "--call-graph", "dwarf,16384", "-o", data, "--",
                              litx, "run", "-j1", sub, "-o", out],
                             cwd=work, env=env, capture_output=True, text=True, timeout=opts.timeout)
    except subprocess.TimeoutExpired:
        return ["perf record timed out"], []
    if rec.returncode not in (0, 1):
        return ["perf record failed: " + rec.stderr.strip()[-300:]], []
    lines = ["libraries, self time:"]
    lines += perf_report(data, work, opts.timeout,
                         ["--no-children", "-g", "none", "-F", "overhead,dso", "--percent-limit", "1"], 12)
    lines += ["", "functions, time including callees:"]
    lines += perf_report(data, work, opts.timeout,
                         ["--children", "-g", "none", "--sort", "sym,dso", "--percent-limit", "2"], 50)
    lines += ["", "functions, self time:"]
    lines += perf_report(data, work, opts.timeout,
                         ["--no-children", "-g", "none", "-F", "overhead,sym,dso",
                          "--percent-limit", "0.7"], 30)
    os.unlink(data)
    costs = plugin_costs(sub, work, litx, env, opts.builddir, opts)
    shutil.rmtree(sub, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    return lines, costs


# --------------------------------------------------------------------------

def on_term(signum, frame):
    raise SystemExit(128 + signum)  # unwinds through the finally that deletes the temp dir


def main():
    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGHUP, on_term)
    ap = argparse.ArgumentParser(description="litx speed and memory benchmark")
    ap.add_argument("builddir")
    ap.add_argument("--srcdir", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap.add_argument("--update-doc", action="store_true",
                    help="also write the results into SRCDIR/docs/bench.md between its markers")
    ap.add_argument("--only", choices=("jats", "text"), help="bench one corpus kind only")
    ap.add_argument("--profile-only", action="store_true",
                    help="no timings: only the perf profile of BENCH_PROFILE=1, on %d docs" % PROFILE_DOCS)
    opts = ap.parse_args()
    opts.scale = env_float("BENCH_SCALE", 1.0)
    opts.timeout = env_float("BENCH_TIMEOUT", 600.0)
    opts.repeat = max(1, int(env_float("BENCH_REPEAT", 1)))
    global MEM_LIMIT_MB
    MEM_LIMIT_MB = env_float("BENCH_MEM_LIMIT_MB", MEM_LIMIT_MB)
    opts.xmllint = shutil.which("xmllint") is not None
    if opts.scale <= 0:
        sys.exit("bench: BENCH_SCALE must be > 0")

    builddir = opts.builddir = os.path.abspath(opts.builddir)
    srcdir = os.path.abspath(opts.srcdir)
    litx = os.path.join(builddir, "litx")
    if not os.access(litx, os.X_OK):
        sys.exit("bench: %s not found; build first (make) or give the build directory" % litx)
    if not os.access("/usr/bin/time", os.X_OK):
        sys.exit("bench: /usr/bin/time (GNU time) is needed for peak RSS")
    env = dict(os.environ)
    env["LITX_PLUGIN_PATH"] = os.path.join(builddir, "plugins", ".libs")
    env["LC_ALL"] = "C"
    litx = real_binary(builddir, litx, env)

    facts = machine_facts(srcdir, builddir, litx, env)
    facts["binary"] = os.path.relpath(litx, builddir)
    n_small = max(1, round(BASE_DOCS_SMALL * opts.scale))
    n_large = max(n_small, round(BASE_DOCS_LARGE * opts.scale))
    min_bytes = BASE_BYTES_LARGE * opts.scale
    if opts.profile_only:
        n_small = n_large = PROFILE_DOCS
        min_bytes = 0

    started = time.strftime("%Y-%m-%d %H:%M %Z")
    t0 = time.monotonic()
    work = tempfile.mkdtemp(prefix="litx-bench.", dir=os.environ.get("TMPDIR") or "/tmp")
    results, profiles = {}, {}
    try:
        kinds = [("jats", JATS_EXT, jats_tail), ("text", TEXT_EXT, text_tail)]
        for kind, exts, tail in kinds:
            if opts.only and kind != opts.only:
                continue
            src = seeds(srcdir, exts)
            if not src:
                log("no %s seed files under %s/corpus; skipped" % (kind, srcdir))
                continue
            large_dir = os.path.join(work, kind, "large")
            log("%s: replicating %d seed files to >= %d docs and >= %.0f MB" % (
                kind, len(src), n_large, min_bytes / MB))
            large = replicate(src, tail, large_dir, n_large, min_bytes)
            small_dir = os.path.join(work, kind, "small")
            small = link_prefix(large, small_dir, n_small)
            results[kind] = {}
            for size, files, d in (("small", small, small_dir), ("large", large, large_dir)):
                if opts.profile_only:
                    break
                if size == "large" and not (results[kind]["small"].get("j1") or {}).get("ok"):
                    log("%s: the %d-doc run failed; %d docs skipped" % (kind, len(small), len(large)))
                    results[kind]["large"] = {"kind": kind, "docs": len(large),
                                              "bytes": sum(x for _, x in large), "skipped": True}
                    continue
                res = measure(kind, files, d, work, litx, env, opts)
                res["distinct"] = check_distinct(files) if size == "large" else True
                results[kind][size] = res
            if not results[kind]:
                del results[kind]
            if (opts.profile_only or os.environ.get("BENCH_PROFILE") == "1") and shutil.which("perf"):
                log("%s: perf record on %d docs" % (kind, min(PROFILE_DOCS, len(small))))
                profiles[kind] = (min(PROFILE_DOCS, len(small)),
                                  profile(kind, small, work, litx, env, opts))
            shutil.rmtree(os.path.join(work, kind), ignore_errors=True)
    finally:
        if os.environ.get("BENCH_KEEP") == "1":
            log("kept %s" % work)
        else:
            shutil.rmtree(work, ignore_errors=True)

    text = report(facts, results, opts, started, time.monotonic() - t0) if results else ""
    for kind, (n, (lines, costs)) in profiles.items():
        text += "\n### Profile, %s, %d docs\n\n" % ("JATS" if kind == "jats" else "Text", n)
        text += "`perf record -e cpu-clock --call-graph dwarf` of `litx run -j1`:\n\n"
        text += "```\n" + "\n".join(lines) + "\n```\n"
        if costs:
            text += "\nCost of each plugin (CPU time of `litx extract -j1`, same documents):\n\n"
            text += "\n".join(costs) + "\n"
    sys.stdout.write(text)
    if opts.update_doc and text:
        update_doc(os.path.join(srcdir, "docs", "bench.md"), text)
    js = os.environ.get("BENCH_JSON")
    if js:
        with open(js, "w", encoding="utf-8") as f:
            json.dump({"machine": facts, "results": results, "scale": opts.scale}, f, indent=1)
    # MISS is a result, not an error; a command that crashed or timed out is.
    failed = [k for kind in results.values() for res in kind.values()
              for k in ("xmllint", "j1", "incremental", "j2", "extract")
              if res.get(k) and not res[k].get("ok") and not res[k].get("skipped")]
    if failed or not (results or profiles):
        log("%d commands failed; see the tables above" % len(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
