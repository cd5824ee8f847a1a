"""Snapshot tests for issue 12's looks (pytest-textual-snapshot), beside tests/test_snapshots.py.

That file already holds the long result list at 120×40 and 80×24, the light theme and the
plain citation style; here: the GB/T 7714 citation, a notification off the text, the
one-row search box of a low terminal, and the breadcrumb of a chapter's lead-in.  Update
after a deliberate change with ``pytest tests/test_snapshots_issue12.py --snapshot-update``
and look at the SVGs before accepting them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tui.app import ReportApp, create_app
from tui.loading import ingest_report, load_report
from tui.model import Chapter, Report, Section, Source
from tui.paths import bundled_report_path

SIZE = (120, 40)
#: A fixed path: nothing is written there by these tests (no key here saves a file).
EXPORT_DIR = Path("/tmp/report-explorer-snapshots")
NATIONAL = Path(__file__).resolve().parent / "corpus" / "national-2018-government-work-report.gb18030.txt"


class CitedOn(date):
    """``date.today()`` fixed: the GB/T 7714 citation holds the date it is cited on."""

    @classmethod
    def today(cls) -> date:
        return date(2026, 12, 1)


@pytest.fixture(scope="module")
def report() -> Report:
    return load_report(bundled_report_path())


def app_on(reports: Report | list[Report], **kwargs) -> ReportApp:
    return create_app(reports if isinstance(reports, list) else [reports], export_dir=EXPORT_DIR, fresh=True,
                      **kwargs)


async def ready(pilot) -> None:
    """The search index is built in a worker after the first frame: wait for it."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_gbt7714_citation_style(snap_compare, report, monkeypatch) -> None:
    """s from the plain style: the notice shows the GB/T 7714-2015 citation (cited 2026-12-01)."""
    monkeypatch.setattr("tui.citation.date", CitedOn)
    app = app_on(report, section="6.1")
    app.cite_style = "plain"
    assert snap_compare(app, press=["s"], terminal_size=SIZE, run_before=ready)


def test_copy_notice_over_the_search_box_80x24(snap_compare, report) -> None:
    """c: the notice lies top right over the header and the search box, not over the text."""
    assert snap_compare(app_on(report, section="6.1"), press=["c"], terminal_size=(80, 24), run_before=ready)


def test_search_box_one_row_60x15(snap_compare, report) -> None:
    """/ 纠错率 at 60×15: the box is one row; the results and the text share the rest."""
    assert snap_compare(app_on(report), press=["slash", *"纠错率"], terminal_size=(60, 15), run_before=ready)


def test_lead_in_breadcrumb_80x24(snap_compare) -> None:
    """A chapter's lead-in (1.0) is titled by its chapter: 1.0 一、过去五年工作回顾."""
    national = ingest_report(NATIONAL)
    assert snap_compare(app_on(national, section="1.0"), terminal_size=(80, 24), run_before=ready)
