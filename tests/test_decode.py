"""Decoding: encodings and line ends detected from the bytes, never guessed from the name."""

from __future__ import annotations

import codecs

import pytest

from tui.errors import ReportError
from tui.ingest.decode import decode_bytes

TEXT = "温州市人民政府\n一、“最多跑一次”改革\n(一)纠错率17.3％。\n"


@pytest.mark.parametrize(
    "raw,encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
    ],
    ids=["utf-8", "utf-8-bom", "gb18030", "gbk", "utf-16", "utf-16-be"],
)
def test_encodings_are_detected(raw, encoding):
    decoded = decode_bytes(raw, "report.utf8.txt")  # the name says utf8: it is not believed
    assert decoded.encoding == encoding
    assert decoded.text == TEXT


@pytest.mark.parametrize(
    "newline,kind", [("\n", "LF"), ("\r\n", "CRLF"), ("\r", "CR"), ("\r\r\n", "CRLF")]
)
def test_line_ends_are_normalised(newline, kind):
    decoded = decode_bytes(TEXT.replace("\n", newline).encode("utf-8"))
    assert decoded.text == TEXT
    assert decoded.newline == kind


def test_mixed_line_ends():
    assert decode_bytes("a\r\nb\nc".encode()).newline == "mixed"


def test_sha256_and_size_are_of_the_raw_bytes():
    raw = TEXT.encode("gb18030")
    decoded = decode_bytes(raw)
    assert decoded.size == len(raw)
    assert decoded.sha256 == __import__("hashlib").sha256(raw).hexdigest()


@pytest.mark.parametrize("raw", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(256)) * 4])
def test_binary_is_refused(raw):
    with pytest.raises(ReportError):
        decode_bytes(raw, "x.txt")
