"""The scripting CLI and its handling of bad input (one line on stderr, exit 2)."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tui.cli import main
from tui.paths import bundled_raw_path, bundled_report_path


def run(*args: str):
    return CliRunner().invoke(main, list(args), prog_name="report-explorer", catch_exceptions=False)


def one_line_error(result) -> str:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def test_outline_of_bundled_report():
    result = run("outline")
    assert result.exit_code == 0
    out = result.stdout
    for number in "一二三四五六七":
        assert f"  {number}、" in out
    assert "6.1  （一）完善行政复议工作制度" in out
    assert "7 chapters, 20 sections" in out


def test_outline_json():
    data = json.loads(run("outline", "--json").stdout)
    assert len(data) == 7 and sum(len(c["sections"]) for c in data) == 20


def test_show_section_text_md_json():
    text = run("show", "6.1").stdout
    assert text.startswith("(一)完善行政复议工作制度。")
    assert "纠错率17.3%" in text
    assert "——《温州市人民政府关于2018年度法治政府建设工作情况的报告》（温州市人民政府，2019年3月25日）" in text
    assert "（一）完善行政复议工作制度 [6.1]" in text
    md = run("show", "6.1", "--format", "md").stdout
    assert md.startswith("### 六、健全完善矛盾纠纷多元化解机制")
    data = json.loads(run("show", "6.1", "--format", "json").stdout)
    assert data["section"]["id"] == "6.1" and data["report"]["issued_on"] == "2019-03-25"


def test_show_unknown_section():
    assert "no section '9.9'" in one_line_error(run("show", "9.9"))


def test_figures_csv_and_json():
    rows = list(csv.DictReader(io.StringIO(run("figures", "--csv").stdout)))
    assert list(rows[0])[:7] == ["section", "label", "raw", "value", "unit", "qualifier", "kind"]
    change = next(r for r in rows if r["raw"] == "5.78%")
    assert change["role"] == "change"  # 比去年提高5.78%: a change, not a rate
    span = next(r for r in rows if r["raw"] == "5-20天")
    assert (span["value"], span["value_high"]) == ("5.0", "20.0")
    rate = next(r for r in rows if r["raw"] == "17.3%")
    assert rate["section"] == "6.1" and "纠错率" in rate["label"] and rate["kind"] == "percent"
    assert all(r["kind"] != "date" for r in rows)
    data = json.loads(run("figures", "--json", "--in", "6.1").stdout)
    assert data and all(f["section"] == "6.1" for f in data)


def test_schema_is_json_schema():
    schema = json.loads(run("schema").stdout)
    assert schema["title"] == "Report" and "chapters" in schema["properties"]


def test_ingest_reproduces_the_bundled_json(tmp_path):
    out = tmp_path / "out.json"
    result = run("ingest", str(bundled_raw_path()), "-o", str(out))
    assert result.exit_code == 0
    assert out.read_bytes() == bundled_report_path().read_bytes(), (
        "data/*.json is stale: regenerate it with `report-explorer ingest` (see README)"
    )


def test_ingest_to_stdout_is_deterministic():
    first = run("ingest", str(bundled_raw_path())).stdout
    assert first == run("ingest", str(bundled_raw_path())).stdout


def test_validate_ok_and_wrong_field_type(tmp_path):
    assert run("validate", str(bundled_report_path())).exit_code == 0
    data = json.loads(bundled_report_path().read_text(encoding="utf-8"))
    del data["chapters"][2]["sections"][0]["title"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert one_line_error(run("validate", str(bad))).endswith("chapters[2].sections[0].title: Field required")
    data = json.loads(bundled_report_path().read_text(encoding="utf-8"))
    data["chapters"][0]["sections"][0]["figures"][0]["value"] = "many"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert "chapters[0].sections[0].figures[0].value" in one_line_error(run("validate", str(bad)))


@pytest.mark.parametrize(
    "content,expect",
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x00\x01\x02\x03binary\x00" * 50, "binary"),
        (b"\xff\xfe\xfd\x80\x81 not text \xc3\x28", "cannot decode"),
    ],
    ids=["empty", "blank", "binary", "undecodable"],
)
def test_bad_raw_files(tmp_path, content, expect):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    assert expect in one_line_error(run("outline", "--report", str(path)))
    assert expect in one_line_error(run("ingest", str(path)))


def test_missing_file_and_directory(tmp_path):
    assert "no such file" in one_line_error(run("outline", "--report", str(tmp_path / "nope.txt")))
    assert "is a directory" in one_line_error(run("ingest", str(tmp_path)))
    assert "no such file" in one_line_error(run("nope.json"))  # the app is never started


@pytest.mark.parametrize(
    "content,expect",
    [("[1, 2]", "not a report"), ("{\"id\": 1}", "not a valid report"), ("{oops", "not valid JSON")],
)
def test_bad_json(tmp_path, content, expect):
    path = tmp_path / "r.json"
    path.write_text(content)
    assert expect in one_line_error(run("validate", str(path)))
    assert expect in one_line_error(run("figures", "--report", str(path)))


def test_20_mb_text_is_refused_above_the_documented_limit(tmp_path, seed_bytes):
    path = tmp_path / "big.txt"
    path.write_bytes(seed_bytes * (20 * 1024 * 1024 // len(seed_bytes) + 1))
    assert "is over the 16 MB limit" in one_line_error(run("ingest", str(path)))


def test_markup_and_escapes_stay_literal_but_never_reach_the_terminal(tmp_path):
    evil = ("标题\n一、[bold red]红色[/bold red]章\n(一)节[link=http://x]点我[/link]。"
            "含\x1b[31m转义\x1b[0m和\x1b]52;c;ZXZpbA==\x07剪贴板，共5件。\n")
    raw = tmp_path / "evil.txt"
    raw.write_text(evil, encoding="utf-8")
    out = tmp_path / "evil.json"
    assert run("ingest", str(raw), "-o", str(out)).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    text = data["chapters"][0]["sections"][0]["text"]
    assert "[link=http://x]" in text and "\x1b[31m" in text  # kept literally in the data
    assert data["chapters"][0]["title"] == "[bold red]红色[/bold red]章"
    for args in (["show", "1.1"], ["figures"], ["figures", "--csv"], ["figures", "--json"], ["outline"]):
        shown = run(*args, "--report", str(out)).stdout
        assert "\x1b" not in shown and "\x07" not in shown
    shown = run("show", "1.1", "--report", str(out)).stdout
    assert "[link=http://x]点我[/link]" in shown and "转义" in shown


def test_console_script_runs_without_traceback(tmp_path):
    """The installed ``report-explorer`` (the console script of pyproject.toml), not ``python -m``."""
    script = shutil.which("report-explorer")
    assert script, "report-explorer is not on PATH: pip install -e '.[test]'"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([script, "outline", "--report", str(tmp_path / "x.txt")],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == f"report-explorer: {tmp_path / 'x.txt'}: no such file\n"
    done = subprocess.run([script, "show"], capture_output=True, text=True, env=env, timeout=60)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "report-explorer: missing argument 'SECTION' (see report-explorer show --help)\n"
    done = subprocess.run([script, "show", "7.1"], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("(一)落实政府主要负责人履行推进法治建设第一责任人职责。")


def test_every_cli_test_sees_tracebacks():
    """Each ``CliRunner().invoke`` in tests/ passes ``catch_exceptions=False``: otherwise an
    exception is only exit status 1, and a test of "no crash" passes on a crash."""
    import ast

    loose = []
    for path in sorted(Path(__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "invoke":
                if not any(k.arg == "catch_exceptions" and isinstance(k.value, ast.Constant) and k.value.value is False
                           for k in node.keywords):
                    loose.append(f"{path.name}:{node.lineno}")
    assert loose == []


@pytest.mark.parametrize(
    "args, line",
    [
        (["show"], "missing argument 'SECTION' (see report-explorer show --help)"),
        (["show", "6.1", "--format", "xml"],
         "invalid value for '--format': 'xml' is not one of 'text', 'md', 'json' (see report-explorer show --help)"),
        (["outline", "--bogus"], "no such option '--bogus' (see report-explorer outline --help)"),
        (["outline", "--jsn"], "no such option '--jsn'; did you mean '--json'? (see report-explorer outline --help)"),
        (["outline", "--report"], "option '--report' requires an argument (see report-explorer outline --help)"),
        (["--section"], "option '--section' requires an argument (see report-explorer open --help)"),
        (["ingest"], "missing argument 'RAW' (see report-explorer ingest --help)"),
        (["validate", "a.json", "b.json"], "got unexpected extra argument (b.json) (see report-explorer validate --help)"),
        (["schema", "--x"], "no such option '--x' (see report-explorer schema --help)"),
        (["--bogus"], "no such option '--bogus' (see report-explorer open --help)"),
        (["show", "6.1", "--format", "\x1b]52;c;cHduZWQ=\x07"],  # an OSC 52 as the value: written as escapes
         "invalid value for '--format': '\\x1b]52;c;cHduZWQ=\\x07' is not one of 'text', 'md', 'json' "
         "(see report-explorer show --help)"),
    ],
)
def test_usage_errors_are_one_line(args, line):
    """click prints usage errors on four lines (usage, hint, blank, error); here: one."""
    result = run(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"report-explorer: {line}\n")


def test_figures_in_an_unknown_scope_and_ingest_of_json_are_errors():
    assert "no chapter or section '99'" in one_line_error(run("figures", "--in", "99"))
    assert "already a report JSON" in one_line_error(run("ingest", str(bundled_report_path())))


def test_json_output_escapes_invisible_characters_instead_of_dropping_them(tmp_path):
    raw = tmp_path / "zw.txt"
    raw.write_text("标题\n一、甲\n(一)零\u200b宽\u202e字，共5件。\n", encoding="utf-8")
    out = tmp_path / "zw.json"
    run("ingest", str(raw), "-o", str(out))
    shown = run("show", "1.1", "--format", "json", "--report", str(out)).stdout
    assert "\u200b" not in shown and "\\u200b" in shown
    assert json.loads(shown)["section"]["text"] == "(一)零\u200b宽\u202e字，共5件。"
    assert "\u200b" not in run("show", "1.1", "--report", str(out)).stdout


def test_report_json_whose_offsets_do_not_match_its_text_is_invalid(tmp_path):
    data = json.loads(bundled_report_path().read_text(encoding="utf-8"))
    data["chapters"][0]["sections"][0]["figures"][0]["start"] += 1
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert "start/end do not point at" in one_line_error(run("validate", str(bad)))
    data = json.loads(bundled_report_path().read_text(encoding="utf-8"))
    data["id"] = "../../escape"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert "id: Value error, '../../escape' is not an id like" in one_line_error(run("validate", str(bad)))


def test_show_preamble_and_closing():
    assert run("show", "closing").stdout.startswith("回顾过去一年我市法治政府建设工作")
    assert "前言 [preamble]" in run("show", "preamble").stdout


def test_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)
    assert "not a regular file" in one_line_error(run("outline", "--report", str(fifo)))
