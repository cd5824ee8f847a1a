"""What a figure means, in words for the figure list and the figure table (pure text).

A figure is not always a plain amount: ``5-20天`` is a range (``value`` 5, ``value_high``
20); ``比去年提高5.78%`` is a change (``role == "change"``), not a rate; ``从12个工作日压缩至
2个工作日`` is a from → to pair (``role`` "from"/"to", linked by ``pair``).  These helpers
say so: :func:`value_text` (``5–20``, ``＋5.78``), :func:`role_note` (``从 from → 2个工作日``).
"""

from __future__ import annotations

from tui.model import Figure

#: Verbs after 比… that say which way a change goes.
_UP = ("提高", "增加", "增长", "上升", "提升", "增", "高", "多", "升", "长")
_DOWN = ("下降", "降低", "减少", "缩短", "压缩", "回落", "下滑", "降", "低", "少", "减", "缩")
#: How far before a change to look for its 比… phrase.
_LOOKBACK = 12


def number(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e15 else str(value)


def change_sign(text: str, figure: Figure) -> str:
    """``＋`` or ``−`` for a change whose 比… phrase says up or down (else ``""``).

    ``text`` is the section text the figure's ``start`` points into.
    """
    if figure.role != "change":
        return ""
    before = text[max(0, figure.start - _LOOKBACK):figure.start]
    at = before.rfind("比")
    phrase = before[at:] if at >= 0 else before[-4:]
    for word in sorted((*_UP, *_DOWN), key=len, reverse=True):  # 降低 before 低
        if word in phrase:
            return "＋" if word in _UP else "−"
    return ""


def value_text(figure: Figure, sign: str = "") -> str:
    """The value as shown in a table: ``5–20`` for a range, ``＋5.78`` for a change."""
    if figure.value_high is not None:
        return f"{number(figure.value)}–{number(figure.value_high)}"
    return f"{sign}{number(figure.value)}"


def raw_text(figure: Figure, sign: str = "") -> str:
    """The figure as written, with the sign of a change in front (``＋5.78%``)."""
    return f"{sign}{figure.raw}"


def role_note(figure: Figure, partner: Figure | None = None) -> str:
    """``从 from → 2个工作日``, ``到 to ← 12个工作日``, ``变化 change`` … or ``""``.

    ``partner`` is the other figure of a from → to pair (``figure.pair``).
    """
    if figure.role == "from":
        return f"从 from → {partner.raw}" if partner else "从 from"
    if figure.role == "to":
        return f"到 to ← {partner.raw}" if partner else "到 to"
    return _NOTES.get(figure.role or "", "")


_NOTES = {"change": "变化 change", "low": "下限 low", "high": "上限 high"}
