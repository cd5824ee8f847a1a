"""A persistent on-disk character index of opaque *units* (tantivy).

A unit is ``(kind, ord, text, initials, payload)`` (or without ``initials``) filed under
a report ``key``: ``kind`` 0–4, ``ord`` any 64-bit int, ``text`` already folded
(:func:`tui.search.text.fold`), ``initials`` the initials of its readings
(:mod:`tui.search.units`), ``payload`` any string, given back as it was.  Both texts are
indexed as every single character and every adjacent pair of characters (spaces and
punctuation included, nothing lower-cased or dropped), so a query is a set of such
*grams*: :meth:`UnitStore.search` (must / should grams of the text) or
:meth:`UnitStore.search_groups` (one gram of each group, in either field).  The store knows
nothing about reports; :mod:`tui.search` turns reports into units and rescores what
:meth:`UnitStore.search` returns.

On disk: one tantivy index per folder (``meta.json`` and segment files).  Changes are
invisible, to this store and to any other, until :meth:`UnitStore.commit`; a crash
before it leaves the last committed state, which opens as before.  A folder that cannot
be read as this store's index (corrupt, another schema, another tantivy format) raises
:class:`StoreError`: delete the folder and rebuild.  Each commit writes a segment and
syncs (0.1–0.4 s at 1,000 reports' units): commit a batch of reports, not each one.

What is written — the schema, a unit's document, its stored row — is
:mod:`tui.search.unit_format` (the index folder is named for it, not for this module).

A store reads one snapshot: the committed state when it was opened, then after each of
its own commits; :meth:`UnitStore.refresh` picks up a commit made by another process.

Threads: :meth:`~UnitStore.search` and :meth:`~UnitStore.keys` may run in any thread,
also while another thread adds or commits; the writing methods take a lock.  tantivy
searches, and commits, without holding the interpreter lock.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

import tantivy

from tui.search.unit_format import GRAMS, SURROGATE_RE, analyzer, check_gram, check_key, document, read_row, schema

#: The fields a gram of :meth:`UnitStore.search_groups` may be asked in
FIELDS = ("text", "head", "initials", "head_initials")


class AtLeast(NamedTuple):
    """An option of a group of :meth:`UnitStore.search_groups`: a unit holding ``n`` of
    ``grams`` (``(field, gram)`` pairs), all of them when ``n`` is their number."""

    n: int
    grams: tuple[tuple[str, str], ...]
    boost: float = 1.0  # its BM25 score times this


class AnyOf(NamedTuple):
    """A part of an :class:`AllOf`: a unit holding one of ``options`` (each a ``(field,
    gram)`` pair or an :class:`AtLeast`)."""

    options: tuple[tuple[str, str] | AtLeast, ...]


class AllOf(NamedTuple):
    """An option of a group of :meth:`UnitStore.search_groups`: a unit holding every one
    of ``parts`` (each a ``(field, gram)`` pair, an :class:`AtLeast` or an :class:`AnyOf`),
    scored by the BM25 of all of them."""

    parts: tuple[tuple[str, str] | AtLeast | AnyOf, ...]


def _check_field(field: str) -> None:
    if field not in FIELDS:
        raise ValueError(f"a gram's field is one of {', '.join(FIELDS)}: {field!r:.40}")


#: Writer memory (bytes, split between the threads) and indexing threads.
WRITER_HEAP = 64_000_000
WRITER_THREADS = 1
#: Up to this many keys, a key filter is a boolean of term queries, else a term set
#: (measured: at 10 keys terms are faster, at 1,000 a set).
_FEW_KEYS = 64
#: Stored rows kept per searcher (a few hundred a keystroke; about 10 MB): the next
#: keystroke's units are mostly the last one's, and reading a row is a third of a search.
ROWS_KEPT = 20_000


class StoreError(Exception):
    """The folder is not a readable index of this store (corrupt, incompatible, unreadable):
    the caller deletes it and rebuilds."""


class StoreLocked(Exception):
    """Another writer (in this or another process) holds the folder's write lock.  Not a
    :class:`StoreError`: the index is fine, it must not be deleted."""


def _fail(what: str, exc: BaseException) -> StoreError:
    return StoreError(f"{what}: {type(exc).__name__}: {exc}".replace("\n", " ")[:500])


class UnitStore:
    """Units of many reports on disk, searched by character grams with BM25."""

    def __init__(self, path: Path, index: tantivy.Index, searcher: tantivy.Searcher) -> None:
        self.path = path
        self._index: tantivy.Index | None = index
        self._schema = index.schema
        self._writer: tantivy.IndexWriter | None = None
        self._lock = threading.Lock()
        self._snap = _Snapshot(searcher)

    @classmethod
    def open(cls, path: Path) -> UnitStore:
        """Open the store in ``path``, creating the folder and an empty index if missing."""
        path = Path(path)
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _fail(f"cannot make {path}", exc) from None
        try:
            if tantivy.Index.exists(str(path)) and not tantivy.Index.is_compatible(str(path)):
                raise StoreError(f"{path}: made by an incompatible tantivy version")
            index = tantivy.Index(schema(), path=str(path), reuse=True)
            index.register_tokenizer(GRAMS, analyzer())
            index.config_reader(reload_policy="Manual")  # one snapshot until commit/refresh
            searcher = index.searcher()  # opens every segment now: a missing or torn one fails here
        except StoreError:
            raise
        except BaseException as exc:  # tantivy raises ValueError, OSError or a Rust panic
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            raise _fail(f"cannot open the index in {path}", exc) from None
        return cls(path, index, searcher)

    def _live(self) -> tantivy.Index:
        if self._index is None:
            raise RuntimeError("the UnitStore is closed")
        return self._index

    def keys(self) -> dict[str, int]:
        """Committed report keys → number of their units (removed ones left out)."""
        self._live()
        return dict(self._snap.counts(self.path))

    def refresh(self) -> None:
        """Read the index's last commit (made by another process since open)."""
        with self._lock:
            self._reload()

    def _reload(self) -> None:
        try:
            self._live().reload()
            self._snap = _Snapshot(self._live().searcher())
        except RuntimeError:
            raise
        except Exception as exc:
            raise _fail(f"cannot read the index in {self.path}", exc) from None

    def _writer_(self) -> tantivy.IndexWriter:
        if self._writer is None:
            try:
                self._writer = self._live().writer(heap_size=WRITER_HEAP, num_threads=WRITER_THREADS)
            except ValueError as exc:
                if "LockBusy" in str(exc):
                    raise StoreLocked(f"{self.path}: another writer holds the index") from None
                raise _fail(f"cannot write the index in {self.path}", exc) from None
        return self._writer

    def add(self, key: str, units: Iterable[tuple]) -> None:
        """Add units under ``key`` (uncommitted): ``(kind, ord, text, initials, section,
        payload, head)``, ``(kind, ord, text, initials, section, payload)``, ``(kind, ord,
        text, initials, payload)`` or ``(kind, ord, text, payload)`` (``head``: none
        where not given); ``section`` (``"6.1"``) puts the unit in the scopes ``6.1`` and ``6``.  Text: lone surrogates become U+FFFD;
        payload: kept exactly (lone surrogates too)."""
        key = check_key(key)
        docs = []
        for unit in units:
            docs.append(document(key, unit))
        with self._lock:
            writer = self._writer_()
            for doc in docs:
                writer.add_document(doc)

    def remove(self, key: str) -> None:
        """Remove every unit of ``key``, those added before this call (uncommitted)."""
        key = check_key(key)
        with self._lock:
            self._writer_().delete_documents_by_term("key", key)

    def commit(self) -> None:
        """Make the changes durable and visible to :meth:`search` and :meth:`keys`."""
        with self._lock:
            if self._writer is None:
                return
            try:
                self._writer.commit()
            except Exception as exc:
                raise _fail(f"cannot commit the index in {self.path}", exc) from None
            self._reload()

    def search(self, *, must: Sequence[str] = (), should: Sequence[tuple[str, float]] = (),
               kinds: Collection[int] | None = None, keys: Collection[str] | None = None,
               limit: int = 500) -> list[tuple[float, str, int, int, str]]:
        """Committed units whose text holds every ``must`` gram (without ``must``: at least
        one ``should`` gram), ``should`` grams (boost > 0; others are dropped) adding
        ``boost`` × their BM25 score, in
        ``kinds`` and ``keys`` when given.  → ``(score, key, kind, ord, payload)``, best first
        (ties in index order), at most ``limit``."""
        self._live()
        musts = list(dict.fromkeys(check_gram(g) for g in must))
        shoulds: dict[str, float] = {}
        for gram, boost in should:
            check_gram(gram)
            if not math.isfinite(boost := float(boost)):
                raise ValueError(f"a should boost is a finite number: {boost!r}")
            shoulds[gram] = max(boost, shoulds.get(gram, boost))
        if any(SURROGATE_RE.search(g) for g in musts):
            return []  # (the index holds no lone surrogate)
        shoulds = {g: b for g, b in shoulds.items() if not SURROGATE_RE.search(g) and b > 0}
        if limit <= 0 or not (musts or shoulds):
            return []
        schema, Q, Must = self._schema, tantivy.Query, tantivy.Occur.Must
        clauses = [(Must, Q.term_query(schema, "text", g, index_option="freq")) for g in musts]
        optional = [(tantivy.Occur.Should, Q.boost_query(Q.term_query(schema, "text", g, index_option="freq"), b))
                    for g, b in shoulds.items()]
        if musts:
            clauses += optional
        else:  # its own query: beside a filter, a should alone would be optional
            clauses.append((Must, Q.boolean_query(optional)))
        snap = self._snap
        filters = self._filters(snap, kinds, keys)
        if filters is None:
            return []
        return self._run(snap, clauses + filters, limit)

    def search_groups(self, groups: Sequence[Sequence[tuple[str, str]]], *, kinds: Collection[int] | None = None,
                      keys: Collection[str] | None = None, scope: str | None = None,
                      limit: int = 500) -> list[tuple[float, str, int, int, str]]:
        """Committed units holding at least one ``(field, gram)`` of every group (a field of
        :data:`FIELDS`; an option of a group may instead be an :class:`AtLeast`
        or an :class:`AllOf` of them), scored by the BM25 of all the grams they hold, in
        ``kinds``, ``keys`` and the section ``scope`` (``"6"``, ``"6.1"``) when given → as
        :meth:`search`."""
        self._live()
        snap = self._snap
        if (not scope and kinds is None and len(groups) == 1 and limit > 0
                and (kept := snap.answers.get(tuple(dict.fromkeys(groups[0])))) is not None
                and limit <= kept[0] and keys is kept[1]):
            return kept[2][:limit]  # (answered when the snapshot was read: keep_answers)
        schema, Q = self._schema, tantivy.Query
        clauses = []
        if scope:
            clauses.append((tantivy.Occur.Must, Q.const_score_query(Q.term_query(schema, "scope", scope), 0.0)))
        for group in groups:
            options = self._options(group)
            if not options:
                return []  # a group nothing can match
            clauses.append((tantivy.Occur.Must, Q.boolean_query(options)))
        if limit <= 0 or not groups:
            return []
        return self._ask(snap, options, clauses, kinds, keys, limit)

    def _ask(self, snap: _Snapshot, options: list, clauses: list, kinds: Collection[int] | None,
             keys: Collection[str] | None, limit: int) -> list[tuple[float, str, int, int, str]]:
        filters = self._filters(snap, kinds, keys)
        if filters is None:
            return []
        if len(clauses) == 1 and not filters:  # one group alone: its disjunction is the query
            return self._run(snap, options, limit)  # (tantivy prunes a flat one faster: 25-35 %)
        return self._run(snap, clauses + filters, limit)

    def keep_answers(self, groups: Iterable[Sequence[tuple[str, str] | AtLeast]], limit: int,
                     keys: Collection[str] | None = None) -> None:
        """Answer the one-group queries ``groups`` now (each group's best ``limit`` units in
        ``keys``, no other filter) and keep the answers with this snapshot:
        :meth:`search_groups` gives them back for the same query, with this very ``keys``
        object, without asking the index (a commit or refresh drops them).  For the few
        queries of very long posting lists asked again and again (a letter typed alone: the
        heads' initials holding it, 20-30 ms at 10,000 reports)."""
        self._live()
        if limit <= 0:
            return
        snap = self._snap
        for group in groups:
            key = tuple(dict.fromkeys(group))
            if options := self._options(group):
                snap.answers[key] = (limit, keys, self._ask(
                    snap, options, [(tantivy.Occur.Must, tantivy.Query.boolean_query(options))], None, keys, limit))

    def _options(self, group: Sequence[tuple[str, str] | AtLeast]) -> list:
        """The Should clauses of a group's options (those no unit can hold left out)."""
        options = []
        for option in dict.fromkeys(group):
            if (q := self._option(option)) is not None:
                options.append((tantivy.Occur.Should, q))
        return options

    def _option(self, option: tuple[str, str] | AtLeast | AnyOf | AllOf) -> tantivy.Query | None:
        """The query for units holding ``option``; None when none can."""
        if isinstance(option, AnyOf):
            options = [q for q in (self._option(o) for o in dict.fromkeys(option.options)) if q is not None]
            if len(options) <= 1:
                return options[0] if options else None
            return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in options])
        if isinstance(option, AllOf):
            parts = [self._option(part) for part in dict.fromkeys(option.parts)]
            if not parts or any(q is None for q in parts):
                return None
            return parts[0] if len(parts) == 1 else tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in parts])
        if isinstance(option, AtLeast):
            return self._at_least(option)
        return self._gram_query(*option)

    def _at_least(self, option: AtLeast) -> tantivy.Query | None:
        """The query for units holding ``option.n`` of its grams; None when none can."""
        n = int(option.n)
        parts = [q for q in (self._gram_query(field, gram) for field, gram in dict.fromkeys(option.grams)) if q is not None]
        if n <= 0 or len(parts) < n:
            return None
        Q = tantivy.Query
        if n == len(parts):
            query = Q.boolean_query([(tantivy.Occur.Must, q) for q in parts])
        else:
            query = Q.boolean_query([(tantivy.Occur.Should, q) for q in parts], minimum_number_should_match=n)
        return query if option.boost == 1.0 else Q.boost_query(query, float(option.boost))

    def _gram_query(self, field: str, gram: str) -> tantivy.Query | None:
        """The query for units holding ``gram`` in ``field``; None for one no unit can hold."""
        _check_field(field)
        if SURROGATE_RE.search(check_gram(gram)):
            return None
        return tantivy.Query.term_query(self._schema, field, gram, index_option="freq")

    def pairs_from(self, field: str, ch: str) -> tuple[str, ...]:
        """The grams of two characters in ``field`` that begin with ``ch`` (of the units
        committed; kept with this snapshot of the index)."""
        self._live()
        _check_field(field)
        snap = self._snap
        found = snap.pairs.get((field, ch))
        if found is None:
            if SURROGATE_RE.search(check_gram(ch)):
                return ()
            try:
                terms = snap.searcher.terms_with_prefix(field, ch)
            except Exception as exc:
                raise _fail(f"cannot read the index in {self.path}", exc) from None
            found = snap.pairs[(field, ch)] = tuple(t for t, _ in terms if len(t) == 2)
        return found

    def doc_freq(self, field: str, gram: str) -> int:
        """Units holding ``gram`` in ``field`` (removed ones counted until a merge)."""
        self._live()
        try:
            return self._snap.searcher.doc_freq(field, gram)
        except Exception as exc:
            raise _fail(f"cannot read the index in {self.path}", exc) from None

    def num_docs(self) -> int:
        """Units committed (removed ones left out)."""
        self._live()
        return self._snap.searcher.num_docs

    def _filters(self, snap: _Snapshot, kinds: Collection[int] | None, keys: Collection[str] | None) -> list | None:
        """Clauses keeping ``kinds`` and ``keys`` (score 0); None when nothing can pass."""
        schema, Q, Must = self._schema, tantivy.Query, tantivy.Occur.Must
        clauses = []
        if kinds is not None:
            if not kinds:
                return None
            if any(type(k) is not int for k in kinds):
                raise ValueError(f"kinds are ints: {kinds!r:.80}")
            # (a term query per kind: tantivy walks its postings alongside the grams'; a term
            # set query makes a bit set of every unit of those kinds first, 1.5-2 ms at 1,000 reports)
            options = [(tantivy.Occur.Should, Q.term_query(schema, "kind", k)) for k in sorted(set(kinds))]
            clauses.append((Must, Q.const_score_query(options[0][1] if len(options) == 1 else Q.boolean_query(options), 0.0)))
        if keys is not None:
            stored = snap.counts(self.path)
            wanted = {k for k in keys if isinstance(k, str) and k in stored}
            if not wanted:
                return None
            if len(wanted) * 2 > len(stored):  # the other keys are fewer: leave them out
                if others := sorted(stored.keys() - wanted):
                    clauses.append((tantivy.Occur.MustNot, self._key_query(others)))
            else:
                clauses.append((Must, Q.const_score_query(self._key_query(sorted(wanted)), 0.0)))
        return clauses

    def _run(self, snap: _Snapshot, clauses: list, limit: int) -> list[tuple[float, str, int, int, str]]:
        Q = tantivy.Query
        searcher = snap.searcher
        seen = snap.rows
        out = []
        try:
            hits = searcher.search(Q.boolean_query(clauses), limit, count=False).hits
            for score, address in hits:
                at = (address.segment_ord, address.doc)
                row = seen.get(at)
                if row is None:  # (a keystroke's units are mostly the keystroke before's)
                    raw = searcher.doc(address).get_first("row")
                    if len(seen) >= ROWS_KEPT:
                        seen.clear()
                    row = seen[at] = read_row(raw)
                out.append((score, *row))
        except Exception as exc:
            raise _fail(f"cannot search the index in {self.path}", exc) from None
        return out

    def _key_query(self, keys: list[str]) -> tantivy.Query:
        Q = tantivy.Query
        if len(keys) <= _FEW_KEYS:
            return Q.boolean_query([(tantivy.Occur.Should, Q.term_query(self._schema, "key", k)) for k in keys])
        return Q.term_set_query(self._schema, "key", keys)

    def release(self) -> None:
        """Drop the writer (uncommitted changes with it) and so the write lock; a later
        :meth:`add` or :meth:`remove` takes it again."""
        with self._lock:
            writer, self._writer = self._writer, None
            if writer is not None:
                try:
                    writer.rollback()
                except Exception:
                    pass
                del writer

    def close(self) -> None:
        """Drop uncommitted changes, release the write lock; the store cannot be used after."""
        with self._lock:
            writer, self._writer, self._index = self._writer, None, None
            if writer is not None:
                try:
                    writer.rollback()
                except Exception:
                    pass
                del writer  # dropping the writer stops its merges and frees the lock

    def __enter__(self) -> UnitStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Snapshot:
    """One committed state: its searcher and, once asked for, its keys and their counts."""

    def __init__(self, searcher: tantivy.Searcher) -> None:
        self.searcher = searcher
        #: the stored rows read, by address (valid for this searcher only): (key, kind, ord, payload)
        self.rows: dict[tuple[int, int], tuple[str, int, int, str]] = {}
        #: a group's options → (limit, keys, its best units): see UnitStore.keep_answers
        self.answers: dict[tuple, tuple[int, Collection[str] | None, list[tuple[float, str, int, int, str]]]] = {}
        #: (field, character) → the grams of two characters in that field that begin with it
        self.pairs: dict[tuple[str, str], tuple[str, ...]] = {}
        self._counts: dict[str, int] | None = None
        self._lock = threading.Lock()

    def counts(self, path: Path) -> dict[str, int]:
        with self._lock:
            if self._counts is None:
                self._counts = self._read(path)
            return self._counts

    def _read(self, path: Path) -> dict[str, int]:
        n = self.searcher.num_docs
        if n == 0:
            return {}
        agg = {"keys": {"terms": {"field": "key", "size": n, "shard_size": n}}}
        try:
            found = self.searcher.aggregate(tantivy.Query.all_query(), agg)["keys"]
        except Exception as exc:
            raise _fail(f"cannot read the keys of {path}", exc) from None
        if found.get("sum_other_doc_count") or found.get("doc_count_error_upper_bound"):
            raise StoreError(f"{path}: key counts are not exact")
        return {bucket["key"]: bucket["doc_count"] for bucket in found["buckets"]}
