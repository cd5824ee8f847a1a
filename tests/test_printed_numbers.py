"""Numbers as printed (issue 9, item 5): spaced digits, full-width digits and points,
2万5千, note markers glued to a number — right value, right raw span."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.ingest import ingest_bytes
from tui.ingest.figure_vocab import FOLD
from tui.ingest.figures import extract_figures
from tui.ingest.printed_numbers import compact_spaced_digits, drop_note_markers

QDN_2023 = Path("/work/shared/corpus/formats/qiandongnan-2023-statistical-communique.pdf-text.txt")


def _one(text: str, raw: str):
    found = [f for f in extract_figures(text, "1.1") if f.raw == raw]
    assert len(found) == 1, [f.raw for f in extract_figures(text, "1.1")]
    figure = found[0]
    assert text[figure.start:figure.end] == raw
    return figure


@pytest.mark.parametrize("text,raw,value,unit,scaled", [
    ("全年地区生产总值7 4 7 7 2 亿元，比上年增长6.5%。", "7 4 7 7 2 亿元", 74772, "亿元", 7477200000000.0),
    ("居民消费价格上涨８ ．８ ％。", "８ ．８ ％", 8.8, "%", None),
    ("全年财政收入达９５９３３亿元。", "９５９３３亿元", 95933, "亿元", 9593300000000.0),
    ("帮扶困难群众2万5千户。", "2万5千户", 2.5, "万户", 25000.0),
    ("全年全州生产总值[2]1329.65亿元，比上年增长4.0%", "1329.65亿元", 1329.65, "亿元", 132965000000.0),
    ("完成投资1 2 3 . 4 5万元。", "1 2 3 . 4 5万元", 123.45, "万元", 1234500.0),
])
def test_numbers_as_printed(text, raw, value, unit, scaled):
    figure = _one(text, raw)
    assert (figure.value, figure.unit, figure.scaled_value) == (value, unit, scaled)


def test_a_note_marker_is_no_part_of_the_label():
    assert _one("全年全州生产总值[2]1329.65亿元，比上年增长4.0%", "1329.65亿元").label == "全州生产总值"
    assert _one("规模以上工业增加值[3]比上年增长4.7%。", "4.7%").label == "规模以上工业增加值比上年增长"
    assert drop_note_markers("全州生产总值[2") == "全州生产总值"
    assert drop_note_markers("[1]") == "[1]"  # never empty


def test_table_rows_and_separate_numbers_are_not_joined():
    # a space-aligned table row ends in a number, not a unit
    row = "8.属于行政查询事项 105 0 0 0 0 0 105".translate(FOLD)
    assert compact_spaced_digits(row) == (row, {})
    # two numbers of several digits each stay two numbers
    assert [f.raw for f in extract_figures("城镇 23 人，农村 5 人。", "1.1")] == ["23 人", "5 人"]
    text = "全年接待 3 5 7 人次"
    folded, starts = compact_spaced_digits(text.translate(FOLD))
    assert len(folded) == len(text) and folded.endswith("  357 人次") and starts == {7: 5}


def test_the_qiandongnan_pdf_text_reads_its_glued_figure():
    report = ingest_bytes(QDN_2023.read_bytes(), QDN_2023.name)
    figure = next(f for f in report.figures() if f.raw == "1329.65亿元")
    assert (figure.value, figure.label) == (1329.65, "全州生产总值")
    # the note marker links to note 2 of the 注释 part
    ref = next(r for r in report.note_refs if r.section == figure.section and r.end == figure.start)
    notes = next(p for p in report.parts if p.id == ref.part)
    assert notes.title == "注释" and ref.note == "2"
    entry = next(e for e in notes.entries if e.number == "2")
    assert entry.definition.startswith("地区生产总值、三次产业增加值绝对数按现价计算")
