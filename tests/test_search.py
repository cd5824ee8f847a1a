"""The search engine on small hand-made reports and on the bundled report."""

from __future__ import annotations

import pytest

from tui.ingest.pinyin import pinyin_table
from tui.model import Chapter, Figure, Measure, Mention, Report, Section, Source
from tui.search import Hit, SearchIndex, hit_to_json, parse_query
from tui.search.text import fold_map, piece_cover, split_sentences

S61 = "（一）完善行政复议工作制度。全市各级行政复议机关立案受理958件，直接纠错159件，纠错率17.3%。以纪念“枫桥经验”55周年为契机。"
S62 = "（二）创新智慧仲裁。审理知识产权仲裁案件14起。"
S11 = "（一）深化“最多跑一次”改革。建成投用4.8万平方米温州市民中心。市本级开通网上办理事项877项。"


def figure(section: Section, sid: str, n: int, raw: str, label: str, value: float, unit: str | None,
           kind: str = "count", scaled: float | None = None) -> Figure:
    start = section.text.index(raw)
    end = start + len(raw)
    lo = max(section.text.rfind("。", 0, start) + 1, 0)
    hi = section.text.index("。", end) + 1
    return Figure(id=f"{sid}/f{n}", section=sid, raw=raw, value=value, scaled_value=scaled, unit=unit,
                  kind=kind, label=label, sentence=section.text[lo:hi], start=start, end=end)


def make_report(rid: str = "demo", *, with_pinyin: bool = True) -> Report:
    s11 = Section(id="1.1", number="一", title="深化“最多跑一次”改革", text=S11)
    s11.figures = [
        figure(s11, "1.1", 1, "4.8万平方米", "温州市民中心", 4.8, "万平方米", "area", 48000.0),
        figure(s11, "1.1", 2, "877项", "市本级开通网上办理事项", 877, "项"),
    ]
    s61 = Section(id="6.1", number="一", title="完善行政复议工作制度", text=S61)
    s61.figures = [
        figure(s61, "6.1", 1, "958件", "各级行政复议机关立案受理", 958, "件"),
        figure(s61, "6.1", 2, "159件", "直接纠错", 159, "件"),
        figure(s61, "6.1", 3, "17.3%", "纠错率", 17.3, "%", "percent"),
        figure(s61, "6.1", 4, "55周年", "纪念“枫桥经验”", 55, "周年", "duration"),
    ]
    s62 = Section(id="6.2", number="二", title="创新智慧仲裁", text=S62)
    s62.figures = [figure(s62, "6.2", 1, "14起", "知识产权仲裁案件", 14, "起")]
    measures = [
        Measure(id="m1", name="最多跑一次", kind="initiative",
                mentions=[Mention(section="1.1", start=S11.index("最多"), end=S11.index("最多") + 5)]),
        Measure(id="m2", name="枫桥经验", kind="initiative",
                mentions=[Mention(section="6.1", start=S61.index("枫桥"), end=S61.index("枫桥") + 4)]),
    ]
    chapters = [
        Chapter(id="1", number="一", title="深入推进“最多跑一次”改革", heading="一、深入推进“最多跑一次”改革", sections=[s11]),
        Chapter(id="6", number="六", title="健全矛盾纠纷多元化解机制", heading="六、健全矛盾纠纷多元化解机制",
                sections=[s61, s62]),
    ]
    report = Report(id=rid, title="温州市法治政府建设报告", chapters=chapters, measures=measures,
                    source=Source(file=f"{rid}.txt", encoding="utf-8", sha256="0" * 64))
    if with_pinyin:
        texts = [s.text for s in report.sections()] + [c.title for c in chapters]
        texts += [f.label for f in report.figures()] + [m.name for m in measures]
        report.pinyin = pinyin_table(texts)
    return report


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex.build([make_report()])


def first(index: SearchIndex, query: str, **kw) -> Hit:
    hits = index.query(query, **kw)
    assert hits, query
    return hits[0]


def raw_of(hit: Hit) -> str | None:
    return hit.figure.raw if hit.figure else None


# ---- matching -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "query, raw",
    [
        ("纠错率", "17.3%"), ("复议纠错率", "17.3%"), ("网上办理", "877项"), ("市民中心", "4.8万平方米"),
        ("jiucuolv", "17.3%"), ("jiucuolü", "17.3%"), ("jcl", "17.3%"), ("jiucl", "17.3%"), ("jiucuol", "17.3%"),
        ("wsbl", "877项"), ("wangshangbanli", "877项"), ("zscq zc", "14起"), ("zhishichanquan", "14起"),
        ("17.3", "17.3%"), ("17.3%", "17.3%"), ("１７．３％", "17.3%"), ("877", "877项"), ("4.8万", "4.8万平方米"),
        ("48000", "4.8万平方米"), ("纠错率复议", "17.3%"), ("复议纠错律", "17.3%"), ("网上办里事项", "877项"),
        ("行政复议 纠错率", "17.3%"), ("纠错率 17.3", "17.3%"), ("仲裁知识产权", "14起"),
    ],
)
def test_lookups_find_the_figure_first(index, query, raw):
    assert raw_of(first(index, query)) == raw


@pytest.mark.parametrize(
    "query, name",
    [("最多跑一次", "最多跑一次"), ("zdpyc", "最多跑一次"), ("最多跑一刺", "最多跑一次"),
     ("fengqiaojingyan", "枫桥经验"), ("fqjy", "枫桥经验"), ("枫桥经严", "枫桥经验")],
)
def test_lookups_find_the_measure_first(index, query, name):
    hit = first(index, query)
    assert hit.kind == "measure" and hit.measure is not None
    assert hit.measure.name == name


def test_figure_hit_shape(index):
    hit = first(index, "纠错率")
    assert hit.kind == "figure" and hit.report == "demo" and hit.section == "6.1"
    assert hit.text.startswith("纠错率：17.3%｜") and hit.text.endswith(hit.figure.sentence)
    assert hit.spans[0] == (0, 3)
    assert (hit.start, hit.end) == (hit.figure.start, hit.figure.end)
    assert S61[hit.start:hit.end] == "17.3%"


def test_pinyin_spans_map_to_characters(index):
    hit = first(index, "wsbl")
    assert [hit.text[a:b] for a, b in hit.spans] == ["网上办理"]
    hit = first(index, "17.3")
    assert [hit.text[a:b] for a, b in hit.spans] == ["17.3"]


def test_text_hits_point_into_the_section(index):
    hits = index.query("立案受理", kinds=["text"])
    assert hits and all(h.kind == "text" for h in hits)
    hit = hits[0]
    section = make_report().section(hit.section)
    assert section.text[hit.start:hit.end] == "立案受理"
    assert hit.text in section.text


def test_section_and_chapter_hits(index):
    hits = index.query("仲裁", kinds=["section"])
    assert hits[0].kind == "section" and hits[0].section == "6.2" and hits[0].text == "创新智慧仲裁"
    chapter = index.query("矛盾纠纷", kinds=["chapter"])[0]
    assert chapter.kind == "chapter" and chapter.section == "6"


# ---- ranking ---------------------------------------------------------------------------------
def test_exact_ranks_before_near(index):
    hits = index.query("网上办理事项", limit=50)
    assert hits[0].score >= 100
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    near = index.query("网上办里事项")
    assert near and all(h.score < 100 for h in near)


def test_label_match_ranks_before_a_sentence_that_contains_the_words(index):
    hits = index.query("立案受理")
    assert hits[0].kind == "figure" and hits[0].figure.raw == "958件"
    assert [h.kind for h in hits].index("text") > 0


def test_shorter_tighter_first_and_ties_in_document_order():
    report = make_report()
    twin = make_report("second")
    index = SearchIndex.build([report, twin])
    hits = index.query("纠错率", kinds=["figure"])
    assert [h.report for h in hits[:2]] == ["demo", "second"]
    hits = index.query("纠错")
    assert hits[0].figure.label == "纠错率"  # 3 characters beat 直接纠错's 4


# ---- filters -----------------------------------------------------------------------------------
def test_kind_prefixes_and_scope(index):
    assert {h.kind for h in index.query("f: 纠错")} == {"figure"}
    assert {h.kind for h in index.query("m: 枫桥")} == {"measure"}
    assert {h.kind for h in index.query("t:纠错")} == {"text"}
    hits = index.query("in:6.2 案件")
    assert [(h.kind, h.section) for h in hits] == [("figure", "6.2"), ("text", "6.2")] and raw_of(hits[0]) == "14起"
    assert [(h.kind, h.section) for h in index.query("in:6.1 纠错")][:2] == [("figure", "6.1")] * 2
    assert index.query("in:6.2 纠错") == []  # 纠错 is only in 6.1
    assert [(h.kind, h.section) for h in index.query("@6 经验")] == [("measure", "6.1"), ("figure", "6.1"),
                                                                     ("text", "6.1")]
    assert index.query("@6 最多跑一次") == [] and first(index, "@1 最多跑一次").measure.name == "最多跑一次"
    assert index.query("纠错", scope="1.1") == []
    assert {h.kind for h in index.query("纠错", kinds=["figures", "text"])} == {"figure", "text"}


def test_bad_kinds_and_scopes_raise_value_error(index):
    with pytest.raises(ValueError):
        index.query("纠错", kinds=["nonsense"])
    with pytest.raises(ValueError):
        index.query("纠错", scope="six")


def test_parse_query():
    parsed = parse_query("fig: 纠错率 in:6.1 17.3%")
    assert parsed.terms == ("纠错率", "17.3%") and parsed.kinds == {"figure"} and parsed.scope == "6.1"
    assert parse_query("m：枫桥").kinds == {"measure"}
    assert parse_query("s: 仲裁").kinds == {"section", "chapter"}
    assert parse_query("17:30").terms == ("17:30",)


# ---- odd input -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "query",
    ["", "   ", "\u3000", "，。！？", "%", ".*", "(((", "[a-", "\\", "^$", "a" * 10_000, "纠" * 10_000,
     "\ud800纠错", "纠\x00错\x1b[31m率", "\u200b", "ü", "'", "x" * 41, "🙂", "in:", "f:", "@", "1" * 300],
)
def test_odd_queries_never_raise(index, query):
    hits = index.query(query)
    for hit in hits:
        assert all(0 <= a < b <= len(hit.text) for a, b in hit.spans)


def test_punctuation_alone_finds_nothing(index):
    assert index.query("，。") == [] and index.query("%") == [] and index.query("...") == []


def test_limit(index):
    assert len(index.query("纠", limit=2)) <= 2
    assert index.query("纠", limit=0) == []


def test_missing_pinyin_is_computed():
    index = SearchIndex.build([make_report(with_pinyin=False)])
    assert raw_of(first(index, "jiucuolv")) == "17.3%"


def test_hit_to_json(index):
    data = hit_to_json(first(index, "17.3%"))
    assert data["kind"] == "figure" and data["figure"]["raw"] == "17.3%" and data["measure"] is None
    assert data["spans"] == [list(s) for s in first(index, "17.3%").spans]


def test_bundled_report_lookups(bundled):
    index = SearchIndex.build([bundled])
    assert raw_of(first(index, "复议纠错率")) == "17.3%"
    assert first(index, "fengqiaojingyan").measure.name == "枫桥经验"


# ---- helpers -------------------------------------------------------------------------------------
def test_fold_map_maps_expanded_characters_back():
    folded, offsets = fold_map("㎡面积")
    assert folded == "m2面积" and offsets == (0, 0, 1, 2, 3)
    assert fold_map("１７．３％") == ("17.3%", None)


def test_split_sentences():
    text = "（一）完善。好的！\n  第三句；还在 \n结尾"
    assert [text[a:b] for a, b in split_sentences(text)] == ["（一）完善。", "好的！", "第三句；还在", "结尾"]


def test_piece_cover_prefers_heads():
    pieces = piece_cover("纠错率复议", [("纠错率", 1.0), ("加大行政复议纠错力度", 0.55)], 1)
    assert [(a, b, f) for a, b, f, _ in pieces] == [(0, 3, 0), (3, 5, 1)]
    assert piece_cover("完全无关的词", [("纠错率", 1.0)], 1) is None


# ---- preamble and closing -------------------------------------------------------------------
PREAMBLE = ["温州市人民政府工作报告", "各位代表：", "现在，我代表市人民政府向大会报告工作，请予审议。"]
CLOSING = ["名词解释", "1.医保影像云：通过数字胶片集中带量采购，构建医保影像云存储中心。", "2.“两新”：是指大规模设备更新。"]


@pytest.fixture(scope="module")
def framed() -> Report:
    report = make_report("framed")
    report.preamble, report.closing = list(PREAMBLE), list(CLOSING)
    report.pinyin = pinyin_table([s.text for s in report.sections()] + PREAMBLE + CLOSING)
    return report


def test_preamble_and_closing_are_searchable_sentences(framed):
    index = SearchIndex.build([framed])
    hit = first(index, "医保影像云")
    assert (hit.kind, hit.section) == ("text", "closing") and hit.text.startswith("1.医保影像云：")
    assert [hit.text[a:b] for a, b in hit.spans] == ["医保影像云"]
    assert "\n".join(CLOSING)[hit.start:hit.end] == "医保影像云"
    hit = first(index, "向大会报告工作")
    assert (hit.kind, hit.section) == ("text", "preamble") and hit.text == PREAMBLE[2]
    assert "\n".join(PREAMBLE)[hit.start:hit.end] == "向大会报告工作"
    assert first(index, "dagui mo").section == "closing"  # pinyin too, when the table has them
    data = hit_to_json(hit)
    assert data["section"] == "preamble" and data["kind"] == "text" and data["figure"] is None


def test_preamble_and_closing_follow_kind_and_scope_filters(framed):
    index = SearchIndex.build([framed])
    assert [h.section for h in index.query("t: 医保影像云")] == ["closing"]
    assert index.query("f: 医保影像云") == [] and index.query("s: 医保影像云") == []
    assert index.query("in:6 医保影像云") == [] and index.query("医保影像云", scope="1") == []
    hits = index.query("报告")  # document order: the preamble comes first
    assert hits[0].section == "preamble"


def test_bundled_closing_is_found(bundled):
    hit = first(SearchIndex.build([bundled]), "机构人员力量薄弱")
    assert (hit.kind, hit.section) == ("text", "closing")
    assert "\n".join(bundled.closing)[hit.start:hit.end] == "机构人员力量薄弱"


# ---- ü typed as u ------------------------------------------------------------------------------
@pytest.mark.parametrize("query", ["jiucuolu", "jiucuolü", "jiucuolv", "jiucuol", "jcl", "jiucuo lu"])
def test_u_for_ü(index, query):
    assert raw_of(first(index, query)) == "17.3%"


def test_u_for_ü_in_other_syllables():
    text = "保障妇女儿童权益，全面落实战略部署，修订法律法规。"
    section = Section(id="1.1", number="一", title="保障妇女儿童权益", text=text)
    report = Report(id="nv", title="报告", chapters=[Chapter(id="1", number="一", title="民生", heading="一、民生",
                                                             sections=[section])],
                    source=Source(file="nv.txt", encoding="utf-8", sha256="0" * 64))
    report.pinyin = pinyin_table([text, "民生"])
    index = SearchIndex.build([report])
    for query, found in [("funu", "妇女"), ("funv", "妇女"), ("fun", "妇女"), ("zhanlue", "战略"),
                         ("zhanlve", "战略"), ("falv", "法律"), ("falu", "法律"),
                         ("lufa", "律法"), ("zhanlu", "战略"), ("luzhan", None)]:
        hits = index.query(query, kinds=["text"])
        spans = [h.text[a:b] for h in hits for a, b in h.spans]
        assert (found in spans) if found else not hits, (query, spans)


# ---- numbers --------------------------------------------------------------------------------------
@pytest.mark.parametrize("query", ["17.30%", "17.30", "17.300", "１７．３０％", "17.3%", "17.3"])
def test_numbers_compare_by_value(index, query):
    hit = first(index, query)
    assert raw_of(hit) == "17.3%"
    assert hit.score >= 100


def test_trailing_zeros_in_the_report_do_not_matter():
    text = "（一）完善制度。纠错率为17.30%，调解率为5.0%。"
    section = Section(id="1.1", number="一", title="完善制度", text=text)
    section.figures = [figure(section, "1.1", 1, "17.30%", "纠错率", 17.3, "%", "percent"),
                       figure(section, "1.1", 2, "5.0%", "调解率", 5.0, "%", "percent")]
    report = Report(id="zeros", title="报告", chapters=[Chapter(id="1", number="一", title="制度", heading="一、制度",
                                                                sections=[section])],
                    source=Source(file="zeros.txt", encoding="utf-8", sha256="0" * 64))
    index = SearchIndex.build([report])
    assert raw_of(first(index, "17.3%")) == "17.30%"
    assert raw_of(first(index, "5%")) == "5.0%"
    text_hit = index.query("17.3%", kinds=["text"])[0]
    assert [text_hit.text[a:b] for a, b in text_hit.spans] == ["17.30%"]


def test_a_number_never_matches_inside_a_longer_one(bundled):
    index = SearchIndex.build([bundled])
    assert "36055" in bundled.section("4.1").text
    hits = index.query("55", limit=50)
    assert hits and all("55" in h.text for h in hits)
    for hit in hits:
        for a, b in hit.spans:
            assert not (a > 0 and hit.text[a - 1].isdigit()), hit.text
    assert not any("36055" in h.text for h in hits)
    assert raw_of(first(index, "360")) == "36055项"  # the start of a number, while typing


def test_numbers_while_typing(index):
    assert raw_of(first(index, "17.")) == "17.3%"
    assert raw_of(first(index, "87")) == "877项"
    assert index.query("77", kinds=["figure"]) == []  # the end of 877 is not 77


# ---- prefixes -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("query", ["f: in:6 纠错", "in:6 f:纠错", "f:in:6 纠错", "fig:@6 纠错", "f:§6 纠错"])
def test_kind_and_scope_prefixes_combine(index, query):
    parsed = parse_query(query)
    assert (parsed.terms, set(parsed.kinds), parsed.scope) == (("纠错",), {"figure"}, "6")
    hits = index.query(query)
    assert hits and {h.kind for h in hits} == {"figure"} and all(h.section.startswith("6.") for h in hits)


def test_kind_prefixes_chain():
    assert parse_query("f:in:3 增长") == parse_query("f: in:3 增长") == parse_query("in:3 f:增长")
    assert parse_query("f:t:纠错").kinds == {"figure", "text"} and parse_query("f:t:纠错").terms == ("纠错",)


# ---- swapped and misheard characters in short words -------------------------------------------------
@pytest.fixture(scope="module")
def heard() -> SearchIndex:
    """The demo report, its readings table also knowing 律究措 (a table only knows the
    characters of the reports: a misheard character must occur somewhere in them)."""
    report = make_report()
    report.pinyin = {**pinyin_table(["律究措"]), **report.pinyin}
    return SearchIndex.build([report])


@pytest.mark.parametrize("query", ["错纠率", "纠率错", "纠错律", "究错率", "纠措率"])
def test_three_characters_with_one_swapped_or_misheard(heard, query):
    hits = heard.query(query)
    assert raw_of(hits[0]) == "17.3%" and hits[0].score < 100
    assert [hits[0].text[a:b] for a, b in hits[0].spans] == ["纠错率"]


def test_misheard_characters_do_not_flood(bundled):
    index = SearchIndex.build([bundled])
    assert len(index.query("纠错律", limit=50)) <= 3
    assert all(h.score >= 100 for h in index.query("纠错率", limit=50))  # exact: no near hits mixed in
    assert index.query("纠错鸟") == []  # not a homophone: no match
