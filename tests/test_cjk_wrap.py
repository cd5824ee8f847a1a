"""CJK line breaking: widths, kinsoku rules, numbers kept whole, offsets usable for styling."""

from __future__ import annotations

import pytest

from tui.cjk_wrap import NO_LINE_END, NO_LINE_START, cell_width, display_text, wrap, wrap_offsets

SEED = ("(一)深化“最多跑一次”改革。在“最多跑一次”改革事项100%全覆盖的基础上,率先在鹿城区开展事项"
        "“最小颗粒度”改革试点,建成投用4.8万平方米温州市民中心,市本级53个部门1600多项事项集中进驻。"
        "全市各级行政复议机关立案受理958件,审结920件(含上年结转案件176件),直接纠错159件,纠错率17.3%;"
        "以和解、调解方式结案215件，和解、调解率为23.4%。以纪念“枫桥经验”55周年为契机，推进全市12家行政争议调解中心。")


def joined(lines: list[str]) -> str:
    return "".join(lines)


@pytest.mark.parametrize("width", range(6, 61))
def test_lines_fit_and_keep_every_character(width: int) -> None:
    lines = wrap(SEED, width)
    assert joined(lines) == SEED  # no spaces in the seed: nothing dropped, nothing added
    assert all(cell_width(line) <= width for line in lines)


@pytest.mark.parametrize("width", range(6, 61))
def test_kinsoku(width: int) -> None:
    lines = wrap(SEED, width)
    for line in lines[1:]:
        assert line[0] not in NO_LINE_START, (width, line)
    for line in lines[:-1]:
        assert line[-1] not in NO_LINE_END, (width, line)


@pytest.mark.parametrize("width", range(8, 61))
def test_numbers_are_not_split(width: int) -> None:
    lines = wrap(SEED, width)
    for number in ("17.3%", "23.4%", "4.8", "1600", "958", "100%"):
        assert any(number in line for line in lines), (width, number, lines)


def test_punctuation_is_pushed_with_its_character() -> None:
    # 10 cells hold five Han characters; the sixth is "。", which may not begin a line.
    lines = wrap("一二三四五。六七", 10)
    assert lines == ["一二三四", "五。六七"]
    # An opening bracket may not end a line: it moves down with what it opens.
    assert wrap("一二三四（五六）", 10) == ["一二三四", "（五六）"]


def test_full_width_comma_and_closing_quote() -> None:
    # From 6 cells up: the longest cluster that may not be split, "见。”", is 5 cells.
    for width in range(6, 20):
        for line in wrap("他说：“好的，我们明天见。”然后走了。", width)[1:]:
            assert line[0] not in "，。”：", (width, line)


def test_latin_words_break_at_spaces_and_spaces_are_dropped() -> None:
    assert wrap("hello world again", 11) == ["hello world", "again"]
    assert wrap("法治 government report", 12) == ["法治", "government", "report"]


def test_overlong_word_is_cut_at_the_width() -> None:
    assert wrap("a" * 25, 10) == ["a" * 10, "a" * 10, "a" * 5]


def test_offsets_slice_the_text() -> None:
    offsets = wrap_offsets(SEED, 17)
    assert offsets[0][0] == 0 and offsets[-1][1] == len(SEED)
    for (a, b), (c, _) in zip(offsets, offsets[1:]):
        assert b == c  # contiguous: no spaces in the seed


def test_empty_and_tiny_widths() -> None:
    assert wrap_offsets("", 10) == [(0, 0)]
    assert wrap("一二", 1) == ["一", "二"]  # wider than the width: one per line, never lost


def test_display_text_keeps_length_and_shows_controls() -> None:
    raw = "a\x1b[31mred\x1b[0m\x07 [bold red]x[/] “引号”\ttab\u202eevil"
    shown = display_text(raw)
    assert len(shown) == len(raw)
    assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
    assert "␛[31m" in shown and "[bold red]" in shown
    assert display_text("“最多跑一次”‘x’", corner_quotes=True) == "「最多跑一次」『x』"
    assert display_text("“最多跑一次”") == "“最多跑一次”"


def test_kept_stretches_are_not_broken() -> None:
    text = "全市直接纠错159件,纠错率17.3%"
    at = text.index("159件")
    plain = wrap(text, 16)
    assert plain[0].endswith("159")  # allowed between a digit and a Han character …
    kept = [text[a:b] for a, b in wrap_offsets(text, 16, keep=[(at, at + 4)])]
    assert kept[0] == "全市直接纠错" and kept[1].startswith("159件")  # … but not inside a figure
    # a kept stretch longer than the line still breaks rather than overflow
    assert all(cell_width(line) <= 4 for line in (text[a:b] for a, b in wrap_offsets(text, 4, keep=[(0, len(text))])))
