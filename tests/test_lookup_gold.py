"""The engine against the corpus gold lists (tests/gold_lookups_corpus.py), per report.

Thresholds sit at the level reached when they were set, so that a regression shows.
"""

from __future__ import annotations

import pytest

from tests.conftest import TESTS
from tests.gold_lookups_corpus import REPORTS, matches
from tui.loading import load_report
from tui.search import SearchIndex

# report: (lookups in the top 3, lookups at rank 1) at least — the level reached when set (the
# issue asks for ≥ 90 % and ≥ 75 %).  Ties between the two values of a change now rank the later
# one first (消费贡献率由54.9%提高到58.8%: 58.8%), which put the national list at 57/57 at rank 1.
THRESHOLDS = {"sichuan": (60, 54), "national": (57, 57), "shuyang": (44, 40)}


def ranks_for(name: str) -> dict[str, int | None]:
    filename, gold = REPORTS[name]
    index = SearchIndex.build([load_report(TESTS / "corpus" / filename)])
    out = {}
    for _, query, expected in gold:
        hits = index.query(query, limit=10)
        out[query] = next((i for i, hit in enumerate(hits, 1) if matches(hit, expected)), None)
    return out


@pytest.fixture(scope="module", params=sorted(REPORTS))
def report_ranks(request):
    return request.param, ranks_for(request.param)


def test_gold_lists_are_big_and_varied():
    for name, (_, gold) in REPORTS.items():
        assert len(gold) >= 40, name
        assert len({q for _, q, _ in gold}) == len(gold), name
        assert {c for c, _, _ in gold} >= {"chinese", "own", "concept", "typo", "pinyin", "initials", "number",
                                          "multi"}, name


def test_top3_and_rank1(report_ranks):
    name, ranks = report_ranks
    top3, first = THRESHOLDS[name]
    assert top3 >= 0.90 * len(ranks) and first >= 0.75 * len(ranks)
    missed = [q for q, rank in ranks.items() if rank is None or rank > 3]
    assert len(ranks) - len(missed) >= top3, f"{name}: not in the top 3: {missed}"
    not_first = {q: rank for q, rank in ranks.items() if rank != 1}
    assert len(ranks) - len(not_first) >= first, f"{name}: not first: {not_first}"


if __name__ == "__main__":  # python -m tests.test_lookup_gold: the measured table
    for name in sorted(REPORTS):
        ranks = ranks_for(name)
        n = len(ranks)
        top3 = sum(1 for r in ranks.values() if r is not None and r <= 3)
        first = sum(1 for r in ranks.values() if r == 1)
        print(f"{name:<9} {n} lookups: top 3 {top3}/{n} ({top3 / n:.0%}), rank 1 {first}/{n} ({first / n:.0%})")
        for q, r in ranks.items():
            if r != 1:
                print(f"    {q}: {r}")
