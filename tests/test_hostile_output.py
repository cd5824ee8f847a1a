"""Report text is hostile data: it never reaches a terminal, a clipboard or a file as a
control sequence, and is never read as markup or an action (issue 7).

One test per way it was found to leak: the sanitiser itself (:mod:`tui.safe_text`), the
CLI (stderr warnings and errors, ``outline``, ``figures --csv``, ``ingest``, ``show``,
``validate``, ``search``), and the app (figure list, notifications, palette, search box).
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from textual import events
from textual.command import CommandPalette

import tui.export
import tui.safe_text
from tests.hostile_reports import hostile_report, write_hostile_report
from tests.test_app import SIZE, make, settle, tiny_report
from tui.cli import main
from tui.export import figures_csv, render_section
from tui.loading import load_report
from tui.model import Figure
from tui.safe_text import clean, escape_json, printable, visible
from tui.widgets.search_box import SearchBox
from tui.widgets.section_body import SectionBody

#: What must never leave: ESC, C0 (but tab/newline), DEL, C1, bidi controls and marks.
LEAK = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
OSC52 = "\x1b]52;c;cHduZWQ=\x07"  # "pwned"
OSC52_ST = "\x1b]52;c;cHduZWQ=\x1b\\"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


# ---- the sanitiser ----------------------------------------------------------------------

def test_export_clean_is_the_one_sanitiser() -> None:
    assert tui.export.clean is tui.safe_text.clean


@pytest.mark.parametrize("char", ["\u061c", "\ufeff", "\u2060", "\u00ad", "\u180e", "\U000e0001", "\U000e0041",
                                  "\U000e007f", "\ufff9", "\ufffa", "\ufffb", "\u2028", "\u2029", "\x85",
                                  "\u202e", "\u2067", "\x1b", "\x07", "\x7f", "\x9b"])
def test_clean_removes_every_invisible_control(char: str) -> None:
    assert clean(f"纠错率{char}17.3%") == "纠错率17.3%"
    assert len(visible(f"a{char}b")) == 3 and visible(f"a{char}b") != f"a{char}b"


def test_clean_keeps_the_zero_width_joiner_of_emoji_sequences() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert clean(f"家庭{family}。") == f"家庭{family}。"


def test_every_format_character_python_knows_is_unsafe_but_zwj() -> None:
    missed = [hex(c) for c in range(0x110000)
              if unicodedata.category(chr(c)) in ("Cc", "Cf", "Zl", "Zp") and chr(c) not in "\t\n\u200d"
              and not tui.safe_text.is_unsafe(chr(c))]
    assert missed == []


def test_a_stray_osc_start_loses_no_text() -> None:
    assert clean("前文\x1b]后文全部保留。\n第二段。") == "前文后文全部保留。\n第二段。"
    assert clean("前文\x9d后文") == "前文后文"
    assert clean("a\x1b[31中文") == "a31中文"


def test_complete_sequences_go_whole() -> None:
    assert clean(f"甲{OSC52}乙{OSC52_ST}丙\x9d52;c;cHduZWQ=\x9c丁\x1b[1;31m戊\x1b[0m") == "甲乙丙丁戊"
    assert clean("\x1bP1;2|abc\x1b\\文") == "文"


def test_printable_and_json_escapes() -> None:
    assert printable(f"bad{OSC52}.json\n") == "bad\\x1b]52;c;cHduZWQ=\\x07.json "
    assert printable("\u202eabc") == "\\u202eabc"
    dumped = escape_json(json.dumps(["\x85\u202e\U000e0041"], ensure_ascii=False))
    assert dumped == '["\\u0085\\u202e\\udb40\\udc41"]'
    assert json.loads(dumped) == ["\x85\u202e\U000e0041"]


# ---- the CLI ------------------------------------------------------------------------------

@pytest.fixture()
def hostile_json(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.json"
    write_hostile_report(path)
    return path


def assert_clean(text: str) -> None:
    found = LEAK.search(text)
    assert found is None, f"{found.group()!r} at {found.start()}: {text[max(0, found.start() - 40):found.start() + 40]!r}"


def test_ingest_warnings_on_stderr_are_escaped(hostile_json: Path) -> None:
    result = run("outline", "--report", str(hostile_json))
    assert result.exit_code == 0
    assert_clean(result.stderr)
    assert re.search(r"report-explorer: warning: chapter numbering jumps at \\(x1b\]|x9d)52;c;", result.stderr)


def test_outline_issuer_line_is_clean(hostile_json: Path) -> None:
    result = run("outline", "--report", str(hostile_json))
    assert_clean(result.stdout)
    assert result.stdout.splitlines()[:2] == ["敌意报告", "某市人民政府，2019年3月25日"]


def test_figures_csv_pair_column_is_clean() -> None:
    # validation refuses such a pair now; the renderer does not count on it (model_construct)
    figure = Figure.model_construct(id="1.1/f1", section="1.1", raw="12天", value=12, unit="天", kind="duration",
                                    label="时限", sentence="从12天", start=0, end=3, role="from", qualifier=None,
                                    value_high=None, scaled_value=None, pair=f"1.1/f2{OSC52}")
    out = figures_csv([figure])
    assert_clean(out)
    assert out.splitlines()[1].endswith(",from,,,1.1/f2")


def test_figures_csv_and_table_of_a_hostile_report(hostile_json: Path) -> None:
    for args in (["--csv"], [], ["--json"]):
        result = run("figures", "--report", str(hostile_json), *args)
        assert result.exit_code == 0
        assert_clean(result.stdout)
    assert "1.1,纠错率,17.3%,17.3,%,,percent,,,,\n" in run("figures", "--report", str(hostile_json), "--csv").stdout


def test_file_names_in_errors_are_escaped(tmp_path: Path) -> None:
    name = str(tmp_path / f"missing{OSC52}.json")
    result = run("outline", "--report", name)
    assert result.exit_code == 2
    assert_clean(result.stderr)
    assert "missing\\x1b]52;c;cHduZWQ=\\x07.json" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_validate_names_a_hostile_file_name_escaped(tmp_path: Path, hostile_json: Path) -> None:
    named = tmp_path / f"report\u202e{OSC52}.json"
    named.write_bytes(hostile_json.read_bytes())
    result = run("validate", str(named))
    assert result.exit_code == 0
    assert_clean(result.stdout + result.stderr)
    assert "report\\u202e\\x1b]52;c;cHduZWQ=\\x07.json: valid report: 2 chapters, 3 sections" in result.stdout


def test_ingest_to_stdout_escapes_c1_and_bidi(tmp_path: Path) -> None:
    raw = tmp_path / "bidi.txt"
    raw.write_text("某市人民政府关于2018年度工作情况的报告\n一、加强行政复议\n"
                   "（一）完善制度。全市\u202e直接纠错159件\x9b31m，纠错率17.3%\u2066。\n"
                   "（二）第二节。共有8个部门。\n", encoding="utf-8")
    result = run("ingest", str(raw))
    assert result.exit_code == 0
    assert_clean(result.stdout)
    assert "全市\\u202e直接纠错159件\\u009b31m，纠错率17.3%\\u2066。" in result.stdout
    report = json.loads(result.stdout)
    assert "全市\u202e直接纠错159件\x9b31m" in report["chapters"][0]["sections"][0]["text"]  # the data is kept


def test_show_keeps_the_text_after_a_stray_escape(hostile_json: Path) -> None:
    result = run("show", "1.2", "--report", str(hostile_json))
    assert result.stdout == ("（二）第二节。共有8个部门后面的文字不能丢失。\n\n"
                             "——《敌意报告》（某市人民政府，2019年3月25日），一、第一章 › （二）第二节 [1.2]\n")
    for fmt in ("md", "json"):
        out = run("show", "1.2", "--report", str(hostile_json), "--format", fmt).stdout
        assert_clean(out)
        assert "后面的文字不能丢失" in out and "[1.2]" in out


def test_show_a_raw_text_with_a_stray_escape(tmp_path: Path) -> None:
    raw = tmp_path / "stray.txt"
    raw.write_text("某市人民政府关于2018年度工作情况的报告\n一、加强行政复议\n"
                   "（一）完善制度。全市直接纠错159件\x1b]纠错率17.3%，后面的文字不能丢失。\n"
                   "（二）第二节。共有8个部门。\n", encoding="utf-8")
    result = run("show", "1.1", "--report", str(raw))
    assert result.stdout.startswith("（一）完善制度。全市直接纠错159件纠错率17.3%，后面的文字不能丢失。\n\n——《")
    assert result.stdout.endswith("（一）完善制度 [1.1]\n")


def test_search_output_is_clean(hostile_json: Path) -> None:
    for query in ("纠错率", "枫桥", "完成率", "办理时间"):
        result = run("search", query, "--report", str(hostile_json))
        assert result.exit_code == 0, query
        assert_clean(result.stdout + result.stderr)
    assert "纠错率  [17.3]%" in run("search", "17.3", "--report", str(hostile_json)).stdout


# ---- the app ------------------------------------------------------------------------------

def screen_text(app) -> str:
    """Every character the current screen sends to the terminal (the compositor's strips)."""
    return "\n".join("".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips())


def screen_actions(app) -> list[str]:
    """Actions bound to any drawn character (what a click would run)."""
    return [str(seg.style.meta) for strip in app.screen._compositor.render_strips() for seg in strip
            if seg.style and seg.style.meta and "@click" in seg.style.meta]


async def test_figure_qualifier_in_the_figure_list_is_drawn_safely(tmp_path: Path) -> None:
    report = tiny_report()
    report.chapters[0].sections[0].figures[0].qualifier = OSC52
    app = make(report, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        body = app.screen.query_one(SectionBody)
        row = next(line for line in body.lines if "17.3%" in line and "纠错率" in line and "percent" in line)
        assert row.endswith("percent · ␛]52;c;cHduZWQ=␇")
        assert_clean(screen_text(app))


def notifications(app) -> list[str]:
    return [f"{n.title} {n.message}" for n in app._notifications]


async def test_copy_notifications_carry_no_escapes(tmp_path: Path) -> None:
    report = tiny_report()
    figure = report.chapters[0].sections[0].figures[0]
    figure.label = f"纠错率{OSC52}"
    app = make(report, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("n", "y")
        await settle(app, pilot)
        assert any("Copied figure 17.3% (纠错率): " in note for note in notifications(app))
        assert_clean(app.clipboard)
        for note in notifications(app):
            assert_clean(note)
        assert_clean(screen_text(app))


async def test_hit_copy_notification_from_a_plain_text(tmp_path: Path) -> None:
    """The issue's steps: a .txt holding an ST-terminated OSC 52, / t:完成率, down, y."""
    raw = tmp_path / "st.txt"
    raw.write_text("某市人民政府关于2018年度工作情况的报告\n一、加强行政复议\n"
                   f"（一）完善制度。行政复议完成率{OSC52_ST}为95%。\n（二）第二节。共有8个部门。\n", encoding="utf-8")
    app = make(load_report(raw), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"t:完成率")
        await settle(app, pilot)
        await pilot.press("down", "y")
        await settle(app, pilot)
        notes = notifications(app)
        assert any("Copied text hit “" in note for note in notes), notes
        for note in notes:
            assert_clean(note)
        assert "\x1b" not in app.clipboard and "完成率为95%" in app.clipboard
        assert_clean(screen_text(app))


async def palette_search(app, pilot, query: str) -> CommandPalette:
    await pilot.press("ctrl+p")
    await settle(app, pilot)
    await pilot.press(*query)
    await settle(app, pilot)
    await pilot.pause(0.3)
    assert isinstance(app.screen, CommandPalette)
    return app.screen


async def test_palette_help_line_is_text_not_markup_or_actions(tmp_path: Path) -> None:
    report = tiny_report()
    report.chapters[0].sections[0].title = "[reverse]INJ[/reverse][@click=app.quit]CLICKME[/]"
    app = make(report, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await palette_search(app, pilot, "jiucuo")
        shown = screen_text(app)
        assert "（一）[reverse]INJ[/reverse][@click=app.quit]CLICKME[/]" in shown
        assert screen_actions(app) == []
        # click on the drawn CLICKME: nothing happens, the app keeps running
        row = next(y for y, line in enumerate(shown.splitlines()) if "CLICKME" in line)
        column = shown.splitlines()[row].index("CLICKME")
        await pilot.click(offset=(column + 2, row))
        await settle(app, pilot)
        assert app.is_running and app.return_code is None


async def test_bracketed_notes_in_a_title_do_not_crash_the_palette(tmp_path: Path) -> None:
    raw = tmp_path / "notes.txt"
    raw.write_text("某市人民政府关于2018年度工作情况的报告\n一、加强行政复议\n"
                   "（一）完善复议制度[注]见附件[/注]。全市直接纠错159件。\n（二）第二节。共有8个部门。\n",
                   encoding="utf-8")
    app = make(load_report(raw), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await palette_search(app, pilot, "复议")
        assert "[注]见附件[/注]" in screen_text(app)
        assert app.is_running


async def test_export_folder_with_brackets_does_not_crash_the_palette(tmp_path: Path) -> None:
    folder = tmp_path / "x[/]y"
    app = make(tiny_report(), folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await palette_search(app, pilot, "Export")
        assert f"Save it to {folder} (e)" in screen_text(app)
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("question_mark")
        await settle(app, pilot)
        notes = " ".join(str(note.render()) for note in app.screen.query(".help-note"))
        assert f"save into {folder} (set REPORT_EXPLORER_EXPORT_DIR" in notes


async def test_search_box_drops_pasted_controls(tmp_path: Path) -> None:
    app = make(tiny_report(), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash")
        box = app.screen.query_one(SearchBox)
        box.post_message(events.Paste("\u202e纠错\x9b31m率\x85"))
        await settle(app, pilot)
        assert box.value == "纠错率"
        assert "纠错率" in screen_text(app)
        assert_clean(screen_text(app))


async def test_copy_and_export_keep_the_text_after_a_stray_escape(tmp_path: Path, hostile_json: Path) -> None:
    report = load_report(hostile_json)
    app = make(report, tmp_path / "exports", section="1.2")
    from datetime import date

    from tui.citation import cite

    # the app copies with a GB/T 7714-2015 citation (issue 12); 引用日期: the day of the copy
    expected = ("（二）第二节。共有8个部门后面的文字不能丢失。\n\n"
                f"——某市人民政府. 敌意报告[EB/OL]. (2019-03-25)[{date.today().isoformat()}].\n")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        assert app.clipboard == expected
        await pilot.press("e")
        await settle(app, pilot)
        saved = list((tmp_path / "exports").iterdir())
        assert len(saved) == 1 and saved[0].read_text(encoding="utf-8") == expected
        assert render_section(report, report.section("1.2"), cite=cite(report, report.section("1.2"))) == expected


async def test_every_screen_of_a_hostile_report_is_drawn_clean(tmp_path: Path) -> None:
    data, _ = hostile_report()
    path = tmp_path / "h.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    app = make(load_report(path), tmp_path, section="1.1")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert_clean(screen_text(app))
        assert "17.3␛]52;c;" in screen_text(app)  # payloads made visible, not sent
        await pilot.press("right_square_bracket", "right_square_bracket")  # 1.2, then 2.1
        await settle(app, pilot)
        assert app.screen.query_one(SectionBody).section.id == "2.1"
        assert re.search("95%  完成率  percent · 以上[␛�]52;c;", screen_text(app))  # the qualifier
        for keys in (["f"], ["escape", "question_mark"], ["escape", "C"], ["escape"]):
            await pilot.press(*keys)
            await settle(app, pilot)
            assert_clean(screen_text(app))
        await palette_search(app, pilot, "纠错")
        assert_clean(screen_text(app))
        assert screen_actions(app) == []

