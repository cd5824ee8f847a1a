"""The figures of a library as one SQLite database (stdlib ``sqlite3``).

Plain SQLite types only (TEXT, INTEGER, REAL, NULL; no adapters, no extensions), so the
file opens unchanged in pandas (``pd.read_sql("select * from figures", con)``), DuckDB
(``ATTACH 'figures.db' (TYPE sqlite)``) and datasette.  Offsets are in characters (code
points) of the section ``text``, like the report JSON.

Schema (:data:`SCHEMA`)::

    meta      (key TEXT PRIMARY KEY, value TEXT)          schema_version, ingest_version,
                                                            report_schema_version, created_at
    reports   (id TEXT PRIMARY KEY, title, issuer, place, year INTEGER, kind, issued_on
               TEXT 'YYYY-MM-DD', path, sha256, source_sha256, format 'text'|'json',
               chapters, sections, figures, measures INTEGER)
    sections  (report_id → reports.id, id '6.1', chapter_id '6', chapter_number '六',
               chapter_title, number '一', title, text;  PRIMARY KEY (report_id, id))
    figures   (report_id, id '6.1/f3', section_id, label, raw '17.3%', value REAL,
               scaled_value REAL (万/亿 applied), value_high REAL (upper bound of a range),
               unit, qualifier, kind, role, pair, sentence, char_start, char_end INTEGER;
               PRIMARY KEY (report_id, id); (report_id, section_id) → sections)
    measures  (report_id, id 'm12', name, kind 'document'|'initiative', mentions INTEGER;
               PRIMARY KEY (report_id, id))
    mentions  (report_id, measure_id → measures, section_id → sections, char_start, char_end)

Indices: figures(label), figures(kind), figures(report_id, section_id), reports(place, year),
reports(kind, year), measures(name), mentions(report_id, section_id).

Every figure of every report is a row (dates too: filter on ``kind``), so
``select count(*) from figures where report_id = ?`` equals the report's figure count.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path

from tui.export_files import replacing
from tui.library.cache import ingest_fingerprint
from tui.library.catalog import Entry
from tui.model import SCHEMA_VERSION, Report

DB_SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE reports (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, issuer TEXT, place TEXT, year INTEGER, kind TEXT,
    issued_on TEXT, path TEXT, sha256 TEXT, source_sha256 TEXT, format TEXT,
    chapters INTEGER, sections INTEGER, figures INTEGER, measures INTEGER
);
CREATE TABLE sections (
    report_id TEXT NOT NULL REFERENCES reports(id), id TEXT NOT NULL, chapter_id TEXT NOT NULL,
    chapter_number TEXT, chapter_title TEXT, number TEXT, title TEXT, text TEXT NOT NULL,
    PRIMARY KEY (report_id, id)
);
CREATE TABLE figures (
    report_id TEXT NOT NULL REFERENCES reports(id), id TEXT NOT NULL, section_id TEXT NOT NULL,
    label TEXT, raw TEXT NOT NULL, value REAL, scaled_value REAL, value_high REAL, unit TEXT,
    qualifier TEXT, kind TEXT, role TEXT, pair TEXT, sentence TEXT,
    char_start INTEGER, char_end INTEGER,
    PRIMARY KEY (report_id, id),
    FOREIGN KEY (report_id, section_id) REFERENCES sections(report_id, id)
);
CREATE TABLE measures (
    report_id TEXT NOT NULL REFERENCES reports(id), id TEXT NOT NULL, name TEXT NOT NULL,
    kind TEXT, mentions INTEGER, PRIMARY KEY (report_id, id)
);
CREATE TABLE mentions (
    report_id TEXT NOT NULL, measure_id TEXT NOT NULL, section_id TEXT NOT NULL,
    char_start INTEGER, char_end INTEGER,
    FOREIGN KEY (report_id, measure_id) REFERENCES measures(report_id, id),
    FOREIGN KEY (report_id, section_id) REFERENCES sections(report_id, id)
);
CREATE INDEX figures_label ON figures(label);
CREATE INDEX figures_kind ON figures(kind);
CREATE INDEX figures_section ON figures(report_id, section_id);
CREATE INDEX reports_place_year ON reports(place, year);
CREATE INDEX reports_kind_year ON reports(kind, year);
CREATE INDEX measures_name ON measures(name);
CREATE INDEX mentions_section ON mentions(report_id, section_id);
"""


def _text(value: str | None) -> str | None:
    """TEXT as SQLite stores it: a lone surrogate (a file name that is not UTF-8, an escape
    in a hand-made JSON) cannot be encoded and becomes U+FFFD."""
    if value is None:
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return value.encode("utf-8", "replace").decode("utf-8")
    return value


def _rows(rows: Iterable[tuple]) -> list[tuple]:
    return [tuple(_text(v) if isinstance(v, str) else v for v in row) for row in rows]


def _insert_report(con: sqlite3.Connection, entry: Entry, report: Report) -> None:
    rid = entry.id
    con.executemany("INSERT INTO reports VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", _rows([(
        rid, entry.title, entry.issuer, entry.place, entry.year, entry.kind, entry.issued_on,
        entry.path, entry.sha256, entry.source_sha256, entry.format,
        entry.chapters, entry.sections, entry.figures, entry.measures,
    )]))
    con.executemany("INSERT INTO sections VALUES (?,?,?,?,?,?,?,?)", _rows(
        (rid, s.id, c.id, c.number, c.title, s.number, s.title, s.text) for c in report.chapters for s in c.sections
    ))
    con.executemany("INSERT INTO figures VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", _rows(
        (rid, f.id, f.section, f.label, f.raw, f.value, f.scaled_value, f.value_high, f.unit,
         f.qualifier, f.kind, f.role, f.pair, f.sentence, f.start, f.end) for f in report.figures()
    ))
    con.executemany("INSERT INTO measures VALUES (?,?,?,?,?)", _rows(
        (rid, m.id, m.name, m.kind, len(m.mentions)) for m in report.measures
    ))
    con.executemany("INSERT INTO mentions VALUES (?,?,?,?,?)", _rows(
        (rid, m.id, x.section, x.start, x.end) for m in report.measures for x in m.mentions
    ))


def write_database(output: Path, reports: Iterable[tuple[Entry, Report]]) -> int:
    """Write the database to ``output`` atomically (:func:`tui.export_files.replacing`: a
    temporary file beside it, renamed over it at the end; a symbolic link at ``output`` is
    refused); returns the number of reports.  Nothing is left behind on error."""
    count = 0
    with replacing(Path(output)) as (_, tmp):
        con = sqlite3.connect(tmp)
        try:
            con.executescript(SCHEMA)
            con.executemany("INSERT INTO meta VALUES (?, ?)", [
                ("schema_version", str(DB_SCHEMA_VERSION)), ("ingest_version", ingest_fingerprint()),
                ("report_schema_version", str(SCHEMA_VERSION)),
                ("created_at", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())),
            ])
            for entry, report in reports:
                _insert_report(con, entry, report)
                count += 1
            con.commit()
        finally:
            con.close()
    return count
