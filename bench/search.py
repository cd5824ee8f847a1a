"""Search benchmark: per-keystroke latency over a synthetic library of 1,000 reports.

    python bench/search.py [--reports 1000] [--json] [--quick] [--against REF]

The library is the bundled report re-ingested 1,000 times with varied numbers, city,
district and person names, years and wording (about 97,000 sentences, 7 million
characters).  Every query is typed one keystroke at a time — each prefix is a query, with
the app's own result limit, as the app issues them — and the table gives p50/p95 per query
kind, the first round (cold caches) and the second (warm) apart, beside the same on the
bundled report alone, and three baselines over the same sentences: a plain literal scan
(``q in s`` over the distinct sentences), ``rapidfuzz.process.extract(…,
scorer=fuzz.partial_ratio)`` and ``fzf --filter`` (when installed).  ``--against REF``
also times the bundled report with the code of git revision REF (``git archive`` into a
temporary folder, run in a subprocess, rounds alternating with this tree's), so a change
is measured side by side with the code before it.  ``--json`` ends the output with one
JSON line.  Never run by the test suite.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(os.environ.get("BENCH_ROOT") or Path(__file__).resolve().parents[1])
sys.path.insert(0, str(ROOT))

from tui.ingest import ingest_text  # noqa: E402
from tui.paths import bundled_raw_path, bundled_report_path  # noqa: E402
from tui.search import SearchIndex  # noqa: E402

QUERIES = {
    "chinese": ["复议纠错率", "网上办理事项", "知识产权仲裁", "公平竞争审查"],
    "pinyin": ["jiucuolv", "fengqiaojingyan", "zhishichanquan", "wangshangbanli"],
    "initials": ["wsbl", "zdpyc", "zscq zc", "gpjzsc"],
    "numbers": ["17.3%", "877", "4.8万", "33963"],
    "typo": ["复议纠错律", "最多跑一刺", "网上办里事项", "知识产权仲栽"],
    "swapped": ["纠错率复议", "仲裁知识产权", "办理网上"],
    "multi": ["行政复议 纠错率", "in:6 调解率", "f: 培训 人", "zscq 仲裁 14"],
    # issue 8: own words, concept words, synonyms (most find little in this library: all passes run)
    "lookup": ["城镇新增就业人数", "粮食产量多少", "四川GDP总量", "GDP增速", "贫困人口减少人数", "棚户区改造套数",
               "高铁营业里程", "行政复议案件数量", "法律顾问覆盖比例", "网上可办事项占比"],
}
CITIES = ("台州 宁波 杭州 嘉兴 湖州 绍兴 金华 衢州 舟山 丽水 苏州 无锡 常州 南通 扬州 泰州 徐州 合肥 芜湖 福州 "
          "厦门 泉州 漳州 莆田 南昌 赣州 济南 青岛 烟台 潍坊 郑州 洛阳 武汉 宜昌 长沙 株洲 广州 深圳 珠海 佛山 "
          "东莞 中山 南宁 桂林 成都 绵阳 昆明 大理 西安 咸阳 兰州 银川 西宁 太原 大同 保定 沈阳 大连 长春 镇江").split()
DISTRICTS = ("东城区 西湖区 江北区 海曙区 越城区 婺城区 柯桥区 吴中区 鼓楼区 思明区 历下区 市南区 天河区 福田区 "
             "锦江区 雁塔区 城关区 和平区 南关区 京口区 秀洲区 南湖区 吴兴区 定海区 莲都区 椒江区 黄岩区 路桥区").split()
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华飞鹏辉宇浩然志远建国海燕文博思雨晨阳光荣德"
SYNONYMS = [("推进", "推动"), ("加强", "强化"), ("完善", "健全"), ("建立", "构建"), ("全面", "深入"),
            ("开展", "实施"), ("有效", "切实"), ("工作机制", "工作制度"), ("提高", "提升"), ("组织", "安排")]


def vary(text: str, rnd: random.Random) -> str:
    city = rnd.choice(CITIES)
    text = text.replace("温州", city)
    for old in ("鹿城区", "瓯海区", "龙湾区", "瑞安市", "乐清市"):
        text = text.replace(old, rnd.choice(DISTRICTS))
    text = text.replace("冯飞", rnd.choice(SURNAMES) + "".join(rnd.sample(GIVEN, rnd.choice((1, 2)))))
    for a, b in SYNONYMS:
        if rnd.random() < 0.5:
            text = text.replace(a, b)

    def number(m: re.Match[str]) -> str:
        digits = m.group()
        if len(digits) == 4 and digits.startswith("20"):
            return str(rnd.randint(2005, 2029))
        if rnd.random() < 0.2:
            return digits
        return str(rnd.randint(10 ** (len(digits) - 1) if len(digits) > 1 else 1, 10 ** len(digits) - 1))

    return re.sub(r"\d+", number, text)


def library(n: int, seed_text: str):
    rnd = random.Random(20190325)
    return [ingest_text(seed_text if i == 0 else vary(seed_text, rnd), f"report-{i:04d}.txt") for i in range(n)]


def keystrokes(query: str) -> list[str]:
    return [query[:k] for k in range(1, len(query) + 1) if query[k - 1] != " "]


def pct(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    k = min(len(values) - 1, max(0, round(p / 100 * (len(values) - 1))))
    return values[k]


def typing_latency(index: SearchIndex, limit: int, log: dict | None = None) -> dict[str, list[float]]:
    """Type every query one keystroke at a time; milliseconds per keystroke, by query kind."""
    out: dict[str, list[float]] = {}
    for kind, queries in QUERIES.items():
        times = out.setdefault(kind, [])
        for query in queries:
            for prefix in keystrokes(query):
                t = time.perf_counter()
                hits = index.query(prefix, limit=limit)
                ms = (time.perf_counter() - t) * 1000
                times.append(ms)
                if log is not None:
                    log.setdefault(query, []).append((prefix, ms, len(hits)))
    return out


def memory_of_build(reports) -> tuple[float, float]:
    """(seconds, MB retained) of one build, memory measured with tracemalloc."""
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    index = SearchIndex.build(reports)
    after, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del index
    return (after - before) / 1e6, (peak - before) / 1e6


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * 4096 / 1e6


def app_limit() -> int:
    """The result limit the app asks for (what a keystroke costs in the app)."""
    try:
        from tui.screens.main import RESULT_LIMIT
    except ImportError:  # (an older tree)
        return 50
    return RESULT_LIMIT


def seed_rounds(limit: int) -> list[float]:
    """The bundled report alone: warm up, then each keystroke's median of 5 rounds (ms)."""
    from tui.loading import load_report

    index = SearchIndex.build([load_report(None)]) if bundled_report_path().exists() else None
    if index is None:
        index = SearchIndex.build([ingest_text(bundled_raw_path().read_text(encoding="utf-8"), "seed.txt")])
    typing_latency(index, limit)
    rounds = [typing_latency(index, limit) for _ in range(5)]
    return [sorted(r[k][i] for r in rounds)[2] for k in rounds[0] for i in range(len(rounds[0][k]))]


def seed_by_kind(values: list[float]) -> dict[str, list[float]]:
    out, i = {}, 0
    for kind, queries in QUERIES.items():
        n = sum(len(keystrokes(q)) for q in queries)
        out[kind], i = values[i:i + n], i + n
    return out


def against(ref: str, limit: int, rounds: int = 3) -> tuple[list[float], list[float]]:
    """Bundled-report keystrokes (ms) of this tree and of git revision ``ref``, each the
    per-keystroke median over ``rounds`` subprocess runs, the two alternating."""
    here = Path(__file__).resolve()
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        runs: dict[str, list[list[float]]] = {"this": [], "ref": []}
        for _ in range(rounds):
            for name, root in (("this", str(ROOT)), ("ref", tmp)):
                out = subprocess.run([sys.executable, str(here), "--seed-only", "--limit", str(limit)],
                                     env={**os.environ, "BENCH_ROOT": root}, capture_output=True, text=True,
                                     check=True).stdout
                runs[name].append(json.loads(out.strip().splitlines()[-1]))
    return tuple([sorted(r[i] for r in runs[name])[len(runs[name]) // 2] for i in range(len(runs[name][0]))]
                 for name in ("this", "ref"))


def literal_latency(distinct: list[str], limit: int) -> list[float]:
    """A plain literal scan per keystroke: ``q in s`` over the distinct sentences."""
    times = []
    for queries in QUERIES.values():
        for query in queries:
            for prefix in keystrokes(query):
                t = time.perf_counter()
                found = []
                for s in distinct:
                    if prefix in s:
                        found.append(s)
                        if len(found) >= limit:
                            break
                times.append((time.perf_counter() - t) * 1000)
    return times


def row(name: str, values: list[float], digits: int = 2) -> str:
    return (f"{name:<26} {len(values):>5} {pct(values, 50):>9.{digits}f} {pct(values, 95):>9.{digits}f} "
            f"{max(values, default=0):>9.{digits}f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=1000)
    ap.add_argument("--json", action="store_true", help="end with one JSON line")
    ap.add_argument("--quick", action="store_true", help="skip the rapidfuzz and fzf baselines")
    ap.add_argument("--against", metavar="REF", help="also time the bundled report with git revision REF")
    ap.add_argument("--limit", type=int, default=None, help="results per query (default: the app's)")
    ap.add_argument("--seed-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    limit = args.limit or app_limit()
    if args.seed_only:
        print(json.dumps(seed_rounds(limit)))
        return

    seed_text = bundled_raw_path().read_text(encoding="utf-8")
    t = time.perf_counter()
    reports = library(args.reports, seed_text)
    ingest_s = time.perf_counter() - t
    sentences = [s for r in reports for sec in r.sections() for s in re.split(r"(?<=[。！？])", sec.text) if s.strip()]
    distinct = list(dict.fromkeys(sentences))
    chars = sum(len(sec.text) for r in reports for sec in r.sections())
    print(f"library: {len(reports)} reports, {len(sentences)} sentences ({len(distinct)} distinct), "
          f"{chars / 1e6:.2f} M characters (generated in {ingest_s:.1f} s); {limit} results per query")

    gc.collect()
    rss0 = rss_mb()
    t = time.perf_counter()
    index = SearchIndex.build(reports)
    build_s = time.perf_counter() - t
    rss_delta = rss_mb() - rss0
    cat = index._catalog
    print(f"index: {cat.heads.size} distinct labels/names/titles (of {len(cat.heads.owner_ids)}), "
          f"{cat.sentences.size} distinct sentences (of {len(cat.sentences.owner_ids)})")
    cold = typing_latency(index, limit)  # first round: caches cold
    log: dict[str, list] = {}
    warm = typing_latency(index, limit, log=log)  # second round: what a warm app sees
    cold_all = [x for v in cold.values() for x in v]
    warm_all = [x for v in warm.values() for x in v]
    del index
    gc.collect()
    memory_mb, peak_mb = memory_of_build(reports)

    if args.against:
        seed_all, ref_all = against(args.against, limit)
    else:
        seed_all, ref_all = seed_rounds(limit), None
    seed_latency = seed_by_kind(seed_all)

    literal = literal_latency(distinct, limit)
    naive = fzf = None
    if not args.quick:
        naive = naive_latency(distinct)
        fzf = fzf_latency(sentences)

    print(f"\nindex build: {build_s:.2f} s, {memory_mb:.0f} MB retained (tracemalloc; peak {peak_mb:.0f} MB, "
          f"RSS +{rss_delta:.0f} MB)\n")
    print("every keystroke, warm (ms, hits):")
    for kind, queries in QUERIES.items():
        for query in queries:
            steps = " ".join(f"{p}:{ms:.1f}" for p, ms, _ in log[query])
            print(f"  {kind:<9} {steps}  ({log[query][-1][2]} hits)")
    print()
    print(f"{'query kind':<10} {'keys':>5} {'cold p50':>9} {'cold p95':>9} {'warm p50':>9} {'warm p95':>9} "
          f"{'warm max':>9}   {'seed p50':>8} {'seed p95':>8}")
    for kind in QUERIES:
        c, w, sv = cold[kind], warm[kind], seed_latency[kind]
        print(f"{kind:<10} {len(w):>5} {pct(c, 50):>9.2f} {pct(c, 95):>9.2f} {pct(w, 50):>9.2f} {pct(w, 95):>9.2f} "
              f"{max(w):>9.2f}   {pct(sv, 50):>8.3f} {pct(sv, 95):>8.3f}")
    print(f"{'all':<10} {len(warm_all):>5} {pct(cold_all, 50):>9.2f} {pct(cold_all, 95):>9.2f} "
          f"{pct(warm_all, 50):>9.2f} {pct(warm_all, 95):>9.2f} {max(warm_all):>9.2f}   "
          f"{pct(seed_all, 50):>8.3f} {pct(seed_all, 95):>8.3f}")
    print(f"\n{'per keystroke, ms':<26} {'keys':>5} {'p50':>9} {'p95':>9} {'max':>9}")
    print(row(f"engine, {len(reports)} reports, cold", cold_all))
    print(row(f"engine, {len(reports)} reports, warm", warm_all))
    print(row("literal scan (q in s)", literal))
    print(row("engine, bundled report", seed_all, 3))
    if ref_all is not None:
        print(row(f"bundled report at {args.against}", ref_all, 3))
    if naive:
        print(f"\nrapidfuzz partial_ratio scan of {len(distinct)} distinct sentences, whole queries: "
              f"p50 {pct(naive, 50):.0f} ms, p95 {pct(naive, 95):.0f} ms")
    if fzf:
        print(f"fzf --filter over the same lines (process start included): p50 {pct(fzf, 50):.0f} ms, "
              f"p95 {pct(fzf, 95):.0f} ms")
    elif not args.quick:
        print("fzf: not installed")
    if args.json:
        print(json.dumps({
            "reports": len(reports), "sentences": len(sentences), "distinct_sentences": len(distinct),
            "characters": chars, "limit": limit,
            "cold_p50_ms": round(pct(cold_all, 50), 3), "cold_p95_ms": round(pct(cold_all, 95), 3),
            "p50_ms": round(pct(warm_all, 50), 3), "p95_ms": round(pct(warm_all, 95), 3),
            "max_ms": round(max(warm_all), 3), "cold_max_ms": round(max(cold_all), 3),
            "per_kind": {k: {"cold_p95_ms": round(pct(cold[k], 95), 3), "p50_ms": round(pct(warm[k], 50), 3),
                             "p95_ms": round(pct(warm[k], 95), 3)} for k in QUERIES},
            "seed_p50_ms": round(pct(seed_all, 50), 4), "seed_p95_ms": round(pct(seed_all, 95), 4),
            "against": args.against,
            "against_seed_p50_ms": round(pct(ref_all, 50), 4) if ref_all else None,
            "against_seed_p95_ms": round(pct(ref_all, 95), 4) if ref_all else None,
            "literal_p50_ms": round(pct(literal, 50), 2), "literal_p95_ms": round(pct(literal, 95), 2),
            "naive_p50_ms": round(pct(naive, 50), 1) if naive else None,
            "naive_p95_ms": round(pct(naive, 95), 1) if naive else None,
            "fzf_ms": round(pct(fzf, 50), 1) if fzf else None,
            "build_s": round(build_s, 3), "memory_mb": round(memory_mb, 1), "peak_mb": round(peak_mb, 1),
            "rss_delta_mb": round(rss_delta, 1),
        }))


def naive_latency(sentences: list[str]) -> list[float]:
    from rapidfuzz import fuzz, process

    times = []
    for queries in QUERIES.values():
        for query in queries:
            t = time.perf_counter()
            process.extract(query, sentences, scorer=fuzz.partial_ratio, limit=50)
            times.append((time.perf_counter() - t) * 1000)
    return times


def fzf_latency(sentences: list[str]) -> list[float] | None:
    exe = shutil.which("fzf")
    if exe is None:
        return None
    times = []
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as fh:
        fh.write("\n".join(s.replace("\n", " ") for s in sentences) + "\n")
        path = fh.name
    try:
        for queries in QUERIES.values():
            for query in queries:
                with open(path, "rb") as stdin:
                    t = time.perf_counter()
                    subprocess.run([exe, "--filter", query], stdin=stdin, stdout=subprocess.DEVNULL, check=False)
                    times.append((time.perf_counter() - t) * 1000)
    finally:
        Path(path).unlink(missing_ok=True)
    return times


if __name__ == "__main__":
    main()
