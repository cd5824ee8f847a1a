"""Resource limits that hold (issue 7): what ingest writes always loads, and the work it
does per figure is bounded — asserted in bytes, never in seconds (timings live in
``bench/ingest.py``).

The figure-dense text is the benchmark's synthetic 统计公报 (distinct sentences, every
clause a figure: 全市规模以上工业增加值2203.5亿元，比上年增长6.3%；其中…), so the test
and the benchmark measure the same kind of text.
"""

from __future__ import annotations

import gc
import importlib.util
import json
import re
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

import tui.ingest.pipeline as pipeline
import tui.loading as loading
from tui.cli import main
from tui.errors import ReportError
from tui.ingest import ingest_bytes, ingest_file
from tui.ingest.decode import MAX_BYTES, MAX_JSON_BYTES
from tui.ingest.pipeline import report_json
from tui.loading import load_report, report_from_json
from tui.paths import bundled_raw_path

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024


def _bench():
    spec = importlib.util.spec_from_file_location("bench_ingest", ROOT / "bench" / "ingest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def dense_1mb() -> bytes:
    raw = _bench().synthetic("dense", 1.0)
    assert 1.0 * MB <= len(raw) < 1.01 * MB
    return raw


@pytest.fixture(scope="module")
def dense_report(dense_1mb):
    return ingest_bytes(dense_1mb, "bulletin.txt")


def test_the_synthetic_bulletin_is_dense_and_its_sentences_distinct(dense_1mb):
    text = dense_1mb.decode("utf-8")
    paragraphs = [line for line in text.splitlines() if line.endswith("。")]  # not headings
    sentences = [s for line in paragraphs for s in line.split("。") if s]
    assert len(sentences) > 7_500  # 7,872: about 4 figures each
    assert len(set(sentences)) == len(sentences)


def test_a_dense_1mb_text_gives_a_report_json_that_loads(dense_report):
    text = report_json(dense_report, "bulletin.txt")
    data = text.encode("utf-8")
    # today 18.3 bytes of JSON per byte of text (one figure per ~32 bytes, ~590 bytes each)
    assert len(data) < 19 * MB
    assert len(dense_report.figures()) > 32_000
    loaded = report_from_json(data, "bulletin.json")
    assert len(loaded.figures()) == len(dense_report.figures())
    assert loaded.figures()[-1] == dense_report.figures()[-1]


def test_the_figures_of_one_sentence_share_one_sentence_string(dense_report):
    figures = dense_report.figures()
    distinct = {id(f.sentence) for f in figures}
    # about 4 figures per sentence in a bulletin: one string each, not one per figure
    assert len(distinct) * 3 < len(figures)
    assert sum(1 for f in figures if f.sentence.endswith("。")) > 0.99 * len(figures)


def test_memory_retained_per_figure_is_bounded():
    raw = _bench().synthetic("dense", 0.25)
    gc.collect()
    tracemalloc.start()
    try:
        report = ingest_bytes(raw, "bulletin.txt", with_pinyin=False)
        gc.collect()
        retained, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    figures = len(report.figures())
    assert figures > 8_000
    # today ~970 bytes per figure retained (section texts included), ~1,140 at the peak;
    # 1,870 retained before figures shared their sentence and their set of field names
    assert retained / figures < 1_100
    assert peak / figures < 1_300


def test_ingest_refuses_a_text_whose_json_would_be_over_the_limit_before_building_it_all(monkeypatch, dense_1mb):
    monkeypatch.setattr(pipeline, "MAX_JSON_BYTES", 2 * MB)
    with pytest.raises(ReportError) as err:
        ingest_bytes(dense_1mb, "bulletin.txt")
    message = str(err.value)
    assert message.startswith("bulletin.txt: the report JSON would be over the 2 MB limit for a report JSON (")
    assert re.search(r" figures by section 2\.\d+, about 600 bytes each\): split the text$", message)
    assert "\n" not in message
    # stopped at about a ninth of the text (2 of 18 MB), not after building every figure
    figures = int(re.search(r"\((?:over )?(\d+) figures", message).group(1))
    assert 3_000 < figures < 4_000


def test_report_json_checks_the_exact_size_past_the_early_estimate(monkeypatch):
    raw = bundled_raw_path().read_bytes()
    # the bundled report: 139,601 bytes of JSON; the early estimate (a lower bound) 90,726
    name = "wenzhou-2018-rule-of-law.txt"
    monkeypatch.setattr(pipeline, "MAX_JSON_BYTES", 120_000)
    report = ingest_bytes(raw, name)  # passes the estimate
    with pytest.raises(ReportError, match=r"^wenzhou-2018-rule-of-law\.txt: the report JSON would be over the "
                                          r"0\.114 MB limit for a report JSON \(117 figures, about 600 bytes each\)"):
        report_json(report, name)
    monkeypatch.setattr(pipeline, "MAX_JSON_BYTES", 80_000)
    with pytest.raises(ReportError, match=r"^wenzhou-2018-rule-of-law\.txt: the report JSON would be over the "
                                          r"0\.0763 MB limit for a report JSON \((over )?\d+ figures by section \d+\.\d+, "):
        ingest_bytes(raw, name)
    monkeypatch.setattr(pipeline, "MAX_JSON_BYTES", 140_000)
    written = report_json(ingest_bytes(raw, name), name).encode()
    assert len(written) == 139_601
    assert written == (ROOT / "data" / "wenzhou-2018-rule-of-law.json").read_bytes()


def test_cli_ingest_over_the_json_limit_is_one_line_exit_2_and_writes_nothing(monkeypatch, tmp_path, dense_1mb):
    source = tmp_path / "bulletin.txt"
    source.write_bytes(dense_1mb)
    out = tmp_path / "bulletin.json"
    monkeypatch.setattr(pipeline, "MAX_JSON_BYTES", 2 * MB)
    result = CliRunner().invoke(main, ["ingest", str(source), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "over the 2 MB limit for a report JSON" in lines[0]
    assert not out.exists()


def test_a_report_json_over_the_text_limit_but_under_the_json_limit_loads(tmp_path):
    assert MAX_JSON_BYTES == 96 * MB and MAX_BYTES == 16 * MB
    report = ingest_file(bundled_raw_path())
    path = tmp_path / "big.json"
    body = report_json(report, "x").rstrip("\n")
    # valid JSON padded past the 16 MB text limit: as large as ingest may write
    path.write_text(body[:-1] + " " * (17 * MB) + "}\n", encoding="utf-8")
    assert path.stat().st_size > MAX_BYTES
    assert len(load_report(path).figures()) == 117


def test_a_report_json_over_the_json_limit_is_refused_with_one_line(monkeypatch, tmp_path):
    path = tmp_path / "huge.json"
    path.write_text(json.dumps({"padding": " " * (3 * MB)}), encoding="utf-8")
    monkeypatch.setattr(loading, "MAX_JSON_BYTES", 2 * MB)
    with pytest.raises(ReportError, match=r"huge\.json: is over the 2 MB limit for a report file$"):
        load_report(path)


def test_a_pathological_section_is_refused_while_scanning_with_memory_bounded_by_the_limit(monkeypatch):
    # one section of bare figures, 1项，2项，3项… (7-11 bytes of text each, ~550 of JSON)
    raw = ("某市统计公报\n" + "".join(f"{i}项，" for i in range(1, 60_000))).encode("utf-8")
    monkeypatch.setattr(pipeline, "MAX_JSON_BYTES", MB)
    gc.collect()
    tracemalloc.start()
    try:
        with pytest.raises(ReportError) as err:
            ingest_bytes(raw, "bad.txt")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    message = str(err.value)
    match = re.fullmatch(r"bad\.txt: the report JSON would be over the 1 MB limit for a report JSON "
                         r"\(over (\d+) figures by section 1\.0, about 600 bytes each\): split the text", message)
    assert match, message
    # (1 MB less the section's characters) / 326 bytes at least per figure: stopped there,
    # not after the 59,999 figures of the section were labelled and built
    assert 1_900 < int(match.group(1)) < 2_000  # 1,962
    assert peak < 12 * MB  # today 9.6 MB: the text, its copies, ~2,000 figures found; ~80 MB if built
