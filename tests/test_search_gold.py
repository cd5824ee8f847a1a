"""The engine against the gold list: ≥ 95 % of lookups in the top 3, ≥ 80 % at rank 1."""

from __future__ import annotations

import pytest

from tests.gold_lookups import GOLD, matches
from tui.search import SearchIndex


@pytest.fixture(scope="module")
def ranks(bundled) -> dict[str, int | None]:
    index = SearchIndex.build([bundled])
    out = {}
    for _, query, expected in GOLD:
        hits = index.query(query, limit=10)
        out[query] = next((i for i, hit in enumerate(hits, 1) if matches(hit, expected)), None)
    return out


def test_gold_list_is_big_and_varied():
    assert len(GOLD) >= 40
    assert {category for category, _, _ in GOLD} >= {"chinese", "pinyin", "initials", "number", "typo", "swapped"}


def test_top3_at_least_95_percent(ranks):
    missed = [q for q, rank in ranks.items() if rank is None or rank > 3]
    assert 1 - len(missed) / len(ranks) >= 0.95, f"not in the top 3: {missed}"


def test_rank1_at_least_80_percent(ranks):
    missed = {q: rank for q, rank in ranks.items() if rank != 1}
    assert 1 - len(missed) / len(ranks) >= 0.80, f"not first: {missed}"
