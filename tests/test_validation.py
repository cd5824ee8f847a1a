"""What a report JSON may hold: everything the app cannot show is refused on load.

Every refused case goes through the CLI twice (``validate X.json`` and
``outline --report X.json``: the app and every subcommand load through the same gate)
and must give exit status 2, exactly one line on stderr naming the field path, and no
traceback.  Issue 7, "Crashes": each case below validated, or crashed, before.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tui.cli import main
from tui.paths import bundled_report_path

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = json.loads(bundled_report_path().read_text(encoding="utf-8"))
CORPUS = sorted(p for p in (ROOT / "tests" / "corpus").iterdir() if p.name != "README.md")


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def refused(path: Path) -> str:
    """The one stderr line of ``validate`` and ``outline`` on ``path``, without the
    ``report-explorer: PATH: `` prefix (both must say the same)."""
    said = []
    for args in (["validate", str(path)], ["outline", "--report", str(path)]):
        result = run(*args)
        assert result.exit_code == 2, (args, result.output)
        assert "Traceback" not in result.output
        lines = result.stderr.splitlines()
        assert len(lines) == 1, lines
        assert result.stdout == ""
        prefix = f"report-explorer: {path}: "
        assert lines[0].startswith(prefix), lines[0]
        said.append(lines[0][len(prefix):])
    assert said[0] == said[1]
    return said[0]


def write(tmp_path: Path, data: dict | None = None, text: str | None = None) -> Path:
    path = tmp_path / "r.json"
    # json.dumps escapes non-ASCII (a lone surrogate becomes "\ud800") and writes NaN
    path.write_text(text if text is not None else json.dumps(data), encoding="utf-8")
    return path


def bundled() -> dict:
    return copy.deepcopy(BUNDLED)


def figure(data: dict, fi: int = 0) -> dict:
    return data["chapters"][0]["sections"][0]["figures"][fi]  # section 1.1, 370 characters


def rename_section(data: dict, old: str, new: str) -> None:
    """Give a section another id everywhere it is named (figures, pairs, mentions)."""
    for chapter in data["chapters"]:
        for section in chapter["sections"]:
            if section["id"] == old:
                section["id"] = new
            for fig in section["figures"]:
                fig["section"] = new if fig["section"] == old else fig["section"]
                fig["id"] = fig["id"].replace(f"{old}/", f"{new}/")
                fig["pair"] = fig["pair"] and fig["pair"].replace(f"{old}/", f"{new}/")
    for measure in data["measures"]:
        for mention in measure["mentions"]:
            mention["section"] = new if mention["section"] == old else mention["section"]


def test_the_bundled_report_and_a_renamed_section_are_valid(tmp_path):
    assert run("validate", str(bundled_report_path())).stdout == (
        f"{bundled_report_path()}: valid report: 7 chapters, 20 sections, 117 figures, 70 measures\n"
    )
    data = bundled()
    rename_section(data, "1.3", "1.9")  # the helper itself keeps a report valid
    assert run("validate", str(write(tmp_path, data))).exit_code == 0


# ---- what only a JSON text can hold ----------------------------------------------------


def test_lone_surrogate_in_a_title_is_refused_with_its_path(tmp_path):
    data = bundled()
    data["chapters"][0]["sections"][0]["title"] += "\ud800"
    assert refused(write(tmp_path, data)) == (
        r"not a valid report: chapters[0].sections[0].title: a lone surrogate (\ud800-\udfff) is not text"
    )


def test_lone_surrogate_in_a_key_is_refused_and_escaped(tmp_path):
    data = bundled()
    data["pinyin"]["\udc80"] = ["x"]
    assert refused(write(tmp_path, data)) == (
        r"not a valid report: pinyin['\udc80']: a lone surrogate (\ud800-\udfff) is not text"
    )


def test_lone_surrogate_crashed_outline_in_a_real_process(tmp_path):
    data = bundled()
    data["chapters"][0]["sections"][0]["title"] = "\udfff"
    path = write(tmp_path, data)
    proc = subprocess.run([sys.executable, "-m", "tui", "outline", "--report", str(path)],
                          capture_output=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 2
    assert b"Traceback" not in proc.stderr
    assert proc.stderr.decode("ascii") == (
        f"report-explorer: {path}: not a valid report: chapters[0].sections[0].title: "
        "a lone surrogate (\\ud800-\\udfff) is not text\n"
    )


def test_an_escaped_surrogate_pair_is_text(tmp_path):
    data = bundled()
    data["chapters"][0]["sections"][0]["title"] = "表情😀"  # written as "\ud83d\ude00"
    path = write(tmp_path, data)
    assert "\\ud83d\\ude00" in path.read_text(encoding="utf-8")
    result = run("outline", "--report", str(path))
    assert result.exit_code == 0
    assert "表情😀" in result.stdout


def test_json_nested_100000_deep_is_refused(tmp_path):
    text = '{"id": ' + "[" * 100_000 + "]" * 100_000 + "}"
    assert refused(write(tmp_path, text=text)) == (
        "not a report: the JSON is nested too deeply (a report needs 7 levels)"
    )


def test_a_5000_digit_integer_is_refused(tmp_path):
    text = bundled_report_path().read_text(encoding="utf-8")
    assert '"size": 20561,' in text
    text = text.replace('"size": 20561,', '"size": ' + "9" * 5000 + ",")
    assert refused(write(tmp_path, text=text)) == (
        "not a report: the JSON holds an integer of more than 4300 digits"
    )


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_not_json_and_are_located(tmp_path, constant):
    text = '{"id": "x",\n "title": ' + constant + "}"
    assert refused(write(tmp_path, text=text)) == (
        f"not valid JSON: {constant} is not a JSON number at line 2 column 11"
    )


def test_nan_in_a_figure_value_and_in_an_extra_field(tmp_path):
    data = bundled()
    figure(data)["value"] = float("nan")
    assert refused(write(tmp_path, data)).startswith("not valid JSON: NaN is not a JSON number at line 1 column ")
    data = bundled()
    data["note"] = float("inf")  # extra fields are fine; a non-JSON number is not
    assert refused(write(tmp_path, data)).startswith("not valid JSON: Infinity is not a JSON number at line 1 ")
    text = '{"title": "NaN Infinity", "x": Infinity}'  # the words in a string are not the number
    assert refused(write(tmp_path, text=text)) == "not valid JSON: Infinity is not a JSON number at line 1 column 32"


def test_a_number_too_large_for_a_float_is_refused(tmp_path):
    text = json.dumps(bundled()).replace('"value": 100.0,', '"value": 1e999,', 1)
    assert refused(write(tmp_path, text=text)) == (
        "not a valid report: chapters[0].sections[0].figures[0].value: Input should be a finite number"
    )


# ---- ids: shape, uniqueness, where they sit --------------------------------------------

def _set(path: tuple, value):
    def change(data: dict) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return change


F0 = ("chapters", 0, "sections", 0, "figures", 0)
M0 = ("measures", 0)


def _dup_section(data):
    data["chapters"][0]["sections"].append(copy.deepcopy(data["chapters"][0]["sections"][0]))


def _outside_chapter(data):
    rename_section(data, "1.3", "2.9")


def _mentions(*spans):
    return _set((*M0, "mentions"), [{"section": "1.1", "start": s, "end": e} for s, e in spans])


CASES = {
    # a newline after an id passed: "$" matches before a final newline
    "report id with newline": (_set(("id",), "wenzhou\n"),
                               """id: Value error, 'wenzhou\\n' is not an id like "wenzhou-2018-rule-of-law\""""),
    "chapter id with newline": (_set(("chapters", 0, "id"), "1\n"),
                                """chapters[0].id: Value error, '1\\n' is not an id like "6\""""),
    "figure id not <section>/f<n>": (_set((*F0, "id"), "1.1/x"),
                                     """chapters[0].sections[0].figures[0].id: Value error, '1.1/x' is not an id like "6.1/f3\""""),
    "figure id with newline": (_set((*F0, "id"), "1.1/f1\n"),
                               """chapters[0].sections[0].figures[0].id: Value error, '1.1/f1\\n' is not an id like "6.1/f3\""""),
    "figure id of another section": (_set((*F0, "id"), "2.1/f99"),
                                     "chapters[0].sections[0].figures[0].id: figure id '2.1/f99' does not start with its section's id '1.1'"),
    "measure id not m<n>": (_set((*M0, "id"), "x1"),
                            """measures[0].id: Value error, 'x1' is not an id like "m12\""""),
    "measure id with newline": (_set((*M0, "id"), "m1\n"),
                                """measures[0].id: Value error, 'm1\\n' is not an id like "m12\""""),
    "section outside its chapter": (_outside_chapter,
                                    "chapters[0].sections[2].id: section '2.9' is not in chapter '1'"),
    "duplicate chapter": (_set(("chapters", 1, "id"), "1"),
                          "chapters[1].id: chapter id '1' is used twice (also chapters[0])"),
    "duplicate section": (_dup_section,
                          "chapters[0].sections[3].id: section id '1.1' is used twice (also chapters[0].sections[0])"),
    "duplicate figure": (_set(("chapters", 0, "sections", 0, "figures", 1, "id"), "1.1/f1"),
                         "chapters[0].sections[0].figures[1].id: figure id '1.1/f1' is used twice "
                         "(also chapters[0].sections[0].figures[0])"),
    "duplicate measure": (_set(("measures", 1, "id"), "m1"),
                          "measures[1].id: measure id 'm1' is used twice (also measures[0])"),
    # pairs
    "pair names no figure": (_set((*F0, "pair"), "1.1/f99"),
                             "chapters[0].sections[0].figures[0].pair: '1.1/f99' names no figure of the report"),
    "pair not linked back": (_set((*F0, "pair"), "1.1/f2"),
                             "chapters[0].sections[0].figures[0].pair: 1.1/f2 does not pair back with 1.1/f1 "
                             "(its pair is None)"),
    "pair with itself": (_set((*F0, "pair"), "1.1/f1"),
                         "chapters[0].sections[0].figures[0].pair: figure 1.1/f1 is paired with itself"),
    "pair not an id": (_set((*F0, "pair"), "f2"),
                       """chapters[0].sections[0].figures[0].pair: Value error, 'f2' is not an id like "6.1/f3\""""),
    # figure offsets
    "figure start after end": (lambda d: figure(d).update(start=31, end=27),
                               "chapters[0].sections[0].figures[0].start: start 31 is after end 27"),
    "figure past the text": (lambda d: figure(d).update(start=368, end=400, raw="x"),
                             "chapters[0].sections[0].figures[0].end: end 400 is past the end of section 1.1 (370 characters)"),
    "figure with empty raw": (lambda d: figure(d).update(start=0, end=0, raw=""),
                              "chapters[0].sections[0].figures[0].raw: String should have at least 1 character"),
    # measures and their mentions
    "mention start after end": (_mentions((11, 6)), "measures[0].mentions[0].start: start 11 is after end 6"),
    "mention past the text": (_mentions((400, 405)),
                              "measures[0].mentions[0].end: end 405 is past the end of section 1.1 (370 characters)"),
    "empty measure name": (lambda d: (_set((*M0, "name"), "")(d), _mentions((400, 400))(d)),
                           "measures[0].name: String should have at least 1 character"),
    "blank measure name": (lambda d: d["measures"][0].update(name="\u3000\u3000", mentions=[]),
                           r"measures[0].name: the name '\u3000\u3000' is blank"),
    "section names no measure": (lambda d: d["chapters"][0]["sections"][0]["measures"].append("无此举措"),
                                 "chapters[0].sections[0].measures[7]: '无此举措' names no measure of the report"),
    # integers far outside any real value
    "huge size": (_set(("source", "size"), 10**30), "source.size: Input should be less than or equal to 2147483647"),
    "huge period": (_set(("period",), 10**30), "period: Input should be less than or equal to 9999"),
    "negative period": (_set(("period",), -1), "period: Input should be greater than or equal to 0"),
    "huge schema version": (_set(("schema_version",), 10**30),
                            "schema_version: Input should be less than or equal to 1"),
    "huge figure offset": (_set((*F0, "end"), 10**30),
                           "chapters[0].sections[0].figures[0].end: Input should be less than or equal to 2147483647"),
    "huge mention offset": (_mentions((6, 10**30)),
                            "measures[0].mentions[0].end: Input should be less than or equal to 2147483647"),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_broken_report_is_refused_with_its_field_path(tmp_path, case):
    change, expected = CASES[case]
    data = bundled()
    change(data)
    assert refused(write(tmp_path, data)) == f"not a valid report: {expected}"


def test_figure_table_data_of_a_refused_id_never_reaches_the_figures_command(tmp_path):
    data = bundled()
    figure(data)["id"] = "1.1/x"
    result = run("figures", "--csv", "--report", str(write(tmp_path, data)))
    assert result.exit_code == 2 and result.stdout == ""


def test_control_characters_in_a_key_never_reach_the_error_line(tmp_path):
    data = bundled()
    data["pinyin"] = {"\x1b]52;c;cHduZWQ=\x07": [1]}
    assert refused(write(tmp_path, data)) == (
        r"not a valid report: pinyin['\x1b]52;c;cHduZWQ=\x07'][0]: Input should be a valid string"
    )


# ---- what ingest writes always loads ---------------------------------------------------

@pytest.mark.parametrize("raw", CORPUS, ids=[p.name for p in CORPUS])
def test_every_corpus_text_ingests_to_a_valid_report(tmp_path, raw):
    out = tmp_path / "out.json"
    assert run("ingest", str(raw), "-o", str(out)).exit_code == 0
    result = run("validate", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{out}: valid report: ")
    assert run("figures", "--csv", "--report", str(out)).exit_code == 0
    from tui.loading import load_report

    again = tmp_path / "again.json"  # the round trip is byte-identical

    again.write_text(load_report(out).to_json(), encoding="utf-8")
    assert again.read_bytes() == out.read_bytes()


def test_blank_quoted_names_are_no_measures_and_the_report_loads(tmp_path):
    raw = tmp_path / "blank.txt"
    raw.write_text("关于2018年度工作的报告\n一、总体情况\n（一）印发《　》和《 》，推进“　”和“  ”工作，“　”再次“　”。\n"
                   "（二）印发《温州市行政复议规定》。\n", encoding="utf-8")
    out = tmp_path / "blank.json"
    assert run("ingest", str(raw), "-o", str(out)).exit_code == 0
    assert run("validate", str(out)).stdout == f"{out}: valid report: 1 chapters, 2 sections, 0 figures, 1 measures\n"
    assert [m["name"] for m in json.loads(out.read_text(encoding="utf-8"))["measures"]] == ["温州市行政复议规定"]
