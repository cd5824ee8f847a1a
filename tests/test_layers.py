"""The layering rules (README.md, "Development"), checked in a fresh interpreter through sys.modules."""

from __future__ import annotations

import subprocess
import sys

import pytest


def imported_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint('\\n'.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    return {name.split(".")[0] for name in done.stdout.split()}


@pytest.mark.parametrize("module", ["tui.model", "tui.ingest.pipeline", "tui.search.index", "tui.search.disk", "tui.export", "tui.loading", "tui.cli"])
def test_lower_layers_never_import_textual(module):
    assert "textual" not in imported_after(f"import {module}")


@pytest.mark.parametrize("module", ["tui.search.index", "tui.search.disk", "tui.app"])
def test_search_and_app_never_import_pypinyin(module):
    assert "pypinyin" not in imported_after(f"import {module}")


def test_loading_and_searching_the_bundled_report_needs_no_pypinyin():
    modules = imported_after(
        "from tui.loading import load_report\nfrom tui.search import SearchIndex\n"
        "SearchIndex.build([load_report()]).query('jiucuolv')"
    )
    assert "pypinyin" not in modules


def test_the_app_and_its_library_screen_import_no_search_engine_before_the_first_frame():
    # (rapidfuzz and the engine come with the first search index, built after the first frame)
    assert "rapidfuzz" not in imported_after("import tui.cli, tui.app, tui.screens.library, tui.search.text")
