"""Files in and out (issue 7): export names, links, atomic writes, reads that cannot block,
and a terminal input that cannot crash the app.

Each test was seen failing on the code before the fix: exports of a long report id
overwrote each other (or failed for a CJK id), ``e`` followed a link planted in the export
folder, a full disk left half a file, ``ingest x.txt -o x.txt`` replaced the text,
``outline --report /proc/kmsg`` blocked forever, a symlink loop said "no such file", and
one invalid UTF-8 byte typed into the app killed it.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.test_app import SIZE, capture_notes, make, settle, tiny_report
from tests.test_cli import one_line_error, run
from tests.tmux_driver import TMUX, Tmux, command
from tui.citation import cite
from tui.export import render_section
from tui.export_files import export_name, safe_filename
from tui.paths import bundled_raw_path

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str, timeout: float = 60, **kwargs) -> subprocess.CompletedProcess:
    """The installed command in a fresh process (a hang becomes a failure, not a stuck suite)."""
    return subprocess.run([*command(), *args], capture_output=True, text=True, timeout=timeout, **kwargs)


def one_stderr_line(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


def with_id(report_id: str):
    report = tiny_report()
    report.id = report_id
    return report


# ---- 1. export names ------------------------------------------------------------------------

def test_long_report_ids_keep_section_and_extension_under_255_bytes() -> None:
    # 200 CJK characters are 600 bytes: cut to 73 characters + a hash of the whole id
    assert export_name("温" * 200, "1.1.txt") == "温" * 73 + "-cc61f15fc4-1.1.txt"
    assert len(export_name("温" * 200, "1.1.txt").encode()) == 238
    assert export_name("温" * 200, "1.2.md") == "温" * 74 + "-cc61f15fc4-1.2.md"  # 1 byte shorter: 1 more
    # the same prefix, another id: another hash
    assert export_name("温" * 199 + "州", "1.1.txt") != export_name("温" * 200, "1.1.txt")
    # short ids are kept as they are
    assert export_name("wenzhou-2018-rule-of-law", "6.1/f3.txt") == "wenzhou-2018-rule-of-law-6.1-f3.txt"
    assert export_name("r" * 190, "1.1.txt") == "r" * 190 + "-1.1.txt"
    assert safe_filename("../../etc/passwd-1.1.txt") == "etc-passwd-1.1.txt"


@pytest.mark.parametrize("report_id", ["r" * 190, "温" * 200], ids=["ascii-190", "cjk-200"])
async def test_exports_of_two_sections_of_a_long_id_do_not_overwrite_each_other(report_id, tmp_path: Path) -> None:
    report = with_id(report_id)
    app = make(report, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("right_square_bracket", "e")
        await pilot.pause()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert len(names) == 2, names
    assert names[0].endswith("-1.1.txt") and names[1].endswith("-1.2.txt")
    assert all(len(name.encode()) < 255 for name in names)
    assert (tmp_path / names[0]).read_text(encoding="utf-8").startswith("(一)加强行政复议。全市直接纠错159件")
    assert (tmp_path / names[1]).read_text(encoding="utf-8").startswith("(二)第二节。共有8个部门。")


# ---- 1. links, atomic writes, errors on screen ------------------------------------------------

async def test_a_link_planted_in_the_export_folder_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("precious\n", encoding="utf-8")
    exports = tmp_path / "exports"
    exports.mkdir()
    (exports / "tiny-1.1.txt").symlink_to(outside)
    report = tiny_report()
    app = make(report, exports)
    notes = capture_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        assert any("tiny-1.1.txt: is a symbolic link; not following it" in n for n in notes), notes
        # still usable: the next section saves
        await pilot.press("right_square_bracket", "e")
        await pilot.pause()
    assert outside.read_text(encoding="utf-8") == "precious\n"
    assert (exports / "tiny-1.1.txt").is_symlink()
    section = report.section("1.2")  # the app copies with a GB/T 7714 citation (issue 12)
    assert (exports / "tiny-1.2.txt").read_text(encoding="utf-8") == render_section(report, section,
                                                                                    cite=cite(report, section))
    assert sorted(p.name for p in exports.iterdir()) == ["tiny-1.1.txt", "tiny-1.2.txt"]  # no temp file


async def test_an_export_folder_that_is_a_file_is_a_message(tmp_path: Path) -> None:
    afile = tmp_path / "afile"
    afile.write_text("not a folder\n", encoding="utf-8")
    report = tiny_report()
    app = make(report, afile)
    notes = capture_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        assert f"Could not save tiny-1.1.txt: {afile}: is not a folder" in notes
        await pilot.press("c")  # the app goes on: copying still works
        await pilot.pause()
        assert app.clipboard == render_section(report, report.section("1.1"), cite=cite(report, report.section("1.1")))
    assert afile.read_text(encoding="utf-8") == "not a folder\n"


def limited_file_size(limit: int):
    """A preexec_fn: files written by the child cannot grow past ``limit`` bytes (EFBIG),
    as on a full disk; SIGXFSZ ignored so the write fails instead of killing the process."""

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))

    return apply


EXPORT_UNDER_LIMIT = textwrap.dedent("""
    import asyncio, json, resource, signal, sys
    from pathlib import Path
    from tests.test_app import SIZE, capture_notes, make, settle, tiny_report

    folder = Path(sys.argv[1])
    app = make(tiny_report(long=True), folder)  # section 1.1 is over 8 KB
    notes = capture_notes(app)

    async def main():
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (4096, resource.RLIM_INFINITY))
            await pilot.press("e")
            await pilot.pause()
            await pilot.press("right_square_bracket", "e")  # the app is still usable
            await pilot.pause()

    asyncio.run(main())
    print(json.dumps(notes))
""")


def test_a_full_disk_leaves_the_old_export_whole(tmp_path: Path) -> None:
    exports = tmp_path / "exports"
    exports.mkdir()
    (exports / "tiny-1.1.txt").write_text("the good export of yesterday\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", EXPORT_UNDER_LIMIT, str(exports)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    notes = json.loads(done.stdout.strip().splitlines()[-1])
    assert (exports / "tiny-1.1.txt").read_text(encoding="utf-8") == "the good export of yesterday\n"
    assert f"Could not save tiny-1.1.txt: {exports / 'tiny-1.1.txt'}: File too large" in notes, notes
    assert any(n.startswith("Saved section 1.2 as plain text: ") for n in notes), notes
    assert sorted(p.name for p in exports.iterdir()) == ["tiny-1.1.txt", "tiny-1.2.txt"]  # no temp file


# ---- 2. ingest -o ---------------------------------------------------------------------------

@pytest.mark.parametrize("how", ["same-name", "dot-slash", "hard-link", "symlink"])
def test_ingest_refuses_to_write_over_its_input(how: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(bundled_raw_path(), "victim.txt")
    original = Path("victim.txt").read_bytes()
    output = {"same-name": "victim.txt", "dot-slash": "./victim.txt", "hard-link": "hard.txt", "symlink": "link.txt"}[how]
    if how == "hard-link":
        os.link("victim.txt", "hard.txt")
    if how == "symlink":
        os.symlink("victim.txt", "link.txt")
    message = one_line_error(run("ingest", "victim.txt", "-o", output))
    assert message == f"report-explorer: {output}: is the input file; refusing to overwrite the text with JSON"
    assert Path("victim.txt").read_bytes() == original


def test_ingest_o_with_a_non_utf8_file_name(tmp_path: Path) -> None:
    raw = os.path.join(os.fsencode(tmp_path), b"bad\xff.txt")
    shutil.copy(bundled_raw_path(), raw)
    out = tmp_path / "out.json"
    result = run("ingest", os.fsdecode(raw), "-o", str(out))
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["source"]["file"] == "bad\ufffd.txt"
    assert data["id"] == "bad"
    assert len(data["chapters"]) == 7


def test_ingest_o_on_a_full_disk_keeps_the_old_json(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    out.write_text('{"the": "old report"}\n', encoding="utf-8")
    done = cli("ingest", str(bundled_raw_path()), "-o", str(out), preexec_fn=limited_file_size(64 * 1024))
    assert out.read_text(encoding="utf-8") == '{"the": "old report"}\n'
    assert one_stderr_line(done) == f"report-explorer: {out}: File too large"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temp file left


# ---- 3. reads that cannot block -------------------------------------------------------------

@pytest.mark.skipif(not os.path.exists("/proc/kmsg"), reason="no /proc/kmsg here")
def test_proc_kmsg_is_refused_without_blocking() -> None:
    line = one_stderr_line(cli("outline", "--report", "/proc/kmsg", timeout=30))
    assert line == "report-explorer: /proc/kmsg: is under /proc, a kernel interface, not a report file"


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="no /proc here")
def test_a_link_into_proc_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "report.txt"
    link.symlink_to("/proc/self/status")
    assert one_line_error(run("outline", "--report", str(link))) == (
        f"report-explorer: {link}: is under /proc, a kernel interface, not a report file")


def test_a_symlink_loop_says_so(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.symlink_to(b)
    b.symlink_to(a)
    assert one_line_error(run("outline", "--report", str(a))) == (
        f"report-explorer: {a}: symlink loop (too many levels of symbolic links)")
    assert one_line_error(run("outline", "--report", str(tmp_path / "missing.txt"))) == (
        f"report-explorer: {tmp_path / 'missing.txt'}: no such file")


# ---- 4. invalid UTF-8 from the terminal -----------------------------------------------------

def test_the_terminal_decoder_replaces_invalid_utf8() -> None:
    from textual.drivers import linux_driver

    from tui.terminal_input import install

    assert "textual.drivers.linux_driver" in install()
    decode = linux_driver.getincrementaldecoder("utf-8")().decode
    assert decode(b"\xe7\xba\xa0\xff") == "纠\ufffd"
    assert decode(b"\xe9\x94") == ""  # a character cut in two still waits for its end
    assert decode(b"\x99") == "错"


@pytest.mark.skipif(TMUX is None, reason="tmux is not installed")
def test_an_invalid_utf8_byte_typed_into_the_search_box(tmp_path: Path) -> None:
    tmux = Tmux(tmp_path)
    try:
        tmux.start(clipboard=False)
        tmux.wait_for("the first section's text", lambda: "深化“最多跑一次”改革。在" in tmux.screen())

        def paste() -> None:
            tmux.keys("/")
            time.sleep(0.3)
            tmux.keys("-H", "ff")  # one byte that is not UTF-8
            tmux.keys("纠错率", literal=True)

        tmux.type_until("the search", paste,
                        lambda: "\ufffd纠错率" in tmux.screen() or "UnicodeDecodeError" in tmux.screen())
        screen = tmux.screen()
        assert "Traceback" not in screen and "UnicodeDecodeError" not in screen, screen
        assert "\ufffd纠错率" in screen, screen  # the byte is shown as U+FFFD and the search goes on
        tmux.keys("Escape")
        time.sleep(0.5)
        assert tmux.quit_status() == "0"
    finally:
        tmux.close()


def test_the_file_module_needs_no_textual() -> None:
    code = "import sys, tui.export_files; print('textual' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "False"
