"""Where the shipped files live, in a checkout and in an installed copy.

``data/`` and ``styles/`` sit at the top of the repository; packaging maps them to the
packages ``tui.data`` and ``tui.styles`` (see pyproject.toml), so an installed wheel has
them beside the code.  In an editable install or a plain checkout they are found next
to the ``tui`` package.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
BUNDLED_REPORT_ID = "wenzhou-2018-rule-of-law"


def _shipped_dir(name: str) -> Path:
    # the package's own folder first (an installed wheel), then the checkout's top level
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    return _PACKAGE.parent / name


def data_dir() -> Path:
    return _shipped_dir("data")


def styles_dir() -> Path:
    return _shipped_dir("styles")


def bundled_report_path() -> Path:
    return data_dir() / f"{BUNDLED_REPORT_ID}.json"


def bundled_raw_path() -> Path:
    return data_dir() / f"{BUNDLED_REPORT_ID}.txt"
