"""One searchable space: distinct folded strings in rank order, with a character index.

Units are the distinct folded strings of one kind of field (figure labels, measure
names and titles in one space; sentences in the other), sorted by length, then by the
document order of their first owner: the order in which, other things equal, hits rank.
Identical strings (the same label in many reports) are one unit with many owners.

For every letter, Chinese character and pair of adjacent digits, a big-int bitset says
which units hold it (in their own text or in context such as the section title).  A query ANDs those bitsets —
a cheap superset of the matches — and walks the survivors in rank order, verifying each
and stopping once enough hits are found.  When a literal term is too common for the
bitsets to help, :meth:`scan` finds it with ``str.find`` over the concatenated units.

Everything is kept in flat arrays and big ints: few objects for the garbage collector.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import accumulate

from tui.search.text import DIGIT_PAIRS_RE

_TO_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
SEPARATOR = "\x00"
_SKIP = frozenset("0123456789.,;:!?%()[]{}<>-+*/=_'\"，。、；：！？（）《》“”‘’【】〈〉「」 \n\t\u3000\x00")


class Space:
    def __init__(self, texts: list[str], positions: list[int], owners: list[int], extras: list[str]) -> None:
        """One entry per owner: its folded text, document position, owner id, context text."""
        index: dict[str, int] = {}
        unit_of = array("i")
        firsts: list[int] = []
        for text, pos in zip(texts, positions):
            u = index.get(text)
            if u is None:
                u = index[text] = len(firsts)
                firsts.append(pos)
            elif pos < firsts[u]:
                firsts[u] = pos
            unit_of.append(u)
        distinct = list(index)
        del index
        order = sorted(range(len(distinct)), key=lambda u: (len(distinct[u]), firsts[u]))
        rank = array("i", bytes(4 * len(order)))
        for r, u in enumerate(order):
            rank[u] = r
        self.texts = [distinct[u] for u in order]
        self.size = n = len(order)
        self.all = (1 << n) - 1
        entry_rank = [rank[u] for u in unit_of]
        entries = sorted(range(len(texts)), key=entry_rank.__getitem__)  # stable: document order
        self.owner_ids = array("i", map(owners.__getitem__, entries))
        counts = array("i", bytes(4 * (n + 1)))
        for r in entry_rank:
            counts[r + 1] += 1
        for i in range(n):
            counts[i + 1] += counts[i]
        self.owner_start = counts
        self.corpus = SEPARATOR.join(self.texts)
        self.starts = array("q", accumulate(map(len, self.texts[:-1]), lambda a, b: a + b + 1, initial=0))
        by_unit: dict[int, set[str]] = {}
        for r, extra in zip(entry_rank, extras):
            if extra:
                known = by_unit.get(r)
                if known is None:
                    by_unit[r] = {extra}
                elif extra not in known:
                    known.add(extra)
        char_sets: dict[str, frozenset[str]] = {}
        context: dict[int, frozenset[str]] = {}
        for r, found in by_unit.items():
            key = min(found) if len(found) == 1 else "\x00".join(sorted(found))
            chars = char_sets.get(key)
            if chars is None:
                chars = char_sets[key] = frozenset("".join(found)) - _SKIP
            context[r] = chars
        self.bits = self._char_bits(context)
        self.syllable_bits: dict[str, int] = {}
        self._cache: dict[object, int] = {}

    def owners(self, u: int) -> array:
        return self.owner_ids[self.owner_start[u]:self.owner_start[u + 1]]

    def _char_bits(self, context: dict[int, frozenset[str]]) -> dict[str, int]:
        postings: defaultdict[str, list[int]] = defaultdict(list)
        pairs = DIGIT_PAIRS_RE.findall
        for i, text in enumerate(self.texts):
            chars = set(text)
            extra = context.get(i)
            if extra:
                chars |= extra
            chars -= _SKIP
            found = pairs(text)
            if found:
                chars.update(found)
            for ch in chars:
                postings[ch].append(i)
        return {ch: bits_of(ids, self.size) for ch, ids in postings.items()}

    def add_pinyin(self, readings: dict[str, tuple[str, ...]]) -> None:
        """Bitset per syllable: units holding a character with that reading."""
        syl: dict[str, int] = {}
        for ch, found in readings.items():
            b = self.bits.get(ch)
            if b:
                for r in found:
                    syl[r] = syl.get(r, 0) | b
        self.syllable_bits = syl

    # ---- filters ---------------------------------------------------------------
    def chars_filter(self, chars: Iterable[str]) -> int:
        """Units holding every one of ``chars`` (all units when there are none)."""
        acc = self.all
        for ch in chars:
            if ch in _SKIP:
                continue
            acc &= self.bits.get(ch, 0)
            if not acc:
                break
        return acc

    def near_filter(self, chars: list[str], missing: int) -> int:
        """Units holding all but at most ``missing`` (0, 1 or 2) of ``chars``."""
        sets = [self.bits.get(ch, 0) for ch in dict.fromkeys(chars) if ch not in _SKIP]
        if missing <= 0:
            return self.chars_filter(chars)
        if len(sets) <= missing:
            return self.all
        n = len(sets)
        prefix = [self.all]
        for b in sets:
            prefix.append(prefix[-1] & b)
        suffix = [self.all] * (n + 1)
        for i in range(n - 1, -1, -1):
            suffix[i] = suffix[i + 1] & sets[i]
        acc = 0
        for i in range(n):
            if missing == 1 or n > 12:
                acc |= prefix[i] & suffix[i + 1]
                continue
            middle = self.all
            for j in range(i + 1, n):
                acc |= prefix[i] & middle & suffix[j + 1]
                middle &= sets[j]
        return acc

    def sound_filter(self, text: str, readings: dict[str, tuple[str, ...]]) -> int:
        """Units holding every character of ``text`` but one, and for that one a character
        with one of its readings (a homophone; order not checked)."""
        sets = [self.bits.get(ch, 0) for ch in text]
        n = len(sets)
        suffix = [self.all] * (n + 1)
        for i in range(n - 1, -1, -1):
            suffix[i] = suffix[i + 1] & sets[i]
        acc, prefix = 0, self.all
        for i, ch in enumerate(text):
            rest = prefix & suffix[i + 1]
            if rest:
                alike = 0
                for r in readings.get(ch, ()):
                    alike |= self.syllable_bits.get(r, 0)
                acc |= rest & alike
            prefix &= sets[i]
            if not prefix:
                break
        return acc

    def pinyin_filter(self, splits, syllables_for) -> int:
        """Units holding, for some split, a character for each piece (order not checked)."""
        acc = 0
        for pieces in splits:
            part = self.all
            for piece in pieces:
                part &= self._piece_bits(piece, syllables_for)
                if not part:
                    break
            acc |= part
        return acc

    def _piece_bits(self, piece: tuple[str, bool], syllables_for) -> int:
        found = self._cache.get(piece)
        if found is None:
            found = 0
            for syl in syllables_for(*piece):
                found |= self.syllable_bits.get(syl, 0)
            if len(self._cache) > 4096:
                self._cache.clear()
            self._cache[piece] = found
        return found

    # ---- walking -----------------------------------------------------------------
    def walk(self, candidates: int) -> Iterator[int]:
        """Unit ids set in ``candidates``, in rank order."""
        if not candidates:
            return
        digits = bin(candidates)
        top = len(digits) - 1
        end = len(digits)
        while True:
            j = digits.rfind("1", 2, end)
            if j < 0:
                return
            yield top - j
            end = j

    def scan(self, literal: str) -> Iterator[int]:
        """Unit ids whose text contains ``literal``, in rank order (C-speed search)."""
        if not literal or SEPARATOR in literal:
            return
        starts, find = self.starts, self.corpus.find
        pos, n = 0, self.size
        while True:
            pos = find(literal, pos)
            if pos < 0:
                return
            unit = bisect_right(starts, pos) - 1
            yield unit
            if unit + 1 >= n:
                return
            pos = starts[unit + 1]


def bits_of(ids: Iterable[int], n: int) -> int:
    """The big int with bit ``i`` set for every ``i`` in ``ids`` (all below ``n``)."""
    flags = bytearray(n)
    for i in ids:
        flags[i] = 1
    flags.reverse()
    return int(flags.translate(_TO_DIGITS) or b"0", 2)
