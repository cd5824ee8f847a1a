"""Named measures: documents in 《…》 and initiatives or slogans in “…”.

* ``document``: the text inside the outermost 《…》, nested brackets and parentheses
  kept whole (《县乡法治政府建设行动计划(2018-2020年)》, 《关于〈…〉的通知》).
* ``initiative``: the text inside “…” (or ‘…’ / 「…」).  Dropped, because they are
  emphasis rather than names: one-character quotes; two-character quotes that hold no
  Chinese numeral (三联, 两新 stay: numbered slogans) and occur only once in the report
  (“顽疾”, “最佳”); quotes holding a sentence break (。！？；) or that are longer than
  30 characters (speech, not a name).
* a name never spans a line; an unpaired bracket is left alone.

One ``Measure`` per distinct (kind, name), ids ``m1``… in order of first mention, every
mention with its section and offsets: ``section.text[start:end] == name``.
"""

from __future__ import annotations

import re
from collections import Counter

from tui.model import Chapter, Measure, Mention

_OPEN_CLOSE = {"《": "》", "〈": "〉"}
_QUOTE_RE = re.compile(r"[“‘「]([^“”‘’「」\n]{1,60})[”’」]")
_NUMERAL = set("一二三四五六七八九十百千两双")
_MAX_INITIATIVE = 30


def _documents(text: str) -> list[tuple[int, int]]:
    """Spans of the names inside outermost 《…》 (nesting aware, one line at most)."""
    spans: list[tuple[int, int]] = []
    depth, start = 0, -1
    for i, ch in enumerate(text):
        if ch == "《":
            if depth == 0:
                start = i + 1
            depth += 1
        elif ch == "》" and depth:
            depth -= 1
            if depth == 0 and i > start:
                spans.append((start, i))
        elif ch == "\n":
            depth = 0
    return spans


def _initiatives(text: str) -> list[tuple[int, int]]:
    return [(m.start(1), m.end(1)) for m in _QUOTE_RE.finditer(text)]


def find_measures(chapters: list[Chapter]) -> list[Measure]:
    found: list[tuple[str, str, str, int, int]] = []  # kind, name, section, start, end
    for chapter in chapters:
        for section in chapter.sections:
            text = section.text
            spans = [("document", s, e) for s, e in _documents(text)]
            spans += [("initiative", s, e) for s, e in _initiatives(text)]
            for kind, start, end in sorted(spans, key=lambda span: span[1]):
                found.append((kind, text[start:end], section.id, start, end))
    counts = Counter((kind, name) for kind, name, *_ in found)
    measures: dict[tuple[str, str], Measure] = {}
    for kind, name, section_id, start, end in found:
        if kind == "initiative" and not _is_initiative(name, counts[(kind, name)]):
            continue
        if not name.strip():  # 《　》 names nothing (and the model refuses a blank name)
            continue
        key = (kind, name)
        if key not in measures:
            measures[key] = Measure(id=f"m{len(measures) + 1}", name=name, kind=kind)
        measures[key].mentions.append(Mention(section=section_id, start=start, end=end))
    by_section: dict[str, dict[str, None]] = {}  # section → names, in order, each once
    for measure in measures.values():
        for mention in measure.mentions:
            by_section.setdefault(mention.section, {})[measure.name] = None
    for chapter in chapters:
        for section in chapter.sections:
            section.measures = list(by_section.get(section.id, ()))
    return list(measures.values())


def _is_initiative(name: str, count: int) -> bool:
    stripped = name.strip()
    if len(stripped) <= 1 or len(stripped) > _MAX_INITIATIVE:
        return False
    if any(p in stripped for p in "。！？；!?;"):
        return False
    if not any("\u4e00" <= ch <= "\u9fff" or ch.isalnum() for ch in stripped):
        return False
    if len(stripped) == 2 and not (_NUMERAL & set(stripped)) and count < 2:
        return False
    return True

