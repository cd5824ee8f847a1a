"""Shared fixtures: the bundled report, the seed text and the corpus of real reports."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run ("ci", the default: a red CI run must be
# reproducible, and a new hypothesis release must not turn it red by chance); set
# HYPOTHESIS_PROFILE=explore to draw new ones each run, as when hunting for bugs.
settings.register_profile("ci", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

from tui.loading import load_report
from tui.model import Report
from tui.paths import bundled_raw_path, bundled_report_path

TESTS = Path(__file__).resolve().parent


def pytest_xdist_auto_num_workers(config) -> int:
    """``-n auto``: one worker more than the cores, as many tests spend their time waiting
    (for a pilot's pause, for a terminal in tmux): 5.1 -> 4.3 minutes on 2 cores."""
    return (os.cpu_count() or 1) + 1
CORPUS = sorted((TESTS / "corpus").glob("*.txt"))


@pytest.fixture(autouse=True)
def private_state(tmp_path_factory, monkeypatch) -> Path:
    """Every test remembers into its own state folder (tui.state), never the user's."""
    folder = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("REPORT_EXPLORER_STATE_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def bundled() -> Report:
    """The shipped report JSON (read-only: copy it before mutating)."""
    return load_report(bundled_report_path())


@pytest.fixture(scope="session")
def seed_text() -> str:
    return bundled_raw_path().read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_bytes() -> bytes:
    return bundled_raw_path().read_bytes()
