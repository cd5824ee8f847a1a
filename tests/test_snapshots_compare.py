"""Snapshot of "this figure in other reports" (issue 10 item 5): 120×40, the default theme,
the three corpus texts and the bundled report; the figure table filtered to 全国 2018's
城镇新增就业 1351万人, then ``x``.

Update after a deliberate change with ``pytest tests/test_snapshots_compare.py --snapshot-update``
and look at the SVG (``snapshot_report.html``) before accepting it.
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


def test_figure_across_reports(snap_compare, library_reports) -> None:
    async def opened(pilot) -> None:
        await ready(pilot)
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("slash", *"城镇新增就业 1351", "enter", "x")
        await ready(pilot)

    app = library_app(library_reports, EXPORT_DIR, start_library=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=opened)
