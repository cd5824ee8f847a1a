"""End to end, as the leak was found: the installed ``report-explorer`` in tmux with
``set-clipboard on``, on a report whose every text field carries its own OSC 52 payload.

Every screen and copy path is visited (sections, 前言 and 结语, figure list, figure table,
help, copy menu, search, command palette; c, y, e, C m, C j).  Then: tmux's paste buffers
(where an executed OSC 52 would land) hold none of the payload words, and the bytes the app
wrote to the terminal (``pipe-pane``) hold no OSC 52 but the app's own copies — which carry
cleaned text — no C1 control and no bidi or other format character.  (The JSON copy keeps
the data exactly, its control characters escaped as ``\\u001b``, like ``show --format
json``: it holds no control character either.)  Skipped only where
tmux is absent.
"""

from __future__ import annotations

import base64
import json
import re
import time
from pathlib import Path

import pytest

from tests.hostile_reports import write_hostile_report
from tests.tmux_driver import TMUX, Tmux, command

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")

#: An OSC 52 in the terminal output: (base64 payload).  The app's own copies end in BEL.
OSC52_OUT = re.compile(r"\x1b\]52;[a-z]*;([A-Za-z0-9+/=]*)(?:\x07|\x1b\\)")
#: Characters that must never reach the terminal: C1, bidi, other format characters.
FORBIDDEN = re.compile("[\x80-\x9f\u00ad\u061c\u180e\u200b\u200c\u200e\u200f\u2028-\u202e\u2060-\u2064"
                       "\u2066-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]")


def test_hostile_report_in_a_real_terminal(tmp_path: Path) -> None:
    report = tmp_path / "hostile.json"
    payloads = write_hostile_report(report)
    output, go, status = tmp_path / "terminal.out", tmp_path / "go", tmp_path / "status"
    exports = tmp_path / "exports"
    tmux = Tmux(tmp_path)
    run = " ".join(f"'{part}'" for part in [*command(), str(report)])
    # the app starts only once pipe-pane is on, so every byte it writes is captured
    shell = f"while [ ! -e '{go}' ]; do sleep 0.05; done; {run}; echo $? > '{status}'; sleep 30"
    screen = tmux.screen

    def wait_screen(*texts: str) -> None:
        tmux.wait_for(" and ".join(texts), lambda: all(t in screen() for t in texts))

    def keys(*names: str) -> None:
        # one key at a time, each given until the app has drawn its effect (at most 0.15 s, for
        # a key whose effect the plain screen does not show): not a fixed pause after every key.
        # Every Escape here changes the screen, but only once the app's terminal parser has
        # given up waiting for the rest of an escape sequence (100 ms): wait for that (so the
        # next key is never read as Alt+key), up to 2 s.
        for name in names:
            before = screen()
            tmux("send-keys", "-t", "e2e", name)
            deadline = time.monotonic() + (2.0 if name == "Escape" else 0.15)
            while time.monotonic() < deadline and screen() == before:
                time.sleep(0.01)

    def typed(text: str) -> None:  # every caller then waits for what the text brings up
        tmux("send-keys", "-t", "e2e", "-l", text)

    def copied(*texts: str) -> None:
        tmux.wait_for(f"a copy holding {texts}",
                      lambda: all(t in tmux("show-buffer", check=False) for t in texts))

    try:
        tmux("new-session", "-d", "-x", "120", "-y", "40", "-s", "e2e", "sh", "-c", shell)
        tmux("set-option", "-s", "set-clipboard", "on")
        tmux("set-option", "-g", "status", "off")
        tmux("pipe-pane", "-o", "-t", "e2e", f"cat >> '{output}'")
        go.touch()

        wait_screen("一、第一章", "全市直接纠错159件")  # body text of 1.1, not only the tree
        keys("c")
        copied("全市直接纠错159件", "某市人民政府. 敌意报告[EB/OL]. (2019-03-25)[")  # GB/T 7714 (issue 12)
        keys("n", "y")
        copied("纠错率：17.3%")
        keys("e")
        tmux.wait_for("the export", lambda: exports.is_dir() and any(exports.iterdir()))
        keys("C")
        wait_screen("Copy out section")
        keys("m")
        copied("### 一、第一章")
        keys("C")
        wait_screen("Copy out section")
        keys("j")
        copied('"citation": "某市人民政府. 敌意报告[EB/OL].')

        keys("]")
        wait_screen("后面的文字不能丢失")
        keys("c")
        copied("共有8个部门后面的文字不能丢失。", "敌意报告[EB/OL].")
        keys("]")
        wait_screen("完成率为95%", "percent · 以上")
        keys("n", "y")
        copied("完成率：95%")

        keys("f")
        wait_screen("数字 Figures · 4")
        keys("y")
        copied("纠错率：17.3%")
        keys("Escape")
        tmux.wait_for("the figure list to close",  # (the section's own list is titled 数字 Figures · 1)
                      lambda: "数字 Figures · 4" not in screen() and "完成率为95%" in screen())

        keys("?")
        wait_screen("report-explorer — keys")
        keys("End")
        wait_screen("save into")
        keys("Escape")
        # (End scrolled the help's title away: its last lines tell it is still open)
        tmux.wait_for("the help to close", lambda: "save into" not in screen() and "report-explorer — keys" not in screen())

        tmux.type_until("the query", lambda: (keys("/"), typed("t:完成率")), lambda: "t:完成率" in screen())
        wait_screen("正文")
        keys("Down", "y")
        copied("完成率为95%", "——某市人民政府. 敌意报告[EB/OL].")
        keys("Escape")  # out of the results (the query stays, for n / N)

        # the palette first (the outline already shows 加强行政复议: wait for the palette itself)
        tmux.type_until("the palette", lambda: keys("C-p"), lambda: "Search for commands" in screen())
        typed("复议")
        tmux.wait_for("the palette's hit", lambda: "Search for commands" not in screen()
                      and screen().count("加强行政复议") >= 2)
        keys("Enter")
        wait_screen("全市直接纠错159件")
        keys("[")
        wait_screen("前言各位代表")
        keys("c")
        copied("前言各位代表：", "现将有关情况报告如下。")
        keys("]", "]", "]", "]")
        wait_screen("结语␛]52;c;")
        keys("c")
        copied("结语。", "——某市人民政府. 敌意报告[EB/OL].")

        keys("q")
        tmux.wait_for("the exit status", lambda: status.exists() and status.read_text().strip() != "")
        assert status.read_text().strip() == "0"
        buffers = [tmux("show-buffer", "-b", name) for name in tmux("list-buffers", "-F", "#{buffer_name}").split()]
    finally:
        tmux("kill-server", check=False)

    # the clipboard: the app's copies, cleaned — no payload word, no escape
    assert len(buffers) == 10  # c ×4, y ×4 (figure, figure, table, hit), C m, C j
    for buffer in buffers:
        assert "\x1b" not in buffer and FORBIDDEN.search(buffer) is None
        for word, b64 in ((w, base64.b64encode(w.encode()).decode()) for w in payloads.words):
            assert word not in buffer, payloads.words[word]
            # the JSON copy keeps the report's data exactly, its controls escaped (\u001b]52;c;…)
            if not buffer.startswith("{"):
                assert b64 not in buffer, payloads.words[word]
    copy_json = next(json.loads(b) for b in buffers if b.startswith("{"))
    assert copy_json["section"]["figures"][0]["raw"].startswith("17.3\x1b]52;c;")
    assert (exports / next(iter(exports.iterdir())).name).read_text(encoding="utf-8").startswith("（一）加强行政复议。")

    # the terminal: the only OSC 52 are the app's own copies, none of them carrying a payload
    raw = output.read_bytes()
    assert raw, "pipe-pane captured nothing"
    text = raw.decode("utf-8", errors="replace")
    found = FORBIDDEN.search(text)
    assert found is None, f"{found.group()!r} reached the terminal: {text[found.start() - 40:found.start() + 40]!r}"
    sent = [base64.b64decode(b64).decode("utf-8") for b64 in OSC52_OUT.findall(text)]
    assert len(sent) == 10
    for copy in sent:
        assert "\x1b" not in copy and FORBIDDEN.search(copy) is None
        assert not any(word in copy for word in payloads.words)
    for b64, word in payloads.encoded.items():
        assert f"\x1b]52;c;{b64}" not in text, payloads.words[word]
    # every payload was drawn, made visible (␛ … ␇), never sent as an escape
    assert "␛]52;c;" in text
    # the ingest warning printed on stderr before the app starts: its payload escaped
    assert re.search(r"report-explorer: warning: chapter numbering jumps at \\(x1b\]|x9d)52;c;", text)
