"""Ingest speed: the seed report, and synthetic texts of growing size (must grow linearly).

Prints a table; ``--json`` ends with one JSON line.  Side by side in the same run:

* ``floor``: decode + split into lines only (what any parser must at least do);
* ``ingest``: the full pipeline (structure, figures, measures), without pinyin keys;
* ``+pinyin``: the full pipeline with pinyin keys (what ``report-explorer ingest`` runs).

Run: ``python bench/ingest.py [--json] [--mb 10]``.  Never run by the test suite.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.ingest import ingest_bytes  # noqa: E402
from tui.ingest.decode import decode_bytes  # noqa: E402
from tui.ingest.structure import split_lines  # noqa: E402
from tui.paths import bundled_raw_path  # noqa: E402

CN = "一二三四五六七八九"


def cn(n: int) -> str:
    """1..999 as a Chinese numeral (十一, 二十三, 一百零五 is written 一百五 here: fine for markers)."""
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = (CN[hundreds - 1] + "百") if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else CN[tens - 1]) + "十"
    if ones:
        out += CN[ones - 1]
    return out


def synthetic(seed: str, megabytes: float) -> bytes:
    """A report of about ``megabytes`` MB: the seed's section bodies under many chapters."""
    bodies = [line[3:] for line in seed.splitlines() if line.startswith("(")]
    lines = ["某市人民政府关于2025年度工作情况的报告"]
    target = int(megabytes * 1024 * 1024)
    size, chapter, k = 0, 0, 0
    while size < target:
        chapter += 1
        heading = f"{cn(chapter)}、第{chapter}项工作的总体情况"
        lines.append(heading)
        size += len(heading.encode())
        for s in range(1, 60):
            body = bodies[k % len(bodies)].replace("2018", str(1900 + k % 200))
            k += 1
            lines.append(f"({cn(s)}){body}")
            size += len(lines[-1].encode())
            if size >= target:
                break
    lines += ["某市人民政府", "2026年1月1日"]
    return "\n".join(lines).encode("utf-8")


def best_of(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        func()
        times.append(time.perf_counter() - t0)
    return min(times) if repeat < 5 else statistics.median(times)


def measure(raw: bytes, repeat: int) -> dict:
    def floor():
        split_lines(decode_bytes(raw).text)

    row = {
        "mb": len(raw) / 1024 / 1024,
        "floor_s": best_of(floor, repeat),
        "ingest_s": best_of(lambda: ingest_bytes(raw, "b.txt", with_pinyin=False), repeat),
        "pinyin_s": best_of(lambda: ingest_bytes(raw, "b.txt", with_pinyin=True), repeat),
    }
    row["ingest_s_per_mb"] = row["ingest_s"] / row["mb"]
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    parser.add_argument("--mb", type=float, default=10.0, help="largest synthetic size (MB)")
    args = parser.parse_args()
    seed_raw = bundled_raw_path().read_bytes()
    ingest_bytes(seed_raw, "warm.txt")  # warm imports and pypinyin's dictionary
    rows = [("seed", measure(seed_raw, 30))]
    seed = seed_raw.decode("utf-8")
    for mb in (args.mb / 10, args.mb / 2, args.mb):
        rows.append((f"synthetic {mb:g} MB", measure(synthetic(seed, mb), 1)))
    print(f"{'text':<20} {'MB':>7} {'floor ms':>10} {'ingest ms':>10} {'+pinyin ms':>11} {'ingest ms/MB':>13}")
    for name, r in rows:
        print(f"{name:<20} {r['mb']:>7.2f} {r['floor_s'] * 1e3:>10.1f} {r['ingest_s'] * 1e3:>10.1f} "
              f"{r['pinyin_s'] * 1e3:>11.1f} {r['ingest_s_per_mb'] * 1e3:>13.1f}")
    small, large = rows[1][1], rows[-1][1]
    growth = (large["ingest_s"] / small["ingest_s"]) / (large["mb"] / small["mb"])
    print(f"growth factor (time ratio / size ratio, 1.0 = linear): {growth:.2f}")
    if args.json:
        seed_row = rows[0][1]
        print(json.dumps({
            "seed_ms": round(seed_row["ingest_s"] * 1e3, 2),
            "seed_with_pinyin_ms": round(seed_row["pinyin_s"] * 1e3, 2),
            "seed_floor_ms": round(seed_row["floor_s"] * 1e3, 3),
            "large_mb": round(large["mb"], 2),
            "large_s": round(large["ingest_s"], 3),
            "ms_per_mb": round(large["ingest_s_per_mb"] * 1e3, 1),
            "linear_growth": round(growth, 2),
        }))


if __name__ == "__main__":
    main()
