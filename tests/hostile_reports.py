"""Hostile report JSONs for the tests of tui.safe_text's paths (not a test module).

:func:`hostile_report` builds a small, otherwise well-formed report (ids of the right
shape, offsets that point at their text, pairs that pair back) whose every text field —
title, issuer, chapter titles and headings, section titles and texts, figure raw / label /
qualifier / sentence / unit, measure names, preamble, closing, signature, extras,
warnings, source file — carries its own OSC 52 payload: ``ESC ] 52 ; c ; <base64 of a
distinct word> BEL`` (or ST-terminated, or the 8-bit OSC … ST form).  A terminal that
executed one would put that word on the clipboard, so a word found on the clipboard or in
the terminal output says which field leaked.
"""

from __future__ import annotations

import base64
import itertools
import json
from pathlib import Path

#: The three forms of OSC 52, in turn: BEL-terminated, ST-terminated, 8-bit (C1) OSC … ST.
FORMS = ("\x1b]52;c;{}\x07", "\x1b]52;c;{}\x1b\\", "\x9d52;c;{}\x9c")


def osc52(word: str, form: int = 0) -> str:
    return FORMS[form % len(FORMS)].format(base64.b64encode(word.encode()).decode())


class Payloads:
    """Hands out a distinct payload word per field, and remembers them all."""

    def __init__(self, prefix: str = "pwned") -> None:
        self.prefix = prefix
        self.words: dict[str, str] = {}  # word → field
        self._count = itertools.count()

    def __call__(self, field: str) -> str:
        n = next(self._count)
        word = f"{self.prefix}{n:02d}{''.join(c for c in field if c.isalpha())[:8].lower()}"
        self.words[word] = field
        return osc52(word, n)

    @property
    def encoded(self) -> dict[str, str]:
        """base64 of each word → the word (what an OSC 52 carries)."""
        return {base64.b64encode(w.encode()).decode(): w for w in self.words}


def hostile_report(p: Payloads | None = None) -> tuple[dict, Payloads]:
    """The report as a JSON-ready dict, and the payloads it carries."""
    p = p or Payloads()
    f_raw = f"17.3{p('figure raw')}%"
    sentence = f"全市直接纠错159件，纠错率{f_raw}；"
    measure = f"枫桥经验{p('measure name')}"
    text_11 = (f"（一）加强行政复议{p('section text')}。{sentence}办理时间从12个工作日压缩至2个工作日。"
               f"坚持“{measure}”。")
    at = text_11.index(f_raw)
    at_from, at_to = text_11.index("12个工作日"), text_11.index("2个工作日。")
    at_measure = text_11.index(measure)
    figures = [
        {"id": "1.1/f1", "section": "1.1", "raw": f_raw, "value": 17.3, "unit": f"%{p('figure unit')}",
         "qualifier": p("figure qualifier"), "kind": "percent", "label": f"纠错率{p('figure label')}",
         "sentence": f"{sentence}{p('figure sentence')}", "start": at, "end": at + len(f_raw)},
        {"id": "1.1/f2", "section": "1.1", "raw": "12个工作日", "value": 12, "unit": "个工作日",
         "qualifier": None, "kind": "duration", "label": f"办理时间{p('from label')}",
         "sentence": "办理时间从12个工作日压缩至2个工作日", "start": at_from, "end": at_from + 6,
         "role": "from", "pair": "1.1/f3"},
        {"id": "1.1/f3", "section": "1.1", "raw": "2个工作日", "value": 2, "unit": "个工作日",
         "qualifier": None, "kind": "duration", "label": f"办理时间{p('to label')}",
         "sentence": "办理时间从12个工作日压缩至2个工作日", "start": at_to, "end": at_to + 5,
         "role": "to", "pair": "1.1/f2"},
    ]
    # a stray, unterminated ESC ] (and no BEL after it): the text after it must survive
    text_12 = f"（二）第二节{p('section two')}。共有8个部门\x1b]后面的文字不能丢失。"
    text_21 = f"（一）第三节。完成率为95%{p('chapter two text')}。"
    at_95 = text_21.index("95%")
    report = {
        "id": "hostile",
        "title": f"敌意报告{p('title')}",
        "issuer": f"某市人民政府{p('issuer')}",
        "issued_on": "2019-03-25",
        "chapters": [
            {"id": "1", "number": "一", "title": f"第一章{p('chapter title')}",
             "heading": f"一、第一章{p('chapter heading')}",
             "sections": [
                 {"id": "1.1", "number": "一", "title": f"加强行政复议{p('section title')}", "text": text_11,
                  "figures": figures, "measures": [measure]},
                 {"id": "1.2", "number": "二", "title": f"第二节{p('section two title')}", "text": text_12,
                  "figures": [], "measures": []},
             ]},
            {"id": "2", "number": "二", "title": f"第二章{p('chapter two title')}",
             "heading": f"二、第二章{p('chapter two heading')}",
             "sections": [
                 {"id": "2.1", "number": "一", "title": f"第三节{p('chapter two section')}", "text": text_21,
                  "figures": [{"id": "2.1/f1", "section": "2.1", "raw": "95%", "value": 95.0, "unit": "%",
                               "qualifier": f"以上{p('second qualifier')}", "kind": "percent",
                               "label": "完成率", "sentence": text_21,  # short: the row shows the qualifier
                               "start": at_95, "end": at_95 + 3}],
                  "measures": []},
             ]},
        ],
        "measures": [{"id": "m1", "name": measure, "kind": "initiative",
                      "mentions": [{"section": "1.1", "start": at_measure, "end": at_measure + len(measure)}]}],
        "preamble": [f"前言各位代表{p('preamble')}：", "现将有关情况报告如下。"],
        "closing": [f"结语{p('closing')}。"],
        "signature": [f"某市人民政府{p('signature')}"],
        "extras": [f"本文链接{p('extras')}"],
        "source": {"file": f"hostile{p('source file')}.txt", "encoding": "utf-8", "sha256": "0" * 64},
        "warnings": [f"chapter numbering jumps at {p('warning')}"],
    }
    return report, p


def write_hostile_report(path: Path) -> Payloads:
    report, payloads = hostile_report()
    path.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return payloads
