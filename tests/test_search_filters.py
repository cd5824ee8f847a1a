"""Report filters of the search (issue 10 item 4): ``year:2018``, ``place:温州`` / ``@温州``,
``kind:统计公报``, with the rest of the query syntax; and the cross-report results list
(item 4 too): groups by report labelled place + year + short kind, counts, and the
"N more in M reports" line when the result limit cuts hits off.

The library is the three corpus texts and the bundled report.  What each report is, read
from its text: 政府工作报告 of 国务院 for 2018 (全国), 沐阳县 2025 政府信息公开工作年度报告,
2026年四川省人民政府工作报告, 温州市 2018年度法治政府建设.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_app import main, settle
from tests.test_library_screen import IDS, library_app, library_reports  # noqa: F401  (fixture)
from tui.search import SearchIndex, parse_query
from tui.search import filters as filters_module
from tui.search.filters import Facts, label_of, passes
from tui.widgets.search_results import SearchResults

NATIONAL, SHUYANG, SICHUAN, WENZHOU = IDS


@pytest.fixture(scope="module")
def index(library_reports):
    return SearchIndex.build(library_reports)


@pytest.fixture(scope="module")
def wenzhou_only(library_reports):
    return SearchIndex.build([r for r in library_reports if r.id == WENZHOU])


# ---- the syntax ---------------------------------------------------------------------------
@pytest.mark.parametrize("query, terms, filters, scope", [
    ("year:2018 率", ("率",), (("year", "2018"),), None),
    ("率 @温州", ("率",), (("place", "温州"),), None),
    ("place:温州 纠错率", ("纠错率",), (("place", "温州"),), None),
    ("kind：统计公报 GDP", ("GDP",), (("kind", "统计公报"),), None),
    ("Year:2016-2018 @wz in:6 率", ("率",), (("year", "2016-2018"), ("place", "wz")), "6"),
    ("@6.1 率", ("率",), (), "6.1"),  # @ and a number stays a section scope
    ("year: 率", ("率",), (), None),  # a value not typed yet: no filter
    ("years:2018", ("years:2018",), (), None),  # not a filter name: a term
])
def test_parse_query_reads_report_filters(query, terms, filters, scope):
    parsed = parse_query(query)
    assert (parsed.terms, parsed.filters, parsed.scope) == (terms, filters, scope)


def test_filters_combine_with_a_kind_prefix():
    parsed = parse_query("f:year:2018 纠错率")
    assert parsed.kinds == frozenset({"figure"}) and parsed.filters == (("year", "2018"),)


# ---- what passes --------------------------------------------------------------------------
WZ = Facts("wz", "温州市人民政府关于2018年度法治政府建设工作情况的报告", "温州市人民政府", "温州", 2018, "法治政府建设",
           ("wenzhou", "wz"))


@pytest.mark.parametrize("filters, ok", [
    ([("year", "2018")], True), ([("year", "2019")], False), ([("year", "201")], True),
    ([("year", "2016-2018")], True), ([("year", "2019..2020")], False), ([("year", "２０１８")], True),
    ([("year", "2018年")], True), ([("year", "abc")], False),
    ([("place", "温州")], True), ([("place", "温州市")], True), ([("place", "杭州")], False),
    ([("place", "wz")], True), ([("place", "wenz")], True), ([("place", "sc")], False),
    ([("kind", "法治")], True), ([("kind", "统计公报")], False),
    ([("year", "2017"), ("year", "2018")], True),  # one field: any value
    ([("year", "2018"), ("place", "四川")], False),  # two fields: both
])
def test_passes(filters, ok):
    assert passes(WZ, filters) is ok


def test_labels_are_place_year_short_kind(library_reports):
    labels = [label_of(filters_module.facts_of(r)) for r in library_reports]
    assert labels == ["全国 2018 政府工作", "沐阳 2025 信息公开", "四川 2026 政府工作", "温州 2018 法治政府"]


# ---- filtered queries -----------------------------------------------------------------------
def reports_of(hits) -> set[str]:
    return {h.report for h in hits}


def test_year_keeps_only_hits_of_that_years_reports(index, library_reports):
    hits = index.query("率 year:2018", limit=200)
    assert reports_of(hits) == {NATIONAL, WENZHOU}
    # exactly the hits of a library holding just those two reports
    two = SearchIndex.build([r for r in library_reports if r.id in (NATIONAL, WENZHOU)])
    assert [(h.report, h.section, h.text) for h in hits] == [(h.report, h.section, h.text)
                                                            for h in two.query("率", limit=200)]
    assert index.query("year:2016-2018 率", limit=200) == hits


def test_the_limit_holds_under_a_filter(index):
    assert len(index.query("率 year:2018", limit=60)) == 60  # 64 such hits: the limit, not fewer
    assert len(index.query("率 year:2018", limit=10)) == 10


@pytest.mark.parametrize("query, report", [("@四川 增长", SICHUAN), ("place:温州 率", WENZHOU), ("@wz 率", WENZHOU),
                                           ("@全国 增长", NATIONAL), ("kind:信息公开 率", SHUYANG)])
def test_place_and_kind(index, query, report):
    hits = index.query(query, limit=100)
    assert hits and reports_of(hits) == {report}


def test_a_filter_no_report_passes_finds_nothing(index):
    assert index.query("kind:统计公报 率") == []  # no 统计公报 among these four
    assert index.query("year:2020 率") == []


def test_filter_and_scope_and_kind_together(index):
    hits = index.query("f:@温州 in:6.1 纠错率", limit=20)
    assert [(h.report, h.section, h.figure.raw) for h in hits][:1] == [(WENZHOU, "6.1", "17.3%")]
    assert all(h.kind == "figure" and h.section.startswith("6.1") for h in hits)


def test_a_query_without_filters_does_no_filter_work(index, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("narrow() called for a query without filters")

    monkeypatch.setattr(filters_module, "narrow", refuse)
    assert index.query("纠错率")


def test_a_filter_every_report_passes_builds_no_index(wenzhou_only, monkeypatch):
    builds = []
    real = SearchIndex.build
    monkeypatch.setattr(SearchIndex, "build", classmethod(lambda cls, reports: builds.append(1) or real(reports)))
    plain = wenzhou_only.query("纠错率")
    assert wenzhou_only.query("纠错率 year:2018") == plain and builds == []
    assert wenzhou_only.query("纠错率 year:2019") == []


# ---- a place named in the query's words (tui.search.place_words) ---------------------------
# read in the texts: 四川's report says 实现地区生产总值67665亿元，增长5.5% and 全省城镇新增就业
# 107万人 (522万人 over five years, 85万人 this year's target), never 四川 beside them; 温州's
# 纠错率17.3% stands beside no 温州 either
@pytest.mark.parametrize("query, report, place, raws", [
    ("四川GDP", SICHUAN, "四川", {"67665亿元", "5.5%"}),
    ("四川 GDP", SICHUAN, "四川", {"67665亿元", "5.5%"}),
    ("四川省城镇新增就业", SICHUAN, "四川", {"107万人", "522万人", "85万人"}),
    ("温州 复议纠错率", WENZHOU, "温州", {"17.3%"}),
    ("温州市纠错率", WENZHOU, "温州", {"17.3%"}),
])
def test_a_place_in_the_words_gives_its_reports_hits_first(index, query, report, place, raws):
    top = index.query(query, limit=20)[:5]
    assert top and [h.report for h in top] == [report] * len(top), query
    assert raws & {h.figure.raw for h in top if h.figure is not None}, query
    assert top[0].place == place and top[0].how[0] == (place, "place", place)


def test_a_place_word_is_read_as_written_where_it_tells_no_report_apart(index, wenzhou_only):
    # 全国 is the national report's place, and a word of every report: 推出全国首创的… (温州 6.2)
    hits = index.query("全国首创", limit=5)
    assert hits[0].report == WENZHOU and "全国首创" in hits[0].text and hits[0].place is None
    # one report: its place picks nothing out, the words are searched as typed
    assert all(h.place is None for h in wenzhou_only.query("温州复议纠错率", limit=20))
    assert index.query("四川", limit=5)[0].place is None  # nothing but a place: the word itself


def test_one_report_does_no_place_work(library_reports, monkeypatch):
    """The bundled report alone: a place in the words picks nothing out, and working out the
    report's facts for it cost the first keystroke 20 ms."""
    def refuse(*args, **kwargs):
        raise AssertionError("the catalog's facts were asked for")

    with monkeypatch.context() as patched:
        patched.setattr(filters_module, "catalog_facts", refuse)
        alone = SearchIndex.build([r for r in library_reports if r.id == WENZHOU])
        assert alone.query("温州复议纠错率", limit=5)[0].figure.raw == "17.3%"
        assert not alone.narrows("温州复议纠错率")
        given = SearchIndex.build(library_reports, places=["全国", "沐阳", "四川", "温州"])  # (the app's)
        assert given.narrows("四川GDP")
    assert given.query("四川GDP", limit=5)[0].place == "四川"  # (its @四川 goes through the facts, as any filter)


# ---- the results list ---------------------------------------------------------------------
def groups_and_more(results: SearchResults) -> tuple[list[str], str]:
    heads = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)
             if (results.get_option_at_index(i).id or "").startswith("group:")]
    more = next((str(results.get_option_at_index(i).prompt) for i in range(results.option_count)
                 if results.get_option_at_index(i).id == "more"), "")
    return heads, more


async def test_results_grouped_by_report_with_counts(library_reports, tmp_path: Path):
    app = library_app(library_reports, tmp_path, start_library=False)  # several files: the main screen
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"纠错率")
        await settle(app, pilot)
        heads, more = groups_and_more(main(app).results)
        assert heads == ["温州 2018 法治政府  2"] and more == ""
        assert main(app).results.border_subtitle is None


async def test_a_place_in_the_words_puts_its_report_first_in_the_results(library_reports, tmp_path: Path):
    app = library_app(library_reports, tmp_path, start_library=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"四川GDP")
        await settle(app, pilot)
        heads, _ = groups_and_more(main(app).results)
        assert heads[0].startswith("四川 2026 政府工作  "), heads


async def test_cut_off_results_say_how_many_more_in_how_many_reports(library_reports, index, tmp_path: Path):
    # 率 over the four reports: 86 hits (全国 39, 温州 25, 四川 21, 沐阳 1); the list shows 60
    counted = index.query("率", limit=2000)
    assert len(counted) == 86
    app = library_app(library_reports, tmp_path, start_library=False)  # several files: the main screen
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", "率")
        await pilot.pause(0.5)  # the count runs after a moment, in a thread
        await settle(app, pilot)
        results = main(app).results
        heads, more = groups_and_more(results)
        assert len(results.hits) == 60
        assert more.strip().startswith("… 26 more in 3 reports")
        assert str(results.border_subtitle).startswith("26 more in 3 reports")
        assert heads[0] == "全国 2018 政府工作  30 of 39"
        # a filter narrows it: 率 in the two 2018 reports, 64 hits, 4 beyond the list
        await pilot.press(*" year:2018")
        await pilot.pause(0.5)
        await settle(app, pilot)
        heads, more = groups_and_more(results)
        assert reports_of(results.hits) == {NATIONAL, WENZHOU}
        assert more.strip().startswith("… 4 more in 2 reports")


async def test_one_report_cut_off_says_how_many_more(tmp_path: Path):
    from tests.test_app import make
    from tui.loading import load_report
    from tui.paths import bundled_report_path

    bundled = load_report(bundled_report_path())
    assert len(SearchIndex.build([bundled]).query("行政", limit=2000)) == 66  # 60 shown, 6 more
    app = make(bundled, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"行政")
        await pilot.pause(0.5)
        await settle(app, pilot)
        results = main(app).results
        heads, more = groups_and_more(results)
        assert len(results.hits) == 60 and more.strip() == "… 6 more · narrow the query"
        # one report: grouped by chapter, as before, each with its count of the whole
        assert heads[0] == "四、推进严格公正文明执法,规范执法程序,全面提升执法水平  19 of 21"
