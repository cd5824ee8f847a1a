"""Snapshot tests (pytest-textual-snapshot): 120×40, the default theme, the bundled report.

Update after a deliberate change with ``pytest tests/test_snapshots.py --snapshot-update``
and look at the SVGs (``snapshot_report.html``) before accepting them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.app import ReportApp, create_app
from tui.loading import load_report
from tui.paths import bundled_report_path

SIZE = (120, 40)
#: A fixed path: nothing is written there by these tests, but help text may show it.
EXPORT_DIR = Path("/tmp/report-explorer-snapshots")


@pytest.fixture(scope="module")
def report():
    return load_report(bundled_report_path())


def app_on(report, **kwargs) -> ReportApp:
    return create_app([report], export_dir=EXPORT_DIR, **kwargs)


async def ready(pilot) -> None:
    """The search index is built in a worker after the first frame: wait for it."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_main_screen(snap_compare, report) -> None:
    assert snap_compare(app_on(report), terminal_size=SIZE, run_before=ready)


def test_search_with_results(snap_compare, report) -> None:
    assert snap_compare(app_on(report), press=["slash", *"纠错率"], terminal_size=SIZE, run_before=ready)


def test_opened_hit(snap_compare, report) -> None:
    assert snap_compare(app_on(report), press=["slash", *"纠错率", "enter"], terminal_size=SIZE, run_before=ready)


def test_figure_table(snap_compare, report) -> None:
    assert snap_compare(app_on(report), press=["f"], terminal_size=SIZE, run_before=ready)


def test_help(snap_compare, report) -> None:
    assert snap_compare(app_on(report), press=["question_mark"], terminal_size=SIZE, run_before=ready)


def test_too_small(snap_compare, report) -> None:
    assert snap_compare(app_on(report), terminal_size=(50, 12), run_before=ready)


def test_narrow_drawer(snap_compare, report) -> None:
    assert snap_compare(app_on(report), press=["o"], terminal_size=(80, 30), run_before=ready)


# ---- issue 12: a long result list, the light theme, the citation style -----------------------

def test_long_results_120x40(snap_compare, report) -> None:
    """/ 率: 25 hits; the list takes two fifths of the height and scrolls, the text stays."""
    assert snap_compare(app_on(report), press=["slash", "率"], terminal_size=SIZE, run_before=ready)


def test_long_results_80x24(snap_compare, report) -> None:
    assert snap_compare(app_on(report), press=["slash", "率"], terminal_size=(80, 24), run_before=ready)


def test_light_theme(snap_compare, report) -> None:
    assert snap_compare(app_on(report, section="6.1"), press=["t", "n"], terminal_size=SIZE, run_before=ready)


def test_plain_citation_style(snap_compare, report) -> None:
    """s: the notice shows the citation in the plain Chinese style (GB/T 7714's holds today's date)."""
    assert snap_compare(app_on(report, section="6.1"), press=["s"], terminal_size=SIZE, run_before=ready)
