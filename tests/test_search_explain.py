"""``report-explorer search Q --explain`` and the ``--json`` fields saying how each term matched;
partial matches, concept words and a sentence hit that gives its figure, on real reports."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tests.conftest import TESTS
from tui.cli import main
from tui.loading import load_report
from tui.search import SearchIndex

SICHUAN = str(TESTS / "corpus" / "sichuan-2026-government-work-report.txt")
NATIONAL = str(TESTS / "corpus" / "national-2018-government-work-report.gb18030.txt")


def run(*args: str):
    return CliRunner().invoke(main, ["search", *args], catch_exceptions=False)


def first_json(query: str, report: str) -> dict:
    result = run(query, "--report", report, "--json", "--limit", "5")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)[0]


@pytest.fixture(scope="module")
def national() -> SearchIndex:
    return SearchIndex.build([load_report(NATIONAL)])


def test_concept_word_in_json():
    hit = first_json("城镇新增就业人数", SICHUAN)
    assert hit["figure"]["raw"] == "107万人" and hit["band"] == "exact"
    assert hit["match"] == [{"term": "城镇新增就业人数", "how": "concept", "text": "城镇新增就业"}]
    assert hit["concept"] == {"words": ["人数"], "fit": 1.0}


def test_synonym_in_json_highlights_the_words_of_the_text():
    hit = first_json("GDP增速", NATIONAL)
    assert hit["figure"]["raw"] == "6.9%"
    assert hit["match"][0]["how"] == "synonym" and hit["match"][0]["text"] == "国内生产总值"
    assert [hit["text"][a:b] for a, b in hit["spans"]][0] == "国内生产总值"


def test_explain_lines():
    result = run("城镇新增就业人数", "--report", SICHUAN, "--explain", "--limit", "2")
    lines = result.stdout.splitlines()
    assert result.exit_code == 0 and len(lines) == 4
    assert "107万人" in lines[0]
    assert lines[1].split(" · ")[1:] == ["城镇新增就业人数: concept 城镇新增就业", "人数: fits"]
    assert lines[1].lstrip().startswith("exact ")


@pytest.mark.parametrize("query,how", [("GDP增速", "synonym"), ("xiaofeigongxianlv", "pinyin"),
                                       ("科技进步贡献律", "near"), ("消费贡献率", "literal"),
                                       ("1363", "number"), ("高铁营业里程", "partial")])
def test_how_each_term_matched(national, query, how):
    assert national.query(query, limit=3)[0].how[0][1] == how


def test_partial_match_finds_the_figure_in_own_words(national):
    hits = national.query("高铁营业里程", limit=5)
    assert "2万5千公里" in [h.figure.raw for h in hits[:2] if h.figure is not None]
    assert all(h.band == "partial" for h in hits)
    assert [hits[0].text[a:b] for a, b in hits[0].spans][:2] == ["高速铁路", "里程"]


def test_rubbish_still_finds_nothing(national):
    for query in ("完全不存在的词语", "宇宙飞船降落月球背面", "纠错鸟兽"):
        assert national.query(query) == [], query
    result = run("完全不存在的词语", "--report", NATIONAL, "--explain")
    assert result.exit_code == 1 and result.stdout == ""


def test_a_sentence_hit_gives_its_figure(national):
    first = national.query("累计减税规模", limit=5)[0]
    assert first.kind == "figure" and first.figure.raw == "超过2万亿元"
    assert "累计减税超过2万亿元" in first.figure.sentence


def test_level_words_prefer_the_current_value(national):
    assert national.query("GDP总量", limit=3)[0].figure.raw == "82.7万亿元"  # not the earlier 54万亿元
    assert national.query("财政收入多少", limit=3)[0].figure.raw == "17.3万亿元"


def test_a_term_without_letters_beside_a_number_does_not_crash() -> None:
    """A query whose partial pass meets a variant with no letters or digits (found with
    行政处罚 693957: it raised re.error) answers like any other query."""
    index = SearchIndex.build([load_report()])
    for query in ("行政处罚 693957", "行政复议纠错率 ％％", "——纠错率"):
        index.query(query)  # must not raise
    assert index.query("纠错率 ％％")[0].figure.raw == "17.3%"
