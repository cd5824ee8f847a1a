"""``report-explorer search QUERY --library PATH``: a library searched through its on-disk index.

The library is copies of the corpus texts and the bundled report's raw text; the cache
(reports, catalog, index) lives under tmp_path through REPORT_EXPLORER_CACHE_DIR.  Expected
lines were read in the texts (全省城镇新增就业107万人 is Sichuan 1.5; 和解、调解率为23.4% is
温州 6.1).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import CORPUS
from tests.hostile_reports import write_hostile_report
from tests.test_search_disk import copy_reports
from tui.cli import main
from tui.library.cache import CACHE_ENV
from tui.library.search_index import index_dir
from tui.paths import bundled_raw_path

SICHUAN = "sichuan-2026-government-work-report"
WENZHOU = "wenzhou-2018-rule-of-law"


@pytest.fixture(scope="module")
def warm(tmp_path_factory):
    """(library folder, cache dir): the four reports, ingested and indexed once."""
    root = tmp_path_factory.mktemp("cli-lib")
    folder = copy_reports(root / "reports", [*CORPUS, bundled_raw_path()])
    cache = root / "cache"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(CACHE_ENV, str(cache))
        result = CliRunner().invoke(main, ["search", "纠错率", "--library", str(folder)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return folder, cache


@pytest.fixture
def run(warm, monkeypatch):
    folder, cache = warm
    monkeypatch.setenv(CACHE_ENV, str(cache))

    def invoke(*args: str):
        return CliRunner().invoke(main, ["search", *args], catch_exceptions=False)

    invoke.folder = str(folder)
    return invoke


def lines(text: str) -> list[str]:
    return text.splitlines()


def test_own_words_find_the_sichuan_job_figure_first(run):
    # (the six 城镇新增就业 figures of Sichuan and the national report score the same, and ties go
    # in the library's order: the national report first — @四川 asks for Sichuan's)
    result = run("城镇新增就业人数 @四川", "--library", run.folder, "--limit", "3")
    assert result.exit_code == 0
    out = lines(result.stdout)
    assert len(out) == 3
    assert out[0].startswith(f"  1  figure   {SICHUAN}:1.5 [城镇新增就业]  107万人  ")
    assert "全省城镇新增就业1" in out[0]
    assert all(f" {SICHUAN}:" in line for line in out)  # 522万人 (1.7), 85万人 (3.0) next


def test_json_gives_report_figure_and_band(run):
    result = run("城镇新增就业人数 @四川", "--library", run.folder, "--limit", "3", "--json")
    assert result.exit_code == 0
    hits = json.loads(result.stdout)
    assert isinstance(hits, list) and len(hits) == 3
    first = hits[0]
    assert (first["report"], first["section"], first["figure"]["raw"], first["band"]) == (
        SICHUAN, "1.5", "107万人", "exact")
    assert first["match"] == [{"term": "城镇新增就业人数", "how": "concept", "text": "城镇新增就业"}]
    assert first["concept"] == {"words": ["人数"], "fit": 1.0}


def test_explain_adds_a_line_under_each_hit(run):
    result = run("城镇新增就业人数 @四川", "--library", run.folder, "--limit", "2", "--explain")
    assert result.exit_code == 0
    out = lines(result.stdout)
    assert len(out) == 4
    assert out[0].startswith(f"  1  figure   {SICHUAN}:1.5 [城镇新增就业]  107万人")
    assert out[1].startswith("       exact ")
    assert out[1].endswith(" · 城镇新增就业人数: concept 城镇新增就业 · 人数: fits")
    assert out[3].startswith("       exact ")


def test_scope_and_kind_options(run):
    result = run("调解率", "--library", run.folder, "--in", "6.1", "--kind", "figure")
    assert result.exit_code == 0
    out = lines(result.stdout)
    assert [line.split()[2] for line in out] == [f"{WENZHOU}:6.1"] * 3
    assert out[0].startswith(f"  1  figure   {WENZHOU}:6.1 和解、[调解率]  23.4%  ")
    assert "[调解率]  30.18%  全市一审行政诉讼案件调解率为30.18%" in out[1]


def test_a_filter_in_the_query_keeps_to_its_reports(run):
    result = run("@四川", "城镇新增就业", "--library", run.folder, "--json")
    assert result.exit_code == 0
    assert {h["report"] for h in json.loads(result.stdout)} == {SICHUAN}


def test_no_match_exits_1_with_a_word_on_stderr(run):
    result = run("鑫龘靐", "--library", run.folder)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "report-explorer: no match\n"


def test_report_and_library_together_are_refused(run):
    result = run("纠错率", "--report", str(bundled_raw_path()), "--library", run.folder)
    assert result.exit_code == 2
    assert result.stderr == "report-explorer: search: give --report or --library, not both\n"


def test_a_missing_folder_is_one_line(run, tmp_path):
    missing = tmp_path / "nowhere"
    result = run("纠错率", "--library", str(missing))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"report-explorer: {missing}: no such file\n"


def test_a_folder_without_a_report_is_one_line(run, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("纠错率", "--library", str(empty))
    assert (result.exit_code, result.stderr) == (2, f"report-explorer: no report file in {empty}\n")
    (empty / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = run("纠错率", "--library", str(empty))
    assert result.exit_code == 2
    assert len(lines(result.stderr)) == 1 and "scan.png: not a report file" in result.stderr
    assert "Traceback" not in result.output


def test_the_second_run_uses_the_index_and_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    folder = copy_reports(tmp_path / "reports", [CORPUS[1], bundled_raw_path()])  # shuyang, wenzhou
    args = ["search", "纠错率", "--library", str(folder), "--json"]
    first = CliRunner().invoke(main, args, catch_exceptions=False)
    assert first.exit_code == 0
    assert index_dir(tmp_path / "cache").is_dir()

    def refuse(*_args, **_kwargs):
        raise AssertionError("the second run ingested or indexed a report again")

    monkeypatch.setattr("tui.library.search_index.units_of", refuse)
    monkeypatch.setattr("tui.library.library.ingest_raw", refuse)
    second = CliRunner().invoke(main, args, catch_exceptions=False)
    assert second.exit_code == 0
    assert second.stdout == first.stdout
    assert json.loads(second.stdout)[0]["figure"]["raw"] == "17.3%"


@pytest.fixture(scope="module")
def hostile_library(tmp_path_factory) -> tuple[Path, Path]:
    """(folder, cache): the bundled text with markup and escapes in a sentence, and a report
    JSON whose every field carries an OSC 52 payload (tests/hostile_reports.py)."""
    root = tmp_path_factory.mktemp("hostile")
    folder = root / "reports"
    folder.mkdir()
    text = bundled_raw_path().read_text(encoding="utf-8")
    sentence = "直接纠错159件,纠错率17.3%;"
    assert text.count(sentence) == 1
    (folder / "hostile-wenzhou.txt").write_text(text.replace(
        sentence, "直接纠错159件,[bold red]纠错率[/bold red]\x1b]52;c;cHduZWQ=\x07\x1b[31m17.3%;"), encoding="utf-8")
    write_hostile_report(folder / "hostile.json")
    return folder, root / "cache"


@pytest.fixture
def hostile(hostile_library, monkeypatch) -> str:
    folder, cache = hostile_library
    monkeypatch.setenv(CACHE_ENV, str(cache))
    return str(folder)


@pytest.mark.parametrize("extra", [[], ["--explain"], ["--json"]])
@pytest.mark.parametrize("query", ["纠错率", "bold", "枫桥经验", "pwned"])
def test_hostile_text_never_reaches_the_terminal_as_escapes(hostile, query, extra):
    result = CliRunner().invoke(main, ["search", query, "--library", hostile, *extra], catch_exceptions=False)
    assert result.exit_code in (0, 1)
    for stream in (result.stdout, result.stderr):
        assert not any(ch in stream for ch in "\x1b\x07\x9b\x9c\x9d"), repr(stream)


def test_hostile_hits_are_shown_with_their_markup_as_text(hostile):
    result = CliRunner().invoke(main, ["search", "纠错率", "--library", hostile], catch_exceptions=False)
    assert result.exit_code == 0
    out = lines(result.stdout)
    assert {line.split()[2] for line in out} == {"hostile:1.1", "hostile-wenzhou:6.1"}
    wenzhou = next(line for line in out if "hostile-wenzhou:6.1" in line)
    assert "直接纠错159件,[bold red][纠错率][/bold red]17.3%" in wenzhou  # the markup as written, the escapes gone


def test_an_index_another_process_is_writing_is_not_a_traceback(tmp_path, monkeypatch):
    from tui.search.store import UnitStore

    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    folder = copy_reports(tmp_path / "reports", [CORPUS[1]])
    other = UnitStore.open(index_dir(tmp_path / "cache"))  # another `search --library` indexing now
    other.add("0" * 64, [(4, 0, "别的报告", "", "{}")])
    try:
        result = CliRunner().invoke(main, ["search", "申请", "--library", str(folder)], catch_exceptions=False)
    finally:
        other.close()
    # nothing of this library could be added: it says so, searches what is there, no traceback
    assert result.exit_code == 1
    assert lines(result.stderr) == [
        "report-explorer: 1 reports not searched: another report-explorer is indexing this library",
        "report-explorer: no match"]
