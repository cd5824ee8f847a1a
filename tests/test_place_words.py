"""A place named in a query's words (tui.search.place_words): how the query is read, and
how its two readings' hits are merged.  The engines' hits on the corpus library:
tests/test_search_filters.py (in memory), tests/test_search_disk.py (on disk)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tui.search.place_words import Places, place_reading, with_places

LIBRARY = Places(["四川", "温州", "全国", "黔东南", "广西", None])


@pytest.mark.parametrize("query, reading", [
    ("四川GDP", "@四川 GDP"),
    ("四川省GDP增速", "@四川 GDP增速"),
    ("四川 GDP", "@四川 GDP"),
    ("四川省 城镇新增就业", "@四川 城镇新增就业"),
    ("温州市 复议纠错率", "@温州 复议纠错率"),
    ("黔东南州GDP", "@黔东南 GDP"),
    ("黔东南苗族侗族自治州 GDP", "@黔东南 GDP"),
    ("广西壮族自治区GDP", "@广西 GDP"),
    ("f:四川GDP", "@四川 f:GDP"),
    ("year:2026 四川GDP in:1", "@四川 year:2026 GDP in:1"),
    ("四川 温州 城镇新增就业", "@四川 @温州 城镇新增就业"),
    ("四川", None),  # nothing but a place: the word itself
    ("四川省", None),
    ("@温州 复议", None),  # a place filter already
    ("place:四川 GDP", None),
    ("全国首创", None),  # 全国: a word of every report
    ("GDP增速", None),
    ("sichuan gdp", None),
    ("四", None),
    ("", None),
])
def test_how_a_query_is_read(query, reading):
    assert place_reading(query, lambda: LIBRARY) == reading


@pytest.mark.parametrize("places", [["温州"], ["温州", "温州"], [None, None], ["全国", None]])
def test_a_library_of_one_place_reads_every_query_as_written(places):
    assert place_reading("温州复议纠错率", lambda: Places(places)) is None


def test_a_library_of_a_place_and_a_report_of_none_reads_the_place():
    assert place_reading("四川GDP", lambda: Places(["四川", None])) == "@四川 GDP"


def test_the_places_are_not_asked_for_a_query_that_names_none():
    def refuse():
        raise AssertionError("places asked for")

    assert place_reading("gdp 2026", refuse) is None
    assert place_reading("纠 " * 2_000, refuse) is None  # (more words than a person types)


class _Hit(SimpleNamespace):
    def at_place(self, place):
        return _Hit(**{**vars(self), "place": place})


def _hit(text: str, score: float, report: str = "r") -> _Hit:
    return _Hit(kind="figure", report=report, section="1.0", text=text, start=0, end=1, score=score, place=None)


def test_merged_hits_as_written_exact_first_then_the_places_then_the_rest():
    literal = [_hit("上海合作组织峰会", 150.0, "national"), _hit("合作", 12.0, "national")]
    placed = [_hit("合作组织", 140.0, "shanghai"), _hit("上海合作组织峰会", 150.0, "national")]
    asked = []

    def query(text):
        asked.append(text)
        return literal if text == "上海合作组织" else placed

    hits = with_places(query, "上海合作组织", lambda: Places(["上海", "全国"]), limit=10, exact=100.0)
    assert asked == ["上海合作组织", "@上海 合作组织"]
    assert [(h.text, h.place) for h in hits] == [
        ("上海合作组织峰会", None), ("合作组织", "上海"), ("合作", None)]
    assert len(with_places(query, "上海合作组织", lambda: Places(["上海", "全国"]), limit=2, exact=100.0)) == 2
