"""How a figure's label is found (pure Python, no Textual).

``label_all(section, hits)`` sets the ``label`` of every figure that ``figures`` found in
one section: the text before the number or the noun after its unit, within the clause,
cleaned of fillers and verbs, given the clause's subject when it says too little, and cut
to about 16 characters.  Then the subjects that sit elsewhere: each item of an
enumeration with 分别 for its own figure, the subject of the figure before for a label
that only says a change (增长, 高于全国), and a clause's quoted opening term for figures of
one sentence that would otherwise share a label.  The rules, with examples, are under "Labels" in the docstring
of ``tui.ingest.figures``; the words are tables in ``figure_vocab``.  This module does not
import ``figures``: it reads the section and the hits through ``Section`` and ``LabelHit``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Protocol

from tui.ingest.figure_vocab import (
    ASIDE_RE, BOUNDARY, CHANGE_ONLY_MAX, CHANGE_ONLY_RE, CHANGE_TAIL_RE, CLASSIFIERS,
    CONTRACTED_PAIRS, DATE_POST_LEAD, FOLD, FOOTNOTE_RE, FROM_BAD_BEFORE, FROM_RE, KEEP_OBJECT,
    LEAD_FILLERS, LEAD_PROTECT, NEXT_LEAD_IN_RE, NUM_RE, POST_CUT_RE, POST_LEAD,
    QUOTED_HEAD_RE, RESPECTIVELY_JOIN, SCALES, SHORT_PAREN_RE, STRIP, TRAIL_PROTECT,
    TRAIL_VERBS, VERB_START_RE, WEAK,
)

__all__ = ["LabelHit", "Section", "label_all"]

_PRE_WINDOW = 60  # how far back a label may reach
_POST_WINDOW = 40  # how far forward a label may reach
_LABEL_MAX = 16  # labels are cut to about this many characters
_SLACK = 4  # … or up to this many more, rather than cut a word
_HARD_MAX = _LABEL_MAX + _SLACK  # no label is longer


class Section(Protocol):
    """What labelling reads of one section (``figures._Context``)."""

    text: str  # verbatim
    t: str  # folded copy, same offsets
    n: int
    clause_breaks: list[int]
    post_breaks: list[int]
    wide_breaks: list[int]
    book_starts: list[int]  # 《…》 spans
    book_ends: list[int]

    def prev_break(self, breaks: list[int], pos: int) -> int: ...
    def next_break(self, breaks: list[int], pos: int) -> int: ...
    def sentence_bounds(self, start: int, end: int) -> tuple[int, int]: ...
    def from_near(self, s: int, window: int, floor: int = 0) -> int | None: ...


class LabelHit(Protocol):
    """What labelling reads and writes of a figure being built (``figures._Hit``)."""

    start: int
    end: int
    kind: str
    unit: str | None
    role: str | None
    pair: int | None
    label: str
    noun: str  # the label when it is the text after the unit (53个部门 → 部门)
    to_next: bool  # the text after the unit runs into the next figure


def label_all(section: Section, hits: Sequence[LabelHit]) -> None:
    """Label every hit of ``section``, in place (hits in document order)."""
    _Labeller(section).label_all(hits)


class _Labeller:
    """The labelling pass over one section's hits."""

    def __init__(self, ctx: Section) -> None:
        self.ctx = ctx
        self.text, self.t, self.n = ctx.text, ctx.t, ctx.n
        self.starts: list[int] = []  # start of every hit, for bisect

    def label_all(self, hits: Sequence[LabelHit]) -> None:
        """Label every hit; the two figures of a pair share the label before 从/由, a
        change takes the label of the figure it changes; a label that says too little
        gets the clause's subject (see "Labels" in ``figures``)."""
        self.starts = [h.start for h in hits]
        for i, h in enumerate(hits):
            h.label = self._label(hits, i)
            if not h.label and i:  # 4.4%、5.6%: an enumeration shares the label
                p = hits[i - 1]
                breaks = self.ctx.clause_breaks
                same_clause = self.ctx.prev_break(breaks, p.start) == self.ctx.prev_break(breaks, h.start)
                if same_clause:
                    h.label = p.label
        self._respectively(hits)
        for i, h in enumerate(hits):
            if h.role == "from" and h.pair is not None:
                label = self._from_label(h)
                if label:
                    h.label = hits[h.pair].label = label
            elif h.role == "change":
                j = i - 1
                lo, _ = self.ctx.sentence_bounds(h.start, h.end)
                while j >= 0 and hits[j].start >= lo and hits[j].kind == "date":
                    j -= 1
                if j >= 0 and hits[j].start >= lo and hits[j].label:
                    h.label = hits[j].label
        for h in hits:
            h.label = self._final(h)
        for i, h in enumerate(hits):
            if h.kind != "date" and h.role is None:
                h.label = self._in_context(hits, i)
        for i, h in enumerate(hits):
            if h.kind != "date" and h.role is None:
                h.label = self._borrow_subject(hits, i)
        self._distinguish(hits)

    # ---- subjects that sit elsewhere in the sentence ----------------------------------
    def _respectively(self, hits: Sequence[LabelHit]) -> None:
        """``A、B、C分别增长x%、y%、z%``: each figure takes its own item (工业、制造业投资
        → 工业投资 / 制造业投资; a contracted pair: 城乡居民… → 城镇居民… / 农村居民…)."""
        t, breaks = self.t, self.ctx.clause_breaks
        i = 0
        while i < len(hits):
            h = hits[i]
            clause_lo = self.ctx.prev_break(breaks, h.start)
            lo = max(clause_lo, hits[i - 1].end if i else 0, h.start - _PRE_WINDOW)
            pre = self.text[lo : h.start]
            at = pre.rfind("分别")
            if h.kind == "date" or at < 0 or lo != clause_lo:
                i += 1
                continue
            group = [h]
            while i + len(group) < len(hits):
                nxt, last = hits[i + len(group)], group[-1]
                if nxt.kind != h.kind or t[last.end : nxt.start].strip() not in RESPECTIVELY_JOIN:
                    break
                group.append(nxt)
            i += len(group)
            subjects = _respective_subjects(pre[:at], len(group))
            if not subjects:
                continue
            verb = _strip_lead(_strip_trail(pre[at + 2 :]))
            for g, subject in zip(group, subjects):
                room = _HARD_MAX - len(verb)
                g.label = (_trim_tail(subject, room) if len(subject) > room else subject) + verb

    def _borrow_subject(self, hits: Sequence[LabelHit], i: int) -> str:
        """A label that only says a change (增长, 年均增长, 高于全国, 占全省比重) takes the
        subject of the figure just before it, when only a comma or 、 lies between the two
        (地区生产总值67665亿元，增长5.5% → 地区生产总值增长)."""
        h, label = hits[i], hits[i].label
        if not i or len(label) > CHANGE_ONLY_MAX or not CHANGE_ONLY_RE.match(label):
            return label
        p = hits[i - 1]
        if p.kind == "date" or self.ctx.sentence_bounds(p.start, p.end)[1] < h.start:
            return label
        gap = self.t[p.end : h.start]
        if not gap or gap[0] not in "，,、" or any(ch in "，,、；;：:（）()" for ch in gap[1:]):
            return label
        if _clean_pre(gap[1:]) not in label:  # the words between are this figure's label
            return label
        if p.label in (p.unit, "数值"):  # a fallback label names nothing
            return label
        subject = CHANGE_TAIL_RE.sub("", p.label.split("…")[0])
        for n, words in _WEAK_BY_LEN:  # 实现地区生产总值 → 地区生产总值
            if len(subject) - n >= 2 and subject[:n] in words:
                subject = subject[n:]
                break
        if len(subject) < 2 or subject in label or CHANGE_ONLY_RE.match(subject):
            return label
        room = _HARD_MAX - len(label)
        if len(subject) > room:
            subject = _trim_tail(subject, room)
            if len(subject) < 2 or len(subject) > room:
                return label
        return subject + label

    def _distinguish(self, hits: Sequence[LabelHit]) -> None:
        """Distinct figures of one sentence that got the same label are told apart by the
        term their clause opens on (通过“第一次救济”…撤回申请的有27件，通过“第二次救济”…
        的有133件 → 第一次救济…撤回申请 / 第二次救济…撤回申请).  Pairs and changes share a
        label on purpose."""
        seen: dict[tuple[int, str], list[LabelHit]] = {}
        for h in hits:
            if h.kind != "date" and h.role is None and h.pair is None:
                seen.setdefault((self.ctx.sentence_bounds(h.start, h.end)[0], h.label), []).append(h)
        for (_, label), same in seen.items():
            if len(same) < 2:
                continue
            heads = []
            for h in same:
                lo = self.ctx.prev_break(self.ctx.clause_breaks, h.start)
                m = QUOTED_HEAD_RE.match(self.text, lo, h.start)
                heads.append(m.group(1) if m else "")
            if not all(heads) or len(set(heads)) < len(heads):
                continue
            for h, head in zip(same, heads):
                if head in label:
                    continue
                tail = _tail_within(label, _HARD_MAX - len(head) - 1)
                if tail:
                    h.label = head + "…" + tail

    def _final(self, h: LabelHit) -> str:
        raw = self.text[h.start : h.end]
        label = h.label
        if raw and raw in label:
            label = _clean_pre(label.split(raw)[-1]) or _clean_post(label.split(raw)[0])
            if raw in label:
                label = ""
        if not label and h.kind == "date":
            label = "年份" if h.unit in ("年", "年度") else "日期"
        if not label:
            label = self._clause_head(h) or (h.unit or "") or "数值"
            if raw in label:
                label = h.unit or "数值"
        return label

    def _clause_head(self, h: LabelHit) -> str:
        lo = max(self.ctx.prev_break(self.ctx.wide_breaks, h.start), h.start - _PRE_WINDOW)
        head = self.text[lo : h.start]
        cut = NUM_RE.search(head.translate(FOLD))  # stop before any earlier number
        return _clean_pre(head[: cut.start()] if cut else head)

    def _segments(self, h: LabelHit, prev_end: int, next_start: int) -> tuple[str, str, bool]:
        """The clause text before the figure, the text after it, and whether the text
        after runs into the next figure."""
        clause_lo = self.ctx.prev_break(self.ctx.clause_breaks, h.start)
        lo = max(clause_lo, prev_end, h.start - _PRE_WINDOW)
        pre = self.text[lo : h.start] if lo < h.start else ""
        if lo == prev_end > clause_lo and "、" in pre:  # 1.5天可领照、4天可营业
            pre = pre.rsplit("、", 1)[1]
        hi = min(self.ctx.next_break(self.ctx.post_breaks, h.end), next_start, h.end + _POST_WINDOW)
        post = self.text[h.end : hi] if hi > h.end else ""
        # 11个县(市、区): a short parenthesis right after the noun belongs to it.
        if post.strip() and hi < self.n and self.t[hi] in "(（" and hi < next_start:
            m = SHORT_PAREN_RE.match(self.t, hi)
            if m and m.end() <= next_start:
                post = self.text[h.end : m.end()]
        return pre, post, hi == next_start < self.n

    def _label(self, hits: Sequence[LabelHit], i: int) -> str:
        """Text before the number or the noun after the unit (see "Labels" in ``figures``)."""
        h = hits[i]
        prev = hits[i - 1] if i else None
        nxt = hits[i + 1] if i + 1 < len(hits) else None
        prev_end = prev.end if prev else 0
        pre_raw, post_raw, h.to_next = self._segments(h, prev_end, nxt.start if nxt else self.n)
        if h.kind == "date":
            return self._date_label(h, pre_raw, post_raw)
        # 5个单位跑6次: 单位 is the noun of 5个; what is left before 6次 is only its verb.
        if prev and prev.noun and h.start - len(pre_raw) == prev.end and pre_raw.startswith(prev.noun):
            if _clean_pre(pre_raw[len(prev.noun) :]) in WEAK:
                pre_raw = pre_raw[len(prev.noun) :]
        pre = _clean_pre(pre_raw)
        post = self._post_label(hits, i, ASIDE_RE.sub("", post_raw))
        from_pos = self.ctx.from_near(h.start, 10, prev_end)
        if from_pos is not None and h.kind != "count":  # 办理时限从多部门最少40天 → 办理时限
            before = self._from_label_at(from_pos)
            if before:
                pre = before
        # 结束了66年的营业税征收历史: a verb with 了 before the number, its object after it
        weak = len(pre) < 2 or pre in WEAK or (pre_raw.rstrip().endswith("了") and bool(post))
        # 全市89.4%的公园实现24小时开放: the noun after 的 is what the share counts
        if post and post_raw.lstrip(" \u3000").startswith("的") and (len(pre) < 2 or pre in LEAD_FILLERS):
            weak = True
        # 中央财政安排1000亿元专项奖补资金: after a weak verb the noun names the money
        if post and len(post) >= 2 and h.kind not in ("percent", "ratio") and _ends_weak(pre):
            weak = True
        unit = h.unit or ""
        base_unit = unit.lstrip("万亿千百十") or unit
        use_post = bool(post) and (
            (h.kind in ("percent", "ratio") and weak)
            or (
                h.kind not in ("percent", "ratio")
                and (
                    post_raw.lstrip(" \u3000").startswith(("内", "以内", "之内"))
                    or base_unit in CLASSIFIERS
                    or not h.unit
                    or h.unit in SCALES
                    or weak
                )
            )
        )
        if use_post:
            h.noun = post
            return post
        return pre

    def _post_label(self, hits: Sequence[LabelHit], i: int, post_raw: str) -> str:
        """The noun after the unit.  When it runs into the next figure, that figure's
        lead-in is not part of it (组织成员单位和督促所辖11个县 → 组织成员单位); a date in
        the way is skipped (5个项目纳入温州市2018年度重大行政决策事项目录 →
        项目纳入…重大行政决策事项目录)."""
        h = hits[i]
        if not h.to_next or not post_raw.strip():
            return _clean_post(post_raw)
        date = hits[i + 1]
        verbs = list(POST_CUT_RE.finditer(post_raw, 1))
        if date.kind != "date" or not verbs:
            return _clean_post(_drop_lead_in(post_raw))
        hi = min(self.ctx.next_break(self.ctx.post_breaks, date.end), date.end + _POST_WINDOW)
        if i + 2 < len(hits):
            hi = min(hi, hits[i + 2].start)
        after = self.text[date.end : hi] if hi > date.end else ""
        for lead in DATE_POST_LEAD:
            if after.startswith(lead):
                after = after[len(lead) :]
                break
        head, tail = _clean_post(post_raw[: verbs[-1].end()]), _clean_post(after)
        if not head or not tail:
            return _clean_post(post_raw)
        return head + "…" + _trim_head(tail, _LABEL_MAX - len(head) - 1)

    def _in_context(self, hits: Sequence[LabelHit], i: int) -> str:
        """A label that says too little (a bare verb or noun) with what the clause is
        about: 2个月审理…14起知识产权仲裁案件 → 审理…知识产权仲裁案件; 开办过程从原先的
        到5个单位 → 开办过程…单位; 普法考试(共3229人参考) → …普法考试参考."""
        h, label = hits[i], hits[i].label
        if len(label) > 2 and label not in WEAK:
            return label
        nxt = hits[i + 1] if i + 1 < len(hits) else None
        if h.kind == "duration" and h.to_next and h.noun == label and nxt and nxt.kind == "count" and nxt.noun:
            return label + "…" + nxt.noun
        clause_lo = self.ctx.prev_break(self.ctx.clause_breaks, h.start)
        lo, end = max(clause_lo, h.start - _PRE_WINDOW), h.start
        if clause_lo and self.t[clause_lo - 1] in "(（":  # the parenthesis annotates what precedes it
            end = clause_lo - 1
            lo = max(self.ctx.prev_break(self.ctx.wide_breaks, end), end - _PRE_WINDOW)
        elif clause_lo and self.t[clause_lo - 1] in ")）":  # 中欧班列（成渝）累计开行超2.6万列
            lo = max(self.ctx.prev_break(self.ctx.wide_breaks, h.start), h.start - _PRE_WINDOW)
            opening = max(self.t.rfind("(", lo, clause_lo), self.t.rfind("（", lo, clause_lo))
            if opening > lo:  # the subject is what the parenthesis annotates
                end = opening
        j = bisect_left(self.starts, lo)
        if j < i and hits[j].start < end:  # the subject stops at the clause's first figure
            if _counts_things(hits[j]) and _counts_things(h) and not hits[j].noun:
                return label  # 推送短视频1113个、图文1775条: 图文 is an item, not a verb
            end = hits[j].start
        froms = [m.start() for m in FROM_RE.finditer(self.t, lo, end) if not m.start() or self.t[m.start() - 1] not in FROM_BAD_BEFORE]
        digits = NUM_RE.search(self.t, lo, end)
        stop = min(froms[:1] + [digits.start() if digits else end, end])
        verbs = list(VERB_START_RE.finditer(self.t, lo, stop))
        if verbs and len(_clean_pre(self.text[verbs[-1].end() : stop])) >= 2:
            lo = verbs[-1].end()  # 组织实施市直机关公务员年度普法考试 → 市直机关公务员年度普法考试
        subject = _strip_weak(_clean_pre(self.text[lo:stop]))
        if not subject or subject in LEAD_FILLERS or subject in label or label in subject:
            return label
        at = self.text.rfind(subject, lo, stop)
        gap = self.text[at + len(subject) : h.start] if at >= 0 else "…"
        alone = at >= 0 and bisect_left(self.starts, at + len(subject)) == i  # no figure between
        sep = "" if alone and "、" not in gap and not _clean_pre(gap) else "…"
        room = _LABEL_MAX - len(label) - len(sep)
        if room < 2:
            return label
        subject = _trim_tail(subject, room)
        if len(subject) < 2 or len(subject) + len(sep) + len(label) > _LABEL_MAX + _SLACK:
            return label
        return subject + sep + label

    def _date_label(self, h: LabelHit, pre_raw: str, post_raw: str) -> str:
        """A date is labelled by the title holding it, or by what follows it
        (2016年以来的行政败诉案件 → 行政败诉案件), else by what precedes it."""
        i = bisect_right(self.ctx.book_starts, h.start) - 1
        if i >= 0 and h.start < self.ctx.book_ends[i]:
            inner = self.text[self.ctx.book_starts[i] + 1 : h.start]
            label = _clean_pre(inner)
            if label:
                return label
            return _clean_post(self.text[h.end : self.ctx.book_ends[i] - 1])
        post = post_raw.lstrip(" \u3000")
        for lead in DATE_POST_LEAD:
            if post.startswith(lead):
                post = post[len(lead) :]
                break
        return _clean_post(post) or _clean_pre(pre_raw)

    def _from_label(self, h: LabelHit) -> str:
        pos = self.ctx.from_near(h.start, 40)
        return self._from_label_at(pos) if pos is not None else ""

    def _from_label_at(self, pos: int) -> str:
        lo = max(self.ctx.prev_break(self.ctx.clause_breaks, pos), pos - _PRE_WINDOW)
        head = self.text[lo:pos]
        if NUM_RE.search(head.translate(FOLD)):
            return ""
        return _clean_pre(head)


# --------------------------------------------------------------------------------------
# label cleaning (pure string functions)
# --------------------------------------------------------------------------------------
def _strip(s: str) -> str:
    """Strip punctuation and spaces at both ends; parentheses only when unmatched."""
    while True:
        out = s.strip(STRIP).strip()  # str.strip also takes U+0085, U+2028 … that STRIP lacks
        if out[:1] in ("(", "（") and ")" not in out and "）" not in out:
            out = out[1:]
        if out[:1] in (")", "）"):
            out = out[1:]
        if out[-1:] in ("(", "（"):
            out = out[:-1]
        if out[-1:] in (")", "）") and "(" not in out and "（" not in out:
            out = out[:-1]
        if out == s:
            return out
        s = out


def _by_length(words: tuple[str, ...]) -> list[tuple[int, frozenset[str]]]:
    """Words grouped by length, longest first, for fast prefix/suffix look-up."""
    lengths = sorted({len(w) for w in words}, reverse=True)
    return [(n, frozenset(w for w in words if len(w) == n)) for n in lengths]


_LEAD_BY_LEN = _by_length(LEAD_FILLERS)
_TRAIL_BY_LEN = _by_length(TRAIL_VERBS)
_WEAK_BY_LEN = _by_length(tuple(WEAK))
FOLD_DIGIT_RE = re.compile("[0-9０-９]")


def _strip_lead(s: str) -> str:
    """Drop leading fillers (其中, 全年, 共计, 全市, 已, 并 …), repeatedly."""
    s = _strip(s)
    while s and s.startswith(LEAD_FILLERS) and not s.startswith(LEAD_PROTECT):
        for n, words in _LEAD_BY_LEN:
            if len(s) > n and s[:n] in words:
                s = _strip(s[n:])
                break
        else:
            break
    return s


def _strip_trail(s: str) -> str:
    """Drop trailing verbs and particles (为, 达到, 共, 计, 的 …), repeatedly."""
    s = _strip(s)
    while s and s.endswith(TRAIL_VERBS) and s[-2:] not in TRAIL_PROTECT:
        for n, words in _TRAIL_BY_LEN:
            if s[-n:] in words:
                s = _strip(s[:-n])
                break
    return s


_MARKS = frozenset("“”《》‘’「」")


def _balance(s: str) -> str:
    """Drop quote/title marks left open or closed at the ends; unwrap “X”."""
    if not _MARKS.intersection(s):  # most labels: nothing to balance
        return _strip(s.strip("\"'"))
    for op, cl in (("“", "”"), ("《", "》"), ("‘", "’"), ("「", "」")):
        while s.startswith(cl):
            s = s[1:]
        while s.endswith(op):
            s = s[:-1]
        if op not in s:  # a stray closing mark: 三权”分置改革 → 三权分置改革
            s = s.replace(cl, "")
        if cl not in s:
            s = s.replace(op, "")
        if len(s) > 2 and s[0] == op and s[-1] == cl and s.count(op) == 1 and s.count(cl) == 1:
            s = s[1:-1]
    return _strip(s.strip("\"'"))




def _counts_things(h: LabelHit) -> bool:
    """A count with a classifier (个 项 条 …): what it counts is a noun."""
    unit = h.unit or ""
    return h.kind == "count" and (unit.lstrip("万亿千百十") or unit) in CLASSIFIERS


def _trim_tail(s: str, limit: int = _LABEL_MAX) -> str:
    """Keep the end of a long label (the words nearest the number), starting at a word
    boundary (after 、的和…, or at a verb): within ``limit`` characters if one is there,
    else within ``_SLACK`` more; a phrase that short is kept whole rather than cut
    mid-word, and only a longer one without any boundary is cut to its last ``limit``."""
    if len(s) <= limit:
        return s
    window = s[-(limit + _SLACK) :]
    off = len(window) - limit  # cutting here leaves exactly ``limit`` characters
    cuts = [i + 1 for i, ch in enumerate(window) if ch in BOUNDARY]
    cuts += [m.start() for m in VERB_START_RE.finditer(window)]
    cuts = [c for c in cuts if 0 < c <= len(window) - 4]
    inside = [c for c in cuts if c >= off]
    if inside:
        cut = min(inside)
    elif cuts:
        cut = max(cuts)
    else:
        cut = 0 if len(s) <= limit + _SLACK else off
    return _balance(_strip_lead(window[cut:]))


def _trim_head(s: str, limit: int = _LABEL_MAX) -> str:
    """Keep the start of a long label, ending at a word boundary (before 、的和…, or
    before a verb); a phrase at most ``_SLACK`` characters too long is kept whole."""
    if len(s) <= limit:
        return s
    window = s[:limit]
    for i in range(len(window) - 1, 3, -1):
        if window[i] in BOUNDARY:
            return _balance(window[:i])
    if len(s) <= limit + _SLACK:
        return _balance(s)
    verbs = [m.start() for m in VERB_START_RE.finditer(s, 4, limit + 2)]
    return _balance(s[: verbs[-1]] if verbs else window)


def _drop_lead_in(post: str) -> str:
    """The text after a unit, without the lead-in of the figure it runs into: a last
    conjunction and what follows it, or a trailing verb (单位跑 → 单位)."""
    lead_ins = [m.start() for m in NEXT_LEAD_IN_RE.finditer(post, 4)]
    if lead_ins and len(post.strip()) > 8:  # a short 国家和地区 is one noun
        post = post[: lead_ins[-1]]
    return _strip_weak(post.rstrip())


def _ends_weak(s: str) -> bool:
    """``s`` ends with a weak verb of two or more characters after a subject of two or more
    (中央财政安排)."""
    for n, words in _WEAK_BY_LEN:
        if n >= 2 and len(s) - n >= 2 and s[-n:] in words:
            return True
    return False


def _strip_weak(s: str) -> str:
    """Drop one trailing weak verb (单位跑 → 单位, 里程新增 → 里程) if 2 characters remain."""
    for n, words in _WEAK_BY_LEN:
        if len(s) - n >= 2 and s[-n:] in words:
            return s[:-n]
    return s


def _tail_within(label: str, room: int) -> str:
    """The end of ``label`` in at most ``room`` characters, starting after a word boundary
    or a preposition (和解后由申请人撤回行政复议申请 → 申请人撤回行政复议申请); '' if none."""
    if len(label) <= room:
        return label
    for i, ch in enumerate(label[:-4]):
        if ch in BOUNDARY or ch in "由经被":
            if ch == "和" and label[i + 1] in "解谐睦平":  # 和解 is a word, not a conjunction
                continue
            if len(label) - i - 1 <= room:
                return _strip(label[i + 1 :])
    return ""


def _respective_subjects(subject: str, n: int) -> list[str]:
    """The ``n`` subjects of ``A、B、C分别…`` (``subject`` is the text before 分别), or []
    when they cannot be told: as many items as figures, a short item taking the last
    item's head noun (工业、制造业投资 → 工业投资, 制造业投资), or a contracted pair
    (城乡居民人均可支配收入 → 城镇居民…, 农村居民…)."""
    subject = _strip_trail(_strip_lead(FOOTNOTE_RE.sub("", subject)))
    items = [_balance(_strip(x)) for x in subject.split("、")]
    if len(items) == n > 1 and all(len(x) >= 2 for x in items):  # 第一、二、三产业: not told
        last = items[-1]
        head = last[-2:] if len(last) > 3 else ""
        return [x + head if len(x) <= 2 and head and not x.endswith(head) else x for x in items]
    if len(items) == 1 and n == 2:
        for pair, (a, b) in CONTRACTED_PAIRS.items():
            if pair in subject:
                return [subject.replace(pair, a, 1), subject.replace(pair, b, 1)]
    return []


def _clean_pre(s: str) -> str:
    s = FOOTNOTE_RE.sub("", s)
    s = _balance(_strip_trail(_strip_lead(s)))
    s = _balance(_strip_trail(_strip_lead(s)))
    return _trim_tail(s)


def _clean_post(s: str) -> str:
    s = _strip(FOOTNOTE_RE.sub("", s).lstrip("”’」』\""))
    for lead in POST_LEAD:
        if s.startswith(lead):
            s = s[len(lead) :]
            break
    m = POST_CUT_RE.search(s, 3)
    # 10863名行政执法人员列入检查人员名录库: where the things go is part of the label
    if m and not (m.group() in KEEP_OBJECT and len(_strip_trail(s)) <= _HARD_MAX and not FOLD_DIGIT_RE.search(s)):
        s = s[: m.start()]
    s = _balance(_strip_trail(s))
    return _trim_head(s)
