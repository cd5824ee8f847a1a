"""Start-up cost of the explorer next to a bare Textual app holding the same widgets.

Each run is a fresh interpreter (imports count): it starts the app headless at 120×40
and stops at the first frame.  ``app`` loads the bundled report and opens the explorer
as ``report-explorer`` does; ``bare`` is a plain Textual app with the same kinds of
widgets (header, tree, search box, results list, breadcrumb, reading pane, footer) and
no data.  Reported: the median time from interpreter start-up to the first frame, and
the median peak memory (max RSS), over ``--runs`` runs of each, interleaved, after a
warm-up run of each (the children cache bytecode, in a temporary directory, as an
installed copy would have it).

Then the same in a real terminal: the ``report-explorer`` console script itself (its CLI
imports included), and the bare app as a script, each run in a pseudo-terminal of 120×40
and timed from the spawn until the screen shows body text (the first section's opening
words; ``breadcrumb`` for the bare app), with the child's peak memory from ``wait4``.

Then, in one running app, the cost of each keystroke of a few searches on the UI
thread: the index query plus updating the results and the reading pane's marks (each
keystroke timed in three passes; its median counts).

Targets (issue 4): time ≤ 1.25× and memory ≤ 1.3× the bare app; a keystroke < 16 ms.

    python bench/startup.py            # a table
    python bench/startup.py --json     # the table, then one JSON line
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIME_TARGET = 1.25
MEMORY_TARGET = 1.3
FRAME_MS = 16.0
QUERIES = ("纠错率", "jiucuolv", "jcl", "17.3", "最多跑一次", "fazhi zhengfu", "行政复议")

#: The bare app: the explorer's kinds of widgets, no data (the baseline of both runs).
BARE_APP = r"""
class Bare(App):
    CSS = "#tree { width: 38; } #body { height: 1fr; }"

    def compose(self):
        yield Static("title", id="header")
        with Horizontal():
            yield Tree("reports", id="tree")
            with Vertical():
                yield Input(placeholder="search")
                yield OptionList()
                yield Static("breadcrumb")
                with VerticalScroll(id="body"):
                    yield Static("")
        yield Footer()
"""

CHILD = r"""
import time
T0 = time.perf_counter()
import json, resource, sys, tempfile
sys.path.insert(0, {root!r})
mode = {mode!r}

phases = {{}}
def phase(name, since=[T0]):
    now = time.perf_counter()
    phases[name] = now - since[0]
    since[0] = now

from textual.app import App
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Input, OptionList, Static, Tree
phase("textual")
if mode == "app":
    import tui.model
    phase("pydantic + tui.model")
    from tui.loading import load_report
    phase("tui.loading (imports tui.ingest)")
    from tui.app import create_app
    phase("tui.app + widgets + screens")
    app = create_app([load_report(None)], export_dir=__import__("pathlib").Path(tempfile.gettempdir()))
    phase("load report + create app")
else:
{bare_app}
    app = Bare()
    phase("create app")

result = {{"phases": phases}}

def first_frame():
    phase("run to first frame")
    result["first_frame_s"] = time.perf_counter() - T0
    app.exit()

async def pilot(pilot):
    pilot.app.call_after_refresh(first_frame)

app.run(headless=True, size=(120, 40), auto_pilot=pilot)
result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print("RESULT " + json.dumps(result))
"""

SEARCH = r"""
import asyncio, json, statistics, sys, tempfile, time
sys.path.insert(0, {root!r})
from tui.loading import load_report
from tui.app import create_app

PASSES = 3

async def main():
    app = create_app([load_report(None)], export_dir=__import__("pathlib").Path(tempfile.gettempdir()))
    times = {{}}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        screen = app.screen_stack[0]
        for _ in range(PASSES):
            for query in {queries!r}:
                for end in range(1, len(query) + 1):
                    began = time.perf_counter()
                    screen.run_query(query[:end])
                    times.setdefault((query, end), []).append((time.perf_counter() - began) * 1000)
                    await pilot.pause()
                screen.run_query("")
    per_key = [statistics.median(t) for t in times.values()]  # median of the passes: one GC pause is noise
    print("RESULT " + json.dumps({{"max_ms": max(per_key), "median_ms": statistics.median(per_key),
                                   "keystrokes": len(per_key)}}))

asyncio.run(main())
"""


BARE_SCRIPT = f"""
from textual.app import App
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Input, OptionList, Static, Tree

{BARE_APP}

Bare().run()
"""

_ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")


def body_marker() -> str:
    """Six characters the reading pane shows at start: the opening of the first section."""
    sys.path.insert(0, str(ROOT))
    from tui.loading import load_report

    text = load_report(None).sections()[0].text
    run = re.search(r"[\u4e00-\u9fff]{6}", text)
    if run is None:
        raise SystemExit("no run of six Chinese characters in the first section")
    return run.group()


def run_in_terminal(argv: list[str], marker: str, timeout: float = 60.0) -> dict:
    """Spawn ``argv`` in a 120×40 pseudo-terminal; seconds until ``marker`` is on screen."""
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(PYCACHE), "TERM": "xterm-256color", "COLUMNS": "120",
           "LINES": "40"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    began = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: size the terminal, then become the program
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        os.chdir(tempfile.gettempdir())
        os.execvpe(argv[0], argv, env)
    seen, found = b"", None
    try:
        while found is None and time.perf_counter() - began < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if marker in _ESCAPES.sub("", seen.decode("utf-8", "replace")):
                found = time.perf_counter() - began
    finally:
        os.kill(pid, signal.SIGKILL)
        _, _, usage = os.wait4(pid, 0)
        os.close(fd)
    if found is None:
        raise SystemExit(f"{argv[0]}: {marker!r} not on screen within {timeout:.0f} s")
    return {"first_frame_s": found, "peak_mb": usage.ru_maxrss / 1024}


#: Bytecode caches for the children, outside the checkout: an installed copy has its .pyc
#: files, so a run must not pay for compiling the sources (PYTHONDONTWRITEBYTECODE would).
PYCACHE = Path(tempfile.gettempdir()) / "report-explorer-bench-pycache"


def child(mode: str) -> str:
    """The child's code for ``mode`` (``app`` or ``bare``)."""
    return CHILD.format(root=str(ROOT), mode=mode, bare_app=textwrap.indent(BARE_APP, "    "))


def run_child(code: str) -> dict:
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(PYCACHE)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tempfile.gettempdir(),
                          env=env, timeout=120)
    line = next((l for l in done.stdout.splitlines() if l.startswith("RESULT ")), None)
    if done.returncode or line is None:
        raise SystemExit(f"benchmark child failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return json.loads(line[len("RESULT "):])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each app (default 7)")
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    args = parser.parse_args()

    runs: dict[str, list[dict]] = {"app": [], "bare": []}
    run_child(child("bare"))  # warm the file cache once
    run_child(child("app"))
    for _ in range(args.runs):
        for mode in ("bare", "app"):
            runs[mode].append(run_child(child(mode)))
    search = run_child(SEARCH.format(root=str(ROOT), queries=QUERIES))

    script = shutil.which("report-explorer")
    terminal: dict[str, list[dict]] = {"script": [], "bare": []}
    if script is not None:
        marker = body_marker()
        with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as fh:
            fh.write(BARE_SCRIPT)
        commands = {"script": ([script, "--fresh"], marker), "bare": ([sys.executable, fh.name], "breadcrumb")}
        try:
            for name, (argv, mark) in commands.items():
                run_in_terminal(argv, mark)  # warm-up
            for _ in range(args.runs):
                for name, (argv, mark) in commands.items():
                    terminal[name].append(run_in_terminal(argv, mark))
        finally:
            os.unlink(fh.name)

    def median(mode: str, key: str) -> float:
        return statistics.median(r[key] for r in runs[mode])

    app_s, bare_s = median("app", "first_frame_s"), median("bare", "first_frame_s")
    app_mb, bare_mb = median("app", "peak_mb"), median("bare", "peak_mb")
    summary = {
        "app_s": round(app_s, 4),
        "bare_s": round(bare_s, 4),
        "time_ratio": round(app_s / bare_s, 3),
        "app_mb": round(app_mb, 1),
        "bare_mb": round(bare_mb, 1),
        "memory_ratio": round(app_mb / bare_mb, 3),
        "runs": args.runs,
        "search_keystroke_max_ms": round(search["max_ms"], 2),
        "search_keystroke_median_ms": round(search["median_ms"], 2),
        "search_keystrokes": search["keystrokes"],
    }
    if terminal["script"]:
        tty = {k: statistics.median(r[key] for r in terminal[k]) for k in terminal for key in ["first_frame_s"]}
        tty_mb = {k: statistics.median(r["peak_mb"] for r in terminal[k]) for k in terminal}
        summary.update({
            "script_s": round(tty["script"], 4), "bare_script_s": round(tty["bare"], 4),
            "script_time_ratio": round(tty["script"] / tty["bare"], 3),
            "script_mb": round(tty_mb["script"], 1), "bare_script_mb": round(tty_mb["bare"], 1),
            "script_memory_ratio": round(tty_mb["script"] / tty_mb["bare"], 3),
        })
    ok = lambda good: "ok" if good else "OVER"  # noqa: E731
    print(f"start-up to first frame, median of {args.runs} runs (120×40, headless)")
    print(f"{'':14}{'explorer':>10}{'bare app':>10}{'ratio':>8}{'target':>8}")
    print(f"{'time (s)':14}{app_s:>10.3f}{bare_s:>10.3f}{app_s / bare_s:>8.2f}{TIME_TARGET:>8.2f}  "
          f"{ok(app_s / bare_s <= TIME_TARGET)}")
    print(f"{'memory (MB)':14}{app_mb:>10.1f}{bare_mb:>10.1f}{app_mb / bare_mb:>8.2f}{MEMORY_TARGET:>8.2f}  "
          f"{ok(app_mb / bare_mb <= MEMORY_TARGET)}")
    if terminal["script"]:
        print(f"\nin a terminal (pty 120×40), to body text on screen, median of {args.runs} runs")
        print(f"{'':14}{'report-explorer':>16}{'bare script':>12}{'ratio':>8}")
        print(f"{'time (s)':14}{summary['script_s']:>16.3f}{summary['bare_script_s']:>12.3f}"
              f"{summary['script_time_ratio']:>8.2f}")
        print(f"{'memory (MB)':14}{summary['script_mb']:>16.1f}{summary['bare_script_mb']:>12.1f}"
              f"{summary['script_memory_ratio']:>8.2f}\n")
    else:
        print("\nreport-explorer is not on PATH: the terminal run is skipped (pip install -e .)\n")
    print(f"search, {search['keystrokes']} keystrokes: median {search['median_ms']:.2f} ms, "
          f"max {search['max_ms']:.2f} ms (target < {FRAME_MS:.0f} ms)  {ok(search['max_ms'] < FRAME_MS)}")
    print("\nwhere the time goes (medians, s)")
    for mode in ("app", "bare"):
        names = list(runs[mode][0]["phases"])
        parts = ", ".join(f"{n} {statistics.median(r['phases'][n] for r in runs[mode]):.3f}" for n in names)
        print(f"  {'explorer' if mode == 'app' else 'bare app'}: {parts}")
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
