"""The standard tables of 政府信息公开工作年度报告 (国办公开办函〔2021〕30号 template).

Every such report prints the same three tables — 主动公开政府信息情况 (第二十条第（一）、
（五）、（六）、（八）项), 收到和处理政府信息公开申请情况, 政府信息公开行政复议、行政诉讼情况 —
but converters mangle them (columns called ``数据1`` … ``数据6``, a table cut in
fragments, headers lost).  A table is recognised from its **row labels** (or, for the
复议/诉讼 table whose rows carry no label, from its column labels and caption): each
recognised row gets the template's key, and each numeric cell the template's column key
by position, so the same cell means the same thing in every report:

* ``requests`` — rows ``三、本年度办理结果/（三）不予公开/1.属于国家秘密`` …, columns
  ``自然人``, ``法人或其他组织/商业企业`` … ``法人或其他组织/其他``, ``总计``;
* ``active`` — rows ``第二十条第（一）项/规章`` …, columns ``本年制发件数`` …;
* ``appeals`` — one row per part (``行政复议``, ``行政诉讼/未经复议直接起诉``,
  ``行政诉讼/复议后起诉``), columns ``结果维持`` … ``总计``.

A standard cell is named by its row key and its column key together
(``"/".join`` of the two that are set): ``行政复议/结果维持`` whether a report prints the part as
a row (Shuyang: row ``行政复议`` × column ``结果维持``) or all fifteen columns in one row (row key
null × ``行政复议/结果维持``).  Columns go by position when a row holds exactly the template's
numbers, else by their header words (``自然人``, ``商业``, ``科研`` …) when the header names them.

Matching compares labels with spaces, punctuation, brackets' contents and list numbers
removed; a numbered item (``1. 属于国家秘密``) is looked up under the group seen last
(the previous row, or the table's caption ``(三) 不予公开``).
"""

from __future__ import annotations

import re

from tui.ingest.tables import Table

REQUEST_COLUMNS = ["自然人", "法人或其他组织/商业企业", "法人或其他组织/科研机构", "法人或其他组织/社会公益组织",
                   "法人或其他组织/法律服务机构", "法人或其他组织/其他", "总计"]
APPEAL_COLUMNS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]

_RESULT = "三、本年度办理结果"
_GROUPS: dict[str, list[str]] = {
    "（三）不予公开": ["1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
                  "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项"],
    "（四）无法提供": ["1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"],
    "（五）不予处理": ["1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
                  "5.要求行政机关确认或重新出具已获取信息"],
    "（六）其他处理": ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                  "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他"],
}
# top-level rows of the requests table: (key, label to match)
_REQUEST_TOP = [
    ("一、本年新收政府信息公开申请数量", "本年新收政府信息公开申请数量"),
    ("二、上年结转政府信息公开申请数量", "上年结转政府信息公开申请数量"),
    (f"{_RESULT}/（一）予以公开", "予以公开"),
    (f"{_RESULT}/（二）部分公开", "部分公开"),
    (f"{_RESULT}/（七）总计", "总计"),
    ("四、结转下年度继续办理", "结转下年度继续办理"),
]
_ACTIVE = {  # row label → (key, column keys)
    "规章": ("第二十条第（一）项/规章", ["本年制发件数", "本年废止件数", "现行有效件数"]),
    "行政规范性文件": ("第二十条第（一）项/行政规范性文件", ["本年制发件数", "本年废止件数", "现行有效件数"]),
    "规范性文件": ("第二十条第（一）项/行政规范性文件", ["本年制发件数", "本年废止件数", "现行有效件数"]),
    "行政许可": ("第二十条第（五）项/行政许可", ["本年处理决定数量"]),
    "行政处罚": ("第二十条第（六）项/行政处罚", ["本年处理决定数量"]),
    "行政强制": ("第二十条第（六）项/行政强制", ["本年处理决定数量"]),
    "行政事业性收费": ("第二十条第（八）项/行政事业性收费", ["本年收费金额（单位：万元）"]),
}

_NUMBERING_RE = re.compile(r"^(?:[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、．.]|[0-9]{1,2}[.．、])")
_DROP_RE = re.compile(r"[（(][^（）()]*[)）]|[\s\u3000“”\"'、，,。：:；;.．·]")


def norm(label: str) -> str:
    """Label for matching: list number, bracketed asides, spaces and punctuation removed."""
    s = label.replace("**", "").strip()
    s = re.sub(r"\s+", "", s)
    s = _NUMBERING_RE.sub("", s)
    return _DROP_RE.sub("", s)


def _item_number(label: str) -> str | None:
    m = re.match(r"^\s*([0-9]{1,2})\s*[.．、]", label)
    return m.group(1) if m else None


_GROUP_BY_NORM = {norm(g): g for g in _GROUPS}
_TOP_BY_NORM = {norm(label): key for key, label in _REQUEST_TOP}
_GROUP_PREFIX_RE = re.compile(r"^[（(]([三四五六])[)）]")


def _group_of(label: str) -> str | None:
    """``(三) 不予公开`` / ``（六）其他`` / ``（三）不`` (cut) → the group key."""
    n = norm(label)
    if n in _GROUP_BY_NORM:
        return _GROUP_BY_NORM[n]
    m = _GROUP_PREFIX_RE.match(label.strip())
    if m:
        for g in _GROUPS:
            if g[1] == m.group(1):
                return g
    for g in _GROUPS:
        if n and norm(g).startswith(n) and len(n) >= 2:
            return g
    return None


_INNER_ITEM_RE = re.compile(r"^(?P<before>.*?)\s*(?P<item>[0-9]{1,2}\s*[.．、]\s*\S.*)$")


def _request_row(label: str, group: str | None) -> tuple[str | None, str | None]:
    """(key, group seen now) of a requests-table row label.  A label may carry the cut
    group label in front of the item (``（四）无 1.本机关不掌握相关政府信息``,
    ``予公开 5.属于三类内部事务信息``): the group part is read first."""
    label = label.strip()
    inner = _INNER_ITEM_RE.match(label)
    if inner and inner.group("before") and _item_number(label) is None:
        group = _group_of(inner.group("before")) or group
        label = inner.group("item")
    n = norm(label)
    if not n:
        return None, group
    number = _item_number(label)
    if number is None and n in _TOP_BY_NORM:
        return _TOP_BY_NORM[n], None
    new_group = _group_of(label) if number is None else None
    if new_group:
        return None, new_group
    # the group seen last first, then the others (a fragment's group line may be lost)
    candidates = [group] + [g for g in _GROUPS if g != group] if group else list(_GROUPS)
    for g in candidates:
        for item in _GROUPS[g]:
            if norm(item) == n or (len(n) >= 6 and norm(item).startswith(n)):
                if number is None or item.split(".")[0] == number:
                    return f"{_RESULT}/{g}/{item}", g
    return None, group


def recognise(tables: list[Table], heading: str = "") -> None:
    """Mark every standard table among ``tables`` (in place); ``heading`` is the section's
    (or chapter's) heading, which names the group of a table cut in fragments."""
    group = _group_of(heading) if heading else None
    for table in tables:
        if table.caption and _group_of(table.caption):
            group = _group_of(table.caption)
        if _recognise_active(table):
            continue
        if _recognise_appeals(table):
            continue
        group = _recognise_requests(table, group)


def _recognise_active(table: Table) -> bool:
    keys: list[str | None] = []
    columns: list[list[str | None]] = []
    for header, row in zip(table.row_headers, table.rows):
        found = _ACTIVE.get(norm(header))
        numeric = [c for c in row if c.value is not None]
        if found and len(numeric) == len(found[1]):
            keys.append(found[0])
            it = iter(found[1])
            columns.append([next(it) if c.value is not None else None for c in row])
        else:
            keys.append(None)
            columns.append([None] * len(row))
    if not any(keys):
        return False
    table.standard, table.standard_rows, table.standard_columns = "active", keys, columns
    return True


def _appeal_column(header: str) -> str | None:
    """``行政诉讼 复议后起诉 结果维持`` → ``行政诉讼/复议后起诉/结果维持`` (a one-row table
    holding all three parts, its header in several rows)."""
    n = norm(header)
    if "诉讼" in n:
        part = ("行政诉讼/复议后起诉" if "复议后" in n else
                "行政诉讼/未经复议直接起诉" if "未经复议" in n or "直接起诉" in n else None)
    else:
        part = "行政复议" if "复议" in n else None
    result = next((c for c in APPEAL_COLUMNS if norm(c) in n), None)
    return f"{part}/{result}" if part and result else None


def _recognise_appeals_in_one_row(table: Table) -> bool:
    if len(table.rows) != 1:
        return False
    row = table.rows[0]
    keys = [(_appeal_column(table.columns[k]) if k < len(table.columns) and c.value is not None else None)
            for k, c in enumerate(row)]
    if sum(1 for k in keys if k) < 10 or len(set(k for k in keys if k)) != sum(1 for k in keys if k):
        return False
    table.standard, table.standard_rows, table.standard_columns = "appeals", [None], [keys]
    return True


def _recognise_appeals(table: Table) -> bool:
    if _recognise_appeals_in_one_row(table):
        return True
    cols = [norm(c) for c in table.columns]
    if [c for c in cols if c][-5:] != [norm(c) for c in APPEAL_COLUMNS] or len(table.rows) != 1:
        return False
    caption = table.caption or ""
    if "复议后" in caption:
        part = "行政诉讼/复议后起诉"
    elif "未经复议" in caption or "直接起诉" in caption:
        part = "行政诉讼/未经复议直接起诉"
    elif "复议" in caption:
        part = "行政复议"
    else:
        return False
    row = table.rows[0]
    numeric = [c for c in row if c.value is not None]
    if len(numeric) != 5:
        return False
    it = iter(APPEAL_COLUMNS)
    table.standard = "appeals"
    table.standard_rows = [part]
    table.standard_columns = [[next(it) if c.value is not None else None for c in row]]
    return True


_REQUEST_COLUMN_WORDS = [("自然人", "自然人"), ("商业", "法人或其他组织/商业企业"), ("科研", "法人或其他组织/科研机构"),
                         ("公益", "法人或其他组织/社会公益组织"), ("法律服务", "法人或其他组织/法律服务机构"),
                         ("总计", "总计")]


def _request_column(header: str) -> str | None:
    """A column of the requests table named by its header words (``申请人情况 法人或其他组织
    科研 机构`` → ``法人或其他组织/科研机构``); the 其他 column is the one under 法人 saying 其他."""
    n = norm(header)
    for word, key in _REQUEST_COLUMN_WORDS:
        if word in n:
            return key
    return "法人或其他组织/其他" if "其他" in n and "法人" in n else None


def _recognise_requests(table: Table, group: str | None) -> str | None:
    keys: list[str | None] = []
    columns: list[list[str | None]] = []
    by_header = [_request_column(c) for c in table.columns]
    named = sum(1 for k in by_header if k) >= 5 and len(set(k for k in by_header if k)) == sum(1 for k in by_header if k)
    for header, row in zip(table.row_headers, table.rows):
        # a label over several cells (| 三、本年度办理结果 | （一）予以公开 |, | （三）不 | 4.保护… |):
        # each cell may name a group; the row is the whole label, else its most specific cell
        parts = _leading_cells(row)
        for part in parts:
            group = _request_row(part, group)[1]
        key = None
        for candidate in (" ".join(parts), header, *reversed(parts)):
            key, found_group = _request_row(candidate, group)
            if key:
                group = found_group
                break
        numeric = [c for c in row if c.value is not None]
        if key and len(numeric) == len(REQUEST_COLUMNS):
            it = iter(REQUEST_COLUMNS)
            keys.append(key)
            columns.append([next(it) if c.value is not None else None for c in row])
        elif key and numeric and named:  # blank cells in the row: the columns' own headers say which
            keys.append(key)
            columns.append([by_header[k] if k < len(by_header) and c.value is not None else None
                            for k, c in enumerate(row)])
        else:
            keys.append(None)
            columns.append([None] * len(row))
    if any(keys):
        table.standard, table.standard_rows, table.standard_columns = "requests", keys, columns
    return group


def _leading_cells(row) -> list[str]:
    """The texts of a row's cells before its first number (a label split over cells:
    ``| （三）不 | 4.保护第三方合法权益 | 0 |``)."""
    parts = []
    for cell in row:
        if cell.value is not None:
            break
        if cell.text and cell.text not in ("-", "—"):
            parts.append(cell.text)
    return parts


def leaf(key: str) -> str:
    """The last part of a key without its list number: ``…/1.属于国家秘密`` → ``属于国家秘密``."""
    last = key.rsplit("/", 1)[-1]
    return _NUMBERING_RE.sub("", last)
