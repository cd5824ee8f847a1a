"""Work done, counted instead of timed: the lines of the project's code that a call runs.

Timed assertions are noise on a shared 2-core machine (speed lives in ``bench/``); the
number of lines executed is exact and the same on every machine, so a test can hold a
generous bound on it and still catch an algorithm that went quadratic.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

TUI = str(Path(__file__).resolve().parent.parent / "tui")


def lines_run(call: Callable[[], object], package: str = TUI) -> int:
    """How many lines of code under ``package`` (default ``tui/``) ``call()`` executes."""
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def scope(frame, event, arg):
        return local if frame.f_code.co_filename.startswith(package) else None

    previous = sys.gettrace()
    sys.settrace(scope)
    try:
        call()
    finally:
        sys.settrace(previous)
    return count
