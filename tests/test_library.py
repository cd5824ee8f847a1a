"""A library of reports: folder scan, ingest cache by sha256, catalog (place, year, kind),
the ``library`` / ``figures DIR`` / ``export-db`` commands and ``report-explorer DIR``.

The library is made from the real corpus texts and the bundled report's raw text; the
expected place, year and kind of each were read from the texts (title, issuer line,
the speech's dateline), not from what the code returns.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import CORPUS
from tests.gold_figures import GOLD
from tui.cli import main
from tui.ingest import pipeline
from tui.library import open_library
from tui.library.cache import CACHE_ENV, CatalogStore, ReportCache
from tui.library.catalog import derive_kind
from tui.library.place import place_of_body
from tui.paths import bundled_raw_path, bundled_report_path

#: (file name, place, year, kind) — read from each text by hand
EXPECTED = {
    "national-2018-government-work-report": ("全国", 2018, "政府工作报告"),  # 国务院总理 李克强, 2018年3月5日
    "shuyang-2025-information-disclosure-annual-report": ("沐阳", 2025, "政府信息公开年报"),  # 沐阳县人民政府 2025 年
    "sichuan-2026-government-work-report": ("四川", 2026, "政府工作报告"),  # 2026年四川省人民政府工作报告
    "wenzhou-2018-rule-of-law": ("温州", 2018, "法治政府建设"),  # 温州市人民政府关于2018年度法治政府建设…
}


def make_library(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for path in [*CORPUS, bundled_raw_path()]:
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def warm(tmp_path_factory):
    """A library folder and a cache that has ingested it once: (folder, cache dir)."""
    root = tmp_path_factory.mktemp("lib")
    folder = make_library(root / "reports")
    cache = root / "cache"
    lib = open_library([folder], cache_root=cache)
    assert lib.stats.ingested == 4 and not lib.skipped
    return folder, cache


@pytest.fixture
def copied(warm, tmp_path, monkeypatch):
    """A private copy of the warm library and its cache (safe to change), cache env set."""
    folder, cache = warm
    shutil.copytree(folder, tmp_path / "reports")
    shutil.copytree(cache, tmp_path / "cache")
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "reports", tmp_path / "cache"


@pytest.fixture
def ingests(monkeypatch):
    """The names of the raw texts ingested (the real ingest still runs)."""
    calls: list[str] = []
    real = pipeline.ingest_bytes

    def counting(raw, name="report.txt", **kwargs):
        calls.append(name)
        return real(raw, name, **kwargs)

    monkeypatch.setattr(pipeline, "ingest_bytes", counting)
    return calls


def by_id(lib):
    return {e.id: e for e in lib.entries}


# ---- catalog ---------------------------------------------------------------------------

def test_catalog_place_year_kind_of_each_report(warm):
    folder, cache = warm
    lib = open_library([folder], cache_root=cache)
    got = {e.id: (e.place, e.year, e.kind) for e in lib.entries}
    assert got == EXPECTED
    wenzhou = by_id(lib)["wenzhou-2018-rule-of-law"]
    assert wenzhou.title == "温州市人民政府关于2018年度法治政府建设工作情况的报告"
    assert wenzhou.issuer == "温州市人民政府" and wenzhou.issued_on == "2019-03-25"
    assert (wenzhou.chapters, wenzhou.sections) == (7, 20)
    assert wenzhou.path == str(folder / "wenzhou-2018-rule-of-law.txt")
    assert by_id(lib)["national-2018-government-work-report"].chapters == 3


@pytest.mark.parametrize("body, place", [
    ("温州市人民政府", "温州"), ("四川省人民政府", "四川"), ("国务院", "全国"), ("国家统计局", "全国"),
    ("浙江省温州市鹿城区人民政府", "鹿城"), ("黔东南苗族侗族自治州统计局", "黔东南"), ("广西壮族自治区人民政府", "广西"),
    ("新疆维吾尔自治区统计局", "新疆"), ("上海市人民政府办公厅", "上海"), ("沭阳县发展和改革局", "沭阳"),
    ("和县人民政府", "和县"), ("2026年四川省人民政府工作报告", "四川"), ("政府工作报告", None),
    ("关于2018年度法治政府建设工作情况的报告", None),
    ("第三次全国工业普查办公室", "全国"), ("全国人民代表大会常务委员会", "全国"),
    ("温州市全国文明城市创建工作领导小组办公室", "温州"), ("关于全国文明城市创建工作情况的报告", None),
])
def test_place_rule(body, place):
    assert place_of_body(body) == place


@pytest.mark.parametrize("title, kind", [
    ("2023年黔东南州国民经济和社会发展统计公报", "统计公报"),
    ("第三次全国工业普查主要数据公报", "统计公报"), ("第七次全国人口普查公报（第一号）", "统计公报"),
    ("上海市人民政府办公厅2025年政府信息公开工作年度报告", "政府信息公开年报"),
    ("2025年上海市政府工作报告", "政府工作报告"),
    ("温州市人民政府关于2018年度法治政府建设工作情况的报告", "法治政府建设"),
    ("关于2024年本级预算执行情况和2025年预算草案的报告", "预算报告"),
    ("信息内容 本年处理决定数量", None),
])
def test_kind_from_title(title, kind):
    assert derive_kind(title) == kind


def test_load_by_id_gives_the_full_report(warm):
    folder, cache = warm
    lib = open_library([folder], cache_root=cache)
    report = lib.load("wenzhou-2018-rule-of-law")
    assert report.id == "wenzhou-2018-rule-of-law"
    assert any(f.raw == "17.3%" and f.section == "6.1" for f in report.figures())
    assert len(report.figures()) == by_id(lib)["wenzhou-2018-rule-of-law"].figures
    assert report.pinyin  # cached with the pinyin keys search needs


# ---- cache -----------------------------------------------------------------------------

def test_second_open_ingests_nothing_and_reads_no_report(copied, ingests, monkeypatch):
    folder, cache = copied
    _age(folder)
    first = open_library([folder], cache_root=cache)  # new roots: hashed, found in the report cache
    assert ingests == [] and first.stats.from_cache == 4
    reads: list[str] = []
    monkeypatch.setattr(ReportCache, "get", lambda self, sha: reads.append(sha))
    # files older than the catalog's scan are trusted from their size/mtime/inode
    old = os.stat(folder).st_mtime - 10
    for path in folder.iterdir():
        os.utime(path, (old, old))
    open_library([folder], cache_root=cache)
    again = open_library([folder], cache_root=cache)
    assert ingests == [] and reads == []
    assert again.stats.trusted == 4 and again.stats.hashed == 0
    assert [e.to_dict() for e in again.entries] == [e.to_dict() for e in first.entries]


def test_changed_file_is_reingested_and_deleted_one_is_gone(copied, ingests):
    folder, cache = copied
    raw = folder / "wenzhou-2018-rule-of-law.txt"
    raw.write_text(raw.read_text(encoding="utf-8").replace("纠错率17.3%", "纠错率19.6%"), encoding="utf-8")
    (folder / "sichuan-2026-government-work-report.txt").unlink()
    lib = open_library([folder], cache_root=cache)
    assert ingests == ["wenzhou-2018-rule-of-law.txt"]
    assert "sichuan-2026-government-work-report" not in by_id(lib) and len(lib.entries) == 3
    figures = [f.raw for f in lib.load("wenzhou-2018-rule-of-law").figures() if f.section == "6.1"]
    assert "19.6%" in figures and "17.3%" not in figures


def test_changed_ingest_code_reingests_everything(copied, ingests, monkeypatch):
    """A rule of ingest changed (a new release, an edited checkout): the cache made by the old
    code is not read, every report is ingested again with the new one."""
    from tui.library import cache as cache_module

    folder, cache = copied
    monkeypatch.setattr(cache_module, "ingest_fingerprint", lambda: "1-changedcode")
    lib = open_library([folder], cache_root=cache)
    assert sorted(ingests) == sorted(path.name for path in folder.iterdir())
    assert lib.stats.from_cache == 0 and len(lib.entries) == 4


def test_the_fingerprint_follows_the_bytes_of_the_code(tmp_path):
    from tui.library.cache import fingerprint, ingest_fingerprint

    rule = tmp_path / "rule.py"
    rule.write_text("LIMIT = 24\n", encoding="utf-8")
    before = fingerprint([rule])
    assert fingerprint([rule]) == before and len(before) == 12
    rule.write_text("LIMIT = 25\n", encoding="utf-8")
    assert fingerprint([rule]) != before
    assert fingerprint([rule], "pypinyin 0.55") != fingerprint([rule], "pypinyin 0.56")
    assert ReportCache(tmp_path).root.name == f"reports-i{ingest_fingerprint()}-s1"


def test_corrupt_cache_entry_is_remade_not_trusted(copied, ingests):
    folder, cache = copied
    sha = open_library([folder], cache_root=cache).entry("wenzhou-2018-rule-of-law").sha256
    entry = ReportCache(cache).path(sha)
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text[: len(text) // 2], encoding="utf-8")  # a torn write
    for catalog in (cache).glob("catalogs-*/*.json"):
        catalog.write_text('{"version": 1, "files": [', encoding="utf-8")  # a corrupt catalog too
    lib = open_library([folder], cache_root=cache)
    assert ingests == ["wenzhou-2018-rule-of-law.txt"]
    assert len(lib.load("wenzhou-2018-rule-of-law").figures()) == len(GOLD)
    assert ReportCache(cache).get(sha) is not None  # re-made


def _catalog(folder: Path, cache: Path) -> tuple[Path, dict]:
    """The stored catalog of ``folder``: its path and its JSON (after the checksum line)."""
    path = CatalogStore([os.path.abspath(folder)], cache).path
    return path, json.loads(path.read_bytes().partition(b"\n")[2])


def _age(folder: Path) -> None:
    """Files last changed an hour ago: past the catalog's racy window, so its rows are used."""
    for path in folder.iterdir():
        os.utime(path, (path.stat().st_atime - 3600, path.stat().st_mtime - 3600))


def test_catalog_edited_by_hand_is_not_trusted(copied, ingests):
    folder, cache = copied
    _age(folder)
    first = open_library([folder], cache_root=cache)
    figures = first.entry("wenzhou-2018-rule-of-law").figures
    assert figures == len(GOLD)
    path, data = _catalog(folder, cache)
    (row,) = [r for p, r in data["files"].items() if p.endswith("wenzhou-2018-rule-of-law.txt")]
    assert row["entry"][9] == figures  # (the row's values in Entry's order: figures is the 10th)
    row["entry"][9] = 999
    digest = path.read_bytes().partition(b"\n")[0]  # the checksum of the bytes before the edit
    path.write_bytes(digest + b"\n" + json.dumps(data).encode("ascii"))
    lib = open_library([folder], cache_root=cache)
    assert lib.entry("wenzhou-2018-rule-of-law").figures == len(GOLD)
    assert (lib.stats.trusted, lib.stats.hashed, lib.stats.from_cache, ingests) == (0, 4, 4, [])


def test_catalog_row_of_another_shape_is_read_again(copied, ingests):
    """A catalog whose checksum holds but one of whose rows is not a row (a writer's bug):
    that file alone is read again."""
    folder, cache = copied
    _age(folder)
    assert open_library([folder], cache_root=cache).stats.trusted == 0  # (copies: other inodes)
    assert open_library([folder], cache_root=cache).stats.trusted == 4
    path, data = _catalog(folder, cache)
    (row,) = [r for p, r in data["files"].items() if p.endswith("sichuan-2026-government-work-report.txt")]
    del row["entry"][-1]
    body = json.dumps(data).encode("ascii")
    path.write_bytes(hashlib.sha256(body).hexdigest().encode("ascii") + b"\n" + body)
    lib = open_library([folder], cache_root=cache)
    assert (lib.stats.trusted, lib.stats.hashed, ingests) == (3, 1, [])
    assert lib.entry("sichuan-2026-government-work-report").place == "四川"


def test_cache_entry_of_other_bytes_is_not_trusted(copied, ingests):
    folder, cache = copied
    lib = open_library([folder], cache_root=cache)
    a, b = lib.entry("wenzhou-2018-rule-of-law").sha256, lib.entry("sichuan-2026-government-work-report").sha256
    shutil.copy(ReportCache(cache).path(b), ReportCache(cache).path(a))  # another report filed under a's hash
    shutil.rmtree(next(cache.glob("catalogs-*")))
    lib = open_library([folder], cache_root=cache)
    assert ingests == ["wenzhou-2018-rule-of-law.txt"]
    assert lib.entry("wenzhou-2018-rule-of-law").place == "温州"


def test_no_cache_writes_nothing(tmp_path, ingests):
    folder = make_library(tmp_path / "reports")
    lib = open_library([folder], use_cache=False, cache_root=tmp_path / "cache")
    assert len(ingests) == 4 and not (tmp_path / "cache").exists()
    assert lib.load("sichuan-2026-government-work-report").title == "2026年四川省人民政府工作报告"
    assert len(ingests) == 4  # kept in memory, not ingested again


# ---- bad input ---------------------------------------------------------------------------

def reasons(lib, folder: Path) -> dict[str, str]:
    return {os.path.relpath(s.path, folder): s.reason for s in lib.skipped}


def test_duplicates_shown_once(copied):
    folder, cache = copied
    (folder / "sub").mkdir()
    shutil.copy(folder / "wenzhou-2018-rule-of-law.txt", folder / "sub" / "copy.txt")
    shutil.copy(bundled_report_path(), folder / "wenzhou-2018-rule-of-law.json")  # JSON made from the same text
    lib = open_library([folder], cache_root=cache)
    assert sorted(by_id(lib)) == sorted(EXPECTED)
    original = str(folder / "wenzhou-2018-rule-of-law.txt")
    assert reasons(lib, folder) == {
        "sub/copy.txt": f"the same report as {original}",
        "wenzhou-2018-rule-of-law.json": f"the same report as {original}",
    }


def test_same_name_in_two_folders_gets_two_ids(copied):
    folder, cache = copied
    for sub, source in (("a", "wenzhou-2018-rule-of-law.txt"), ("b", "sichuan-2026-government-work-report.txt")):
        (folder / sub).mkdir()
        shutil.move(folder / source, folder / sub / "report.txt")
    lib = open_library([folder], cache_root=cache)
    assert by_id(lib)["report"].place == "温州" and by_id(lib)["report-2"].place == "四川"
    assert lib.load("report-2").id == "report-2"


def test_bad_files_are_skipped_with_one_reason_each(copied, monkeypatch):
    folder, cache = copied
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PNG" * 200)
    (folder / "notes.json").write_text('{"title": "x"}', encoding="utf-8")
    (folder / "broken.json").write_text('{"title": ', encoding="utf-8")
    (folder / "photo.png").write_bytes(b"\x89PNG")
    (folder / "locked.txt").write_text("一、标题\n正文。", encoding="utf-8")
    (folder / "loop").symlink_to(folder)
    (folder / "self.txt").symlink_to(folder / "self.txt")
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    (folder / ".hidden.txt").write_text("not looked at", encoding="utf-8")
    real_open = os.open

    def deny(path, *args, **kwargs):  # an unreadable file (the tests may run as root)
        if os.fspath(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    lib = open_library([folder, folder / "missing.txt"], cache_root=cache)
    assert sorted(by_id(lib)) == sorted(EXPECTED)
    got = reasons(lib, folder)
    assert got == {
        "binary.txt": "this looks like a binary file, not a report text",
        "broken.json": "not valid JSON: Expecting value at line 1 column 11",
        "empty.txt": "the file is empty",
        "gone.txt": "broken symbolic link",
        "locked.txt": "cannot read: Permission denied",
        "loop": f"folder already scanned as {folder} (a symbolic link loop or a second link)",
        "missing.txt": "no such file",
        "notes.json": got["notes.json"],
        "photo.png": "not a report file (not .txt/.text/.md/.json/.pdf/.html/.htm/.docx)",
        "self.txt": "symbolic link loop",
    }
    assert got["notes.json"].startswith("not a valid report: ")


def test_a_readme_beside_the_reports_is_skipped_not_opened_as_a_report(copied):
    folder, cache = copied
    shutil.copy(Path(__file__).parent / "corpus" / "README.md", folder / "README.md")  # the corpus' own, in English
    (folder / "notes").mkdir()
    (folder / "notes" / "LICENSE.txt").write_text("Permission is hereby granted, free of charge, to any person "
                                                  "obtaining a copy of these texts (数据来源：政府网站).\n", encoding="utf-8")
    lib = open_library([folder], cache_root=cache)
    assert sorted(by_id(lib)) == sorted(EXPECTED)
    assert reasons(lib, folder) == {
        "README.md": "not a Chinese report (92 Chinese characters to 1,064 Latin letters): a README or notes?",
        "notes/LICENSE.txt": "not a Chinese report (8 Chinese characters to 74 Latin letters): a README or notes?",
    }


def test_a_report_with_an_english_appendix_is_still_a_report(tmp_path):
    text = ((Path(__file__).parent / "corpus" / "sichuan-2026-government-work-report.txt").read_text(encoding="utf-8")
            + "\n附：英文摘要\n" + (Path(__file__).parent / "corpus" / "README.md").read_text(encoding="utf-8"))
    report = pipeline.ingest_text(text, "sichuan-with-appendix.txt", with_pinyin=False)
    assert report.title == "2026年四川省人民政府工作报告"


def test_opening_a_readme_is_one_line_and_exit_2(tmp_path):
    readme = tmp_path / "README.md"
    shutil.copy(Path(__file__).parent / "corpus" / "README.md", readme)
    done = subprocess.run([sys.executable, "-m", "tui", "outline", "--report", str(readme)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == ("report-explorer: README.md: not a Chinese report (92 Chinese characters to 1,064 "
                           "Latin letters): a README or notes?\n")


def test_ten_thousand_empty_files_are_never_read(tmp_path, monkeypatch):
    folder = tmp_path / "empties"
    folder.mkdir()
    for i in range(10_000):
        (folder / f"{i:05}.txt").touch()
    shutil.copy(bundled_raw_path(), folder / "wenzhou.txt")
    from tui.library import library as library_module

    reads: list[str] = []
    real = library_module._read
    monkeypatch.setattr(library_module, "_read", lambda path: reads.append(path) or real(path))
    lib = open_library([folder], cache_root=tmp_path / "cache")
    assert [e.place for e in lib.entries] == ["温州"]
    assert len(lib.skipped) == 10_000 and {s.reason for s in lib.skipped} == {"the file is empty"}
    assert reads == [str(folder / "wenzhou.txt")]


def test_file_changing_while_ingested(copied, monkeypatch, ingests):
    folder, cache = copied
    raw = folder / "new.txt"
    before = bundled_raw_path().read_bytes().replace("纠错率17.3%".encode(), "纠错率12.5%".encode())
    raw.write_bytes(before)
    from tui.library import library as library_module

    real = library_module.ingest_raw

    def changing(data, name):  # the file is rewritten while its bytes are ingested
        raw.write_bytes(bundled_raw_path().read_bytes() + "\n补充一句。\n".encode())
        return real(data, name)

    monkeypatch.setattr(library_module, "ingest_raw", changing)
    lib = open_library([folder], cache_root=cache)
    import hashlib

    assert lib.entry("new").sha256 == hashlib.sha256(before).hexdigest()  # the bytes ingested
    assert "12.5%" in [f.raw for f in lib.load("new").figures()]
    monkeypatch.setattr(library_module, "ingest_raw", real)
    ingests.clear()
    lib = open_library([folder], cache_root=cache)  # the change is seen on the next open
    assert ingests == ["new.txt"] and "12.5%" not in [f.raw for f in lib.load("new").figures()]


def test_warm_open_needs_no_pypinyin_nor_textual(warm):
    folder, cache = warm
    code = ("import sys\nfrom tui.library import open_library\n"
            f"lib = open_library([{str(folder)!r}], cache_root={str(cache)!r})\n"
            "r = lib.load('wenzhou-2018-rule-of-law')\n"
            "print(len(lib.entries), 'pypinyin' in sys.modules, 'textual' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.split() == ["4", "False", "False"]


# ---- CLI ---------------------------------------------------------------------------------

def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_library_json_and_table(copied):
    folder, _ = copied
    (folder / "empty.txt").write_bytes(b"")
    result = run("library", str(folder), "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert {r["id"]: (r["place"], r["year"], r["kind"]) for r in data["reports"]} == EXPECTED
    assert data["skipped"] == [{"path": str(folder / "empty.txt"), "reason": "the file is empty"}]
    assert result.stderr.splitlines() == ["report-explorer: skipped 1 file:",
                                          f"  {folder / 'empty.txt'}: the file is empty"]
    table = run("library", str(folder)).stdout.splitlines()
    assert table[0].split() == ["id", "place", "year", "kind", "chapters", "sections", "figures", "title"]
    row = next(line for line in table if line.startswith("wenzhou-2018-rule-of-law"))
    assert row.split()[1:7] == ["温州", "2018", "法治政府建设", "7", "20", "117"]


def test_library_nothing_usable_is_one_line_exit_2(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.bin").write_bytes(b"\x00")
    result = run("library", str(tmp_path))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.splitlines() == [
        f"report-explorer: no usable report in {tmp_path}: 2 files skipped ({tmp_path / 'a.txt'}: the file is "
        f"empty; {tmp_path / 'b.bin'}: not a report file (not .txt/.text/.md/.json/.pdf/.html/.htm/.docx))"]


def test_figures_of_a_folder_as_csv(copied):
    folder, _ = copied
    result = run("figures", str(folder), "--csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0])[:5] == ["report", "place", "year", "report_kind", "section"]
    rate = [r for r in rows if r["report"] == "wenzhou-2018-rule-of-law" and r["raw"] == "17.3%"]
    assert [(r["place"], r["year"], r["report_kind"], r["section"], r["value"]) for r in rate] == [
        ("温州", "2018", "法治政府建设", "6.1", "17.3")]
    assert len([r for r in rows if r["report"] == "wenzhou-2018-rule-of-law"]) == \
        len([g for g in GOLD if g[2] != "date"])
    assert {r["report"] for r in rows} == set(EXPECTED)
    assert "report-explorer: no chapter or section '99'" in run("figures", str(folder), "--in", "99").stderr


def test_export_db_then_read_back(copied, tmp_path):
    folder, _ = copied
    out = tmp_path / "figures.db"
    result = run("export-db", str(folder), "-o", str(out))
    assert result.exit_code == 0, result.output
    con = sqlite3.connect(out)
    counts = dict(con.execute("SELECT report_id, count(*) FROM figures GROUP BY report_id"))
    from tui.loading import load_report

    expected = {p.name.split(".")[0]: len(load_report(p).figures()) for p in CORPUS}
    assert counts == {**expected, "wenzhou-2018-rule-of-law": len(GOLD)}
    assert con.execute("SELECT place, year, kind FROM reports WHERE id = 'wenzhou-2018-rule-of-law'").fetchone() \
        == ("温州", 2018, "法治政府建设")
    assert con.execute("SELECT value, unit, section_id, char_end - char_start FROM figures "
                       "WHERE report_id = 'wenzhou-2018-rule-of-law' AND raw = '17.3%'").fetchall() == [(17.3, "%", "6.1", 5)]
    section_text = con.execute("SELECT s.text FROM figures f JOIN sections s ON s.report_id = f.report_id "
                               "AND s.id = f.section_id WHERE f.raw = '17.3%'").fetchone()[0]
    assert "纠错率17.3%" in section_text
    assert con.execute("SELECT count(*) FROM reports").fetchone() == (4,)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"meta", "reports", "sections", "figures", "measures", "mentions"}
    mentions = con.execute("SELECT sum(mentions) FROM measures").fetchone()[0]
    assert con.execute("SELECT count(*) FROM mentions").fetchone()[0] == mentions > 0
    con.close()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_export_db_refuses_to_overwrite_an_input(copied):
    folder, _ = copied
    target = folder / "sichuan-2026-government-work-report.txt"
    before = target.read_bytes()
    result = run("export-db", str(folder), "-o", str(target))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"report-explorer: {target}: is one of the inputs; refusing to overwrite it"
    assert target.read_bytes() == before
    other = folder.parent / "notes.txt"
    other.write_text("mine", encoding="utf-8")
    result = run("export-db", str(folder), "-o", str(other))
    assert result.exit_code == 2 and "is not a SQLite database" in result.stderr
    assert other.read_text(encoding="utf-8") == "mine"


def test_open_a_folder_gives_the_app_every_report(copied, monkeypatch):
    folder, _ = copied
    (folder / "empty.txt").write_bytes(b"")
    (folder / "x.png").write_bytes(b"\x89PNG")
    opened = {}

    class FakeApp:
        return_code = 0

        def run(self):
            opened["ran"] = True

    def create_app(reports, **kwargs):
        opened["reports"] = reports
        return FakeApp()

    import tui.app

    monkeypatch.setattr(tui.app, "create_app", create_app)
    result = run(str(folder))
    assert result.exit_code == 0 and opened["ran"]
    assert sorted(opened["reports"]) == sorted(EXPECTED)  # (a ReportSet: its ids)
    assert result.stderr.splitlines() == [f"report-explorer: skipped 2 files: see `report-explorer library {folder}`"]


def test_open_nothing_usable_is_one_line(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\x00\x00binary")
    done = subprocess.run([sys.executable, "-m", "tui", str(tmp_path)], capture_output=True, text=True,
                          timeout=60, env={**os.environ, CACHE_ENV: str(tmp_path / "cache")})
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip() == f"report-explorer: {tmp_path / 'a.txt'}: this looks like a binary file, not a report text"


def test_library_no_cache_leaves_the_cache_alone(tmp_path, monkeypatch):
    folder = make_library(tmp_path / "reports")
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    result = run("library", str(folder), "--json", "--no-cache")
    assert result.exit_code == 0
    assert {r["id"]: (r["place"], r["year"], r["kind"]) for r in json.loads(result.stdout)["reports"]} == EXPECTED
    assert not (tmp_path / "cache").exists()


def test_relative_and_absolute_roots_share_the_catalog(copied, monkeypatch, ingests):
    folder, cache = copied
    open_library([folder], cache_root=cache)
    monkeypatch.chdir(folder.parent)
    lib = open_library(["reports"], cache_root=cache)
    assert ingests == [] and lib.stats.from_cache == 0
    assert lib.entry("wenzhou-2018-rule-of-law").path == os.path.join("reports", "wenzhou-2018-rule-of-law.txt")


def test_catalog_rows_are_found_however_the_folder_is_spelt(copied, monkeypatch, ingests):
    """The catalog is keyed by absolute, normal paths: ``./reports/../reports/`` and a
    subfolder find the rows stored when the folder was opened by its absolute path."""
    folder, cache = copied
    (folder / "more").mkdir()
    shutil.move(folder / "wenzhou-2018-rule-of-law.txt", folder / "more" / "wenzhou-2018-rule-of-law.txt")
    _age(folder)
    _age(folder / "more")
    assert open_library([folder], cache_root=cache).stats.trusted == 0  # (copies: other inodes)
    monkeypatch.chdir(folder.parent)
    lib = open_library([os.path.join(".", "reports", "..", "reports", "")], cache_root=cache)
    assert (lib.stats.trusted, lib.stats.hashed, ingests) == (4, 0, [])
    assert lib.entry("wenzhou-2018-rule-of-law").path == os.path.join(".", "reports", "..", "reports", "more",
                                                                       "wenzhou-2018-rule-of-law.txt")
