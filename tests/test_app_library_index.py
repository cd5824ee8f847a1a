"""The app on a library big enough for its index on disk (issue 10: the persistent index).

The library: copies of the three corpus texts and the bundled report's raw text, opened as
``report-explorer DIR`` opens them (:func:`tui.library.open_library`, a cache in tmp).
:data:`tui.app.DISK_FROM` is lowered to 2 so that four reports use the disk index.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.test_app import main, settle
from tests.test_library_screen import CORPUS
from tui import app as app_module
from tui.app import create_app
from tui.library import open_library
from tui.library.cache import CACHE_ENV
from tui.paths import bundled_raw_path
from tui.search.disk import DiskSearch
from tui.widgets.search_box import SearchBox


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    where = tmp_path_factory.mktemp("reports")
    for path in [*CORPUS, bundled_raw_path()]:
        shutil.copy(path, where / path.name)
    return where


def open_app(folder: Path, tmp_path: Path):
    library = open_library([folder])
    return create_app(list(library.reports()), library=library, export_dir=tmp_path, fresh=True)


def record_progress(monkeypatch) -> list[tuple[int, int]]:
    seen: list[tuple[int, int]] = []
    original = app_module.MainScreen.index_progress

    def index_progress(self, done: int, total: int) -> None:
        seen.append((done, total))
        if total:
            seen.append(("placeholder", self.query_one("#search", SearchBox).placeholder))
        original(self, done, total)

    monkeypatch.setattr(app_module.MainScreen, "index_progress", index_progress)
    return seen


async def test_a_library_is_indexed_once_with_progress_then_searched_from_disk(folder, tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(app_module, "DISK_FROM", 2)
    seen = record_progress(monkeypatch)
    app = open_app(folder, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.search_index, DiskSearch)
        # the search box said how far along it was, report by report, then went back to its hint
        assert [s for s in seen if s[0] != "placeholder"] == [(1, 4), (2, 4), (3, 4), (4, 4), (0, 0)]
        assert ("placeholder", "/ search: indexing 1 of 4 reports … (the first time only)") in seen
        assert main(app).query_one("#search", SearchBox).placeholder == SearchBox.PLACEHOLDER
        await pilot.press("slash", *"城镇新增就业人数 @四川")
        await settle(app, pilot)
        first = main(app).results.hits[0]
        assert (first.report, first.section, first.figure.raw) == ("sichuan-2026-government-work-report", "1.5",
                                                                   "107万人")
        await pilot.press("enter")
        await settle(app, pilot)
        assert (main(app).report.id, main(app).section.id) == ("sichuan-2026-government-work-report", "1.5")

    # opened again: nothing to index, search ready at once from the same store
    seen.clear()
    app = open_app(folder, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert seen == [(0, 0)]
        await pilot.press("slash", *"jiucuolv")
        await settle(app, pilot)
        first = main(app).results.hits[0]
        assert (first.report, first.figure.raw) == ("wenzhou-2018-rule-of-law", "17.3%")


async def test_a_small_library_is_searched_from_memory(folder, tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    app = open_app(folder, tmp_path)  # 4 reports, under DISK_FROM
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert type(app.search_index).__name__ == "SearchIndex"
    assert list((tmp_path / "cache").glob("reports-*")) and not list((tmp_path / "cache").glob("index-*"))


async def test_an_index_that_cannot_be_made_falls_back_to_memory_with_a_message(folder, tmp_path, monkeypatch):
    from tests.test_app import capture_notes
    from tui.library import search_index

    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(app_module, "DISK_FROM", 2)

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(search_index, "update", broken)
    app = open_app(folder, tmp_path)
    notes = capture_notes(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert type(app.search_index).__name__ == "SearchIndex"
        await pilot.press("slash", *"纠错率")
        await settle(app, pilot)
        assert main(app).results.hits[0].figure.raw == "17.3%"
    assert any(n.startswith("The library's index on disk cannot be used (OSError: [Errno 28] No space left on "
                            "device); searching from memory.") for n in notes), notes
