"""A library of reports: first open (ingest + search index) and opening again from the cache.

The library is made from the real texts (``../shared/corpus/*.txt`` and the bundled
report's raw text), each copy mutated so that it is a different report, not a copy any
cache or index could deduplicate: every number redrawn (same number of digits), the
years shifted, the place renamed (a new name with the same administrative suffix), the
bodies of each chapter's sections put in another order (markers kept in order), and a
sentence that is still the same as one already written reworded (one of twenty synonym
pairs, else one character replaced by another from the corpus), until about
``--distinct`` (94 %) of all sentences are distinct.  The raw texts are written to a
folder (100 per subfolder) and opened with ``tui.library.open_library``; each
measurement runs in a fresh interpreter:

* ``first open`` (empty cache): scan + ingest (with pinyin keys) + cache write, then the
  persistent search index (``tui.library.search_index.open_search``: every report's
  units into the tantivy store) — seconds in total and per report, the index's size on
  disk, peak RSS;
* ``cached``: the same folder again — imports (``import_s``), the catalog
  (``open_cached_s``), search ready (``search_ready_s``: ``open_library`` +
  ``open_search`` with the index built, until the first query can run), then every query
  of ``bench/search.py``'s mix typed one prefix at a time with the app's result limit,
  first round (cold: a fresh process; the OS page cache is warm) and second (warm) apart,
  then one full report loaded (``load_one_s``); peak RSS of it all (``memory_mb``);
* baselines in the same run: the in-memory index (load every report from the cache, then
  ``tui.search.SearchIndex.build``: times, peak RSS, the same keystrokes; skipped when its
  peak, extrapolated, would pass ``--max-inmemory-gb``), a literal scan per keystroke
  (``q in s`` over the distinct sentences), and per whole query ``rg -F`` over the raw
  texts, a rapidfuzz ``partial_ratio`` scan of the distinct sentences and ``fzf
  --filter`` over them (each when installed, within ``--baseline-budget`` seconds);
* the console scripts, warm, as a user runs them: ``report-explorer library DIR --json``
  and ``report-explorer search Q --library DIR``; and the app, ``report-explorer DIR`` in
  a 120×40 pseudo-terminal (``bench/startup.py``'s harness): seconds until the library
  screen's title is on screen (``app_first_frame_s``), and its peak RSS.

Run: ``python bench/library.py [--sizes 100,1000] [--json] [--work DIR]``;
``--with-10000`` adds a 10,000-report library (slow: about an hour of ingest on 2
cores).  ``--work DIR`` keeps the libraries there and reuses them on the next run (a
library found there is checked against the generator: its first files are made again
and compared byte for byte); ``--reuse-cache`` also keeps the cache (no first open).
Never run by the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.ingest.decode import decode_bytes  # noqa: E402
from tui.library import open_library  # noqa: E402
from tui.library.place import UNIT_SUFFIXES  # noqa: E402
from tui.paths import bundled_raw_path  # noqa: E402

CORPUS = sorted((ROOT.parent / "shared" / "corpus").glob("*.txt"))
SYNONYMS = [("推进", "推动"), ("加强", "强化"), ("完善", "健全"), ("建立", "构建"), ("全面", "深入"),
            ("持续", "不断"), ("提升", "提高"), ("开展", "实施"), ("落实", "贯彻"), ("积极", "主动"),
            ("重点", "关键"), ("有效", "切实"), ("建设", "打造"), ("服务", "保障"), ("管理", "治理"),
            ("群众", "居民"), ("企业", "市场主体"), ("工作", "任务"), ("进一步", "更好地"), ("发展", "进步")]
NAME_CHARS = "江河湖山川平安宁远临清源阳城东西南北新华丰泰兴永昌嘉和青云海州台德庆福宜长"
SECTION_RE = re.compile(r"^\s*[（(]([一二三四五六七八九十]{1,3})[）)]")
CHAPTER_RE = re.compile(r"^\s*#*\s*([一二三四五六七八九十]{1,3})、")
SENTENCE_END_RE = re.compile(r"(?<=[。！？；])")
YEAR_RE = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?=\s*年)")
NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")
PROTECTED = set("一二三四五六七八九十百千万亿年月日（）()、。，；：“”《》")


def base_texts() -> list[dict]:
    """The texts to mutate, each with its encoding and the place the catalog gives it."""
    if not CORPUS:  # (a checkout elsewhere, e.g. a worktree under /tmp: a library of one text)
        sys.exit(f"bench/library.py: no corpus texts in {ROOT.parent / 'shared' / 'corpus'}; run it from a "
                 "checkout beside shared/ (the library would be copies of the bundled report alone)")
    out = []
    for path in [*CORPUS, bundled_raw_path()]:
        raw = path.read_bytes()
        decoded = decode_bytes(raw, path.name)
        out.append({"name": path.name, "text": decoded.text,
                    "encoding": "gb18030" if decoded.encoding == "gb18030" else "utf-8",
                    "crlf": decoded.newline == "CRLF"})
    lib = open_library([p for p in [*CORPUS, bundled_raw_path()]], use_cache=False)
    places = {os.path.basename(e.path): e.place for e in lib.entries}
    for base in out:
        base["place"] = places[base["name"]]
    return out


def place_pattern(place: str | None) -> re.Pattern[str] | None:
    if not place or place == "全国":
        return None
    return re.compile(re.escape(place) + f"(?=({'|'.join(UNIT_SUFFIXES)}))")


def shuffle_sections(lines: list[str], rnd: random.Random) -> list[str]:
    """Within each chapter, the sections' opening lines in another order (the markers, and
    every other line, stay where they are: the structure parses as before)."""
    out = list(lines)
    chapter: list[int] = []

    def flush() -> None:
        bodies = [SECTION_RE.sub("", out[i], count=1) for i in chapter]
        rnd.shuffle(bodies)
        for i, body in zip(chapter, bodies):
            out[i] = SECTION_RE.match(out[i]).group(0) + body
        chapter.clear()

    for i, line in enumerate(lines):
        if CHAPTER_RE.match(line):
            flush()
        elif SECTION_RE.match(line) and len(line) > 12:  # a marker with its text, not alone
            chapter.append(i)
    flush()
    return out


def reword(sentence: str, rnd: random.Random, pool: str) -> str:
    pairs = [(a, b) for a, b in SYNONYMS if a in sentence] + [(b, a) for a, b in SYNONYMS if b in sentence]
    if pairs and rnd.random() < 0.6:
        a, b = rnd.choice(pairs)
        return sentence.replace(a, b, 1)
    spots = [i for i in range(4, len(sentence)) if "\u4e00" <= sentence[i] <= "\u9fff"
             and sentence[i] not in PROTECTED]
    if not spots:
        return sentence
    i = rnd.choice(spots)
    return sentence[:i] + rnd.choice(pool) + sentence[i + 1:]


def mutate(base: dict, rnd: random.Random, seen: set[str], counts: dict[str, int], distinct: float,
           pool: str) -> str:
    text = base["text"]
    delta = rnd.randint(-12, 0)
    text = YEAR_RE.sub(lambda m: str(int(m.group(1)) + delta), text)

    def number(m: re.Match[str]) -> str:
        s = m.group()
        if YEAR_RE.fullmatch(s) or len(s) == 4 and s.startswith(("19", "20")):
            return s
        return re.sub(r"\d", lambda d: str(rnd.randint(1 if d.start() == 0 else 0, 9)), s)

    text = NUMBER_RE.sub(number, text)
    if (pattern := place_pattern(base["place"])) is not None:
        name = "".join(rnd.sample(NAME_CHARS, 2))
        text = pattern.sub(name, text)
    lines = shuffle_sections(text.split("\n"), rnd)
    out_lines = []
    for n, line in enumerate(lines):
        if n < 3 or n >= len(lines) - 3 or len(line) < 8:  # title and signature kept
            out_lines.append(line)
            continue
        parts = []
        for sentence in SENTENCE_END_RE.split(line):
            if len(sentence.strip()) < 6:
                parts.append(sentence)
                continue
            if sentence in seen and counts["repeated"] + 1 > (1 - distinct) * (counts["all"] + 1):
                for _ in range(6):  # reworded only while the share of repeats is over target
                    sentence = reword(sentence, rnd, pool)
                    if sentence not in seen:
                        break
            counts["all"] += 1
            counts["repeated"] += sentence in seen
            seen.add(sentence)
            parts.append(sentence)
        out_lines.append("".join(parts))
    return "\n".join(out_lines)


def make_library(n: int, folder: Path, distinct: float, seed: int = 10) -> dict:
    rnd = random.Random(seed)
    bases = base_texts()
    pool = "".join(ch for b in bases for ch in b["text"] if "\u4e00" <= ch <= "\u9fff" and ch not in PROTECTED)
    seen: set[str] = set()
    counts = {"all": 0, "repeated": 0}  # sentences written, and those already written before
    chars = 0
    for k in range(n):
        base = bases[k % len(bases)]
        text = mutate(base, rnd, seen, counts, distinct, pool)
        chars += len(text)
        sub = folder / f"part{k // 100:03}"
        sub.mkdir(parents=True, exist_ok=True)
        body = text.replace("\n", "\r\n") if base["crlf"] else text
        (sub / f"r{k:05}-{base['name']}").write_bytes(body.encode(base["encoding"]))
    return {"chars": chars, "distinct": sentence_share(folder)}


def sentence_share(folder: Path) -> float:
    """Distinct sentences / all sentences (6 characters or more) in the written texts."""
    total, distinct = 0, set()
    for path in folder.rglob("*.txt"):
        text = decode_bytes(path.read_bytes(), path.name).text
        for line in text.split("\n"):
            for sentence in SENTENCE_END_RE.split(line):
                if len(sentence.strip()) >= 6:
                    total += 1
                    distinct.add(sentence.strip())
    return len(distinct) / total if total else 0.0


#: Peak RSS of the interpreter itself (``VmHWM``: ``ru_maxrss`` of a child started by fork +
#: exec would report the parent's peak on Linux).
PEAK = "int(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1]) / 1024"

#: The keystroke loop the children run (the same in both: prefixes, limit, timer).
TYPE = """
def typing(search, queries, limit):
    out, log = {{}}, []
    for kind, query, prefixes in queries:
        times = out.setdefault(kind, [])
        for prefix in prefixes:
            t = time.perf_counter()
            hits = search.query(prefix, limit=limit)
            ms = (time.perf_counter() - t) * 1000
            times.append(ms)
            log.append((kind, query, prefix, round(ms, 3), len(hits)))
    return out, log
"""

FIRST = """
import json, time
from tui.library import open_library
from tui.library.search_index import index_dir, open_search
t0 = time.perf_counter()
lib = open_library([{folder!r}], cache_root={cache!r})
t1 = time.perf_counter()
ingest_peak = {peak}
added = []
search = open_search(lib, root={cache!r}, progress=lambda n, total: added.append(n))
t2 = time.perf_counter()
print(json.dumps({{"first_open_s": t1 - t0, "index_build_s": t2 - t1, "indexed": len(added), "reports": len(lib.entries),
                  "ingested": lib.stats.ingested, "skipped": len(lib.skipped), "units": search.store.num_docs(),
                  "index_dir": str(index_dir({cache!r})), "ingest_memory_mb": ingest_peak, "memory_mb": {peak}}}))
"""

CACHED = """
import gc, json, sys, time
t0 = time.perf_counter()
from tui.library import open_library
from tui.library.search_index import open_search
t1 = time.perf_counter()
lib = open_library([{folder!r}], cache_root={cache!r})
t2 = time.perf_counter()
added = []
search = open_search(lib, root={cache!r}, progress=lambda n, total: added.append(n))
t3 = time.perf_counter()
gc.freeze()  # (as the app does once its library is open: tui/app.py, run())
""" + TYPE + """
cold, cold_log = typing(search, {queries!r}, {limit})
warm, warm_log = typing(search, {queries!r}, {limit})
warm2, _ = typing(search, {queries!r}, {limit})  # (two more warm passes: a median per keystroke)
warm3, _ = typing(search, {queries!r}, {limit})
t4 = time.perf_counter()
report = lib.load(lib.entries[len(lib.entries) // 2].id)
t5 = time.perf_counter()
print(json.dumps({{"import_s": t1 - t0, "open_cached_s": t2 - t1, "search_ready_s": t3 - t1, "index_open_s": t3 - t2,
                  "indexed_now": len(added), "load_one_s": t5 - t4, "figures": len(report.figures()),
                  "reports": len(lib.entries), "trusted": lib.stats.trusted, "hashed": lib.stats.hashed,
                  "ingested": lib.stats.ingested, "cold": cold, "warm": warm, "warm2": warm2, "warm3": warm3, "cold_log": cold_log,
                  "warm_log": warm_log, "memory_mb": {peak}}}, ensure_ascii=False))
"""

INMEMORY = """
import gc, json, time
from tui.library import open_library
from tui.search import SearchIndex
t0 = time.perf_counter()
lib = open_library([{folder!r}], cache_root={cache!r})
reports = list(lib.reports())
t1 = time.perf_counter()
load_peak = {peak}
index = SearchIndex.build(reports)
t2 = time.perf_counter()
gc.freeze()  # (as the app does once its index is built: tui/app.py, search_index)
""" + TYPE + """
cold, _ = typing(index, {queries!r}, {limit})
warm, _ = typing(index, {queries!r}, {limit})
print(json.dumps({{"load_all_s": t1 - t0, "build_s": t2 - t1, "reports": len(reports), "load_memory_mb": load_peak,
                  "cold": cold, "warm": warm, "memory_mb": {peak}}}))
"""


def child(code: str) -> dict:
    done = subprocess.run(["nice", "-n", "19", sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"child failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_search():
    """``bench/search.py`` as a module (its QUERIES mix, keystrokes(), app_limit())."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_search", Path(__file__).resolve().parent / "search.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BS = bench_search()
QUERIES = [(kind, q, BS.keystrokes(q)) for kind, queries in BS.QUERIES.items() for q in queries]
WHOLE = [q for _, q, _ in QUERIES]
pct = BS.pct


def console_script(args: list[str], cache: Path) -> float:
    exe = shutil.which("report-explorer") or "report-explorer"
    env = {**os.environ, "REPORT_EXPLORER_CACHE_DIR": str(cache)}
    subprocess.run([exe, *args], capture_output=True, check=True, env=env)  # warm: once untimed
    t0 = time.perf_counter()
    subprocess.run([exe, *args], capture_output=True, check=True, env=env)
    return time.perf_counter() - t0


def app_first_frame(folder: Path, cache: Path, n: int) -> dict:
    """``report-explorer DIR`` in a 120×40 pseudo-terminal (bench/startup.py's harness), from
    the cache: seconds until the library screen's title is on screen, and the peak RSS then."""
    sys.path.insert(0, str(ROOT / "bench"))
    from startup import run_in_terminal

    exe = shutil.which("report-explorer") or "report-explorer"
    state = Path(tempfile.mkdtemp(prefix="bench-state-"))
    old = {k: os.environ.get(k) for k in ("REPORT_EXPLORER_CACHE_DIR", "REPORT_EXPLORER_STATE_DIR")}
    os.environ.update(REPORT_EXPLORER_CACHE_DIR=str(cache), REPORT_EXPLORER_STATE_DIR=str(state))
    try:
        return run_in_terminal([exe, str(folder)], f"Library · {n} reports", timeout=300)
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        shutil.rmtree(state, ignore_errors=True)


def folder_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


# ---- the library: made once, reused --------------------------------------------------
CHECKED = 20  # files made again and compared when a library is reused


def ensure_library(n: int, folder: Path, distinct: float) -> dict:
    """Make the library in ``folder``, or reuse the one there if the generator makes the
    same files (its first :data:`CHECKED`, byte for byte, and ``n`` in all)."""
    made_file = folder.with_name(folder.name + ".made.json")  # beside it: not a file of the library
    if folder.exists():
        files = sorted(folder.rglob("*.txt"))
        if len(files) == n and same_generator(folder, distinct):
            if made_file.exists():
                made = json.loads(made_file.read_text())
            else:
                made = {"chars": sum(len(decode_bytes(p.read_bytes(), p.name).text) for p in files),
                        "distinct": sentence_share(folder)}
                made_file.write_text(json.dumps(made))
            return {**made, "make_s": None, "reused": True}
        print(f"... {folder}: not this generator's {n} reports, made again", file=sys.stderr)
        shutil.rmtree(folder)
    t0 = time.perf_counter()
    made = make_library(n, folder, distinct)
    made_file.write_text(json.dumps(made))
    return {**made, "make_s": time.perf_counter() - t0, "reused": False}


def same_generator(folder: Path, distinct: float) -> bool:
    with tempfile.TemporaryDirectory(prefix="bench-library-check-") as tmp:
        make_library(CHECKED, Path(tmp), distinct)
        for path in Path(tmp).rglob("*.txt"):
            theirs = folder / path.relative_to(tmp)
            if not theirs.exists() or theirs.read_bytes() != path.read_bytes():
                return False
    return True


def raw_sentences(folder: Path) -> list[str]:
    """The distinct sentences of the raw texts (split at 。！？；, stripped, non-empty)."""
    out: dict[str, None] = {}
    for path in sorted(folder.rglob("*.txt")):
        for line in decode_bytes(path.read_bytes(), path.name).text.split("\n"):
            for sentence in SENTENCE_END_RE.split(line):
                if sentence := sentence.strip():
                    out[sentence] = None
    return list(out)


# ---- baselines -------------------------------------------------------------------------
def literal_keystrokes(sentences: list[str], limit: int) -> list[float]:
    """A plain literal scan per keystroke: ``q in s`` over the distinct sentences, up to ``limit``."""
    times = []
    for _, _, prefixes in QUERIES:
        for prefix in prefixes:
            t = time.perf_counter()
            found = 0
            for s in sentences:
                if prefix in s:
                    found += 1
                    if found >= limit:
                        break
            times.append((time.perf_counter() - t) * 1000)
    return times


def within_budget(run, budget: float) -> dict:
    """``run(query)`` for each whole query until ``budget`` seconds are spent: ms per query."""
    times, t0 = [], time.perf_counter()
    for q in WHOLE:
        if time.perf_counter() - t0 > budget:
            break
        t = time.perf_counter()
        run(q)
        times.append((time.perf_counter() - t) * 1000)
    return summary(times, done=len(times), of=len(WHOLE))


def rapidfuzz_scan(sentences: list[str], budget: float) -> dict:
    from rapidfuzz import fuzz, process

    return within_budget(lambda q: process.extract(q, sentences, scorer=fuzz.partial_ratio, limit=50), budget)


def rg_scan(folder: Path, budget: float) -> dict | None:
    exe = shutil.which("rg")
    if exe is None:
        return None
    return within_budget(lambda q: subprocess.run([exe, "-F", "-c", "--no-messages", "--", q, str(folder)],
                                                  stdout=subprocess.DEVNULL, check=False), budget)


def fzf_scan(sentences: list[str], budget: float) -> dict | None:
    exe = shutil.which("fzf")
    if exe is None:
        return None
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as fh:
        fh.write("\n".join(s.replace("\r", " ") for s in sentences) + "\n")
        path = fh.name

    def run(q: str) -> None:
        with open(path, "rb") as stdin:
            subprocess.run([exe, "--filter", q], stdin=stdin, stdout=subprocess.DEVNULL, check=False)

    try:
        return within_budget(run, budget)
    finally:
        Path(path).unlink(missing_ok=True)


def summary(values: list[float], **extra) -> dict:
    return {"n": len(values), "p50_ms": round(pct(values, 50), 3), "p95_ms": round(pct(values, 95), 3),
            "max_ms": round(max(values, default=0.0), 3), **extra}


def flat(by_kind: dict[str, list[float]]) -> list[float]:
    return [x for v in by_kind.values() for x in v]


def inmemory_estimate_gb(n: int, rows: list[dict]) -> float:
    """Peak RSS the in-memory index would need at ``n`` reports: per report as measured at the
    largest smaller size of this run, else 2.3 MB (issue 10: 2.3 GB peak at 1,000)."""
    measured = [r for r in rows if r["baselines"]["in_memory"].get("memory_mb")]
    per_report = (measured[-1]["baselines"]["in_memory"]["memory_mb"] / measured[-1]["reports"]
                  if measured else 2.3)
    return n * per_report / 1000


# ---- one size --------------------------------------------------------------------------
def run(n: int, args, work: Path, limit: int, rows: list[dict]) -> dict:
    folder, cache = work / f"lib{n}", work / f"cache{n}"
    made = ensure_library(n, folder, args.distinct)
    print(f"... {n}: library {'reused' if made['reused'] else 'made'} ({made['chars'] / 1e6:.1f} M chars)",
          file=sys.stderr)
    fmt = {"folder": str(folder), "cache": str(cache), "peak": PEAK, "queries": QUERIES, "limit": limit}
    first = None
    if not (args.reuse_cache and cache.exists()):
        shutil.rmtree(cache, ignore_errors=True)
        first = child(FIRST.format(**fmt))
        assert first["ingested"] == first["reports"] == n, first
    else:  # the reports are cached: build the index if it is not (its time is then measured)
        time.sleep(1.1)
        first = child(FIRST.format(**fmt))
        assert first["ingested"] == 0, first
        first["first_open_s"] = None  # (no ingest measured)
        if first["indexed"] != n:
            first["index_build_s"] = None
    if first is not None:
        print(f"... {n}: first open {first['first_open_s']} s + index {first['index_build_s']} s",
              file=sys.stderr)
    from tui.library.search_index import index_dir

    index_mb = folder_mb(index_dir(cache))
    cache_mb = sum(folder_mb(d) for d in cache.iterdir() if not d.name.startswith("index-"))  # the reports
    time.sleep(1.1)  # past the catalog's racy window: files older than the scan are trusted
    cached = child(CACHED.format(**fmt))
    assert cached["indexed_now"] == 0 and cached["ingested"] == 0, "the cache did not hold the library"
    cold, warm = flat(cached["cold"]), flat(cached["warm"])
    # each keystroke's median over three warm passes: what is left when a shared machine's
    # one-off stalls are taken out (p95_ms stays the first warm pass alone)
    warm_median = [sorted(x)[1] for x in zip(warm, flat(cached["warm2"]), flat(cached["warm3"]))]
    print(f"... {n}: cached: search ready {cached['search_ready_s']:.2f} s, warm p95 {pct(warm, 95):.1f} ms",
          file=sys.stderr)

    estimate = inmemory_estimate_gb(n, rows)
    if args.no_inmemory:
        in_memory = {"skipped": "--no-inmemory"}
    elif estimate > args.max_inmemory_gb:
        in_memory = {"skipped": f"would need about {estimate:.0f} GB (> {args.max_inmemory_gb:g} GB)"}
    else:
        m = child(INMEMORY.format(**fmt))
        mc, mw = flat(m["cold"]), flat(m["warm"])
        in_memory = {"load_all_s": round(m["load_all_s"], 3), "build_s": round(m["build_s"], 3),
                     "ready_s": round(m["load_all_s"] + m["build_s"], 3),
                     "load_memory_mb": round(m["load_memory_mb"], 1), "memory_mb": round(m["memory_mb"], 1),
                     "cold_p50_ms": round(pct(mc, 50), 3), "cold_p95_ms": round(pct(mc, 95), 3),
                     "p50_ms": round(pct(mw, 50), 3), "p95_ms": round(pct(mw, 95), 3),
                     "max_ms": round(max(mw), 3)}
        print(f"... {n}: in-memory: ready {in_memory['ready_s']:.1f} s, peak {in_memory['memory_mb']:.0f} MB",
              file=sys.stderr)

    sentences = raw_sentences(folder)
    literal = summary(literal_keystrokes(sentences, limit))
    budget = args.baseline_budget
    baselines = {
        "in_memory": in_memory,
        "literal_per_keystroke": literal,
        "rg_per_query": rg_scan(folder, budget) or {"skipped": "rg not installed"},
        "rapidfuzz_per_query": rapidfuzz_scan(sentences, budget),
        "fzf_per_query": fzf_scan(sentences, budget) or {"skipped": "fzf not installed"},
    }
    cli_library = console_script(["library", str(folder), "--json"], cache)
    cli_search = console_script(["search", WHOLE[0], "--library", str(folder)], cache)
    frame = app_first_frame(folder, cache, n)
    per_kind = {kind: {"cold_p95_ms": round(pct(cached["cold"][kind], 95), 3),
                       "p50_ms": round(pct(cached["warm"][kind], 50), 3),
                       "p95_ms": round(pct(cached["warm"][kind], 95), 3),
                       "max_ms": round(max(cached["warm"][kind]), 3)} for kind in cached["warm"]}
    slowest = {name: [list(x) for x in sorted(cached[name], key=lambda x: -x[3])[:8]]
               for name in ("cold_log", "warm_log")}
    return {
        "reports": cached["reports"], "files": n, "chars_m": round(made["chars"] / 1e6, 2),
        "distinct_sentences": made["distinct"], "sentences_distinct_n": len(sentences),
        "make_s": made["make_s"], "library_reused": made["reused"], "limit": limit,
        "keystrokes": len(warm),
        "skipped": first["skipped"] if first else None,
        "first_open_s": first["first_open_s"] if first else None,
        "first_open_ms_per_report": first["first_open_s"] / n * 1e3 if first and first["first_open_s"] else None,
        "index_build_s": first["index_build_s"] if first else None,
        "index_build_ms_per_report": first["index_build_s"] / n * 1e3 if first and first["index_build_s"] else None,
        "first_open_total_s": (first["first_open_s"] + first["index_build_s"]
                               if first and first["first_open_s"] and first["index_build_s"] else None),
        "first_open_memory_mb": first["ingest_memory_mb"] if first and first["first_open_s"] else None,
        "index_build_memory_mb": first["memory_mb"] if first else None,
        "units": first["units"] if first else None,
        "index_mb": index_mb, "cache_mb": cache_mb,
        "import_s": cached["import_s"], "open_cached_s": cached["open_cached_s"],
        "search_ready_s": cached["search_ready_s"], "index_open_s": cached["index_open_s"],
        "first_query_ms": cached["cold_log"][0][3],
        "cold_p50_ms": pct(cold, 50), "cold_p95_ms": pct(cold, 95), "cold_max_ms": max(cold),
        "p50_ms": pct(warm, 50), "p95_ms": pct(warm, 95), "max_ms": max(warm),
        "warm_median3_p50_ms": pct(warm_median, 50), "warm_median3_p95_ms": pct(warm_median, 95),
        "load_one_s": cached["load_one_s"], "memory_mb": cached["memory_mb"],
        "cli_library_json_s": cli_library, "cli_search_s": cli_search,
        "app_first_frame_s": frame["first_frame_s"], "app_first_frame_mb": frame["peak_mb"],
        "per_kind": per_kind, "slowest": slowest, "baselines": baselines,
    }


def ms(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def baseline_cell(b: dict) -> str:
    if "skipped" in b:
        return b["skipped"]
    done = f" ({b['done']}/{b['of']} queries in budget)" if b.get("done", 0) < b.get("of", 0) else ""
    return f"p50 {b['p50_ms']:.1f} ms, p95 {b['p95_ms']:.1f} ms{done}"


def print_tables(rows: list[dict]) -> None:
    print("first open (empty cache):")
    print(f"{'reports':>8} {'M chars':>8} {'distinct':>9} {'ingest s':>9} {'ms/report':>10} {'index s':>8} "
          f"{'ms/report':>10} {'total s':>8} {'index MB':>9} {'units':>9} {'cache MB':>9} {'peak RSS MB':>12}")
    for r in rows:
        print(f"{r['reports']:>8} {r['chars_m']:>8.1f} {r['distinct_sentences']:>8.1%} {ms(r['first_open_s']):>9} "
              f"{ms(r['first_open_ms_per_report'], 0):>10} {ms(r['index_build_s']):>8} "
              f"{ms(r['index_build_ms_per_report'], 0):>10} {ms(r['first_open_total_s']):>8} "
              f"{r['index_mb']:>9.0f} {r['units'] or '—':>9} {r['cache_mb']:>9.0f} "
              f"{ms(r['index_build_memory_mb'], 0):>12}")
    print("\nfrom the cache (fresh interpreter; ms per keystroke, app limit):")
    print(f"{'reports':>8} {'import s':>9} {'catalog s':>10} {'search ready s':>15} {'1st query ms':>13} "
          f"{'cold p50':>9} {'cold p95':>9} {'cold max':>9} {'warm p50':>9} {'warm p95':>9} {'warm max':>9} "
          f"{'RSS MB':>7} {'load one s':>11}")
    for r in rows:
        print(f"{r['reports']:>8} {r['import_s']:>9.3f} {r['open_cached_s']:>10.3f} {r['search_ready_s']:>15.3f} "
              f"{r['first_query_ms']:>13.1f} {r['cold_p50_ms']:>9.2f} {r['cold_p95_ms']:>9.2f} "
              f"{r['cold_max_ms']:>9.1f} {r['p50_ms']:>9.2f} {r['p95_ms']:>9.2f} {r['max_ms']:>9.1f} "
              f"{r['memory_mb']:>7.0f} {r['load_one_s']:>11.3f}")
    print("targets (issue 10): search ready ≤ 3 s, keystroke p95 ≤ 15 ms, memory ≤ 1 GB (≤ 2 GB at 10,000); "
          "first frame ≤ 1.5 s (the app line below)")
    for r in rows:
        print(f"\n{r['reports']} reports, per query kind (ms): " + "  ".join(
            f"{k} {v['p50_ms']:.1f}/{v['p95_ms']:.1f}/{v['cold_p95_ms']:.1f}" for k, v in r["per_kind"].items())
            + "   (warm p50 / warm p95 / cold p95)")
        print(f"  warm, each keystroke's median of three passes: p50 {r['warm_median3_p50_ms']:.2f} ms, "
              f"p95 {r['warm_median3_p95_ms']:.2f} ms (the table's warm columns: the first pass alone)")
        print("  slowest warm keystrokes (ms, hits): " + ", ".join(
            f"{p!r} {t:.1f} ({h})" for _, _, p, t, h in r["slowest"]["warm_log"]))
        print("  slowest cold keystrokes (ms, hits): " + ", ".join(
            f"{p!r} {t:.1f} ({h})" for _, _, p, t, h in r["slowest"]["cold_log"]))
        b = r["baselines"]
        m = b["in_memory"]
        if "skipped" in m:
            print(f"  in-memory index: skipped, {m['skipped']}")
        else:
            print(f"  in-memory index: load all {m['load_all_s']:.1f} s + build {m['build_s']:.1f} s = ready "
                  f"{m['ready_s']:.1f} s, peak RSS {m['memory_mb']:.0f} MB (after loading {m['load_memory_mb']:.0f}); "
                  f"keystroke cold p50 {m['cold_p50_ms']:.2f} / p95 {m['cold_p95_ms']:.2f}, "
                  f"warm p50 {m['p50_ms']:.2f} / p95 {m['p95_ms']:.2f} / max {m['max_ms']:.1f} ms")
        print(f"  literal scan per keystroke (q in s, {r['sentences_distinct_n']} distinct sentences): "
              f"{baseline_cell(b['literal_per_keystroke'])}")
        print(f"  rg -F over the raw texts, whole queries: {baseline_cell(b['rg_per_query'])}")
        print(f"  rapidfuzz partial_ratio scan, whole queries: {baseline_cell(b['rapidfuzz_per_query'])}")
        print(f"  fzf --filter, whole queries: {baseline_cell(b['fzf_per_query'])}")
        print(f"  console scripts, warm: library --json {r['cli_library_json_s']:.2f} s, "
              f"search --library {r['cli_search_s']:.2f} s")
        print(f"  the app (report-explorer DIR in a 120x40 pty): library screen on screen after "
              f"{r['app_first_frame_s']:.2f} s, peak RSS {r['app_first_frame_mb']:.0f} MB (target: first frame <= 1.5 s)")


def rounded(value):
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {k: rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [rounded(v) for v in value]
    return value


HEADLINE = ("reports", "open_cached_s", "search_ready_s", "p50_ms", "p95_ms", "warm_median3_p95_ms",
            "cold_p50_ms", "cold_p95_ms",
            "max_ms", "memory_mb", "first_open_s", "index_build_s", "index_mb", "load_one_s", "app_first_frame_s",
            "app_first_frame_mb", "baselines")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000", help="library sizes, comma-separated")
    parser.add_argument("--with-10000", action="store_true", help="add a 10,000-report library (slow)")
    parser.add_argument("--distinct", type=float, default=0.94, help="target share of distinct sentences")
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    parser.add_argument("--work", "--keep", dest="work", metavar="DIR",
                        help="make the libraries here, keep them and reuse them next time")
    parser.add_argument("--reuse-cache", action="store_true",
                        help="with --work: keep a cache found there (no ingest measured; the index is "
                             "built, and timed, if it is missing)")
    parser.add_argument("--no-inmemory", action="store_true", help="skip the in-memory index baseline")
    parser.add_argument("--max-inmemory-gb", type=float, default=20.0,
                        help="skip the in-memory baseline when it would need more (default 20)")
    parser.add_argument("--baseline-budget", type=float, default=120.0,
                        help="seconds each whole-query baseline may take per size (default 120)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if args.with_10000:
        sizes.append(10_000)
    limit = BS.app_limit()
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="bench-library-"))
    work.mkdir(parents=True, exist_ok=True)
    rows: list[dict] = []
    try:
        for n in sizes:
            rows.append(run(n, args, work, limit, rows))
            print(f"... {n} reports done", file=sys.stderr)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    print(f"{len(QUERIES)} queries of bench/search.py's mix, {rows[0]['keystrokes']} keystrokes, "
          f"{limit} results per query (the app's)\n")
    print_tables(rows)
    if args.json:
        last = rows[-1]
        print(json.dumps({**{k: rounded(last[k]) for k in HEADLINE},
                          "runs": [rounded({k: v for k, v in r.items() if k != "slowest"}) for r in rows]},
                         ensure_ascii=False))


if __name__ == "__main__":
    main()
