"""The library table of a large library (issue 10: first frame at 1,000 reports): every
row there at once (only those on screen are drawn), sorted and filtered over all of them,
moved through by keys and the mouse.

The library: 250 catalog rows made here (``city-0`` … ``city-249``, years 2000–2009 in
turn); no report behind them is ever loaded.
"""

from __future__ import annotations

from dataclasses import replace

from textual.app import App, ComposeResult

from tui.library.catalog import Entry
from tui.report_set import ReportSet
from tui.widgets.library_table import LibraryTable, content_widths, rows_of

N = 250


def entry(n: int) -> Entry:
    return Entry(id=f"city-{n}", title=f"第{n}市2000年政府工作报告", issuer=f"第{n}市人民政府", place=f"第{n}市",
                 year=2000 + n % 10, kind="政府工作报告", issued_on=None, chapters=3, sections=9, figures=n,
                 measures=0, warnings=0, path=f"/nowhere/{n}.txt", sha256=f"{n:064x}", source_sha256=f"{n:064x}",
                 format="text", file=f"{n}.txt", place_spellings=[])


def never(report_id: str):
    raise AssertionError(f"{report_id} was loaded")


class TableApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.chosen: list[str] = []

    def on_library_table_report_chosen(self, event: LibraryTable.ReportChosen) -> None:
        self.chosen.append(event.report_id)

    def compose(self) -> ComposeResult:
        entries = {e.id: e for e in map(entry, range(N))}
        yield LibraryTable(ReportSet(list(entries), held={}, load=never, entries=entries))


async def test_every_row_is_there_at_once_sorted_and_filtered_over_all_of_them():
    app = TableApp()
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.query_one(LibraryTable)
        table.focus()
        assert table.row_count == N  # (no batches: the table draws only the rows on screen)
        await pilot.press("G")
        assert table.current_row.id == "city-249"
        await pilot.press("7", "7")  # by figures, then reversed: the most first
        assert table.row_count == N and table.current_row.id == "city-249"
        table.set_filter("year:2003")
        assert [r.id for r in table.shown][:3] == ["city-243", "city-233", "city-223"] and table.row_count == 25


async def test_the_cursor_moves_by_the_page_and_the_rows_under_it_are_drawn():
    app = TableApp()
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.query_one(LibraryTable)
        table.focus()
        await pilot.press("pagedown")  # 39 rows under the header on 40 lines (no border)
        assert table.current_row.id == "city-39"
        await pilot.press("end")
        await pilot.pause()
        lines = [table.render_line(y).text for y in range(table.size.height)]
        assert lines[0].split() == ["Place", "Year", "Kind", "Title", "Issuer", "Chapters", "Figures"]
        assert lines[-1].split() == ["第249市", "2009", "政府工作报告", "第249市2000年政府工作报告", "第249市人民政府", "3", "249"]
        assert lines[1].split()[0] == "第211市"  # the 39 last rows, the cursor on the bottom one
        await pilot.press("home")
        await pilot.pause()
        assert table.render_line(1).text.split()[0] == "第0市" and table.current_row.id == "city-0"


async def test_a_click_on_a_column_name_sorts_and_a_click_on_the_cursor_row_opens_it():
    app = TableApp()
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.query_one(LibraryTable)
        figures_at = sum(table.widths[:6]) + 2 * 6 + 1  # inside the last column's name
        await pilot.click(LibraryTable, offset=(figures_at, 0))
        await pilot.click(LibraryTable, offset=(figures_at, 0))  # again: reversed
        assert table.sort_column == "figures" and table.sort_reverse and table.shown[0].id == "city-249"
        await pilot.click(LibraryTable, offset=(3, 2))  # the second row: the cursor there
        assert table.current_row.id == "city-248" and app.chosen == []
        await pilot.click(LibraryTable, offset=(3, 2))  # on the cursor: opened
        await pilot.pause()
        assert app.chosen == ["city-248"]


async def test_what_the_filter_matches_is_made_off_the_ui_thread_after_the_first_frame():
    app = TableApp()
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.query_one(LibraryTable)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert all("haystack" in row.__dict__ for row in table.all_rows)  # (the first letter typed makes none)
        table.set_filter("第17市")
        assert [r.id for r in table.shown] == ["city-17"]


def test_each_column_is_as_wide_as_its_widest_cell_and_no_wider_than_its_cap():
    rows = rows_of([entry(7), entry(123)])
    long_title = replace(entry(5), id="long", title="温州市人民政府关于" * 6 + "的报告", issuer="温州市人民政府办公室",
                         place="温州", figures=12345)
    rows += rows_of([long_title])
    # place 第123市 (two wide characters and three digits: 7 cells), year 2003 (4), kind 政府工作报告 (12), title cut to 44,
    # issuer 温州市人民政府办公室 (10 characters, over the issuer's cap of 18 cells: 18), chapters 3, figures 12345
    assert content_widths(rows) == [7, 4, 12, 44, 18, 1, 5]
