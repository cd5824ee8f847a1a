"""PDF, HTML and DOCX reports (issue 11): detection by content, the readers' repairs, tables,
metadata, losslessness, hostile files — through the CLI in a subprocess where a user would.

Expected values were read from the files themselves (pdftotext, a browser, Word), not from
the code's output: chapter titles as printed, figures with a snippet of their sentence,
table rows as a reader sees them.
"""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from tui.ingest.detect import detect_format, read_document
from tui.ingest.lossless import format_lossless_problems, markup_free, reader_output
from tui.ingest.pipeline import ingest_extracted
from tui.ingest.text_repair import is_page_number, join_letter_spacing, join_wrapped

FORMATS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "formats"  # shared/ beside the checkout
pytestmark = pytest.mark.skipif(not FORMATS.is_dir(), reason="the shared corpus is not here")

HUAIAN = "huaian-2024-information-disclosure-annual-report.pdf"
HONGZE = "hongze-2023-information-disclosure-annual-report.pdf"
QIANDONGNAN = "qiandongnan-2023-statistical-communique.pdf"
SHUYANG = "shuyang-fgj-2023-information-disclosure-annual-report.html"
SHANGHAI = "shanghai-2025-government-work-report.docx"
MCA = "national-mca-2021-civil-affairs-statistical-communique.docx"
DISCLOSURE_CHAPTERS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]
# chapter headings as a reader sees them in each file (letter-spacing as printed removed)
CHAPTERS = {
    HUAIAN: DISCLOSURE_CHAPTERS,
    HONGZE: DISCLOSURE_CHAPTERS,
    QIANDONGNAN: [
        "一、综合", "二、农业", "三、工业和建筑业", "四、固定资产投资", "五、市场、消费、物价和对外经济",
        "六、交通运输和邮政通信", "七、财政和金融", "八、人民生活和社会保障", "九、文化和旅游",
        "十、教育、科技和体育", "十一、卫生和社会服务", "十二、环境保护和生产安全",
    ],
    SHUYANG: DISCLOSURE_CHAPTERS[:4] + ["五、存在的主要问题及整改措施", "六、其他需要报告的事项"],
    SHANGHAI: ["一、2024年工作回顾", "二、2025年主要任务", "三、全面提升政府治理现代化水平"],
    MCA: ["一、综合", "二、行政区划", "三、社会工作", "四、成员组织和其他社会服务"],
}
# (section, raw, a snippet of its sentence), read in the files
FIGURES = {
    HUAIAN: [("1.1", "5500余条", "市政府网站主动公开各类政府信息5500余条"),
             ("1.2", "3119件", "全市共受理政府信息公开申请3119件"),
             ("6.0", "3940元", "全年收取政府信息公开信息处理费3940元")],
    HONGZE: [("1.2", "21件", "全区受理政府信息公开申请21件"),
             ("6.0", "0元", "全年收取政府信息公开信息处理费0元")],
    # 35511元 and 3.7% are printed across a line break: 比上年增 / 长3.7%
    QIANDONGNAN: [("1.0", "35511元", "全年全州人均生产总值35511元，比上年增长3.7%"),
                  ("1.0", "375.73万人", "年末全州常住人口375.73万人"),
                  ("2.0", "290.41亿元", "全年全州农林牧渔业增加值290.41亿元")],
    SHUYANG: [("1.1", "249条", "全年共审核发布各类公开政府信息249条"),
              ("1.1", "182件", "全年受理网络问政182件")],
    SHANGHAI: [("1.0", "8374.2亿元", "地方一般公共预算收入达到8374.2亿元"),
               ("1.1", "800.1亿美元", "按一年计意向成交金额800.1亿美元")],
    MCA: [("1.0", "1730.4 万人", "职工总数 1730.4 万人")],
}


def run_cli(*args: str, timeout: int = 180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> dict[str, dict]:
    """Every file of the formats corpus through `report-explorer ingest`, in process (one
    interpreter for all: a subprocess each cost 3–4 s of start-up and imports per file;
    the tests below that check the console script's exit status run it as a subprocess)."""
    from click.testing import CliRunner

    from tui.cli import main

    out = tmp_path_factory.mktemp("formats")
    reports = {}
    for path in sorted(FORMATS.iterdir()):
        if path.name == "README.md":
            continue
        target = out / (path.name + ".json")
        done = CliRunner().invoke(main, ["ingest", str(path), "-o", str(target)], catch_exceptions=False)
        assert done.exit_code == 0, (path.name, done.output)
        reports[path.name] = json.loads(target.read_text(encoding="utf-8"))
    return reports


def section_text(report: dict, section_id: str) -> str:
    return next(s["text"] for c in report["chapters"] for s in c["sections"] if s["id"] == section_id)


def all_text(report: dict) -> str:
    return "\n".join(s["text"] for c in report["chapters"] for s in c["sections"])


def test_every_corpus_file_ingests(ingested):
    names = {p.name for p in FORMATS.iterdir() if p.name != "README.md"}
    assert set(ingested) == names
    assert len([n for n in names if n.endswith((".pdf", ".html", ".docx"))]) == 6


@pytest.mark.parametrize("name", sorted(CHAPTERS))
def test_chapters_a_reader_sees(ingested, name):
    assert [c["heading"] for c in ingested[name]["chapters"]] == CHAPTERS[name]


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_hand_checked_figures(ingested, name):
    figures = [f for c in ingested[name]["chapters"] for s in c["sections"] for f in s["figures"]]
    for section, raw, snippet in FIGURES[name]:
        hits = [f for f in figures if f["section"] == section and f["raw"] == raw]
        assert hits, (name, section, raw)
        assert snippet in section_text(ingested[name], section)


def test_titles_issuers_and_source(ingested):
    assert ingested[HUAIAN]["title"] == "淮安市人民政府2024年政府信息公开工作年度报告"  # two large lines → one
    assert ingested[HONGZE]["title"] == "洪泽区人民政府2023年政府信息公开工作年度报告"
    # the title is an image (黔东南苗族侗族自治州2023年国民经济和社会发展统计公报): the metadata
    # title 黔东南苗族侗族自治州, the year the text opens with (2023年，在省委…) and what it
    # calls itself (本公报中数据…, from a 统计局) make one, and a warning says so
    assert ingested[QIANDONGNAN]["title"] == "黔东南苗族侗族自治州2023年统计公报"
    assert ingested[QIANDONGNAN]["period"] == 2023
    assert any("metadata title" in w for w in ingested[QIANDONGNAN]["warnings"])
    assert not any("metadata title" in w for w in ingested[HUAIAN]["warnings"])
    assert ingested[QIANDONGNAN]["issuer"] == "黔东南州统计局"
    assert ingested[QIANDONGNAN]["issued_on"] == "2024-05-07"
    assert ingested[SHUYANG]["title"] == "沭阳县发展和改革局2023年政府信息公开年度报告"
    assert ingested[SHANGHAI]["title"] == "2025年上海市政府工作报告"
    # 现在，我代表上海市人民政府，向大会报告工作 (the title says only 上海市政府)
    assert ingested[SHANGHAI]["issuer"] == "上海市人民政府"
    assert ingested[SHANGHAI]["issued_on"] == "2025-01-15"  # ----2025年1月15日龚正市长在…
    # no signature and no date line: not the 2024年1月1日 of 统计期限自2024年1月1日至… in the body
    assert (ingested[HUAIAN]["issuer"], ingested[HUAIAN]["issued_on"]) == ("淮安市人民政府", None)
    assert (ingested[HONGZE]["issuer"], ingested[HONGZE]["issued_on"]) == ("洪泽区人民政府", None)
    source = ingested[HUAIAN]["source"]
    assert source["file"] == HUAIAN and source["encoding"] == "pdf" and source["size"] == 412842
    import hashlib

    assert source["sha256"] == hashlib.sha256((FORMATS / HUAIAN).read_bytes()).hexdigest()


# (place, year, kind) as a reader of each file would file it: the place and the year covered
CATALOG = {
    HUAIAN: ("淮安", 2024, "政府信息公开年报"),
    HONGZE: ("洪泽", 2023, "政府信息公开年报"),
    # a fragment of 淮安's table 三 as a text of its own: it names nothing
    "huaian-2024-information-disclosure-annual-report.section3-extract.txt": (None, None, None),
    # 第三次全国工业普查主要数据公报 of 国家统计局 and 第三次全国工业普查办公室: no year in its
    # title and no date, but its figures are of 1995年末
    "national-1995-third-industrial-census-communique.md": ("全国", 1995, "统计公报"),
    # 2021 年民政事业发展统计公报 of 民政部, which it never names: its subject is 全国民政部门
    MCA: ("全国", 2021, "统计公报"),
    "qiandongnan-2020-statistical-communique.web-page.md": ("黔东南", 2020, "统计公报"),
    QIANDONGNAN: ("黔东南", 2023, "统计公报"),
    "qiandongnan-2023-statistical-communique.pdf-text.txt": ("黔东南", 2023, "统计公报"),
    SHANGHAI: ("上海", 2025, "政府工作报告"),
    "shanghai-office-2025-information-disclosure-annual-report.source.md": ("上海", 2025, "政府信息公开年报"),
    SHUYANG: ("沭阳", 2023, "政府信息公开年报"),
}


def test_catalog_place_year_and_kind_of_every_file(ingested):
    from tui.library.catalog import entry_for
    from tui.model import Report

    got = {}
    for name, data in ingested.items():
        entry = entry_for(Report.model_validate(data), path=name, sha256="", fmt="text")
        got[name] = (entry.place, entry.year, entry.kind)
    assert got == CATALOG


def test_a_place_in_the_words_beside_a_phrase_that_starts_with_it(ingested):
    """上海GDP in a library of Shanghai's and the national report: Shanghai's 全市生产总值增长5%
    first; 上海合作组织 is still the national report's 办好…上海合作组织峰会 (its words as written)."""
    from tests.conftest import CORPUS
    from tui.loading import load_report
    from tui.model import Report
    from tui.search import SearchIndex

    national = load_report(next(p for p in CORPUS if p.name.startswith("national-2018")))
    index = SearchIndex.build([Report.model_validate(ingested[SHANGHAI]), national])
    gdp = index.query("上海GDP", limit=5)
    assert gdp[0].report == "shanghai-2025-government-work-report" and gdp[0].figure.raw == "5%"
    assert gdp[0].place == "上海"
    cooperation = index.query("上海合作组织", limit=5)
    assert cooperation[0].report == "national-2018-government-work-report"
    assert "上海合作组织峰会" in cooperation[0].text and cooperation[0].place is None


@pytest.mark.parametrize("name", [HUAIAN, HONGZE, SHUYANG])
def test_a_lead_in_that_opens_with_a_table_is_titled_by_its_first_cell(ingested, name):
    """Chapters 二, 三, 四 of a 政府信息公开年报 are a table each: the outline names them by
    the table's first header cell as printed (the bracketed 勾稽关系 note above 申请人情况 is
    a note, not a name), never by a raw ``| … |`` row."""
    titles = [c["sections"][0]["title"] for c in ingested[name]["chapters"][1:4]]
    assert titles == ["第二十条第（一）项", "申请人情况", "行政复议"]


def test_pdf_page_numbers_go_to_extras_and_paragraphs_are_joined(ingested):
    huaian = ingested[HUAIAN]
    assert [e for e in huaian["extras"] if is_page_number(e)] == ["- 1 -", "- 2 -", "- 3 -", "- 4 -", "- 5 -", "- 6 -"]
    text = all_text(huaian)
    # the paragraph that -1- cut in the middle is one paragraph again
    assert "“建设‘四最’一流营商环境高质量推进产业发展”" in text
    assert "-1-" not in text.replace(" ", "")
    # hard-wrapped lines joined without a space; a paragraph per （n） section
    assert "本报告由淮安市人民政府办公室根据《中华人民共和国政府信息公开条例》（国令第711号）" in "\n".join(huaian["preamble"])
    assert section_text(huaian, "1.3").count("\n") == 0


def test_pdf_letter_spacing_is_joined(ingested):
    hongze = "\n".join(ingested[HONGZE]["preamble"])
    assert "号，邮编：223100" in hongze  # printed 号 ， 邮 编 ： 223100
    assert ingested[QIANDONGNAN]["chapters"][1]["heading"] == "二、农业"  # printed 二、农 业


def test_pdf_ruled_table_with_vertical_label_and_page_break(ingested):
    text = section_text(ingested[HUAIAN], "3.0")
    rows = [line for line in text.split("\n") if line.startswith("|")]
    assert rows[1] == "|---|---|---|---|---|---|---|---|---|---|"
    # the vertical label 三、本年度办理结果 (one character per line) is one cell
    assert "| 三、本年度办理结果 | （一）予以公开 |  | 1288 | 21 | 0 | 0 | 50 | 3 | 1362 |" in rows
    # wrapped header cells (商业企 / 业)
    assert "|  |  |  |  | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |  |" in rows
    # the table runs across the page break: （四）无 / 法提供 is one label again
    assert "|  | （四）无法提供 | 1.本机关不掌握相关政府信息 | 746 | 12 | 0 | 0 | 10 | 1 | 769 |" in rows
    assert "|  |  | 2.没有现成信息需要另行制作 | 11 | 0 | 0 | 0 | 0 | 0 | 11 |" in rows
    assert rows[-1] == "| 四、结转下年度继续办理 |  |  | 103 | 0 | 0 | 0 | 0 | 0 | 103 |"
    # 3 header rows + separator; 25 data rows: 一、二、(一)(二), (三)1-8, (四)1-3, (五)1-5, (六)1-3, (七), 四、
    assert len(rows) == 4 + 25


def test_pdf_column_ruled_table_continues_on_the_next_page(ingested):
    text = section_text(ingested[QIANDONGNAN], "1.0")
    lines = text.split("\n")
    start = lines.index("表1 2023年年末户籍人口及其构成")
    table = lines[start + 1:start + 12]
    assert table == [
        "| 指标名称 | 年末数（人） | 比重（%） |",
        "|---|---|---|",
        "| 全州总户籍人口 | 4899310 | 100.0 |",
        "| #城镇 | 1654272 | 33.8 |",
        "| 乡村 | 3245038 | 66.2 |",
        "| #男性 | 2617299 | 53.4 |",  # page 3 from here; — 2 — between
        "| 女性 | 2282011 | 46.6 |",
        "| #0-17岁（含不满18周岁） | 1136460 | 23.2 |",
        "| 18-59岁（含不满60周岁） | 3016917 | 61.6 |",
        "| 60周岁及以上 | 745933 | 15.2 |",
        "全州实现城镇新增就业60188人，失业人员再就业16658人，困难人员再就业7278人。",
    ]
    assert "| 林业 | 86.95 | 4.2 |" in section_text(ingested[QIANDONGNAN], "2.0")  # printed 林 业


def test_qiandongnan_matches_its_paired_extraction_and_is_better(ingested):
    """Same characters as the repository's own extraction; better: no page numbers in the
    text, wrapped lines joined, 一、综合 not 一、综 合, tables as tables."""
    paired = (FORMATS / "qiandongnan-2023-statistical-communique.pdf-text.txt").read_text(encoding="utf-8")
    extracted, _ = read_once(QIANDONGNAN)
    mine = markup_free(reader_output(extracted))
    assert Counter("".join(paired.split())) == Counter("".join(mine.split()))
    report = ingested[QIANDONGNAN]
    text = all_text(report)
    assert "2023年，在省委省政府和州委州政府的坚强领导下，全州上下深入贯彻" in "\n".join(report["preamble"])
    assert "全州上下" not in paired.replace("\n", "") or "全\n州上下" in paired  # paired breaks it
    assert "— —" in paired and "— —" not in text
    assert "\n1\n— —\n" in paired
    assert len([e for e in report["extras"] if is_page_number(e)]) == 21
    assert "表2 2023年农林牧渔业总产值及其增长速度\n| 指标名称 | 绝对数（亿元） | 比上年增长（%） |" in text


def test_html_metadata_body_and_tables(ingested):
    report = ingested[SHUYANG]
    assert report["issuer"] == "沭阳县发展和改革局"
    assert report["issued_on"] == "2024-01-17"
    assert report["published_at"] == "2024-01-17"
    for line in ("索引号 014314799/2024-00002", "发布机构 沭阳县发展和改革局", "公开日期 2024-01-17", "繁體版", "首页"):
        assert line in report["extras"]
    # text split across <span> runs, mid-number (20</span><span>23), is one again
    assert "本年度报告所列数据的统计时限为2023年1月1日至2023年12月31日" in "\n".join(report["preamble"])
    text = all_text(report)
    assert "var " not in text and "首页" not in text
    rows = [line for line in section_text(report, "3.0").split("\n") if line.startswith("|")]
    # rowspan 22 / colspan 3: the merged label once, the cells it covers blank
    assert "| 三、本年度办理结果 | （一）予以公开 |  | 26 |  |  |  |  |  | 26 |" in rows
    assert "|  | （三）不予公开 | 1.属于国家秘密 | 0 |  |  |  |  |  | 0 |" in rows
    assert report["signature"] == ["沭阳县发展和改革局", "2024年1月17日"]


def test_docx_order_tables_and_page_numbers(ingested):
    mca = ingested[MCA]
    assert [e for e in mca["extras"] if is_page_number(e)][:3] == ["—1—", "—2—", "—3—"]
    text = all_text(mca)
    assert "—1—" not in text
    # the paragraph cut by a page number (注册登 / 记为) is one again
    assert "其中注册登记为事业单位的 1.8 万个，注册登记为民办非企业单位的 1.8 万个。" in text
    # a table in document order, after its caption, with several numbers in one cell as printed
    chapter_2 = section_text(mca, "2.0")
    assert chapter_2.index("表 1\t2021 年行政区划情况") < chapter_2.index("| 指标 | 数量 | 指标 | 数量 |")
    shanghai = ingested[SHANGHAI]
    assert shanghai["preamble"][:2] == [
        "2025年上海市政府工作报告",
        "----2025年1月15日龚正市长在上海市第十六届人民代表大会第三次会议的政府工作报告",
    ]
    assert "来源：解放日报" in shanghai["extras"]
    assert len(shanghai["chapters"][0]["sections"]) == 7  # 1.0 and （一）…（六）, headings typed as paragraphs


@functools.cache
def read_once(name: str):
    """(reader output, report) of a corpus file, read once for the tests that only look."""
    raw = (FORMATS / name).read_bytes()
    extracted = read_document(raw, name)
    return extracted, ingest_extracted(extracted, raw, name, with_pinyin=False)


@pytest.mark.parametrize("name", [HUAIAN, HONGZE, QIANDONGNAN, SHUYANG, SHANGHAI, MCA])
def test_lossless(name):
    extracted, report = read_once(name)
    assert format_lossless_problems(extracted, report) == []


def test_lossless_check_sees_a_lost_and_a_doubled_character():
    raw = (FORMATS / SHUYANG).read_bytes()
    extracted = read_document(raw, SHUYANG)
    report = ingest_extracted(extracted, raw, SHUYANG, with_pinyin=False)
    section = report.chapters[0].sections[1]
    section.text = section.text.replace("249条", "24条", 1)
    assert any("lost 1 characters" in p for p in format_lossless_problems(extracted, report))
    extracted.extras.append("首页")
    assert any("reader has 2 characters too many" in p for p in format_lossless_problems(extracted, report))


def test_markup_free_removes_only_table_markup():
    assert markup_free("| a | b\\|c |\n|---|---|\n| 1 | 2 |\n文字|x") == "a b|c\n1 2\n文字|x"


# ---- detection ---------------------------------------------------------------------------


def test_detection_by_content_not_name():
    assert detect_format((FORMATS / HUAIAN).read_bytes()) == "pdf"
    assert detect_format((FORMATS / SHANGHAI).read_bytes()) == "docx"
    assert detect_format((FORMATS / SHUYANG).read_bytes()) == "html"
    assert detect_format("\ufeff<!DOCTYPE html><html>".encode("utf-8")) == "html"
    assert detect_format("<?xml version='1.0'?>\n<html><body>报告</body></html>".encode("gb18030")) == "html"
    assert detect_format("<html><head>".encode("utf-16")) == "html"
    assert detect_format("一、总体情况\n<p>不是网页</p>".encode()) == "text"
    assert detect_format("# 标题\n正文".encode()) == "text"


def test_gbk_page_with_http_equiv(tmp_path):
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
            "<title>某县2023年政府信息公开工作年度报告_某县人民政府</title></head><body><div id='nav'>首页</div>"
            "<h1>某县2023年政府信息公开工作年度报告</h1><div class='content'>"
            "<p>一、总体情况</p><p>全年主动公开政府信息<span>1</span><span>28</span>条，同比增长5.2%。</p>"
            "<p>二、主动公开政府信息情况</p><p>本年制发规范性文件3件。</p></div>"
            "<div class='footer'>网站标识码3200000000</div></body></html>")
    path = tmp_path / "page.pdf"  # the name lies: detected as HTML and ingested
    path.write_bytes(page.encode("gbk"))
    out = tmp_path / "page.json"
    done = run_cli("ingest", str(path), "-o", str(out))
    assert done.returncode == 0, done.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["title"] == "某县2023年政府信息公开工作年度报告"
    assert [c["heading"] for c in report["chapters"]] == ["一、总体情况", "二、主动公开政府信息情况"]
    assert report["chapters"][0]["sections"][0]["figures"][0]["raw"] == "128条"
    assert "首页" in report["extras"] and "网站标识码3200000000" in report["extras"]
    assert report["source"]["encoding"] == "gb18030"


# ---- hostile and broken files ---------------------------------------------------------------


def _one_line_exit_2(path: Path, *words: str) -> None:
    done = run_cli("ingest", str(path))
    assert done.returncode == 2, (done.returncode, done.stderr[-300:])
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().split("\n")
    assert len(lines) == 1, lines
    for word in words:
        assert word in lines[0]
    assert done.stdout == ""


def test_encrypted_pdf(tmp_path):
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        pytest.skip("qpdf (apt install qpdf) is needed to make an encrypted PDF; no Python dependency can")
    path = tmp_path / "secret.pdf"
    subprocess.run([qpdf, "--encrypt", "user-pw", "owner-pw", "256", "--", str(FORMATS / HONGZE), str(path)], check=True)
    _one_line_exit_2(path, "encrypted", "password")


def test_scanned_pdf_without_text_layer(tmp_path):
    import pypdfium2 as pdfium
    from PIL import Image

    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(595, 842)
    image = pdfium.PdfImage.new(pdf)
    image.set_bitmap(pdfium.PdfBitmap.from_pil(Image.new("RGB", (200, 100), (250, 250, 250))))
    image.set_matrix(pdfium.PdfMatrix().scale(400, 200).translate(100, 500))
    page.insert_obj(image)
    page.gen_content()
    path = tmp_path / "scan.pdf"
    pdf.save(str(path))
    _one_line_exit_2(path, "no text layer", "OCR")


def test_truncated_pdf(tmp_path):
    raw = (FORMATS / HUAIAN).read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(raw[: len(raw) // 3])
    _one_line_exit_2(path, "cannot read the PDF", "truncated")


def test_docx_zip_bomb_is_refused_before_inflating(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<" + b" " * (20 * 1024 * 1024))
    _one_line_exit_2(path, "zip bomb")


def test_docx_over_the_total_size_is_refused(tmp_path):
    path = tmp_path / "big.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:  # stored: no ratio to see
        archive.writestr("word/document.xml", "<w:document/>")
        for i in range(3):
            archive.writestr(f"word/media/pad{i}.bin", bytes(70 * 1024 * 1024))
    # 210 MB on disk would be over read_bytes' limit; the zip directory is what is checked
    raw = path.read_bytes()
    from tui.errors import ReportError
    from tui.ingest.detect import check_docx_zip

    with pytest.raises(ReportError, match="zip bomb"):
        check_docx_zip(raw, "big.docx")


def test_docx_without_document_xml(tmp_path):
    path = tmp_path / "not-word.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/styles.xml", "<w:styles/>")
    _one_line_exit_2(path, "word/document.xml")


def test_html_of_ten_megabytes_of_scripts(tmp_path):
    path = tmp_path / "scripts.html"
    script = "".join(f"var v{i} = {i};\n" for i in range(700_000))
    path.write_text(f"<html><head><title></title><script>{script}</script></head><body><script>{script[:1000]}</script></body></html>")
    assert path.stat().st_size > 10_000_000
    _one_line_exit_2(path, "no text outside its scripts")


def test_pdf_that_is_really_html_is_ingested(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes((FORMATS / SHUYANG).read_bytes())
    out = tmp_path / "report.json"
    done = run_cli("ingest", str(path), "-o", str(out))
    assert done.returncode == 0, done.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["issuer"] == "沭阳县发展和改革局" and report["source"]["encoding"] == "utf-8"


def test_outline_command_reads_a_docx_directly():
    done = run_cli("outline", "--report", str(FORMATS / SHANGHAI))
    assert done.returncode == 0, done.stderr
    assert "（一）奋力落实“五个中心”建设重要使命" in done.stdout


# ---- the app never imports a format library ---------------------------------------------------

FORMAT_LIBRARIES = {"pdfplumber", "pdfminer", "pypdfium2", "pypdfium2_raw", "docx", "lxml", "PIL"}


@pytest.mark.parametrize("statement", [
    "import tui.app",
    "import tui.cli",
    "from tui.loading import load_report; load_report()",
    "import tui.ingest.pipeline",
])
def test_app_and_text_ingest_never_import_a_format_library(statement):
    code = f"import sys\n{statement}\nprint('\\n'.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    loaded = {name.split(".")[0] for name in done.stdout.split()}
    assert not loaded & FORMAT_LIBRARIES


# ---- text repairs (pure functions) ---------------------------------------------------------------


@pytest.mark.parametrize("printed, joined", [
    ("第 二 产 业 增 加 值", "第二产业增加值"),
    ("一、综    合", "一、综合"),
    ("号 ， 邮 编 ： 223100", "号，邮编：223100"),
    ("信息公开年报 其他 报告", "信息公开年报 其他 报告"),
    ("2021 年民政事业", "2021 年民政事业"),
    ("Hello World", "Hello World"),
    ("三、农\u3000业", "三、农业"),
])
def test_join_letter_spacing(printed, joined):
    assert join_letter_spacing(printed) == joined


@pytest.mark.parametrize("line, page", [
    ("-1-", True), ("- 12 -", True), ("— 1 —", True), ("—1—", True), ("第 3 页", True), ("第3页 共6页", True),
    ("2/6", True), ("7", True), ("一、总体情况", False), ("-1-2", False), ("2024年", False),
])
def test_is_page_number(line, page):
    assert is_page_number(line) is page


def test_join_wrapped_keeps_paragraphs():
    lines = [
        "　　2023年，在省委省政府和州委州政府的坚强领导下，全",
        "州上下深入贯彻党的二十大精神和习近平总书记视察贵州",
        "重要讲话精神，取得实效。",
        "一、综合",
        "　　根据市（州）生产总值统一核算结果，全年全州生产总",
        "值1329.65亿元，比上年增长4.0%，两年平均增长3.1%。其",
        "中，第一产业增加值277.25亿元。",
        "| a | b |",
    ]
    assert join_wrapped(lines) == [
        "2023年，在省委省政府和州委州政府的坚强领导下，全州上下深入贯彻党的二十大精神和习近平总书记视察贵州重要讲话精神，取得实效。",
        "一、综合",
        "根据市（州）生产总值统一核算结果，全年全州生产总值1329.65亿元，比上年增长4.0%，两年平均增长3.1%。其中，第一产业增加值277.25亿元。",
        "| a | b |",
    ]
    english = ["　　Gross domestic product grew by 4.0 per cent over the", "year before."]
    assert join_wrapped(english) == ["Gross domestic product grew by 4.0 per cent over the year before."]


def test_join_wrapped_without_indents_breaks_at_sentence_ends():
    lines = ["第一段的第一行，很长很长很长很长很长很长", "第一段的末行。", "第二段开始，很长很长很长很长很长很长很长", "还在第二段。"]
    assert join_wrapped(lines, indent_known=False) == [
        "第一段的第一行，很长很长很长很长很长很长第一段的末行。",
        "第二段开始，很长很长很长很长很长很长很长还在第二段。",
    ]


async def test_the_app_opens_a_pdf_report():
    from tui.app import create_app
    from tui.loading import load_report

    report = load_report(FORMATS / HUAIAN, with_pinyin=False)
    app = create_app([report], section="1.2")
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        screen = app.export_screenshot()
    assert "淮安市人民政府2024年政府信息公开工作年度报告" in screen
    assert "依申请公开情况" in screen  # the section opened, from the PDF's text
    assert "准确了解申请人诉求" in screen.replace("&#160;", "")


def test_running_header_on_most_pages_goes_to_extras():
    from tui.ingest.read_pdf import Block, Line, _drop_running_heads

    def block(text: str, top: float) -> Block:
        return Block(top=top, line=Line(chars=[], top=top, bottom=top + 10, x0=90, x1=500, size=10, text=text))

    pages = [[block("某市统计公报（2023）", 40), block(f"第{i}页的正文。", 100)] for i in range(1, 5)]
    pages.append([block("最后一页的正文。", 100)])
    extras: list[str] = []
    _drop_running_heads(pages, extras)
    assert extras == ["某市统计公报（2023）"] * 4
    assert [p[0].line.text for p in pages] == ["第1页的正文。", "第2页的正文。", "第3页的正文。", "第4页的正文。", "最后一页的正文。"]
