"""Tables as tables: the Shuyang report's pipe tables parsed, each numeric cell a figure.

Every expected (row, column, value) below was read off
/work/shared/corpus/shuyang-2025-information-disclosure-annual-report.md.txt by hand; the
columns of its 收到和处理 table are printed as 数据1 … 数据6, 总计 and are named here by
the national template (自然人, 法人或其他组织: 商业企业 … 其他, 总计).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.ingest import ingest_bytes, ingest_text
from tui.ingest.tables import column_unit, find_tables, parse_number
from tui.search import SearchIndex

SHUYANG = Path("/work/shared/corpus/shuyang-2025-information-disclosure-annual-report.md.txt")
CENSUS = Path("/work/shared/corpus/formats/national-1995-third-industrial-census-communique.md")
QDN_2023 = Path("/work/shared/corpus/formats/qiandongnan-2023-statistical-communique.pdf-text.txt")


@pytest.fixture(scope="module")
def shuyang():
    return ingest_bytes(SHUYANG.read_bytes(), SHUYANG.name)


def _tables(report):
    return [t for s in report.sections() for t in s.tables]


# (section, row key, column key, value): read from the text
HAND_CHECKED = [
    ("2.1", "第二十条第（一）项/规章", "本年制发件数", 0),
    ("2.1", "第二十条第（一）项/行政规范性文件", "本年制发件数", 6),
    ("2.1", "第二十条第（一）项/行政规范性文件", "本年废止件数", 1),
    ("2.1", "第二十条第（一）项/行政规范性文件", "现行有效件数", 32),
    ("2.2", "第二十条第（五）项/行政许可", "本年处理决定数量", 517645),
    ("2.3", "第二十条第（六）项/行政处罚", "本年处理决定数量", 693957),
    ("2.3", "第二十条第（六）项/行政强制", "本年处理决定数量", 2154),
    ("2.4", "第二十条第（八）项/行政事业性收费", "本年收费金额（单位：万元）", 4068.208),
    ("3.0", "一、本年新收政府信息公开申请数量", "自然人", 705),
    ("3.0", "一、本年新收政府信息公开申请数量", "法人或其他组织/商业企业", 3),
    ("3.0", "一、本年新收政府信息公开申请数量", "法人或其他组织/法律服务机构", 5),
    ("3.0", "一、本年新收政府信息公开申请数量", "总计", 713),
    ("3.0", "二、上年结转政府信息公开申请数量", "自然人", 36),
    ("3.0", "二、上年结转政府信息公开申请数量", "总计", 36),
    ("3.1", "三、本年度办理结果/（一）予以公开", "自然人", 290),
    ("3.1", "三、本年度办理结果/（一）予以公开", "法人或其他组织/商业企业", 1),
    ("3.1", "三、本年度办理结果/（一）予以公开", "总计", 294),
    ("3.2", "三、本年度办理结果/（二）部分公开", "自然人", 99),
    ("3.2", "三、本年度办理结果/（二）部分公开", "法人或其他组织/法律服务机构", 2),
    ("3.2", "三、本年度办理结果/（二）部分公开", "总计", 101),
    ("3.3", "三、本年度办理结果/（三）不予公开/3.危及“三安全一稳定”", "自然人", 2),
    ("3.3", "三、本年度办理结果/（三）不予公开/5.属于三类内部事务信息", "总计", 13),
    ("3.3", "三、本年度办理结果/（三）不予公开/8.属于行政查询事项", "自然人", 9),
    ("3.4", "三、本年度办理结果/（四）无法提供/1.本机关不掌握相关政府信息", "自然人", 111),
    ("3.4", "三、本年度办理结果/（四）无法提供/2.没有现成信息需要另行制作", "总计", 2),
    ("3.5", "三、本年度办理结果/（五）不予处理/1.信访举报投诉类申请", "自然人", 12),
    ("3.5", "三、本年度办理结果/（五）不予处理/2.重复申请", "法人或其他组织/商业企业", 1),
    ("3.5", "三、本年度办理结果/（五）不予处理/2.重复申请", "总计", 7),
    ("3.6", "三、本年度办理结果/（六）其他处理/1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
     "自然人", 9),
    ("3.6", "三、本年度办理结果/（六）其他处理/2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
     "总计", 7),
    ("3.6", "三、本年度办理结果/（六）其他处理/3.其他", "自然人", 142),
    ("3.6", "三、本年度办理结果/（六）其他处理/3.其他", "总计", 143),
    ("3.6", "三、本年度办理结果/（七）总计", "自然人", 710),
    ("3.6", "三、本年度办理结果/（七）总计", "法人或其他组织/法律服务机构", 5),
    ("3.6", "三、本年度办理结果/（七）总计", "总计", 718),
    ("3.6", "四、结转下年度继续办理", "自然人", 31),
    ("4.1", "行政复议", "结果维持", 27),
    ("4.1", "行政复议", "结果纠正", 10),
    ("4.1", "行政复议", "其他结果", 9),
    ("4.1", "行政复议", "尚未审结", 15),
    ("4.1", "行政复议", "总计", 61),
    ("4.2", "行政诉讼/未经复议直接起诉", "结果维持", 3),
    ("4.3", "行政诉讼/复议后起诉", "结果维持", 8),
    ("4.3", "行政诉讼/复议后起诉", "尚未审结", 1),
    ("4.3", "行政诉讼/复议后起诉", "总计", 10),
]


def _cell(report, section, row_key, column_key):
    for table in report.section(section).tables:
        for row in table.rows:
            if row.key == row_key:
                for cell in row.cells:
                    if cell.key == column_key:
                        return table, cell
    raise AssertionError(f"no cell {row_key} × {column_key} in {section}")


@pytest.mark.parametrize("section,row,column,value", HAND_CHECKED, ids=lambda v: str(v)[:12])
def test_shuyang_cell(shuyang, section, row, column, value):
    table, cell = _cell(shuyang, section, row, column)
    assert cell.value == value
    text = shuyang.section(section).text
    assert text[cell.start:cell.end] == cell.text
    figure = shuyang.figure(cell.figure)
    assert figure is not None and figure.value == value
    assert (figure.start, figure.end, figure.raw) == (cell.start, cell.end, cell.text)


def test_shuyang_has_nineteen_tables_and_every_number_is_a_figure(shuyang):
    tables = _tables(shuyang)
    # 4 in 二, 3 申请人情况 + 2 + 6 + the fragment after (六) in 三, 3 in 四
    assert len(tables) == 19
    numbers = [c for t in tables for row in t.rows for c in row.cells if c.value is not None]
    # read off the file: 6+1+2+1 in 二; 7×2, 7, 7, 7×8, 7×3, 7×5, 7, 7×4 in 三; 5×3 in 四
    assert len(numbers) == 10 + 14 + 7 + 7 + 56 + 21 + 35 + 7 + 28 + 15 == 200
    assert all(c.figure for c in numbers)
    # the tables' 申请人情况 rows print "-": blank cells, no figure
    assert all(c.figure is None for c in tables[4].rows[0].cells)


def test_standard_tables_are_recognised_whatever_the_columns_are_called(shuyang):
    tables = _tables(shuyang)
    assert [t.standard for t in tables] == (["active"] * 4 + [None] * 3 + ["requests"] * 9 + ["appeals"] * 3)
    applications = tables[7]
    assert applications.columns == ["类别", "数据1", "数据2", "数据3", "数据4", "数据5", "数据6", "总计"]
    assert [c.key for c in applications.rows[0].cells] == [
        None, "自然人", "法人或其他组织/商业企业", "法人或其他组织/科研机构", "法人或其他组织/社会公益组织",
        "法人或其他组织/法律服务机构", "法人或其他组织/其他", "总计"]


def test_cell_figures_are_labelled_row_and_column(shuyang):
    labels = {(f.label, f.value) for f in shuyang.figures()}
    assert ("行政处罚 · 本年处理决定数量", 693957) in labels
    assert ("规章 · 现行有效件数", 0) in labels
    assert ("予以公开 · 自然人", 290) in labels
    assert ("不予公开·属于国家秘密 · 自然人", 0) in labels
    assert ("其他处理·其他 · 总计", 143) in labels
    assert ("行政复议 · 结果维持", 27) in labels
    assert ("行政诉讼·复议后起诉 · 总计", 10) in labels
    fee = next(f for f in shuyang.figures() if f.label == "行政事业性收费 · 本年收费金额（单位：万元）")
    assert (fee.raw, fee.value, fee.unit, fee.kind, fee.scaled_value) == ("4068.208", 4068.208, "万元", "money", 40682080.0)


def test_section_titles_are_the_headings_not_a_table_cell(shuyang):
    assert [s.title for s in shuyang.chapters[1].sections] == [
        "第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"]
    assert [s.title for s in shuyang.chapters[3].sections] == [
        "行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）"]


def test_a_cell_is_found_by_search_like_any_figure(shuyang):
    index = SearchIndex.build([shuyang])
    for query in ("行政处罚", "693957"):
        hits = index.query(query)
        assert hits and hits[0].kind == "figure", query
        figure = hits[0].figure
        assert (figure.label, figure.value) == ("行政处罚 · 本年处理决定数量", 693957), query


def test_prose_figures_are_not_read_from_table_rows(shuyang):
    # the 749 件 of the prose stays a figure; a table row's loose numbers are cells only
    prose = [f for f in shuyang.section("3.0").figures if not f.label.count(" · ")]
    assert all("|" not in f.sentence for f in prose)
    assert any(f.raw == "749 件" for f in shuyang.section("1.2").figures)


def test_census_tables_with_merged_headers_and_units_in_cells():
    report = ingest_bytes(CENSUS.read_bytes(), CENSUS.name)
    tables = _tables(report)
    assert [t.caption for t in tables][:2] == ["表1：主要产品产量及增长情况", "表2：工业经济类型结构变化情况"]
    one = tables[0]
    assert one.columns == ["产品名称", "1995年产量", "比1985年增长"]
    coal = one.rows[0]
    assert coal.header == "原煤"
    assert [(c.text, c.value, c.unit) for c in coal.cells[1:]] == [("13.61 亿吨", 13.61, "亿吨"), ("56.1%", 56.1, "%")]
    # 按资产总额计算(%) spans the columns 1985 and 1995 below it
    two = tables[1]
    assert two.columns[1:3] == ["按资产总额计算(%) 1985", "按资产总额计算(%) 1995"]
    state = two.rows[0]
    assert state.header == "国有工业" and state.cells[2].value == 53.7
    # 私营工业 has no 1985 figure: a blank cell
    private = two.rows[2]
    assert private.header == "私营工业" and private.cells[1].value is None and private.cells[2].value == 1.0
    labels = {f.label for f in report.figures()}
    assert "国有工业 · 按资产总额计算(%) 1995" in labels
    assert "原煤 · 1995年产量" in labels


def test_space_aligned_tables_of_a_pdf_text():
    report = ingest_bytes(QDN_2023.read_bytes(), QDN_2023.name)
    tables = _tables(report)
    assert len(tables) == 16
    first = tables[0]
    assert first.kind == "text" and first.caption == "表1 2023年年末户籍人口及其构成"
    assert first.columns == ["指标名称", "年末数（人）", "比重（%）"]
    # the rows run on across a page break (2 / — —) between 乡村 and #男性
    assert [r.header for r in first.rows] == ["全州总户籍人口", "#城镇", "乡村", "#男性", "女性",
                                              "#0-17岁（含不满18周岁）", "18-59岁（含不满60周岁）", "60周岁及以上"]
    assert [c.value for c in first.rows[0].cells[1:]] == [4899310, 100.0]
    assert first.rows[0].cells[2].unit == "%"
    # a unit column: 规模以上工业增加值 % 4.7
    five = tables[4]
    assert five.rows[0].header == "规模以上工业增加值"
    assert (five.rows[0].cells[2].value, five.rows[0].cells[2].unit) == (4.7, "%")


def test_parse_number_and_column_units():
    assert parse_number("705") == (705.0, None, None)
    assert parse_number("13.61 亿吨") == (13.61, "亿吨", 1.361e9)
    assert parse_number("１２．５％") == (12.5, "%", None)
    assert parse_number("-0.8") == (-0.8, None, None)
    assert parse_number("-") is None and parse_number("…") is None and parse_number("规章") is None
    assert column_unit("本年收费金额（单位：万元）") == "万元"
    assert column_unit("**比重（****%****）**") == "%"
    assert column_unit("年末数（人）") == "人"
    assert column_unit("部分公开（区分处理的）") is None


def test_tables_in_a_made_up_text_keep_their_offsets():
    text = "标题\n一、情况\n表1 主要指标\n| 指标 | 数量 |\n|---|---|\n| 甲 | 12 |\n| 乙 | - |\n正文。"
    report = ingest_text(text, "x.txt")
    [table] = report.section("1.0").tables
    assert table.caption == "表1 主要指标"
    assert [(r.header, [c.value for c in r.cells]) for r in table.rows] == [("甲", [None, 12]), ("乙", [None, None])]
    section = report.section("1.0")
    assert section.text[table.start:table.end] == "| 指标 | 数量 |\n|---|---|\n| 甲 | 12 |\n| 乙 | - |"
    [figure] = section.figures
    assert (figure.label, figure.raw, figure.value) == ("甲 · 数量", "12", 12)


def test_find_tables_splits_two_tables_without_a_blank_line():
    text = ("| 类别 | 数据1 | 总计 |\n|---|---|---|\n| 1. 甲 | 9 | 9 |\n"
            "| 项目 | 本年新收件数 | 总计 |\n|---|---|---|\n| 2. 乙 | 7 | 7 |")
    tables = find_tables(text)
    assert [t.columns for t in tables] == [["类别", "数据1", "总计"], ["项目", "本年新收件数", "总计"]]
    assert [t.row_headers for t in tables] == [["1. 甲"], ["2. 乙"]]


def test_a_table_as_markdown_and_csv(shuyang):
    from tui.table_export import table_csv, table_markdown

    [table] = shuyang.section("2.3").tables
    assert table_markdown(table) == ("**第二十条第（六）项**\n\n| 信息内容 | 本年处理决定数量 |\n|---|---|\n"
                                     "| 行政处罚 | 693957 |\n| 行政强制 | 2154 |\n")
    assert table_csv(table) == "信息内容,本年处理决定数量\n行政处罚,693957\n行政强制,2154\n"


def test_tables_parts_and_note_links_survive_the_json_round_trip():
    from tui.loading import report_from_json

    for path in (SHUYANG, QDN_2023):
        report = ingest_bytes(path.read_bytes(), path.name)
        again = report_from_json(report.to_json().encode("utf-8"), "x.json")
        assert again.model_dump() == report.model_dump()


@pytest.mark.parametrize("tamper,message", [
    (lambda d: d["chapters"][1]["sections"][2]["tables"][0]["rows"][0]["cells"][1].update(text="693958"),
     "do not point at '693958'"),
    (lambda d: d["chapters"][1]["sections"][2]["tables"][0]["rows"][0]["cells"][1].update(figure="2.3/f2"),
     "is no figure of section 2.3 at the cell's span"),
    (lambda d: d["chapters"][1]["sections"][2]["tables"][0].update(id="2.1/t1"), "is not in section '2.3'"),
])
def test_a_table_that_does_not_point_at_its_text_is_refused(shuyang, tamper, message):
    from tui.errors import ReportError
    from tui.loading import report_from_json
    import json

    data = json.loads(shuyang.to_json())
    tamper(data)
    with pytest.raises(ReportError, match=message):
        report_from_json(json.dumps(data, ensure_ascii=False).encode("utf-8"), "bad.json")


def test_parts_and_note_refs_that_point_nowhere_are_refused():
    from tui.errors import ReportError
    from tui.loading import report_from_json
    import json

    report = ingest_bytes(QDN_2023.read_bytes(), QDN_2023.name)
    data = json.loads(report.to_json())
    data["parts"][0]["end"] = len(data["closing"]) + 5
    with pytest.raises(ReportError, match="not a range of closing"):
        report_from_json(json.dumps(data, ensure_ascii=False).encode("utf-8"), "bad.json")
    data = json.loads(report.to_json())
    data["note_refs"][0]["start"] += 1
    with pytest.raises(ReportError, match="note_refs"):
        report_from_json(json.dumps(data, ensure_ascii=False).encode("utf-8"), "bad.json")


def test_section_blocks_show_headings_without_marks_and_tables_as_tables(shuyang):
    from tui.section_blocks import section_blocks

    blocks = section_blocks(shuyang.section("2.1"))
    assert [(b.kind, b.text if b.kind != "table" else b.table.id) for b in blocks] == [
        ("heading", "第二十条第（一）项"), ("table", "2.1/t1")]
    text = shuyang.section("2.1").text
    assert all(text[b.start:b.end].endswith(b.text) for b in blocks if b.kind == "heading")
    # 3.6: a paragraph-free section of two tables and its (六) heading
    kinds = [b.kind for b in section_blocks(shuyang.section("3.6"))]
    assert kinds == ["heading", "table", "table"]
    # 1.1: the ### 三是 line is a heading; the rest are paragraphs
    one = section_blocks(shuyang.section("1.1"))
    assert [b.kind for b in one].count("table") == 0
    assert ("heading", "三是提高解读效能。") in [(b.kind, b.text) for b in one]


def _standard_cells(report) -> dict[str, float]:
    """identity ("/".join of row key and column key) → value, for every standard cell."""
    out = {}
    for t in _tables(report):
        for row in t.rows:
            for cell in row.cells:
                if cell.key and cell.value is not None:
                    out["/".join(k for k in (row.key, cell.key) if k)] = cell.value
    return out


def test_the_same_cell_means_the_same_thing_in_every_report(shuyang):
    """Values read by hand: the Shuyang Markdown, the Shanghai Markdown fragments (表三), the
    Huaian PDF (pdftotext -layout: （一）予以公开 1288 21 0 0 50 3 1362; 72 64 178 37 351 13 4 8 1 26
    12 1 1 6 20 under 行政复议 / 行政诉讼)."""
    formats = Path("/work/shared/corpus/formats")
    shanghai = ingest_bytes((formats / "shanghai-office-2025-information-disclosure-annual-report.source.md")
                            .read_bytes(), "shanghai.md")
    huaian = ingest_bytes((formats / "huaian-2024-information-disclosure-annual-report.pdf").read_bytes(),
                          "huaian.pdf")
    disclosed = "三、本年度办理结果/（一）予以公开/"
    expected = {
        "shuyang": (shuyang, {disclosed + "自然人": 290, disclosed + "总计": 294, "行政复议/结果维持": 27,
                              "行政诉讼/复议后起诉/总计": 10}),
        "shanghai": (shanghai, {disclosed + "自然人": 201, disclosed + "总计": 206,
                                "一、本年新收政府信息公开申请数量/总计": 1295}),
        "huaian": (huaian, {disclosed + "自然人": 1288, disclosed + "法人或其他组织/法律服务机构": 50,
                            disclosed + "总计": 1362, "行政复议/结果维持": 72, "行政复议/总计": 351,
                            "行政诉讼/未经复议直接起诉/总计": 26, "行政诉讼/复议后起诉/尚未审结": 6}),
    }
    for name, (report, cells) in expected.items():
        found = _standard_cells(report)
        assert {k: found.get(k) for k in cells} == cells, name


def test_hongze_appeals_header_spans_both_kinds_of_suit():
    """洪泽's table 四 (the PDF's page 4, read off the page): 行政诉讼 is printed centred over
    the ten columns of 未经复议直接起诉 and 复议后起诉, but a stray rule at a column edge
    splits its header cell; the one data row reads 10 1 0 0 0 | 0 0 0 0 0 | 5 0 0 0 0."""
    hongze = Path("/work/shared/corpus/formats/hongze-2023-information-disclosure-annual-report.pdf")
    report = ingest_bytes(hongze.read_bytes(), hongze.name, with_pinyin=False)
    [table] = report.section("4.0").tables
    assert table.header_rows[0][0] == "行政复议" and table.header_rows[0][5] == "行政诉讼"
    assert table.header_rows[0][8] == ""
    assert table.columns[5] == "行政诉讼 未经复议直接起诉 结果维持"
    assert table.standard == "appeals"
    [row] = table.rows
    cells = {c.key: c.value for c in row.cells}
    # (column, value), by hand from the printed table
    for column, value in [("行政复议/结果维持", 10), ("行政复议/结果纠正", 1), ("行政复议/总计", 0),
                          ("行政诉讼/未经复议直接起诉/结果维持", 0), ("行政诉讼/未经复议直接起诉/总计", 0),
                          ("行政诉讼/复议后起诉/结果维持", 5), ("行政诉讼/复议后起诉/尚未审结", 0),
                          ("行政诉讼/复议后起诉/总计", 0)]:
        assert cells[column] == value, column
    # the figure of a row without a label is named by its column headers
    assert ("行政诉讼 复议后起诉 结果维持", 5) in {(f.label, f.value) for f in report.section("4.0").figures}
