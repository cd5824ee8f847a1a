"""``:6.1``, ``:6``, ``:结语`` — what the goto prompt understands (pure, no Textual).

:func:`parse_goto` turns what was typed into a target: a section id (``"6.1"``), a chapter
(``"6"``: its first section), or a part (``"preamble"``, ``"closing"``).  It accepts the
leading ``:``, full-width digits and dots (``６．１``), the separators people type for a
section (``6.1 6-1 6、1 6。1 6 1``), Chinese numerals (``六``, ``六（一）``, ``第六部分``) and
the parts' names (前言 preamble 开头 / 结语 closing 结尾).  :func:`resolve_goto` finds the
target in a report and, when it is not there, says what is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from tui.model import Report, Section
from tui.report_parts import CLOSING, PREAMBLE, find_section, reading_order

PART_WORDS = {
    PREAMBLE: ("前言", "preamble", "开头", "序言", "引言"),
    CLOSING: ("结语", "closing", "结尾", "结束语"),
}
_NUMERALS = {c: n for n, c in enumerate("零一二三四五六七八九")}
_NUMBER = r"(?:\d{1,3}|[零一二三四五六七八九十]{1,3})"
_GOTO_RE = re.compile(
    rf"第?(?P<chapter>{_NUMBER})(?:部分|章)?"
    rf"(?:(?:\s*[.。、\-－—]\s*|\s+|\s*第?\s*[（(]|\s*第)(?P<section>{_NUMBER})[)）]?节?)?"
)


@dataclass(frozen=True)
class Target:
    """What a goto names: ``kind`` "section" (``ident`` "6.1"), "chapter" ("6") or "part"."""

    kind: str
    ident: str


def numeral_value(text: str) -> int | None:
    """``"6"`` → 6, ``"六"`` → 6, ``"十"`` → 10, ``"十二"`` → 12, ``"二十"`` → 20."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        if "十" in ones or (tens and tens not in _NUMERALS) or (ones and ones not in _NUMERALS):
            return None
        return (_NUMERALS[tens] if tens else 1) * 10 + (_NUMERALS[ones] if ones else 0)
    if len(text) == 1 and text in _NUMERALS:
        return _NUMERALS[text]
    return None


def parse_goto(text: str) -> Target | None:
    """The target named by ``text``, or ``None`` when it names none."""
    typed = unicodedata.normalize("NFKC", text).strip()
    typed = typed[1:].strip() if typed.startswith(":") else typed
    if not typed:
        return None
    folded = typed.casefold()
    for part, words in PART_WORDS.items():
        if folded in words:
            return Target("part", part)
    found = _GOTO_RE.fullmatch(typed)
    if found is None:
        return None
    chapter = numeral_value(found["chapter"])
    if chapter is None:
        return None
    if found["section"] is None:
        return Target("chapter", str(chapter))
    section = numeral_value(found["section"])
    if section is None:
        return None
    return Target("section", f"{chapter}.{section}")


def resolve_goto(report: Report, text: str) -> tuple[Section | None, str]:
    """The section ``text`` names in ``report``, with ``""``; or ``None`` and a message."""
    target = parse_goto(text)
    shown = text.strip()[:40]
    if target is None:
        return None, f"Not a place: {shown!r}. Type a number (6.1, 6) or 前言 / 结语."
    if target.kind == "part":
        section = find_section(report, target.ident)
        if section is None:
            return None, f"This report has no {'前言 preamble' if target.ident == PREAMBLE else '结语 closing'}."
        return section, ""
    if target.kind == "section":
        section = report.section(target.ident)
        if section is not None:
            return section, ""
    else:
        chapter = next((c for c in report.chapters if c.id == target.ident), None)
        if chapter is not None and chapter.sections:
            return chapter.sections[0], ""
    ids = [s.id for s in reading_order(report) if s.id not in (PREAMBLE, CLOSING)]
    span = f" (sections {ids[0]} … {ids[-1]})" if ids else ""
    return None, f"No section {target.ident} in this report{span}."


#: Keys that may start a place after ``g`` (``g6`` …): digits and Chinese numerals.
_STARTS = frozenset("0123456789零一二三四五六七八九十第")


def goto_start(character: str | None) -> str | None:
    """What the goto prompt opens holding when ``character`` is typed right after ``g``:
    a digit or a Chinese numeral (``6``; a full-width ``６`` as ``6``), so that ``g 6 . 1
    enter`` goes where ``:6.1`` does.  ``None`` for any other key, which keeps its meaning
    (``g g`` is still the top)."""
    if not character or len(character) != 1:
        return None
    typed = unicodedata.normalize("NFKC", character)
    return typed if typed in _STARTS else None
