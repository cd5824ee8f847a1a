"""How a unit is written into the store's tantivy index: the schema, the tokenizer, the
document of a unit and its stored row.

This module and :mod:`tui.search.units` are what the index folder is named for
(:func:`tui.library.search_index.index_dir`): a change here makes the index again, a
change to how it is queried (:mod:`tui.search.store`, :mod:`tui.search.disk`) does not.
No Textual here.
"""

from __future__ import annotations

import re

import tantivy

#: The tokenizer's name is part of the stored schema: a store made with other grams
#: does not open (:class:`tui.search.store.StoreError`) instead of answering wrongly.
GRAMS = "units_ngram_1_2"
SURROGATE_RE = re.compile("[\ud800-\udfff]")
_I64 = (-(2**63), 2**63 - 1)
_FIELD_SEP = "\x00"


def schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("key", fast=True, tokenizer_name="raw", index_option="basic")
    builder.add_integer_field("kind", indexed=True, fast=True)
    builder.add_text_field("text", tokenizer_name=GRAMS, index_option="freq")
    builder.add_text_field("head", tokenizer_name=GRAMS, index_option="freq")  # a figure's label, a title …
    builder.add_text_field("initials", tokenizer_name=GRAMS, index_option="freq")
    builder.add_text_field("head_initials", tokenizer_name=GRAMS, index_option="freq")  # those of a unit with a head
    builder.add_text_field("scope", tokenizer_name="raw", index_option="basic")  # "6.1" and "6"
    builder.add_bytes_field("row", stored=True)  # kind, ord, key, payload: one stored value
    return builder.build()


def analyzer() -> tantivy.TextAnalyzer:
    return tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.ngram(min_gram=1, max_gram=2, prefix_only=False)).build()


def check_key(key: object) -> str:
    if not isinstance(key, str) or not key or _FIELD_SEP in key or SURROGATE_RE.search(key):
        raise ValueError(f"a unit key is a non-empty string without NUL or lone surrogates: {key!r:.80}")
    return key


def check_gram(gram: object) -> str:
    if not isinstance(gram, str) or not 1 <= len(gram) <= 2:
        raise ValueError(f"a gram is one or two characters: {gram!r:.80}")
    return gram


def document(key: str, unit: tuple) -> tantivy.Document:
    """The document of one unit under ``key`` (see :meth:`tui.search.store.UnitStore.add`)."""
    kind, ord_, text, *rest = unit
    section = ""
    head = ""
    if len(rest) == 4:
        initials, section, payload, head = rest
    elif len(rest) == 3:
        initials, section, payload = rest
    else:
        initials, payload = (rest[0], rest[1]) if len(rest) == 2 else ("", rest[0])
    if type(kind) is not int or not 0 <= kind <= 4:
        raise ValueError(f"a unit kind is an int 0-4: {kind!r:.40}")
    if type(ord_) is not int or not _I64[0] <= ord_ <= _I64[1]:
        raise ValueError(f"a unit ord is a 64-bit int: {ord_!r:.40}")
    if not all(isinstance(x, str) for x in (text, payload, initials, head)):
        raise ValueError("a unit's text, initials, payload and head are strings")
    doc = tantivy.Document()
    doc.add_text("key", key)
    doc.add_integer("kind", kind)
    doc.add_text("text", SURROGATE_RE.sub("\ufffd", text))
    if head:
        doc.add_text("head", SURROGATE_RE.sub("\ufffd", head))
        if initials:  # (one letter is in most sentences' initials: a query of one asks these)
            doc.add_text("head_initials", SURROGATE_RE.sub("\ufffd", initials))
    if initials:
        doc.add_text("initials", SURROGATE_RE.sub("\ufffd", initials))
    if section and isinstance(section, str) and not SURROGATE_RE.search(section):
        parts = section.split(".")
        for k in range(1, len(parts) + 1):
            doc.add_text("scope", ".".join(parts[:k]))
    row = f"{kind}{_FIELD_SEP}{ord_}{_FIELD_SEP}{key}{_FIELD_SEP}{payload}"
    doc.add_bytes("row", row.encode("utf-8", "surrogatepass"))
    return doc


def read_row(raw: bytes) -> tuple[str, int, int, str]:
    """A stored row → (key, kind, ord, payload)."""
    kind, ord_, key, payload = raw.decode("utf-8", "surrogatepass").split(_FIELD_SEP, 3)
    return key, int(kind), int(ord_), payload
