"""Pinyin matching from the readings table stored in the report JSON (no pypinyin here).

A pinyin term is split into pieces, one per Chinese character: a full syllable
(``jiu``), an initial (``j``, ``zh``), or — for the last piece, still being typed — any
prefix of a syllable.  Every reading of a character counts (率 is ``shuai`` and ``lv``),
so ``jiucuolv``, ``jcl``, ``jiucl`` all find 纠错率.  ü is stored as ``v``; typed as
``u`` it counts too (``jiucuolu``, ``nu``, ``lue``), besides the syllables really spelt
with ``u``.  The possible splits become one regular expression of character classes
over the Chinese text, so a match is a run of characters and its highlight span maps
straight back to them.

:meth:`PinyinTable.sound_alike` serves near matches of Chinese terms: the term with two
neighbours swapped, or with one character replaced by another of the same reading
(纠错律 → 纠错率).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from tui.search.text import fold

MAX_SPLITS = 6
_MAX_STEPS = 4000
_DOUBLE_INITIALS = ("zh", "ch", "sh")


class PinyinTable:
    """Character ↔ reading lookups for a set of reports (their ``pinyin`` tables merged)."""

    def __init__(self, tables: Iterable[Mapping[str, Iterable[str]]]) -> None:
        merged: dict[str, Iterable[str]] = {}
        for table in tables:  # tables come from one dictionary: a character's first table wins
            if not merged:
                merged.update(table)
            else:
                for ch in table.keys() - merged.keys():
                    merged[ch] = table[ch]
        self.readings = {}
        for ch, found in merged.items():
            rs = tuple(dict.fromkeys(r.lower() for r in found if r.isascii() and r.isalpha()))
            if rs:
                self.readings[fold(ch) if not "\u4e00" <= ch <= "\u9fff" else ch] = rs
        by_syllable: dict[str, list[str]] = {}
        for ch, rs in self.readings.items():
            for r in rs:
                by_syllable.setdefault(r, []).append(ch)
        self.chars_of = {syl: "".join(chs) for syl, chs in by_syllable.items()}
        self.syllables = sorted(self.chars_of)
        # ü typed as u: "lu" is also "lv" (率), "nue" is "nve"; spelt as the keyboard has it
        self.spelt = {syl: syl.replace("v", "u") for syl in self.syllables if "v" in syl}
        self.aliases: dict[str, tuple[str, ...]] = {}
        for syl, alias in self.spelt.items():
            self.aliases[alias] = self.aliases.get(alias, ()) + (syl,)
        self.full = set(self.chars_of) | set(self.aliases)
        self.prefixes = {syl[:k] for syl in self.full for k in range(1, len(syl) + 1)}
        self.initials = {syl[0] for syl in self.syllables} | {
            syl[:2] for syl in self.syllables if syl[:2] in _DOUBLE_INITIALS
        }
        self.compile = lru_cache(maxsize=512)(self._compile)
        self.syllables_for = lru_cache(maxsize=4096)(self._syllables_for)
        self.chars_for = lru_cache(maxsize=4096)(self._chars_for)
        self.splits = lru_cache(maxsize=512)(self._splits)  # (a disk query asks once per tier)
        self.sound_alike = lru_cache(maxsize=256)(self._sound_alike)

    def _syllables_for(self, piece: str, full: bool) -> tuple[str, ...]:
        """The syllables a piece stands for: itself when full, else those it begins
        (with ü typed as u or v either way)."""
        if full:
            return ((piece,) if piece in self.chars_of else ()) + self.aliases.get(piece, ())
        spelt = self.spelt
        return tuple(s for s in self.syllables
                     if s.startswith(piece) or (s in spelt and spelt[s].startswith(piece)))

    def _splits(self, letters: str) -> tuple[tuple[tuple[str, bool], ...], ...]:
        """Ways to read ``letters`` as pieces ``(text, is_full_syllable)``, best first
        (:attr:`splits`, cached)."""
        out: list[tuple[tuple[str, bool], ...]] = []
        steps = 0
        n = len(letters)

        def walk(i: int, acc: list[tuple[str, bool]]) -> None:
            nonlocal steps
            steps += 1
            if len(out) >= 4 * MAX_SPLITS or steps > _MAX_STEPS:
                return
            if i == n:
                out.append(tuple(acc))
                return
            for k in range(min(6, n - i), 0, -1):
                piece = letters[i:i + k]
                last = i + k == n
                if last and piece in self.prefixes:  # still being typed: any syllable it begins
                    acc.append((piece, False))
                elif piece in self.full:
                    acc.append((piece, True))
                elif piece in self.initials:
                    acc.append((piece, False))
                else:
                    continue
                walk(i + k, acc)
                acc.pop()

        walk(0, [])
        out.sort(key=lambda pieces: (len(pieces), -sum(len(p) for p, full in pieces if full)))
        fewest = len(out[0]) if out else 0
        return tuple(pieces for pieces in out if len(pieces) <= fewest + 1)[:MAX_SPLITS]

    def _chars_for(self, piece: str, full: bool) -> str:
        return "".join(dict.fromkeys("".join(self.chars_of[s] for s in self.syllables_for(piece, full))))

    def quality(self, pieces: tuple[tuple[str, bool], ...], n_letters: int) -> float:
        """0.92 when every piece is a whole syllable, down to 0.8 for bare initials."""
        full = sum(len(p) for p, _ in pieces if p in self.full and len(p) > 1)
        return 0.8 + 0.12 * full / max(1, n_letters)

    def _compile(self, letters: str) -> tuple[re.Pattern[str] | None, tuple[float, ...], tuple]:
        """(regex, quality of each alternative, the splits) for a pinyin term."""
        splits = self.splits(letters)
        alternatives, qualities, kept = [], [], []
        for pieces in splits:
            classes = []
            for piece, full in pieces:
                chars = self.chars_for(piece, full)
                if not chars:
                    break
                classes.append(chars if len(chars) == 1 else "[" + re.escape(chars) + "]")
            else:
                alternatives.append("(" + "".join(classes) + ")")
                qualities.append(self.quality(pieces, len(letters)))
                kept.append(pieces)
        if not alternatives:
            return None, (), ()
        return re.compile("|".join(alternatives)), tuple(qualities), tuple(kept)


    def _sound_alike(self, text: str) -> re.Pattern[str] | None:
        """A regex for ``text`` with two neighbours swapped or one character misheard."""
        alternatives = []
        for i in range(len(text) - 1):
            if text[i] != text[i + 1]:
                alternatives.append(re.escape(text[:i] + text[i + 1] + text[i] + text[i + 2:]))
        for i, ch in enumerate(text):
            same = self.homophones(ch)
            if same:
                alternatives.append(re.escape(text[:i]) + "[" + re.escape(same) + "]" + re.escape(text[i + 1:]))
        return re.compile("|".join(alternatives)) if alternatives else None

    def homophones(self, ch: str) -> str:
        """Other characters with one of ``ch``'s readings."""
        found = dict.fromkeys("".join(self.chars_of[r] for r in self.readings.get(ch, ())))
        found.pop(ch, None)
        return "".join(found)


def match_pinyin(table: PinyinTable, letters: str, text: str) -> tuple[float, int, int] | None:
    """Best pinyin match of ``letters`` in ``text``: (quality, start, end) or None."""
    regex, qualities, _ = table.compile(letters)
    if regex is None:
        return None
    m = regex.search(text)
    if m is None:
        return None
    return qualities[(m.lastindex or 1) - 1], m.start(), m.end()
