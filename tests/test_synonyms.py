"""Synonyms and concept words (tui/search/data/*.tsv): real data, and what they do to ranking."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import TESTS
from tui.ingest import ingest_text
from tui.search import SearchIndex
from tui.search.lexicon import concepts, synonym_rows, variants

ROOT = TESTS.parent
SHARED = ROOT.parent / "shared" / "corpus"  # ../shared/corpus: the corpus the entries were collected from
CONCEPTS = {"people", "count", "percent", "money", "area", "length", "output", "growth", "decline", "level"}


def _read(path: Path) -> str:
    data = path.read_bytes()
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return ""


def real_texts() -> str:
    paths = [*sorted((TESTS / "corpus").glob("*.txt")), *sorted((ROOT / "data").glob("*.txt"))]
    if SHARED.is_dir():
        paths += [*sorted(SHARED.glob("*.txt")), *sorted((SHARED / "formats").glob("*.md")),
                  *sorted((SHARED / "formats").glob("*.txt"))]
    return "\n".join(_read(p) for p in paths)


def test_at_least_150_entries_each_distinct():
    rows = synonym_rows()
    assert len(rows) >= 150
    typed = [t for t, _ in rows]
    assert len(set(typed)) == len(typed)
    for t, written in rows:
        assert written and t not in written and len(set(written)) == len(written), t


def test_every_written_form_occurs_in_a_real_text():
    if not SHARED.is_dir():
        pytest.skip("../shared/corpus is not here: the entries were collected from it")
    texts = real_texts()
    missing = [(t, w) for t, written in synonym_rows() for w in written if w not in texts]
    assert missing == []


def test_the_issue_examples_are_there():
    table = dict(synonym_rows())
    assert {"地区生产总值", "国内生产总值", "生产总值", "经济总量"} <= set(table["GDP"])
    assert table["CPI"] == ("居民消费价格",) and table["社零"] == ("社会消费品零售总额",)
    assert "规模以上工业" in table["规上工业"] and table["高铁"] == ("高速铁路",)
    assert "轨道交通" in table["地铁"] and table["电诈"] == ("电信网络诈骗",)
    assert "研发投入" in table["R&D"]


def test_concept_words_name_known_kinds():
    table = concepts()
    assert {w: c for w, (c, _) in table.items() if w in ("人数", "套数", "占比", "多少钱", "面积", "里程", "产量",
                                                          "增速", "降幅", "总量")} == {
        "人数": "people", "套数": "count", "占比": "percent", "多少钱": "money", "面积": "area", "里程": "length",
        "产量": "output", "增速": "growth", "降幅": "decline", "总量": "level"}
    assert {c for c, _ in table.values()} <= CONCEPTS


def test_variants_of_a_query():
    found = {text: how for text, how, _ in variants("gdp增速")}
    assert found["国内生产总值增速"] == "synonym" and found["gdp"] == "concept"
    assert found["地区生产总值"] == "synonym"  # synonym of the term without its concept word
    assert {text for text, _, _ in variants("r&d投入增速")} >= {"研发投入增速", "研发投入"}  # no 研发投入投入


@pytest.fixture(scope="module")
def small():
    text = ("关于交通和就业工作情况的报告\n一、交通\n（一）铁路\n全市高速铁路运营里程达到500公里。"
            "高铁站点新增12个。\n（二）就业\n全市新增就业岗位3万个，新增就业人员2.1万人，"
            "城镇新增就业总额增长5%。\n")
    return SearchIndex.build([ingest_text(text, "small.txt")])


def test_a_literal_match_ranks_above_a_synonym_match(small):
    hits = small.query("高铁", limit=10)
    first = hits[0]
    assert "高铁站点" in first.text and [first.text[a:b] for a, b in first.spans] == ["高铁"]
    synonym = next(h for h in hits if "高速铁路" in h.text)
    assert synonym.score < first.score and synonym.band == "exact"
    assert "高速铁路" in [synonym.text[a:b] for a, b in synonym.spans]  # the words the text uses
    assert ("高铁", "synonym", "高速铁路") in synonym.how


def test_a_concept_word_picks_the_figure_of_its_kind(small):
    first = small.query("新增就业人数", limit=5)[0]
    assert first.figure is not None and first.figure.raw == "2.1万人"
    assert first.concept == (("人数",), 1.0)
    first = small.query("高速铁路里程多少", limit=5)[0]
    assert first.figure is not None and first.figure.raw == "500公里"
