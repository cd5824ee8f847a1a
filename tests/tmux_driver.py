"""A private tmux server that runs the installed ``report-explorer`` for end-to-end tests.

Every end-to-end test drives the real console script in a 120×40 tmux window with
``set-clipboard on`` (so an OSC 52 copy lands in ``tmux show-buffer``).  Keys sent while
the app is still starting can be lost on a loaded machine, so tests wait for body text
(not the outline's label, which shows first) and :meth:`Tmux.type_until` sends again
when what was typed does not show.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

TMUX = shutil.which("tmux")
ROOT = Path(__file__).resolve().parent.parent


def command() -> list[str]:
    """The installed console script (the thing users run), else ``python -m tui``."""
    exe = shutil.which("report-explorer")
    return [exe] if exe else [sys.executable, "-m", "tui"]


class Tmux:
    """A private tmux server (its own socket) holding one window named ``e2e``."""

    def __init__(self, tmp_path: Path, env: dict[str, str] | None = None) -> None:
        self.socket = f"report-explorer-e2e-{uuid.uuid4().hex[:8]}"
        self.status = tmp_path / "status"
        self.env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color",
                    "REPORT_EXPLORER_EXPORT_DIR": str(tmp_path / "exports"),
                    "REPORT_EXPLORER_STATE_DIR": str(tmp_path / "state"), **(env or {})}
        self.env.pop("TMUX", None)
        # the app must take the window's size: pytest-xdist workers carry COLUMNS=80 LINES=24,
        # which the app would read first (shutil.get_terminal_size) and draw 80×24 in 120×40
        for name in ("COLUMNS", "LINES"):
            self.env.pop(name, None)

    def __call__(self, *args: str, check: bool = True) -> str:
        done = subprocess.run([TMUX, "-u", "-L", self.socket, "-f", os.devnull, *args], env=self.env,
                              capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=20)
        if check and done.returncode:
            raise AssertionError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def start(self, args: Sequence[str] = (), *, width: int = 120, height: int = 40,
              clipboard: bool = True) -> None:
        """Run ``report-explorer ARGS`` in the window; its exit status lands in ``self.status``."""
        run = " ".join(f"'{part}'" for part in [*command(), *args])
        shell = f"cd '{ROOT}' && {run}; echo $? > '{self.status}'; sleep 60"
        self("new-session", "-d", "-x", str(width), "-y", str(height), "-s", "e2e", "sh", "-c", shell)
        self("set-option", "-g", "status", "off")
        if clipboard:
            self("set-option", "-s", "set-clipboard", "on")

    def screen(self) -> str:
        return self("capture-pane", "-p", "-t", "e2e")

    def keys(self, *keys: str, literal: bool = False) -> None:
        self("send-keys", "-t", "e2e", *(["-l"] if literal else []), *keys)

    def wait_for(self, what: str, test: Callable[[], bool], timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if test():
                return
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}; the screen:\n{self.screen()}")

    def type_until(self, what: str, send: Callable[[], None], test: Callable[[], bool],
                   attempts: int = 5, each: float = 6.0) -> None:
        """Send keys, wait for ``test``; if it does not come, press escape and send them again."""
        for _ in range(attempts):
            send()
            deadline = time.monotonic() + each
            while time.monotonic() < deadline:
                if test():
                    return
                time.sleep(0.1)
            self.keys("Escape")
            time.sleep(0.5)
        raise AssertionError(f"{what} did not show after {attempts} tries; the screen:\n{self.screen()}")

    def quit_status(self) -> str:
        """Press q and return the app's exit status."""
        self.keys("q")
        self.wait_for("the exit status", lambda: self.status.exists() and self.status.read_text().strip() != "")
        return self.status.read_text().strip()

    def close(self) -> None:
        self("kill-server", check=False)
