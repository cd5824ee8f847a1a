"""End to end: the installed ``report-explorer`` in a real terminal (tmux, 120×40).

tmux runs the app on the bundled report with ``set-clipboard on``, so the OSC 52 copy
the app sends lands in tmux's paste buffer, where the test reads it back.  Skipped only
where tmux is absent (CI installs it: see .ci/run).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from tui.loading import load_report
from tui.paths import bundled_report_path

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")

CHAPTER_MARKS = ("一、", "二、", "三、", "四、", "五、", "六、", "七、")


class Tmux:
    """A private tmux server (its own socket) holding one 120×40 window."""

    def __init__(self, tmp_path: Path) -> None:
        self.socket = f"report-explorer-e2e-{uuid.uuid4().hex[:8]}"
        self.env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color",
                    "REPORT_EXPLORER_EXPORT_DIR": str(tmp_path / "exports")}
        self.env.pop("TMUX", None)

    def __call__(self, *args: str, check: bool = True) -> str:
        done = subprocess.run([TMUX, "-u", "-L", self.socket, "-f", os.devnull, *args], env=self.env,
                              capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=20)
        if check and done.returncode:
            raise AssertionError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def screen(self) -> str:
        return self("capture-pane", "-p", "-t", "e2e")

    def wait_for(self, what: str, test: Callable[[], bool], timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if test():
                return
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}; the screen:\n{self.screen()}")


def command() -> list[str]:
    exe = shutil.which("report-explorer")
    return [exe] if exe else [sys.executable, "-m", "tui"]


def test_explorer_in_tmux(tmp_path: Path) -> None:
    report = load_report(bundled_report_path())
    section = report.section("6.1")
    assert section is not None
    status = tmp_path / "status"
    tmux = Tmux(tmp_path)
    run = " ".join(f"'{part}'" for part in command())
    shell = f"cd '{Path(__file__).resolve().parent.parent}' && {run}; echo $? > '{status}'; sleep 30"
    try:
        tmux("new-session", "-d", "-x", "120", "-y", "40", "-s", "e2e", "sh", "-c", shell)
        tmux("set-option", "-s", "set-clipboard", "on")
        tmux("set-option", "-g", "status", "off")

        # the outline shows all seven chapters
        tmux.wait_for("the outline", lambda: all(mark in tmux.screen() for mark in CHAPTER_MARKS))
        tmux.wait_for("the first frame to settle", lambda: "Outline" in tmux.screen())

        # / then 纠错率 lists the 17.3 % figure
        tmux("send-keys", "-t", "e2e", "/")
        time.sleep(0.3)
        tmux("send-keys", "-t", "e2e", "-l", "纠错率")
        tmux.wait_for("the 17.3% hit", lambda: "纠错率" in tmux.screen() and "17.3%" in tmux.screen())

        # enter opens section 6.1
        tmux("send-keys", "-t", "e2e", "Enter")
        tmux.wait_for("section 6.1", lambda: "6.1 六、" in tmux.screen())
        assert "match" in tmux.screen()

        # c copies the section: OSC 52 → tmux's paste buffer
        tmux("send-keys", "-t", "e2e", "c")

        def copied() -> bool:
            buffer = tmux("show-buffer", check=False)
            return section.text[:30] in buffer and "[6.1]" in buffer

        tmux.wait_for("the copy in tmux's paste buffer", copied)
        buffer = tmux("show-buffer")
        assert report.title in buffer
        assert "\x1b" not in buffer

        # q exits with status 0
        tmux("send-keys", "-t", "e2e", "q")
        tmux.wait_for("the exit status", lambda: status.exists() and status.read_text().strip() != "")
        assert status.read_text().strip() == "0"
    finally:
        tmux("kill-server", check=False)
