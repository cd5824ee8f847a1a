"""Snapshot tests of tables and the parts outline (issue 9), 120×40 and 80×24.

The reports are ingested from tests/corpus (Shuyang 2025: pipe tables; Sichuan 2026: a
名词解释).  Update after a deliberate change with
``pytest tests/test_snapshots_tables.py --snapshot-update`` and look at the SVGs first.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.app import ReportApp, create_app
from tui.loading import ingest_report

CORPUS = Path(__file__).parent / "corpus"
EXPORT_DIR = Path("/tmp/report-explorer-snapshots")


@pytest.fixture(scope="module")
def shuyang():
    return ingest_report(CORPUS / "shuyang-2025-information-disclosure-annual-report.md.txt")


@pytest.fixture(scope="module")
def sichuan():
    return ingest_report(CORPUS / "sichuan-2026-government-work-report.txt")


def app_on(report, **kwargs) -> ReportApp:
    return create_app([report], export_dir=EXPORT_DIR, fresh=True, **kwargs)


async def ready(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_table_in_the_reading_pane(snap_compare, shuyang) -> None:
    # 3.3 (三) 不予公开: 8 columns, long row labels wrapped in their column
    assert snap_compare(app_on(shuyang, section="3.3"), terminal_size=(120, 40), run_before=ready)


def test_table_search_hit_in_a_cell_80x24(snap_compare, shuyang) -> None:
    # | 5. 属于三类内部事务信息 | 13 | … : the hit's cell lit, its row in view, at 80×24
    assert snap_compare(app_on(shuyang, search="属于三类内部事务信息"), press=["enter"],
                        terminal_size=(80, 24), run_before=ready)


def test_parts_in_the_outline(snap_compare, sichuan) -> None:
    # 名词解释 after the chapters, expanded to its terms; the glossary open at its second term
    async def expand(pilot) -> None:
        await ready(pilot)
        tree = pilot.app.screen.outline
        glossary = tree.root.children[-1]
        glossary.expand()
        await pilot.pause()
        tree.move_cursor(glossary.children[1], animate=False)
        tree.focus()
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(app_on(sichuan), terminal_size=(120, 40), run_before=expand)
