"""Ingest time, peak memory and report-JSON size: sparse and figure-dense texts, 1-10 MB.

Prints a table; ``--json`` ends with one JSON line.  Side by side in the same run, each
in a fresh subprocess (so peak RSS is the row's own):

* ``floor``: read + decode + split into lines only (what any parser must at least do);
* ``ingest``: the full pipeline without pinyin keys, in process (``ingest_bytes``);
* ``ingest -o``: what ``report-explorer ingest RAW -o OUT.json`` does: the pipeline with
  pinyin keys and the report JSON, checked against the JSON limit and written.

Two synthetic texts, every sentence distinct (numbers, places, subjects and units drawn
from a vocabulary, seeded: the same text on every run):

* ``sparse``: a 法治政府建设 report's prose, a figure in about one sentence of two,
  chapters of (一)(二) sections (like the bundled report: one figure per ~170 bytes);
* ``dense``: a 统计公报: every clause a figure and its change (全市规模以上工业增加值
  2203.5亿元，比上年增长6.3%；其中…), one figure per ~32 bytes.

Run: ``python bench/ingest.py [--json] [--mb 10]``.  Never run by the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CN = "一二三四五六七八九"


def cn(n: int) -> str:
    """1..999 as a Chinese numeral (一百零五 is written 一百五 here: fine for markers)."""
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = (CN[hundreds - 1] + "百") if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else CN[tens - 1]) + "十"
    if ones:
        out += CN[ones - 1]
    return out


# --------------------------------------------------------------------------------------
# vocabulary
# --------------------------------------------------------------------------------------
PLACES = ("全市 全省 全区 市区 县域 城镇 农村 开发区 高新区 沿海地区 山区 东部片区 西部片区 主城区 新城区 "
          "北部湾区 南部新区 老城区 港区 经济带").split()
#: (subject, unit, low, high, decimals): totals of a statistical bulletin
TOTALS = [
    ("地区生产总值", "亿元", 800, 9000, 1), ("规模以上工业增加值", "亿元", 200, 3000, 1),
    ("社会消费品零售总额", "亿元", 300, 4000, 1), ("固定资产投资", "亿元", 300, 5000, 1),
    ("一般公共预算收入", "亿元", 50, 900, 2), ("一般公共预算支出", "亿元", 60, 1200, 2),
    ("货物进出口总额", "亿元", 100, 3000, 1), ("实际利用外资", "亿美元", 1, 80, 2),
    ("粮食总产量", "万吨", 20, 600, 1), ("蔬菜产量", "万吨", 10, 400, 1), ("肉类总产量", "万吨", 5, 90, 1),
    ("全社会用电量", "亿千瓦时", 100, 900, 1), ("旅客运输量", "万人次", 500, 9000, 0),
    ("货物运输量", "万吨", 500, 20000, 0), ("快递业务量", "亿件", 1, 60, 2), ("接待游客", "万人次", 800, 12000, 0),
    ("旅游总收入", "亿元", 100, 2000, 1), ("城镇新增就业", "万人", 2, 40, 2), ("常住人口", "万人", 100, 1500, 1),
    ("金融机构本外币存款余额", "亿元", 2000, 30000, 1), ("金融机构本外币贷款余额", "亿元", 2000, 30000, 1),
    ("商品房销售面积", "万平方米", 100, 2000, 1), ("房地产开发投资", "亿元", 100, 2000, 1),
    ("研究与试验发展经费支出", "亿元", 10, 600, 1), ("专利授权量", "件", 2000, 90000, 0),
    ("高新技术企业", "家", 300, 9000, 0), ("规模以上工业企业", "家", 800, 12000, 0),
    ("普通高校在校生", "万人", 2, 60, 1), ("医疗卫生机构床位", "张", 8000, 90000, 0),
    ("卫生技术人员", "万人", 1, 20, 2), ("公共图书馆藏书", "万册", 200, 3000, 0),
]
RATES = [("城市污水处理率", 85, 99), ("森林覆盖率", 20, 70), ("空气质量优良天数比例", 70, 99),
         ("城镇化率", 50, 80), ("居民消费价格指数涨幅", 0, 4), ("调查失业率", 3, 6)]
#: (part, unit, the total it is a share of)
PARTS = [
    ("第一产业增加值", "亿元", "地区生产总值"), ("第二产业增加值", "亿元", "地区生产总值"),
    ("第三产业增加值", "亿元", "地区生产总值"), ("高技术制造业增加值", "亿元", "规模以上工业增加值"),
    ("装备制造业增加值", "亿元", "规模以上工业增加值"), ("战略性新兴产业增加值", "亿元", "规模以上工业增加值"),
    ("城镇消费品零售额", "亿元", "社会消费品零售总额"), ("乡村消费品零售额", "亿元", "社会消费品零售总额"),
    ("网上零售额", "亿元", "社会消费品零售总额"), ("出口", "亿元", "货物进出口总额"), ("进口", "亿元", "货物进出口总额"),
    ("工业投资", "亿元", "固定资产投资"), ("基础设施投资", "亿元", "固定资产投资"), ("民间投资", "亿元", "固定资产投资"),
    ("税收收入", "亿元", "一般公共预算收入"), ("民生支出", "亿元", "一般公共预算支出"),
    ("住宅销售面积", "万平方米", "商品房销售面积"), ("国内游客", "万人次", "接待游客"), ("入境游客", "万人次", "接待游客"),
    ("新能源汽车产量", "万辆", ""), ("集成电路产量", "亿块", ""), ("早稻产量", "万吨", "粮食总产量"),
    ("生猪出栏", "万头", ""), ("水产品产量", "万吨", ""), ("发明专利授权量", "件", "专利授权量"),
]
PER_HEAD = [("城镇居民人均可支配收入", 30000, 80000), ("农村居民人均可支配收入", 15000, 45000),
            ("城镇居民人均消费支出", 20000, 50000), ("农村居民人均消费支出", 10000, 30000),
            ("在岗职工平均工资", 60000, 150000)]
DONE = [("新建5G基站", "个"), ("新增市场主体", "万户"), ("新开工重大项目", "个"), ("建成美丽乡村示范村", "个"),
        ("新增城镇保障性住房", "套"), ("举办促消费活动", "场次"), ("新增国家级专精特新企业", "家"),
        ("改造老旧小区", "个"), ("新建改建农村公路", "公里"), ("新增绿地面积", "万平方米"), ("新增养老床位", "张"),
        ("办理行政复议案件", "件"), ("审结行政诉讼案件", "件"), ("培训执法人员", "人次"), ("开展普法活动", "场")]
LEADS = ("", "", "全年", "年末", "其中，", "全年实现", "初步核算，", "按可比价格计算，")
BULLETIN_CHAPTERS = ("综合", "农业", "工业和建筑业", "固定资产投资", "国内贸易", "对外经济", "交通、邮电和旅游",
                     "财政和金融", "教育和科学技术", "文化、卫生和体育", "人口、人民生活和社会保障", "资源、环境和安全生产")
# the prose of a 法治政府建设 report
AGENTS = ("市政府 各县（市、区） 市司法局 市市场监管局 市自然资源局 市生态环境局 市综合行政执法局 市教育局 市卫健委 "
          "市交通运输局 市住建局 市人力社保局 各乡镇（街道） 市级各部门 市应急管理局 市公安局 市税务局 市民政局").split()
DOINGS = ("深入推进 全面加强 持续完善 扎实开展 积极探索 稳步推进 认真落实 大力实施 不断健全 切实强化 "
          "加快建设 有序推进 严格执行 统筹推进 着力提升").split()
THINGS = ("法治政府建设 行政执法规范化 重大行政决策程序制度 “最多跑一次”改革 行政复议体制改革 公平竞争审查 "
          "政务公开标准化 行政规范性文件合法性审核 “双随机、一公开”监管 府院联动机制 行政争议实质性化解 "
          "法律顾问制度 营商环境优化 信用监管体系 知识产权保护 矛盾纠纷多元化解 基层法治建设 执法队伍建设 "
          "行政执法“三项制度” 综合行政执法改革 普法责任制 “枫桥经验” 公共法律服务体系 政府信息公开").split()
RESULTS = ("取得明显成效 形成长效机制 群众满意度进一步提升 工作水平显著提高 实现全覆盖 走在全省前列 "
           "经验做法被推广 有力保障了经济社会发展 得到上级充分肯定 制度体系更加完备").split()
WAYS = ("建立健全工作台账 完善考核评价办法 开展专项督查 组织业务培训 推行清单化管理 强化数字化赋能 "
        "落实责任分工 实行闭环管理 开展第三方评估 建立容错纠错机制 推进跨部门协同 畅通群众监督渠道").split()


def _num(rnd: random.Random, lo: float, hi: float, dec: int) -> str:
    v = rnd.uniform(lo, hi)
    return f"{v:.{dec}f}" if dec else str(int(v))


def _change(rnd: random.Random) -> str:
    if rnd.random() < 0.8:
        return f"{rnd.choice(('增长', '比上年增长', '同比增长'))}{rnd.uniform(0.1, 25):.1f}%"
    return f"{rnd.choice(('下降', '比上年下降'))}{rnd.uniform(0.1, 15):.1f}%"


def bulletin_sentence(rnd: random.Random) -> str:
    """One sentence of a 统计公报: nearly every clause a figure."""
    kind, place = rnd.random(), rnd.choice(PLACES)
    if kind < 0.45:  # a total, its change, and one to three parts with theirs
        subject, unit, lo, hi, dec = rnd.choice(TOTALS)
        out = f"{rnd.choice(LEADS)}{place}{subject}{_num(rnd, lo, hi, dec)}{unit}，{_change(rnd)}"
        for part, punit, _ in rnd.sample(PARTS, rnd.randint(1, 3)):
            out += f"；{rnd.choice(('其中', '', ''))}{part}{_num(rnd, 1, hi / 3, dec)}{punit}，{_change(rnd)}"
        return out + "。"
    if kind < 0.6:  # a share and its change in points
        part, _, total = rnd.choice([p for p in PARTS if p[2]])
        return (f"{part}占{place}{total}的比重为{rnd.uniform(1, 60):.1f}%，比上年"
                f"{rnd.choice(('提高', '下降'))}{rnd.uniform(0.1, 4):.1f}个百分点。")
    if kind < 0.68:  # a rate
        subject, lo, hi = rnd.choice(RATES)
        return (f"{place}{subject}{rnd.uniform(lo, hi):.1f}%，比上年{rnd.choice(('提高', '下降'))}"
                f"{rnd.uniform(0.1, 3):.1f}个百分点。")
    if kind < 0.8:  # incomes per head
        subject, lo, hi = rnd.choice(PER_HEAD)
        return f"{place}{subject}{rnd.randint(lo, hi)}元，{_change(rnd)}，扣除价格因素实际{_change(rnd)}。"
    if kind < 0.92:  # counts of things done
        clauses = [f"{name}{rnd.randint(2, 3000)}{unit}" for name, unit in rnd.sample(DONE, rnd.randint(2, 4))]
        return f"{rnd.randint(2015, 2025)}年，{place}" + "，".join(clauses) + "。"
    subject, unit, lo, hi, dec = rnd.choice(TOTALS)  # from → to over a plan period
    a, b = sorted((round(rnd.uniform(lo, hi), dec or 1), round(rnd.uniform(lo, hi), dec or 1)))
    return f"“十四五”期间，{place}{subject}从{a:g}{unit}提高到{b:g}{unit}，年均{_change(rnd)}。"


def prose_sentence(rnd: random.Random) -> str:
    """One sentence of a 法治政府建设 report: mostly prose, a figure in about one in two."""
    agent, doing, thing = rnd.choice(AGENTS), rnd.choice(DOINGS), rnd.choice(THINGS)
    out = f"{agent}{doing}{thing}，{rnd.choice(WAYS)}，{rnd.choice(WAYS)}"
    if rnd.random() < 0.5:
        name, unit = rnd.choice(DONE)
        out += f"，全年{name}{rnd.randint(3, 9000)}{unit}"
        if rnd.random() < 0.4:
            out += f"，{_change(rnd)}"
    return out + f"，{rnd.choice(RESULTS)}。"


def synthetic(kind: str, megabytes: float, seed: int = 2025) -> bytes:
    """A report of about ``megabytes`` MB (MiB) whose sentences are all distinct.

    ``dense``: chapters like a 统计公报's (综合, 农业 …, then again), each a lead-in and
    10-30 (一)(二) sections of 2-8 paragraphs; ``sparse``: the same outline, prose."""
    rnd = random.Random(f"{kind}-{seed}")
    make = bulletin_sentence if kind == "dense" else prose_sentence
    target = int(megabytes * 1024 * 1024)
    head = ["某市2025年国民经济和社会发展统计公报" if kind == "dense" else "某市人民政府关于2025年度法治政府建设工作情况的报告"]
    tail = ["某市统计局" if kind == "dense" else "某市人民政府", "2026年3月1日"]
    lines, size, seen = list(head), sum(len(x.encode()) + 1 for x in head + tail), set()

    def paragraph() -> str:
        out: list[str] = []
        for _ in range(rnd.randint(3, 8)):
            sentence = make(rnd)
            while sentence in seen:
                sentence = make(rnd)
            seen.add(sentence)
            out.append(sentence)
        return "".join(out)

    chapter = 0
    while size < target and chapter < 999:
        chapter += 1
        topic = BULLETIN_CHAPTERS[(chapter - 1) % len(BULLETIN_CHAPTERS)] if kind == "dense" else \
            f"{rnd.choice(DOINGS)}{rnd.choice(THINGS)}"
        block = [f"{cn(chapter)}、{topic}"] + [paragraph() for _ in range(rnd.randint(1, 3))]
        for s in range(1, rnd.randint(10, 30)):
            block.append(f"（{cn(s)}）{rnd.choice(PLACES)}{rnd.choice(PARTS)[0]}情况" if kind == "dense"
                         else f"（{cn(s)}）{rnd.choice(DOINGS)}{rnd.choice(THINGS)}。")
            block += [paragraph() for _ in range(rnd.randint(2, 8))]
        for line in block:
            size += len(line.encode()) + 1
            lines.append(line)
            if size >= target:
                break
    return "\n".join(lines + tail).encode("utf-8")


# --------------------------------------------------------------------------------------
# one measurement, in a subprocess of its own
# --------------------------------------------------------------------------------------
def _one(mode: str, path: str) -> dict:
    """Run ``mode`` on the file once; seconds, peak RSS (MB), JSON bytes, figures."""
    from tui.errors import ReportError
    from tui.ingest import ingest_bytes, ingest_file
    from tui.ingest.decode import decode_bytes, read_bytes
    from tui.ingest.pipeline import report_json
    from tui.ingest.structure import split_lines

    if mode == "ingest -o":
        import pypinyin.pinyin_dict  # noqa: F401  (imported before the clock starts, as in the CLI)
    out: dict = {"refused": None, "json_bytes": None, "figures": None, "base_mb": _rss_mb()}
    t0, c0 = time.perf_counter(), time.process_time()
    try:
        if mode == "floor":
            split_lines(decode_bytes(read_bytes(Path(path))).text)
        elif mode == "ingest":
            report = ingest_bytes(read_bytes(Path(path)), "b.txt", with_pinyin=False)
            out["figures"] = len(report.figures())
        else:
            report = ingest_file(path)
            text = report_json(report, path)
            data = text.encode("utf-8")
            with open(path + ".json", "wb") as handle:
                handle.write(data)
            out["json_bytes"], out["figures"] = len(data), len(report.figures())
    except ReportError as err:
        out["refused"] = str(err).split(": ", 1)[-1]
    out["wall_s"], out["s"] = time.perf_counter() - t0, time.process_time() - c0
    out["peak_mb"] = _status_mb("VmHWM")
    return out


def _status_mb(field: str) -> float:
    """``VmRSS`` / ``VmHWM`` (peak RSS) of this process in MB.  Not ``ru_maxrss``, which
    keeps the parent's resident size from before ``exec``."""
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def _rss_mb() -> float:
    """Resident memory now (MB), after the imports: a row's peak less this is its own."""
    return _status_mb("VmRSS")


def run_one(mode: str, path: str) -> dict:
    done = subprocess.run([sys.executable, __file__, "--one", mode, path], capture_output=True, text=True,
                          check=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    return json.loads(done.stdout.splitlines()[-1])


def seed_ms(repeat: int = 30) -> tuple[float, float]:
    """Median ms of ingest of the bundled report, without and with pinyin keys (warm)."""
    from tui.ingest import ingest_bytes
    from tui.paths import bundled_raw_path

    raw = bundled_raw_path().read_bytes()
    ingest_bytes(raw, "warm.txt")
    out = []
    for with_pinyin in (False, True):
        times = []
        for _ in range(repeat):
            t0 = time.process_time()
            ingest_bytes(raw, "seed.txt", with_pinyin=with_pinyin)
            times.append(time.process_time() - t0)
        out.append(statistics.median(times) * 1e3)
    return out[0], out[1]


def growth(rows: list[dict], key: str) -> float | None:
    """(value ratio) / (size ratio) from the smallest to the largest accepted row: 1.0 = linear."""
    ok = [r for r in rows if r["ingest -o"]["refused"] is None]
    if len(ok) < 2:
        return None
    small, large = ok[0], ok[-1]
    return (large[key] / small[key]) / (large["mb"] / small["mb"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    parser.add_argument("--mb", type=float, default=10.0, help="largest synthetic size (MB); also its 1/10 and 1/2")
    parser.add_argument("--one", nargs=2, metavar=("MODE", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(_one(*args.one)))
        return
    from tui.ingest.decode import MAX_BYTES, MAX_JSON_BYTES

    seed_plain, seed_pinyin = seed_ms()
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        for kind in ("sparse", "dense"):
            for mb in (args.mb / 10, args.mb / 2, args.mb):
                path = os.path.join(tmp, f"{kind}-{mb:g}.txt")
                raw = synthetic(kind, mb)
                Path(path).write_bytes(raw)
                del raw
                row = {"text": kind, "mb": os.path.getsize(path) / 2**20}
                for mode in ("floor", "ingest", "ingest -o"):
                    row[mode] = run_one(mode, path)
                for mode in ("floor", "ingest", "ingest -o"):
                    row[mode]["own_mb"] = row[mode]["peak_mb"] - row[mode]["base_mb"]
                full = row["ingest -o"]
                row["s"], row["peak_mb"], row["own_mb"] = full["s"], full["peak_mb"], full["own_mb"]
                rows.append(row)
                if os.path.exists(path + ".json"):
                    os.remove(path + ".json")

    print(f"seed report: ingest {seed_plain:.1f} ms, with pinyin keys {seed_pinyin:.1f} ms (median of 30)")
    print(f"limits: text {MAX_BYTES // 2**20} MB, report JSON {MAX_JSON_BYTES // 2**20} MB")
    print("CPU seconds (the machine is shared: wall time varies with its load); +MB is the peak RSS")
    print("less the RSS after imports; peak is the whole process's peak RSS")
    print(f"{'text':<7} {'MB':>6} | {'floor s':>7} {'+MB':>5} | {'ingest s':>8} {'+MB':>5} | "
          f"{'ingest -o s':>11} {'+MB':>5} {'peak':>5} {'JSON MB':>7} {'JSON/text':>9} {'figures':>8} {'s/MB':>5}")
    for r in rows:
        f, i, o = r["floor"], r["ingest"], r["ingest -o"]
        head = (f"{r['text']:<7} {r['mb']:>6.2f} | {f['s']:>7.2f} {f['own_mb']:>5.0f} | "
                f"{i['s']:>8.2f} {i['own_mb']:>5.0f} | {o['s']:>11.2f} {o['own_mb']:>5.0f} {o['peak_mb']:>5.0f} ")
        if o["refused"]:
            print(head + f"refused: {o['refused']}")
        else:
            jmb = o["json_bytes"] / 2**20
            print(head + f"{jmb:>7.1f} {jmb / r['mb']:>9.1f} {o['figures']:>8} {o['s'] / r['mb']:>5.2f}")
    summary = {}
    for kind in ("sparse", "dense"):
        mine = [r for r in rows if r["text"] == kind]
        g_time, g_mem = growth(mine, "s"), growth(mine, "own_mb")
        ok = [r for r in mine if r["ingest -o"]["refused"] is None]
        summary[kind] = {
            "time_growth": None if g_time is None else round(g_time, 2),
            "memory_growth": None if g_mem is None else round(g_mem, 2),
            "s_per_mb": round(max(r["s"] / r["mb"] for r in ok), 2) if ok else None,
            "json_per_text": round(max(r["ingest -o"]["json_bytes"] / 2**20 / r["mb"] for r in ok), 1) if ok else None,
        }
        print(f"{kind}: time ratio / size ratio {g_time if g_time is None else round(g_time, 2)}, "
              f"memory (+MB) ratio / size ratio {g_mem if g_mem is None else round(g_mem, 2)} "
              f"(smallest → largest accepted size; 1.0 = linear, under 1 = fixed costs)")
    if args.json:
        print(json.dumps({
            "seed_ms": round(seed_plain, 2),
            "seed_with_pinyin_ms": round(seed_pinyin, 2),
            "max_text_mb": MAX_BYTES // 2**20,
            "max_json_mb": MAX_JSON_BYTES // 2**20,
            "rows": [{
                "text": r["text"], "mb": round(r["mb"], 2),
                "floor_s": round(r["floor"]["s"], 3), "floor_own_mb": round(r["floor"]["own_mb"], 1),
                "ingest_s": round(r["ingest"]["s"], 3), "ingest_own_mb": round(r["ingest"]["own_mb"], 1),
                "full_s": round(r["s"], 3), "full_wall_s": round(r["ingest -o"]["wall_s"], 3),
                "full_own_mb": round(r["own_mb"], 1), "full_peak_mb": round(r["peak_mb"], 1),
                "json_mb": None if r["ingest -o"]["json_bytes"] is None else round(r["ingest -o"]["json_bytes"] / 2**20, 2),
                "figures": r["ingest -o"]["figures"], "refused": r["ingest -o"]["refused"],
            } for r in rows],
            **{f"{kind}_{k}": v for kind, values in summary.items() for k, v in values.items()},
        }, ensure_ascii=False))


if __name__ == "__main__":
    main()
