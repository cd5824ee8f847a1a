"""A report as search units for an on-disk index: what :mod:`tui.search.disk` finds.

One unit per figure, measure, section title, chapter title and sentence (the preamble's
and closing's too), each ``(kind, ord, text, initials, section, payload, head)``:

- ``text`` — what the index's character and pair terms are made of (folded): a figure's
  label and its sentence, a measure's name, a title, a sentence;
- ``head`` — for a figure, measure, section or chapter, what a hit's matched words must
  be in: its label and value, name, title (a sentence has none): a field of its own in
  the index, so that the copies of one sentence across reports do not fill its candidates;
- ``initials`` — the first letter of each Chinese character's first reading, from the
  report's readings table (``复议纠错率`` → ``fyjcl``), so pinyin and initials find
  candidates without the readings of every report in memory;
- ``ord`` — the place in the report (section number and offset), for document order;
- ``payload`` — JSON holding what a hit needs: section id and title, offsets, the
  figure or measure as in the report JSON, and the folded texts a term is matched in
  (``x``: :func:`field_texts`).

Nothing here imports Textual or pypinyin.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence

from tui.model import Report
from tui.search.build import CHAPTER, CLOSING, FIGURE, MEASURE, PREAMBLE, SECTION, TEXT
from tui.search.text import _fold_map, fold, is_han, split_sentences

ORD_OFFSET_BITS = 20
Unit = tuple[int, int, str, str, str, str, str]  # kind, ord, text, initials, section, payload, head


class _Initials(dict):
    """A ``str.translate`` table: a Chinese character → the first letter of its first
    reading, an ASCII letter or digit → itself (lower case), anything else → dropped."""

    def __init__(self, readings: Mapping[str, Sequence[str]]) -> None:
        super().__init__((ord(ch), rs[0][:1].lower()) for ch, rs in readings.items() if rs and rs[0] and is_han(ch))

    def __missing__(self, code: int) -> str | None:
        ch = chr(code)
        found = self[code] = ch.lower() if ch.isascii() and ch.isalnum() else None
        return found


def initials_of(text: str, readings: Mapping[str, Sequence[str]] | _Initials) -> str:
    """The first letter of each Chinese character's first reading; other characters
    (letters, digits) as they are; the rest dropped."""
    table = readings if isinstance(readings, _Initials) else _Initials(readings)
    return text.translate(table)


def _ord(seq: int, offset: int) -> int:
    return (seq << ORD_OFFSET_BITS) | min(max(offset, 0), (1 << ORD_OFFSET_BITS) - 1)


def _digits(value: float) -> str:
    """A value as digits, as a query types it: 48000.0 → ``48000``, 17.3 → ``17.3``."""
    return f"{value:.6f}".rstrip("0").rstrip(".") if value == value and abs(value) < 1e15 else ""


def field_texts(kind: int, data: dict) -> list[str]:
    """The folded texts a query term is matched in, from a unit's payload ``data``:
    a figure's label, value as written, sentence and section title; a measure's name; a
    section's title and its chapter's; a chapter's title; a sentence and its section's
    title.  Written into the payload (``x``), so a query does not fold them again."""
    if kind == FIGURE:
        f = data["f"]
        texts = [f["label"], f["raw"], f["sentence"], data.get("st", "")]
    elif kind == MEASURE:
        texts = [data["m"]["name"]]
    elif kind == SECTION:
        texts = [data["t"], data.get("ct", "")]
    elif kind == CHAPTER:
        texts = [data["t"]]
    else:
        texts = [data["t"], data.get("st", "")]
    return [_fold_map(t)[0] for t in texts]  # (uncached: most are met once)


def _dump(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _payload(kind: int, data: dict) -> str:
    data["x"] = field_texts(kind, data)
    return _dump(data)


def units_of(report: Report) -> Iterator[Unit]:
    """Every search unit of one report, in document order within each kind."""
    table = _Initials(report.pinyin or {})
    ini = lambda text: text.translate(table)  # noqa: E731
    seq = 0
    yield from _sentences(PREAMBLE, "", "\n".join(report.preamble), 0, ini)
    for chapter in report.chapters:
        title = fold(chapter.title)
        yield CHAPTER, _ord(seq + 1, 0), title, ini(title), chapter.id, _payload(CHAPTER, {"c": chapter.id, "t": chapter.title}), title
        for section in chapter.sections:
            seq += 1
            st = fold(section.title)
            at = section.text.find(section.title) if section.title else -1
            yield SECTION, _ord(seq, 1), st, ini(st), section.id, _payload(
                SECTION, {"s": section.id, "t": section.title, "ct": chapter.title, "a": at}), st
            yield from _sentences(section.id, section.title, section.text, seq, ini, section.figures)
            for figure in section.figures:
                label = fold(figure.label)
                head = f"{label}\n{_fold_map(figure.raw)[0]}"
                numbers = f"\n{_digits(figure.value)}"
                if figure.scaled_value is not None and figure.scaled_value != figure.value:
                    numbers += f"\n{_digits(figure.scaled_value)}"  # (48000 finds 4.8万)
                text = f"{label}\n{_fold_map(figure.sentence)[0]}{numbers}"
                yield FIGURE, _ord(seq, figure.start), text, ini(label), section.id, _payload(
                    FIGURE, {"st": section.title, "f": figure.model_dump(mode="json")}), head + numbers
    yield from _sentences(CLOSING, "", "\n".join(report.closing), seq + 1, ini)
    where = {s.id: n for n, s in enumerate(report.sections(), 1)}
    for measure in report.measures:
        first = measure.mentions[0] if measure.mentions else None
        seq_m = where.get(first.section, (1 << 19)) if first else (1 << 19)
        name = fold(measure.name)
        yield MEASURE, _ord(seq_m, first.start if first else 0), name, ini(name), first.section if first else "", _payload(
            MEASURE, {"m": measure.model_dump(mode="json")}), name


def _sentences(section_id: str, title: str, text: str, seq: int, ini, figures=()) -> Iterator[Unit]:
    """A unit per sentence; its payload holds the figures inside it too (``fs``, their JSON
    text: a sentence hit may give its figure, :func:`tui.search.disk.promote`)."""
    if not text.strip():
        return
    by_start = sorted(figures, key=lambda f: f.start)
    k = 0
    for start, end in split_sentences(text):
        sentence = text[start:end]
        folded = _fold_map(sentence)[0]  # (uncached: sentences do not repeat)
        inside = []
        while k < len(by_start) and by_start[k].start < end:
            if by_start[k].start >= start:
                inside.append(by_start[k].model_dump(mode="json"))
            k += 1
        data = {"s": section_id, "st": title, "a": start, "b": end, "t": sentence}
        if inside:  # (as JSON text: parsed only when the sentence may give its figure)
            data["fs"] = _dump(inside)
        yield TEXT, _ord(seq, start) + 2, folded, ini(folded), section_id, _payload(TEXT, data), ""
