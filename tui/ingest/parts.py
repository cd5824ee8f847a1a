"""Parts after the body: 附件 / 附件N, 名词解释 / 名词注释, 注释 / 注, 资料来源, 附表, 附 / 附录.

They sit in ``closing`` (verbatim, so search and the lossless rule see them as before);
``find_parts(closing)`` says which lines of it form which part, each with its own id:

* the title is the heading word as printed, with its number (附件1, 注, 名词解释);
* ``annex-1`` … (附件1, 附件2 …; a lone 附件 is ``annex``), ``glossary`` (名词解释,
  名词注释), ``notes`` (注释, 注), ``sources`` (资料来源), ``tables`` (附表),
  ``appendix`` (附, 附录).  A second part of the same kind gets ``-2`` …
* the lines before the first part are the closing proper (结语);
* a glossary's items (``1.“两重”：是指…``) become entries with ``term`` and
  ``definition``; an item broken over lines (a line that does not start with the next
  number) continues the item above; a notes list's ``[1]…`` items become entries whose
  ``number`` the markers in the text link to (:func:`note_markers`).

A heading is found by its pattern (the word alone on its line, maybe in ``**…**`` or
after ``#``, maybe with ``：`` or a number), never by the text that follows.  In a text
whose notes run on after the heading (``**资料来源**：`` / a line of text) the heading
line still starts the part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tui.ingest.cn_numbers import cn_value

PART_HEADING_RE = re.compile(
    r"^[#\s]*(?:\*\*)?\s*(?P<word>附件|附表|名词解释|名词注释|注释|资料来源|附录|注|附)\s*(?P<n>[0-9０-９一二三四五六七八九十]{0,3})"
    r"\s*(?:\*\*)?\s*[:：]?\s*(?:\*\*)?\s*[:：]?\s*$"
)
KINDS = {"附件": "annex", "附表": "tables", "名词解释": "glossary", "名词注释": "glossary", "注释": "notes",
         "注": "notes", "资料来源": "sources", "附录": "appendix", "附": "appendix"}
ITEM_RE = re.compile(r"^\s*(?:(?P<n>[0-9]{1,3})\s*[.．、]|[\[［【](?P<b>[0-9]{1,3})[\]］】])\s*(?P<rest>.*)$")
TERM_RE = re.compile(r"^(?P<term>.{1,40}?)[：:]\s*(?P<definition>.*)$")
NOTE_MARKER_RE = re.compile(r"\[(?P<n>[0-9]{1,2})\]")


@dataclass
class Entry:
    number: str
    term: str | None
    definition: str
    line: int  # index of its first line in the part's lines (0 = the heading)


@dataclass
class RawPart:
    id: str
    kind: str
    title: str
    start: int  # index of the heading line in closing
    end: int  # one past the last line
    entries: list[Entry] = field(default_factory=list)


def part_heading(line: str) -> tuple[str, str] | None:
    """(kind, number) when ``line`` is a part heading (``附件2``, ``**注释：**``)."""
    m = PART_HEADING_RE.match(line.strip())
    if not m:
        return None
    return KINDS[m.group("word")], m.group("n") or ""


def find_parts(closing: list[str]) -> list[RawPart]:
    """The parts among the closing lines, in order (see the module docstring)."""
    starts = [(i, found) for i, line in enumerate(closing) if (found := part_heading(line))]
    parts: list[RawPart] = []
    used: dict[str, int] = {}
    for k, (i, (kind, number)) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(closing)
        base = f"{kind}-{_arabic(number)}" if kind == "annex" and number else kind
        used[base] = used.get(base, 0) + 1
        pid = base if used[base] == 1 else f"{base}-{used[base]}"
        title = _word(closing[i]) + number
        part = RawPart(id=pid, kind=kind, title=title, start=i, end=end)
        if kind in ("glossary", "notes"):
            part.entries = entries(closing[i + 1:end], glossary=kind == "glossary")
        parts.append(part)
    return parts


def _word(line: str) -> str:
    m = PART_HEADING_RE.match(line.strip())
    return m.group("word") if m else ""


def _arabic(number: str) -> str:
    digits = number.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if digits.isdigit():
        return str(int(digits))
    n = cn_value(number)
    return str(n) if n else number


def entries(lines: list[str], *, glossary: bool) -> list[Entry]:
    """Numbered items of a glossary or notes list; a line that is not the next item
    continues the item above (an item broken over lines)."""
    out: list[Entry] = []
    for k, line in enumerate(lines, start=1):
        m = ITEM_RE.match(line)
        number = (m.group("n") or m.group("b")) if m else None
        if m and number is not None and int(number) == len(out) + 1:
            rest = m.group("rest").strip()
            term, definition = None, rest
            if glossary:
                t = TERM_RE.match(rest)
                if t:
                    term, definition = t.group("term").strip(), t.group("definition").strip()
            out.append(Entry(number=number, term=term, definition=definition, line=k))
        elif out:
            out[-1].definition += line.strip()
    return out


def note_markers(text: str) -> list[tuple[int, int, str]]:
    """(start, end, number) of every ``[n]`` note marker in a section text."""
    return [(m.start(), m.end(), m.group("n")) for m in NOTE_MARKER_RE.finditer(text)]
