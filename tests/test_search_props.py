"""Property tests: any query, kind filter and scope → no exception, spans inside the text."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.search import SearchIndex

from tests.test_search import make_report

ANY_CHAR = st.characters(blacklist_categories=())  # surrogates and control characters too
REPORT_CHARS = st.sampled_from(list("纠错率复议行政网上办理最多跑一次枫桥经验知识产权仲裁调解") + list("jcl wsbzdpyq"))
PIECES = st.sampled_from(["17.3", "%", "％", "4.8万", "877", "in:6", "f:", "m:", "@6.1", " ", "  ", "ü", "(", "*"])
QUERY = st.one_of(
    st.text(ANY_CHAR, max_size=40),
    st.lists(st.one_of(REPORT_CHARS, PIECES), max_size=12).map("".join),
)
KINDS = st.one_of(st.none(), st.lists(st.sampled_from(["figure", "measure", "section", "chapter", "text"]),
                                      min_size=1, max_size=3))
SCOPES = st.sampled_from([None, "1", "6", "6.1", "6.2", "9"])


@pytest.fixture(scope="module")
def index(bundled) -> SearchIndex:
    return SearchIndex.build([bundled, make_report()])


def check(hits, limit: int) -> None:
    assert len(hits) <= limit
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    for hit in hits:
        assert math.isfinite(hit.score)
        assert hit.kind in ("figure", "measure", "section", "chapter", "text")
        previous = -1
        for a, b in hit.spans:
            assert 0 <= a < b <= len(hit.text), (hit.text, hit.spans)
            assert a >= previous
            previous = b


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=QUERY, kinds=KINDS, scope=SCOPES, limit=st.integers(min_value=1, max_value=30))
def test_query_never_raises_and_spans_lie_inside_the_text(index, query, kinds, scope, limit):
    check(index.query(query, kinds=kinds, scope=scope, limit=limit), limit)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(REPORT_CHARS, min_size=1, max_size=12))
def test_every_prefix_as_typed(index, text):
    for k in range(1, len(text) + 1):
        check(index.query(text[:k], limit=10), 10)


def test_huge_query_does_bounded_work(index):
    """A 10,000-character query costs about what a short one does plus a little per character
    (lines of tui/ executed, counted, not timed).  Today: at most 14,700 lines (a short query
    about 1,000-6,000), and doubling the query's length adds at most as much again; a step
    that grew with the length squared would cost millions of lines and quadruple."""
    from tests.work_count import lines_run

    index.query("纠错率")  # (warm the index's caches)
    for unit in ("纠", "a", "1.", "纠错 "):
        work = {}
        for n in (5_000, 10_000):
            hits = []
            query = unit * (n // len(unit))
            work[n] = lines_run(lambda: hits.extend(index.query(query)))
            check(hits, 50)
        assert work[10_000] <= 16_000, (unit, work)
        assert work[10_000] <= 1.7 * work[5_000], (unit, work)