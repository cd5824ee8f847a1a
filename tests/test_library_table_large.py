"""The library table of a large library (issue 10: first frame at 1,000 reports): filled
a hundred rows at once, the rest between events — and every row there in the end, sorted
and filtered over all of them.

The library: 250 catalog rows made here (``city-0`` … ``city-249``, years 2000–2009 in
turn); no report behind them is ever loaded.
"""

from __future__ import annotations

from textual.app import App, ComposeResult

from tui.library.catalog import Entry
from tui.report_set import ReportSet
from tui.widgets.library_table import LibraryTable

N = 250


def entry(n: int) -> Entry:
    return Entry(id=f"city-{n}", title=f"第{n}市2000年政府工作报告", issuer=f"第{n}市人民政府", place=f"第{n}市",
                 year=2000 + n % 10, kind="政府工作报告", issued_on=None, chapters=3, sections=9, figures=n,
                 measures=0, warnings=0, path=f"/nowhere/{n}.txt", sha256=f"{n:064x}", source_sha256=f"{n:064x}",
                 format="text", file=f"{n}.txt", place_spellings=[])


def never(report_id: str):
    raise AssertionError(f"{report_id} was loaded")


class TableApp(App[None]):
    def compose(self) -> ComposeResult:
        entries = {e.id: e for e in map(entry, range(N))}
        yield LibraryTable(ReportSet(list(entries), held={}, load=never, entries=entries))


async def test_a_large_table_fills_in_steps_and_ends_with_every_row():
    app = TableApp()
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.query_one(LibraryTable)
        await pilot.pause(0.5)
        assert table.row_count == N
        await pilot.press("G")
        assert table.current_row.id == "city-249"
        await pilot.press("7", "7")  # by figures, then reversed: the most first
        await pilot.pause(0.5)
        assert table.row_count == N and table.current_row.id == "city-249"
        table.set_filter("year:2003")
        await pilot.pause(0.5)
        assert [r.id for r in table.shown][:3] == ["city-243", "city-233", "city-223"] and table.row_count == 25


async def test_end_before_the_table_is_full_goes_to_the_last_row():
    app = TableApp()
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.query_one(LibraryTable)
        table.focus()
        table.refill(to_top=True)  # (again: the second half not yet added)
        assert table.row_count < N
        await pilot.press("G")
        assert table.row_count == N and table.current_row.id == "city-249"
