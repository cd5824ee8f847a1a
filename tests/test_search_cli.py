"""``report-explorer search``: output, JSON, filters and exit codes (via click's CliRunner)."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from tui.cli_search import search
from tui.paths import bundled_report_path


def run(*args: str):
    return CliRunner().invoke(search, list(args), catch_exceptions=False)  # a traceback fails the test


def test_prints_ranked_hits_with_the_match_marked():
    result = run("复议纠错率")
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert "figure" in first and "6.1" in first and "[纠错率]" in first and "17.3%" in first


def test_json_is_an_array_best_first():
    result = run("17.3%", "--json", "--limit", "5")
    assert result.exit_code == 0
    hits = json.loads(result.output)
    assert 1 <= len(hits) <= 5
    assert hits[0]["kind"] == "figure" and hits[0]["figure"]["raw"] == "17.3%" and hits[0]["section"] == "6.1"
    assert {"kind", "report", "section", "score", "text", "spans", "figure", "measure"} <= set(hits[0])
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    for hit in hits:
        assert all(0 <= a < b <= len(hit["text"]) for a, b in hit["spans"])


def test_several_words_kind_and_scope():
    result = run("zscq", "zc", "--kind", "figure", "--json")
    assert result.exit_code == 0
    hits = json.loads(result.output)
    assert hits[0]["figure"]["raw"] == "14起" and {h["kind"] for h in hits} == {"figure"}
    # 100% is written four times in the report (1.1 twice, 4.2, 7.3); --in keeps 4.2's only
    everywhere = run("100%", "--kind", "figure", "--json")
    assert sorted(h["section"] for h in json.loads(everywhere.output)) == ["1.1", "1.1", "4.2", "7.3"]
    for scope in ("4.2", "4"):
        hits = json.loads(run("100%", "--kind", "figure", "--in", scope, "--json").output)
        assert [(h["section"], h["figure"]["raw"], h["figure"]["label"]) for h in hits] == [("4.2", "100%", "公示率")]


def test_measure_and_text_lines():
    result = run("枫桥经验", "--limit", "3")
    assert result.exit_code == 0 and "measure" in result.output.splitlines()[0]


def test_nothing_found_exits_1():
    result = run("完全不存在的词语")
    assert result.exit_code == 1 and result.stdout == ""
    result = run("完全不存在的词语", "--json")
    assert result.exit_code == 1 and json.loads(result.stdout) == []


@pytest.mark.parametrize(
    "args",
    [[""], ["   "], ["纠错", "--limit", "0"], ["纠错", "--limit", "x"], ["纠错", "--kind", "nope"],
     ["纠错", "--in", "abc"], ["纠错", "--in", "9.9"], ["纠错", "--report", "/nonexistent/report.json"]],
)
def test_bad_input_exits_2_with_one_line(args):
    result = run(*args)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output


def test_several_reports(tmp_path):
    copy = tmp_path / "other.json"
    data = json.loads(bundled_report_path().read_text(encoding="utf-8"))
    data["id"] = "other"
    copy.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    shutil.copy(bundled_report_path(), tmp_path / "wenzhou.json")
    result = run("纠错率", "--report", str(tmp_path / "wenzhou.json"), "--report", str(copy), "--json",
                 "--kind", "figure")
    reports = [h["report"] for h in json.loads(result.output)]
    assert reports[:2] == ["wenzhou-2018-rule-of-law", "other"]


def test_odd_queries_do_not_crash():
    for query in ("(((", ".*", "a" * 10_000, "，。"):
        assert run(query).exit_code in (0, 1)
    only_escape = run("\x1b[31m")  # nothing left once the escape sequence is dropped
    assert only_escape.exit_code == 2
    assert "search: empty query" in only_escape.output


CORPUS = __import__("pathlib").Path(__file__).resolve().parent / "corpus"


def test_closing_text_is_found():
    result = run("机构人员力量薄弱", "--json")
    assert result.exit_code == 0, result.output
    hit = json.loads(result.output)[0]
    assert hit["kind"] == "text" and hit["section"] == "closing" and hit["figure"] is None
    assert hit["text"][slice(*hit["spans"][0])] == "机构人员力量薄弱"


def test_glossary_after_the_last_section_is_found():
    result = run("医保影像云", "--json", "--report", str(CORPUS / "sichuan-2026-government-work-report.txt"))
    hits = json.loads(result.output)
    assert any(h["section"] == "closing" and h["text"].startswith("19.医保影像云：") for h in hits)
    assert any(h["section"] == "3.8" for h in hits)


def test_kind_and_scope_prefixes_in_any_order():
    national = str(CORPUS / "national-2018-government-work-report.gb18030.txt")
    outputs = [run(query, "--json", "--report", national) for query in ("f: in:2 增长", "in:2 f:增长", "f:in:2 增长")]
    assert all(result.exit_code == 0 for result in outputs)
    assert outputs[0].output == outputs[1].output == outputs[2].output
    hits = json.loads(outputs[0].output)
    assert {h["kind"] for h in hits} == {"figure"} and all(h["section"].startswith("2.") for h in hits)


def test_control_characters_in_the_query_are_dropped_as_in_the_search_box():
    """A query pasted with a bell or an escape in it finds what the same query without them
    finds (the app's search box drops them too); it neither fails nor finds nothing."""
    plain = json.loads(run("纠错率", "--json").output)
    for dirty in ("纠错\x07率", "纠\x1b错率", "\x9b纠错率"):
        result = run(dirty, "--json")
        assert result.exit_code == 0, dirty
        assert json.loads(result.output) == plain, repr(dirty)
    assert plain[0]["figure"]["raw"] == "17.3%"
