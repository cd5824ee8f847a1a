"""Issue 10, "where the time goes": what would stall the UI thread or slow a bulk load is done
ahead, elsewhere, or with the collector paused.  Nothing here is timed: each test checks the
mechanism (a table built, objects frozen, the collector off), which undoing the fix breaks.

- the first ``in:``/``@6.1`` query builds no scope table on the UI thread (the index thread did);
- the index built after ``gc.freeze()`` in ``ReportApp.run()`` is frozen too, so the first full
  collection after it does not traverse it in a keystroke;
- a library's reports are loaded with the collector paused: ``open_library`` (the CLI's
  ``open_reports``) and ``Library.reports()`` for the whole run, ``Library.load`` for one.
"""

from __future__ import annotations

import gc
import shutil

import pytest

import tui.library.library as library_module
from tests.conftest import CORPUS
from tests.test_app import settle
from tui.app import create_app
from tui.ingest.pipeline import ingest_bytes
from tui.library import open_library
from tui.loading import load_report
from tui.paths import bundled_report_path
from tui.search.build import Catalog

NATIONAL, SICHUAN = "national-2018-government-work-report", "sichuan-2026-government-work-report"
WENZHOU = "wenzhou-2018-rule-of-law"


@pytest.fixture(scope="module")
def reports():
    """The bundled report and the three corpus texts, ingested from their bytes."""
    return [load_report(bundled_report_path())] + [ingest_bytes(p.read_bytes(), p.name) for p in CORPUS]


@pytest.fixture
def unfreeze():
    """Leave the collector as found: what a test froze goes back into the generations."""
    yield
    gc.unfreeze()


def sections(hits) -> set[tuple[str, str]]:
    return {(h.report, h.section) for h in hits}


# ---- 1. scope tables: built in the index thread, not by the first in: keystroke -------------
async def test_first_scope_queries_after_the_index_build_build_no_table(reports, tmp_path, monkeypatch):
    app = create_app(reports, fresh=True, export_dir=tmp_path)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert app.index_ready
        built: list[bool] = []
        real = Catalog._scope_table

        def recording(self, heads):
            built.append(heads)
            return real(self, heads)

        monkeypatch.setattr(Catalog, "_scope_table", recording)
        screen = app.screen_stack[0]
        # as a keystroke in the search box runs it: on the UI thread (MainScreen.timed_query)
        jobs = screen.timed_query("in:3 就业")
        mediation = screen.timed_query("in:6 调解")
        review = screen.timed_query("@6.1 复议")
        assert built == []  # (before the fix: [False, True], the sentences' then the heads' table)
        # the sections of chapter 3 whose text says 就业; 调解 and 复议 in chapter 6: only Wenzhou's 6.1
        assert sections(jobs) == {(NATIONAL, "3.9"), (SICHUAN, "3.0"), (SICHUAN, "3.8")}
        assert sections(mediation) == {(WENZHOU, "6.1")}
        assert sections(review) == {(WENZHOU, "6.1")}


def test_scope_tables_built_ahead_are_the_ones_built_on_first_use(reports):
    ahead, lazy = Catalog(reports), Catalog(reports)
    ahead.build_scopes()
    for heads in (False, True):
        assert {s: ahead.scope_bits(heads, s) for s in ("3", "6", "6.1", "preamble", "9.9")} == \
               {s: lazy.scope_bits(heads, s) for s in ("3", "6", "6.1", "preamble", "9.9")}
    assert ahead.scope_bits(False, "9.9") == 0  # no section 9.9 in any of the four
    assert ahead.scope_bits(False, "6.1") != 0


# ---- 2. the index is frozen with the reports ------------------------------------------------
def test_the_index_built_after_run_froze_the_reports_is_frozen_too(reports, tmp_path, unfreeze):
    app = create_app(reports, fresh=True, export_dir=tmp_path)
    seen: dict[str, object] = {}

    async def auto_pilot(pilot):
        await settle(app, pilot)
        seen["ready"] = app.index_ready
        catalog = app.search_index._catalog
        tracked = {id(o) for o in gc.get_objects()}  # every generation but the permanent one
        containers = {"sentences": catalog.doc_text_folded, "sections": catalog.sec_section,
                      "figures": catalog.fig_figure, "units": catalog.sentences.texts,
                      "char bits": catalog.sentences.bits, "scope table": catalog._scopes[False]}
        seen["collected over"] = sorted(name for name, obj in containers.items()
                                        if gc.is_tracked(obj) and id(obj) in tracked)
        await pilot.press("q")

    app.run(headless=True, size=(100, 32), auto_pilot=auto_pilot)  # run(): gc.freeze() first
    assert seen == {"ready": True, "collected over": []}


async def test_under_run_test_the_index_is_not_frozen(reports, tmp_path):
    """A test process is not the app's: its garbage must not be frozen test after test."""
    app = create_app(reports[:1], fresh=True, export_dir=tmp_path)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert app.index_ready
        assert id(app.search_index._catalog.doc_text_folded) in {id(o) for o in gc.get_objects()}


# ---- 3. a library loads with the collector paused -------------------------------------------
@pytest.fixture
def folder(tmp_path, reports):
    """The four reports as JSON, and the national report's raw text once more (the same
    report as its JSON: the raw text is kept, the JSON listed as skipped)."""
    root = tmp_path / "lib"
    root.mkdir()
    for report in reports:
        (root / f"{report.id}.json").write_text(report.model_dump_json(), encoding="utf-8")
    shutil.copy(CORPUS[0], root / "raw-national.txt")
    return root


def test_a_library_loads_with_the_collector_paused(folder, tmp_path, monkeypatch):
    parsed: list[tuple[str, bool]] = []
    real = library_module._parse

    def recording(raw, path):
        parsed.append((path.rsplit("/", 1)[-1], gc.isenabled()))
        return real(raw, path)

    monkeypatch.setattr(library_module, "_parse", recording)
    assert gc.isenabled()
    # as the CLI opens a library for the app (open_reports: keep=True), through the cache
    lib = open_library([folder], keep=True, cache_root=tmp_path / "cache")
    assert gc.isenabled()
    assert sorted(parsed) == [(f"{NATIONAL}.json", False), ("raw-national.txt", False),
                              ("shuyang-2025-information-disclosure-annual-report.json", False),
                              (f"{SICHUAN}.json", False), (f"{WENZHOU}.json", False)]
    # the raw text is kept (a JSON made from the same text is the same report)
    assert sorted(e.id for e in lib.entries) == [
        "raw-national", "shuyang-2025-information-disclosure-annual-report", SICHUAN, WENZHOU]

    # opened again (nothing kept in memory): every report is read back, the collector off
    # from the first to the last, also while the caller handles one
    again = open_library([folder], cache_root=tmp_path / "cache")
    parsed.clear()
    between = [(report.id, len(list(report.sections())), gc.isenabled()) for report in again.reports()]
    assert gc.isenabled()
    assert between == [("raw-national", 21, False),
                       ("shuyang-2025-information-disclosure-annual-report", 23, False),
                       (SICHUAN, 24, False), (WENZHOU, 20, False)]
    assert sorted(parsed) == [("shuyang-2025-information-disclosure-annual-report.json", False),
                              (f"{SICHUAN}.json", False), (f"{WENZHOU}.json", False)]

    # one report alone (the app opening a hit's report, export-db): paused too
    parsed.clear()
    again._memo.clear()
    assert again.load(SICHUAN).id == SICHUAN
    assert parsed == [(f"{SICHUAN}.json", False)]
    assert gc.isenabled()


def test_a_library_left_half_read_turns_the_collector_back_on(folder, tmp_path):
    lib = open_library([folder], cache_root=tmp_path / "cache")
    walk = lib.reports()
    next(walk)
    assert not gc.isenabled()
    walk.close()  # (a caller that stops early: the generator is closed, or collected)
    assert gc.isenabled()
