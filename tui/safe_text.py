"""Report text → text that is safe to show, copy or print: the one place where it happens.

Report text is hostile data.  A report (a web page, a JSON someone hands you) may hold ESC,
C1 controls, bidi overrides, invisible format characters, whole OSC / CSI / DCS escape
sequences.  None of it may reach a terminal as a control sequence, a clipboard, or a file
of copied text.  Every path out goes through one of these (pure: no Textual, no Rich):

- :func:`clean` — for copied, exported and printed text: complete escape sequences are
  removed whole, then every unsafe character is removed; all visible text stays (a stray,
  unterminated ``ESC ]`` loses only the two control characters, never the text after it).
- :func:`visible` — for the screen: same length (offsets into the text stay valid), each
  unsafe character drawn as a visible stand-in (``␛``, ``␇`` … or ``�``).
- :func:`printable` — for messages (stderr, errors): one line, each unsafe character
  written as its escape (``\\x1b``, ``\\u202e``), so a hostile file name can be found.
- :func:`escape_json` — for JSON output: unsafe characters written as ``\\uXXXX`` escapes
  (astral ones as a surrogate pair), so the data is kept exactly and cannot drive a terminal.

What is unsafe (:data:`UNSAFE_RANGES`): C0 controls except tab and newline, DEL, C1 controls,
every format character (Unicode category Cf: bidi marks and overrides, zero-width spaces,
U+FEFF, U+00AD, U+180E, U+2060–U+2064, U+FFF9–U+FFFB, tag characters …) except U+200D
ZERO WIDTH JOINER (emoji sequences need it), the line and paragraph separators U+2028/2029,
and lone surrogates.  A test checks the ranges against every Cf character Python knows.
"""

from __future__ import annotations

import re

#: Inclusive code point ranges that never leave unchanged (tab and newline are not here).
UNSAFE_RANGES: tuple[tuple[int, int], ...] = (
    (0x0000, 0x0008),  # C0 controls (tab, newline kept) …
    (0x000B, 0x001F),  # … ESC and CR included
    (0x007F, 0x009F),  # DEL, C1 controls (8-bit CSI, OSC, ST, NEL …)
    (0x00AD, 0x00AD),  # soft hyphen
    (0x0600, 0x0605),  # Arabic number signs
    (0x061C, 0x061C),  # Arabic letter mark (bidi)
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x180E, 0x180E),  # Mongolian vowel separator
    (0x200B, 0x200C),  # zero-width space, zero-width non-joiner (U+200D ZWJ is kept)
    (0x200E, 0x200F),  # LRM, RLM
    (0x2028, 0x202E),  # line/paragraph separator, LRE RLE PDF LRO RLO
    (0x2060, 0x2064),  # word joiner, invisible operators
    (0x2066, 0x206F),  # LRI RLI FSI PDI, deprecated format characters
    (0xD800, 0xDFFF),  # lone surrogates (cannot even be encoded)
    (0xFEFF, 0xFEFF),  # zero-width no-break space / BOM
    (0xFFF9, 0xFFFB),  # interlinear annotation
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),  # Egyptian hieroglyph format controls
    (0x1BCA0, 0x1BCA3),  # shorthand format controls
    (0x1D173, 0x1D17A),  # musical symbol format controls
    (0xE0000, 0xE007F),  # tag characters
)


def _class(ranges: tuple[tuple[int, int], ...]) -> str:
    def char(code: int) -> str:
        return f"\\U{code:08x}"

    return "[" + "".join(char(a) if a == b else f"{char(a)}-{char(b)}" for a, b in ranges) + "]"


_UNSAFE = re.compile(_class(UNSAFE_RANGES))
#: Complete escape sequences, removed whole by :func:`clean`.  String bodies (OSC, DCS …)
#: must be printable ASCII and end with BEL or ST: an unterminated ``ESC ]`` matches only
#: as a two-character escape, so the text after it stays.
_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI … final byte
    r"|(?:\x1b\]|\x9d)[ -~]*(?:\x07|\x1b\\|\x9c)"  # OSC … BEL or ST
    r"|(?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[ -~]*(?:\x1b\\|\x9c)"  # DCS, SOS, PM, APC … ST
    r"|\x1b[ -/]+[0-~]"  # nF escapes: ESC, intermediates, final (ESC ( B)
    r"|\x1b[\[\]PX^_\\]"  # a lone CSI / OSC / DCS … introducer (ESC ] alone): its two characters
)
# Any other ESC (ESC 7, ESC c …) loses only the ESC itself: the character after it may be text.
_BLANKS = re.compile(r"[\t\n]+")


def is_unsafe(char: str) -> bool:
    """Is this one character one that never leaves unchanged?"""
    return _UNSAFE.match(char) is not None


def has_unsafe(text: str) -> bool:
    """Does ``text`` hold any unsafe character (ESC, C1, bidi, format …)?"""
    return _UNSAFE.search(text) is not None


def clean(text: str, *, lines: bool = True) -> str:
    """Remove escape sequences and unsafe characters; every visible character stays.

    ``lines=False`` (a notification, a query, one line of a message) also turns tabs and
    newlines into single spaces.
    """
    out = _UNSAFE.sub("", _SEQUENCE.sub("", text))
    return out if lines else _BLANKS.sub(" ", out)


def _visible_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for first, last in UNSAFE_RANGES:
        for code in range(first, last + 1):
            table[code] = "\ufffd"
    for code in range(0x20):
        table[code] = chr(0x2400 + code)  # ␀ … ␟: ␛ for ESC
    table[0x7F] = "\u2421"  # ␡
    table[0x09] = " "  # a tab is whitespace: one cell
    del table[0x0A]  # newlines are kept (the caller splits lines)
    return table


VISIBLE = str.maketrans(_visible_table())


def visible(text: str) -> str:
    """Text safe to draw, of the same length: each unsafe character as a visible symbol."""
    return text.translate(VISIBLE)


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def printable(text: str) -> str:
    """One line for a message: unsafe characters as ``\\x1b`` / ``\\u202e`` escapes, tabs
    and newlines as spaces."""
    return _UNSAFE.sub(lambda m: _escape(m.group()), _BLANKS.sub(" ", text))


def _json_escape(char: str) -> str:
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def escape_json(dumped: str) -> str:
    """Escape the unsafe characters of ``json.dumps(…, ensure_ascii=False)`` output.

    ``json.dumps`` escapes C0 controls inside strings itself, so every raw newline left is
    the JSON's own layout; the rest (C1, bidi, format characters, surrogates) becomes
    ``\\uXXXX`` — the same string once parsed.
    """
    return _UNSAFE.sub(lambda m: _json_escape(m.group()), dumped)
