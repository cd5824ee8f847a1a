"""Snapshot tests of the library (issue 10 item 3), the report picker without a library
folder (issue 12) and cross-report results cut off by the limit (issue 10 item 4): 120×40,
the default theme, the three corpus texts and the bundled report.

Update after a deliberate change with ``pytest tests/test_snapshots_library.py --snapshot-update``
and look at the SVGs (``snapshot_report.html``) before accepting them.
"""

from __future__ import annotations

from pathlib import Path

from tests.test_library_screen import library_app, library_reports  # noqa: F401  (fixture)

SIZE = (120, 40)
EXPORT_DIR = Path("/tmp/report-explorer-snapshots")


async def ready(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def counted(pilot) -> None:
    """After typing: the cut-off count runs after a moment, in a thread; wait until its line
    is in the list (a fixed pause was too short on a loaded machine)."""
    import asyncio

    from tui.widgets.search_results import SearchResults

    loop = asyncio.get_running_loop()
    deadline = loop.time() + 20
    while loop.time() < deadline:
        await ready(pilot)
        results = pilot.app.screen.query(SearchResults)
        if results and results.first().cut and results.first().counted is not None:
            break
        await pilot.pause(0.1)
    from textual.widgets import Input

    for box in pilot.app.screen.query(Input):  # (the cursor drawn, not caught mid-blink)
        box.cursor_blink = False
    await ready(pilot)


def test_library_screen(snap_compare, library_reports) -> None:
    assert snap_compare(library_app(library_reports, EXPORT_DIR), terminal_size=SIZE, run_before=ready)


def test_library_sorted_and_filtered(snap_compare, library_reports) -> None:
    async def typed(pilot) -> None:
        await ready(pilot)
        await pilot.press("2", "slash", *"year:2018")
        await ready(pilot)

    assert snap_compare(library_app(library_reports, EXPORT_DIR), terminal_size=SIZE, run_before=typed)


def test_report_picker_without_a_library(snap_compare, library_reports) -> None:
    app = library_app(library_reports, EXPORT_DIR, start_library=False)  # several files, no folder

    async def opened(pilot) -> None:
        await ready(pilot)
        await pilot.press("r")
        await ready(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=opened)


def test_cross_report_results_cut_off(snap_compare, library_reports) -> None:
    app = library_app(library_reports, EXPORT_DIR, start_library=False)

    async def typed(pilot) -> None:
        await ready(pilot)
        await pilot.press("slash", "率")
        await counted(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=typed)
