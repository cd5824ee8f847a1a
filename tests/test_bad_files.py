"""Bad PDF, HTML and DOCX files (issue 11): one line on stderr and exit 2 on every path a
user takes — `ingest F`, `report-explorer F`, `show --report F` — and one line for that
file in a folder, never a traceback.  A format library failing names the library and the
exception; a bug in a reader names the file and line of report-explorer's code.

Every bad file is built here from a real corpus file (or from nothing).  CLI runs are in
process with ``catch_exceptions=False`` (a traceback fails the test), plus one subprocess
per kind of failure to see what a user's terminal sees.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from tui.cli import main

FORMATS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "formats"
pytestmark = pytest.mark.skipif(not FORMATS.is_dir(), reason="the shared corpus is not here")
HONGZE = FORMATS / "hongze-2023-information-disclosure-annual-report.pdf"
SHANGHAI = FORMATS / "shanghai-2025-government-work-report.docx"
SHUYANG = FORMATS / "shuyang-fgj-2023-information-disclosure-annual-report.html"
SEED = Path(__file__).resolve().parents[1] / "data" / "wenzhou-2018-rule-of-law.txt"
_WORD = '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'


def _truncated_pdf(path: Path) -> None:
    raw = HONGZE.read_bytes()
    path.write_bytes(raw[: len(raw) // 3])


def _garbage_xref_pdf(path: Path) -> None:
    """startxref points past the end, and the trailer that names /Root is garbage: pdfium
    rebuilds the cross-reference table and opens it, pdfminer finds no /Root."""
    raw = HONGZE.read_bytes()
    at = raw.rfind(b"startxref")
    path.write_bytes(raw[:at] + b"startxref\n999999999\n%%EOF\n")


def _docx_without_document_xml(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/styles.xml", "<w:styles/>")


def _docx_without_content_types(path: Path) -> None:
    """word/document.xml is there (so it is detected as Word), the package index is not."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", f"{_WORD}<w:body><w:p><w:r><w:t>报告</w:t></w:r></w:p></w:body></w:document>")


def _docx_zip_bomb(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<" + b" " * (20 * 1024 * 1024))


def _html_of_scripts(path: Path) -> None:
    script = "".join(f"var v{i} = {i};\n" for i in range(700_000))
    path.write_text(f"<html><head><title></title><script>{script}</script></head><body></body></html>")
    assert path.stat().st_size > 10_000_000


def _html_nested(levels: int):
    """libxml2 drops text nested deeper than 2048 elements (255 without huge_tree): refused,
    not lost; and so is a page deeper than the reader's walk can recurse (about 900)."""
    def build(path: Path) -> None:
        path.write_text("<html><body>" + "<div>" * levels + "一、总体情况" + "</div>" * levels + "</body></html>",
                        encoding="utf-8")
    return build


def _encrypted_pdf(path: Path) -> None:
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        pytest.skip("qpdf (apt install qpdf) is needed to make an encrypted PDF")
    subprocess.run([qpdf, "--encrypt", "user-pw", "owner-pw", "256", "--", str(HONGZE), str(path)], check=True)


def _pdf_named_text_that_is_broken(path: Path) -> None:
    """%PDF- at the top of a .txt: a PDF by content, whatever the name says (and a bad one)."""
    path.write_bytes(b"%PDF-1.7\n" + "一、总体情况\n".encode() * 100)


# (file name, how to build it, words the one line must hold)
BAD = [
    ("truncated.pdf", _truncated_pdf, ("cannot read the PDF", "truncated")),
    ("garbage-xref.pdf", _garbage_xref_pdf, ("cannot read the PDF", "pdfplumber", "PdfminerException", "/Root")),
    ("encrypted.pdf", _encrypted_pdf, ("encrypted", "password")),
    ("pdf-in-a-txt.txt", _pdf_named_text_that_is_broken, ("cannot read the PDF",)),
    ("no-document-xml.docx", _docx_without_document_xml, ("without word/document.xml",)),
    ("no-content-types.docx", _docx_without_content_types,
     ("cannot read the Word document", "docx", "KeyError", "[Content_Types].xml")),
    ("bomb.docx", _docx_zip_bomb, ("zip bomb",)),
    ("scripts.html", _html_of_scripts, ("no text outside its scripts",)),
    ("deep.html", _html_nested(3000), ("nests its elements too deep",)),  # past libxml2's 2048
    ("deep-1500.html", _html_nested(1500), ("nests its elements too deep",)),  # past the walk's recursion
]


@pytest.fixture(scope="module")
def bad_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bad")
    for name, build, _ in BAD:
        try:
            build(folder / name)
        except pytest.skip.Exception:
            pass
    return folder


def _bad(bad_dir: Path, name: str) -> Path:
    path = bad_dir / name
    if not path.exists():
        pytest.skip(f"{name} could not be built here")
    return path


def run(*args: str):
    return CliRunner().invoke(main, list(args), prog_name="report-explorer", catch_exceptions=False)


def _one_line(result, path: Path, words: tuple[str, ...]) -> str:
    assert result.exit_code == 2, (result.exit_code, result.stderr[-400:])
    assert result.stdout == ""
    lines = result.stderr.strip().split("\n")
    assert len(lines) == 1, lines
    line = lines[0]
    assert line.startswith(f"report-explorer: {path}: "), line
    for word in words:
        assert word in line, (word, line)
    return line


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORT_EXPLORER_CACHE_DIR", str(tmp_path / "cache"))


@pytest.mark.parametrize("name,words", [(n, w) for n, _, w in BAD], ids=[n for n, _, _ in BAD])
def test_ingest_open_and_show_say_one_line(bad_dir, name, words):
    path = _bad(bad_dir, name)
    for args in (["ingest", str(path)], [str(path)], ["show", "1.1", "--report", str(path)]):
        _one_line(run(*args), path, words)


def test_a_folder_lists_each_bad_file_with_its_reason_and_keeps_the_good_one(bad_dir, tmp_path):
    folder = tmp_path / "reports"
    shutil.copytree(bad_dir, folder)
    shutil.copy(SEED, folder / SEED.name)
    result = run("library", str(folder))
    assert result.exit_code == 0, result.stderr
    assert "wenzhou-2018-rule-of-law" in result.stdout
    built = sorted(p.name for p in folder.iterdir() if p.name != SEED.name)
    lines = result.stderr.strip().split("\n")
    assert lines[0] == f"report-explorer: skipped {len(built)} files:"
    assert len(lines) == 1 + len(built)
    reasons = {line.split(": ", 1)[0].strip(): line.split(": ", 1)[1] for line in lines[1:]}
    assert sorted(Path(p).name for p in reasons) == built
    for name, _, words in BAD:
        if name in built:
            reason = reasons[str(folder / name)]
            assert all(w in reason for w in words), (name, reason)
            assert "Traceback" not in reason


@pytest.mark.parametrize("name", ["garbage-xref.pdf", "no-content-types.docx", "deep.html"])
def test_what_a_terminal_sees(bad_dir, name):
    """The installed entry point in a subprocess: one line, exit 2, nothing on stdout."""
    path = _bad(bad_dir, name)
    done = subprocess.run([sys.executable, "-m", "tui", "ingest", str(path)], capture_output=True, text=True,
                          timeout=120)
    assert (done.returncode, done.stdout) == (2, "")
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().split("\n")) == 1, done.stderr


def test_a_pdf_that_is_really_html_is_read_as_html(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(SHUYANG.read_bytes())
    result = run("outline", "--report", str(path))
    assert result.exit_code == 0, result.stderr
    assert "收到和处理政府信息公开申请情况" in result.stdout


def test_a_bug_in_a_reader_names_its_file_and_line(tmp_path, monkeypatch):
    """Not a bad file but a bug: the line says where in report-explorer it is."""
    import tui.ingest.read_pdf as read_pdf

    def broken(*args, **kwargs):
        return [][0]

    monkeypatch.setattr(read_pdf, "_assemble", broken)
    path = tmp_path / "good.pdf"
    shutil.copy(HONGZE, path)
    line = _one_line(run("ingest", str(path)), path, ("an error in report-explorer's PDF reader",
                                                       "IndexError", "please report it"))
    assert "tests/test_bad_files.py" not in line  # the reader's frame is named, not the test's
    assert "tui/ingest/read_pdf.py:" in line



def test_a_page_nested_300_deep_keeps_its_text():
    """Past 255 levels libxml2's default parser drops text without a word; not here."""
    from tui.ingest import ingest_bytes

    page = "<html><body>" + "<div>" * 300 + "<p>一、总体情况</p><p>全年主动公开政府信息12条。</p>" + "</div>" * 300
    report = ingest_bytes((page + "</body></html>").encode(), "deep.html", with_pinyin=False)
    assert [c.heading for c in report.chapters] == ["一、总体情况"]
    assert [f.raw for f in report.figures()] == ["12条"]


def test_a_pdf_with_damaged_streams_is_read_with_one_warning(tmp_path):
    """Half of a content stream zeroed: pdfminer logs "Data-loss while decompressing" for it
    (once per stream, through Python's last-resort handler, straight to stderr); here it is
    one ingest warning that says text may be missing, and nothing else reaches stderr."""
    import re

    raw = HONGZE.read_bytes()
    damaged, cut = bytearray(raw), 0
    for m in re.finditer(rb"stream\r?\n", raw):
        start, end = m.end(), raw.find(b"endstream", m.end())
        if end - start > 2000:
            middle = start + (end - start) // 2
            damaged[middle:end - 20] = bytes(end - 20 - middle)
            cut += 1
        if cut == 3:
            break
    path = tmp_path / "damaged.pdf"
    path.write_bytes(bytes(damaged))
    done = subprocess.run([sys.executable, "-m", "tui", "ingest", str(path), "-o", str(tmp_path / "out.json")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.strip().split("\n")
    assert all(line.startswith(("report-explorer: ", "wrote ")) for line in lines), lines
    damage = [line for line in lines if "the PDF is damaged" in line]
    assert len(damage) == 1 and "Data-loss while decompressing" in damage[0] and "text may be missing" in damage[0]
