"""Pinyin readings for search, computed at ingest time only.

The app and the search engine never import pypinyin (its import costs ~0.35 s and
~60 MB).  Instead, ingest stores in the report JSON a table ``pinyin``: every Han
character that occurs in the report → its toneless readings (ü written ``v``), the
most common reading first.  Search matches a pinyin query against *any* reading of
each character, so polyphones (率 lv/shuai, 行 xing/hang) are found either way.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache


def is_han(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2FFFF or 0xF900 <= o <= 0xFAFF


def _toneless(syllable: str) -> str:
    out = []
    for ch in unicodedata.normalize("NFD", syllable):
        if ch == "\u0308" and out and out[-1] == "u":  # ü → v
            out[-1] = "v"
        elif not unicodedata.combining(ch):
            out.append(ch)
    return "".join(out).lower()


@lru_cache(maxsize=None)
def _dictionary() -> dict[int, str]:
    from pypinyin.pinyin_dict import pinyin_dict  # imported here only: ingest time

    return pinyin_dict


@lru_cache(maxsize=65536)
def readings(ch: str) -> tuple[str, ...]:
    """Toneless readings of one Han character, most common first (``()`` if unknown)."""
    raw = _dictionary().get(ord(ch))
    if not raw:
        return ()
    seen: dict[str, None] = {}
    for syllable in raw.split(","):
        toneless = _toneless(syllable.strip())
        if toneless.isascii() and toneless.isalpha():
            seen.setdefault(toneless, None)
    return tuple(seen)


def pinyin_table(texts: Iterable[str]) -> dict[str, list[str]]:
    """Readings of every distinct Han character in ``texts``, sorted by character."""
    chars: set[str] = set()
    for text in texts:
        chars.update(text)  # distinct characters first (C speed), then the Han ones of them
    table = {}
    for ch in sorted(ch for ch in chars if is_han(ch)):
        found = readings(ch)
        if found:
            table[ch] = list(found)
    return table


def report_pinyin(report) -> dict[str, list[str]]:
    """The pinyin table of every text a search can show for ``report``."""

    def texts():
        yield report.title
        yield from report.preamble
        yield from report.closing
        for chapter in report.chapters:
            yield chapter.title
            for section in chapter.sections:
                yield section.text
                for figure in section.figures:
                    yield figure.label
        for measure in report.measures:
            yield measure.name

    return pinyin_table(texts())
