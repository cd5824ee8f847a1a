"""A library of reports: first open (ingest every file) and opening again from the cache.

The library is made from the real texts (``../shared/corpus/*.txt`` and the bundled
report's raw text), each copy mutated so that it is a different report, not a copy any
cache or index could deduplicate: every number redrawn (same number of digits), the
years shifted, the place renamed (a new name with the same administrative suffix), the
bodies of each chapter's sections put in another order (markers kept in order), and a
sentence that is still the same as one already written reworded (one of twenty synonym
pairs, else one character replaced by another from the corpus), until about
``--distinct`` (94 %) of all sentences are distinct.  The raw texts are written to a
temporary folder (100 per subfolder) and opened with ``tui.library.open_library``:

* ``first open``: scan + ingest (with pinyin keys) + cache write, per report;
* ``cached``: a fresh interpreter opens the same folder again — time to the catalog
  (``open_cached_s``), then to load one full report (``load_one_s``), and its peak RSS
  (``memory_mb``); the interpreter's imports are timed apart (``import_s``);
* beside it, the baseline in another fresh interpreter: load every report from the
  cache (what an app holding all reports in memory has to do) — time and peak RSS;
* the ``report-explorer library DIR --json`` console script, warm, as a user runs it.

The persistent search index is not measured here (not built yet): ``search_ready_s``,
``p50_ms`` and ``p95_ms`` are null in the JSON.

Run: ``python bench/library.py [--sizes 100,1000] [--json]``; ``--with-10000`` adds a
10,000-report library (slow: about an hour of ingest on 2 cores).  Never run by the tests.
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

FIRST = """
import json, time
from tui.library import open_library
t0 = time.perf_counter()
lib = open_library([{folder!r}], cache_root={cache!r})
t1 = time.perf_counter()
print(json.dumps({{"first_open_s": t1 - t0, "reports": len(lib.entries), "ingested": lib.stats.ingested,
                  "skipped": len(lib.skipped), "memory_mb": {peak}}}))
"""

CACHED = """
import json, sys, time
t0 = time.perf_counter()
from tui.library import open_library
t1 = time.perf_counter()
lib = open_library([{folder!r}], cache_root={cache!r})
t2 = time.perf_counter()
report = lib.load(lib.entries[len(lib.entries) // 2].id)
t3 = time.perf_counter()
print(json.dumps({{"import_s": t1 - t0, "open_cached_s": t2 - t1, "load_one_s": t3 - t2,
                  "reports": len(lib.entries), "trusted": lib.stats.trusted, "hashed": lib.stats.hashed,
                  "ingested": lib.stats.ingested, "figures": len(report.figures()),
                  "memory_mb": {peak}}}))
"""

LOAD_ALL = """
import json, time
from tui.library import open_library
t0 = time.perf_counter()
lib = open_library([{folder!r}], cache_root={cache!r})
reports = list(lib.reports())
t1 = time.perf_counter()
print(json.dumps({{"load_all_s": t1 - t0, "reports": len(reports), "memory_mb": {peak}}}))
"""


def child(code: str) -> dict:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def console_script(folder: Path, cache: Path) -> float:
    exe = shutil.which("report-explorer") or "report-explorer"
    env = {**os.environ, "REPORT_EXPLORER_CACHE_DIR": str(cache)}
    t0 = time.perf_counter()
    subprocess.run([exe, "library", str(folder), "--json"], capture_output=True, check=True, env=env)
    return time.perf_counter() - t0


def run(n: int, distinct: float, work: Path) -> dict:
    folder, cache = work / f"lib{n}", work / f"cache{n}"
    t0 = time.perf_counter()
    made = make_library(n, folder, distinct)
    make_s = time.perf_counter() - t0
    first = child(FIRST.format(folder=str(folder), cache=str(cache), peak=PEAK))
    assert first["ingested"] == first["reports"] == n, first
    cache_mb = sum(p.stat().st_size for p in cache.rglob("*") if p.is_file()) / 1e6
    time.sleep(1.1)  # past the catalog's racy window: files older than the scan are trusted
    cached = child(CACHED.format(folder=str(folder), cache=str(cache), peak=PEAK))
    load_all = child(LOAD_ALL.format(folder=str(folder), cache=str(cache), peak=PEAK))
    cli_s = console_script(folder, cache)
    return {
        "reports": cached["reports"], "files": n, "skipped": first["skipped"], "chars_m": made["chars"] / 1e6,
        "distinct_sentences": made["distinct"], "make_s": make_s,
        "first_open_s": first["first_open_s"], "first_open_ms_per_report": first["first_open_s"] / n * 1e3,
        "first_open_memory_mb": first["memory_mb"], "cache_mb": cache_mb,
        "import_s": cached["import_s"], "open_cached_s": cached["open_cached_s"],
        "load_one_s": cached["load_one_s"], "memory_mb": cached["memory_mb"],
        "cached_read_files": cached["hashed"], "cached_ingested": cached["ingested"],
        "load_all_s": load_all["load_all_s"], "load_all_memory_mb": load_all["memory_mb"],
        "cli_library_json_s": cli_s,
        "search_ready_s": None, "p50_ms": None, "p95_ms": None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000", help="library sizes, comma-separated")
    parser.add_argument("--with-10000", action="store_true", help="add a 10,000-report library (slow)")
    parser.add_argument("--distinct", type=float, default=0.94, help="target share of distinct sentences")
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    parser.add_argument("--keep", metavar="DIR", help="make the libraries here and keep them")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if args.with_10000:
        sizes.append(10_000)
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-library-"))
    rows = []
    try:
        for n in sizes:
            rows.append(run(n, args.distinct, work))
            print(f"... {n} reports done", file=sys.stderr)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"{'reports':>8} {'M chars':>8} {'distinct':>9} {'first open s':>13} {'ms/report':>10} "
          f"{'cache MB':>9} {'cached: catalog s':>18} {'load one s':>11} {'RSS MB':>7} "
          f"{'baseline: load all s':>21} {'RSS MB':>7} {'CLI library s':>14}")
    for r in rows:
        print(f"{r['reports']:>8} {r['chars_m']:>8.1f} {r['distinct_sentences']:>8.1%} {r['first_open_s']:>13.1f} "
              f"{r['first_open_ms_per_report']:>10.0f} {r['cache_mb']:>9.0f} {r['open_cached_s']:>18.3f} "
              f"{r['load_one_s']:>11.3f} {r['memory_mb']:>7.0f} {r['load_all_s']:>21.2f} "
              f"{r['load_all_memory_mb']:>7.0f} {r['cli_library_json_s']:>14.2f}")
    print("search_ready_s / p50_ms / p95_ms: not measured (the persistent search index is not built yet)")
    if args.json:
        last = rows[-1]
        print(json.dumps({"reports": last["reports"], "open_cached_s": round(last["open_cached_s"], 4),
                          "load_one_s": round(last["load_one_s"], 4), "memory_mb": round(last["memory_mb"], 1),
                          "search_ready_s": None, "p50_ms": None, "p95_ms": None,
                          "baseline_load_all_s": round(last["load_all_s"], 3),
                          "baseline_load_all_memory_mb": round(last["load_all_memory_mb"], 1),
                          "runs": [{k: (round(v, 4) if isinstance(v, float) else v) for k, v in r.items()}
                                   for r in rows]}, ensure_ascii=False))


if __name__ == "__main__":
    main()
