"""The on-disk unit store (tui.search.store): grams, filters, commits, bad folders."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from tui.search.store import AllOf, AnyOf, AtLeast, StoreError, StoreLocked, UnitStore


def payloads(hits) -> list[str]:
    return [hit[4] for hit in hits]


def make(path, units: dict[str, list[tuple[int, int, str, str]]]) -> UnitStore:
    store = UnitStore.open(path)
    for key, rows in units.items():
        store.add(key, rows)
    store.commit()
    return store


TWO = {
    "wenzhou-2018": [(4, 0, "行政复议纠错率为17.3%", "s1"), (4, 1, "网上办理事项877项", "s2"), (0, 7, "纠错率", "f7")],
    "ningbo-2019": [(4, 0, "复议案件办结", "n1"), (4, 1, "城镇新增就业人数", "n2")],
}


def test_committed_units_and_key_counts_survive_reopening(tmp_path):
    make(tmp_path / "idx", TWO).close()
    store = UnitStore.open(tmp_path / "idx")
    assert store.keys() == {"wenzhou-2018": 3, "ningbo-2019": 2}
    hits = store.search(must=["办", "理"])
    assert [(key, kind, ord_, payload) for _, key, kind, ord_, payload in hits] == [("wenzhou-2018", 4, 1, "s2")]
    store.close()


def test_opening_makes_missing_folders_and_an_empty_store(tmp_path):
    store = UnitStore.open(tmp_path / "a" / "b")
    assert store.keys() == {}
    assert store.search(must=["复"]) == []
    assert (tmp_path / "a" / "b" / "meta.json").is_file()


def test_a_unit_lacking_a_must_gram_never_returns(tmp_path):
    store = make(tmp_path, {"r": [(4, 0, "复议纠错率", "both"), (4, 1, "纠错率提升", "no-fu"), (4, 2, "复查纠错", "no-yi")]})
    assert payloads(store.search(must=["复", "议"])) == ["both"]
    # a pair is a gram of its own: 复 and 议 apart do not make 复议
    store.add("s", [(4, 0, "议定复核", "apart")])
    store.commit()
    assert payloads(store.search(must=["复议"])) == ["both"]
    assert sorted(payloads(store.search(must=["复", "议"]))) == ["apart", "both"]


def test_a_rarer_should_gram_ranks_first_and_a_boost_can_outweigh_it(tmp_path):
    store = make(tmp_path, {"r": [(4, 0, "增长率高", "B"), (4, 1, "纠错率高", "A"), (4, 2, "增长率低", "C"),
                                  (4, 3, "增长率平", "D"), (4, 4, "完成率平", "E")]})
    hits = store.search(must=["率"], should=[("纠错", 1.0), ("增长", 1.0)])
    assert payloads(hits)[0] == "A"
    assert payloads(hits)[-1] == "E"  # no should gram: still returned (must only), last
    assert [h[0] for h in hits] == sorted((h[0] for h in hits), reverse=True)
    boosted = store.search(must=["率"], should=[("纠错", 1.0), ("增长", 10.0)])
    assert payloads(boosted)[-2:] == ["A", "E"]


def test_without_must_grams_a_unit_needs_one_should_gram_even_beside_filters(tmp_path):
    store = make(tmp_path, {"r": [(4, 0, "纠错率高", "A"), (4, 1, "增长率高", "B")], "q": [(4, 0, "完成率", "C")]})
    assert payloads(store.search(should=[("纠错", 1.0)])) == ["A"]
    assert payloads(store.search(should=[("纠错", 1.0)], kinds=[4], keys=["r", "q"])) == ["A"]
    assert store.search() == []


def test_kinds_and_keys_filters(tmp_path):
    store = make(tmp_path / "idx", TWO)
    assert payloads(store.search(must=["纠"], kinds=[0])) == ["f7"]
    assert sorted(payloads(store.search(must=["纠"], kinds=[0, 4]))) == ["f7", "s1"]
    assert sorted(payloads(store.search(must=["复"]))) == ["n1", "s1"]
    assert payloads(store.search(must=["复"], keys=["ningbo-2019"])) == ["n1"]
    assert payloads(store.search(must=["复"], keys={"wenzhou-2018", "nowhere"})) == ["s1"]
    assert store.search(must=["复"], keys=["nowhere"]) == []
    assert store.search(must=["复"], keys=[]) == []
    assert store.search(must=["复"], kinds=[]) == []
    assert store.search(must=["复"], kinds=[1, 2, 3]) == []


@pytest.mark.parametrize("wanted", [1, 10, 65, 99, 130, 150, 199, 200])
def test_a_keys_filter_of_any_size_keeps_exactly_those_keys(tmp_path, wanted):
    # (small sets, large sets, and their complements take different queries)
    store = make(tmp_path, {f"k{n:03}": [(4, 0, f"第{n}项复议", f"p{n}")] for n in range(200)})
    keys = [f"k{n:03}" for n in range(0, 400, 2)][:wanted] if wanted <= 100 else [f"k{n:03}" for n in range(wanted)]
    hits = store.search(must=["复", "议"], keys=keys, limit=1000)
    assert sorted(h[1] for h in hits) == sorted(keys)


def test_limit_keeps_the_best(tmp_path):
    store = make(tmp_path, {"r": [(4, n, "复议" + "办" * n, f"p{n}") for n in range(20)]})
    assert payloads(store.search(must=["复议"], limit=3)) == ["p0", "p1", "p2"]  # shortest first (BM25)
    assert store.search(must=["复议"], limit=0) == []


def test_removed_keys_stay_removed_after_reopening(tmp_path):
    make(tmp_path / "idx", TWO).close()
    store = UnitStore.open(tmp_path / "idx")
    store.remove("wenzhou-2018")
    assert store.keys() == {"wenzhou-2018": 3, "ningbo-2019": 2}  # not before the commit
    store.commit()
    assert store.keys() == {"ningbo-2019": 2}
    store.close()
    store = UnitStore.open(tmp_path / "idx")
    assert store.keys() == {"ningbo-2019": 2}
    assert payloads(store.search(must=["复"])) == ["n1"]


def test_remove_then_add_in_one_commit_replaces_a_report(tmp_path):
    store = make(tmp_path, TWO)
    store.remove("ningbo-2019")
    store.add("ningbo-2019", [(4, 0, "复议决定书", "new")])
    store.commit()
    assert store.keys() == {"wenzhou-2018": 3, "ningbo-2019": 1}
    assert sorted(payloads(store.search(must=["复"]))) == ["new", "s1"]


def test_uncommitted_adds_are_invisible_now_and_after_reopening(tmp_path):
    store = make(tmp_path / "idx", {"a": [(4, 0, "复议", "a0")]})
    store.add("b", [(4, 0, "复议纠错", "b0")])
    store.remove("a")
    assert payloads(store.search(must=["复"])) == ["a0"]
    store.close()
    store = UnitStore.open(tmp_path / "idx")
    assert store.keys() == {"a": 1}
    assert payloads(store.search(must=["复"])) == ["a0"]


CRASH = """
import os, sys
from tui.search.store import UnitStore
store = UnitStore.open(sys.argv[1])
store.add("kept", [(4, 0, "复议纠错率", "kept")])
store.commit()
store.add("lost", [(4, 0, "复议纠错率", "lost")])
os._exit(3)
"""


def test_a_crash_before_commit_leaves_the_committed_state_writable(tmp_path):
    done = subprocess.run([sys.executable, "-c", CRASH, str(tmp_path / "idx")], capture_output=True, text=True)
    assert done.returncode == 3, done.stderr
    store = UnitStore.open(tmp_path / "idx")
    assert store.keys() == {"kept": 1}
    store.add("after", [(4, 0, "复议", "after")])  # the dead writer's lock is gone
    store.commit()
    assert store.keys() == {"kept": 1, "after": 1}


def test_a_second_writer_is_refused_as_locked_not_corrupt(tmp_path):
    first = make(tmp_path, {"a": [(4, 0, "复议", "a0")]})
    first.add("b", [(4, 0, "复议", "b0")])  # holds the writer
    second = UnitStore.open(tmp_path)  # reading is fine
    assert second.keys() == {"a": 1}
    with pytest.raises(StoreLocked):
        second.add("c", [(4, 0, "复议", "c0")])
    assert not issubclass(StoreLocked, StoreError)
    first.commit()
    assert second.keys() == {"a": 1}  # its snapshot
    second.refresh()
    assert second.keys() == {"a": 1, "b": 1}
    first.close()
    second.add("c", [(4, 0, "复议", "c0")])  # the lock is free once the first is closed
    second.commit()
    assert second.keys() == {"a": 1, "b": 1, "c": 1}


def _run_child(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


@pytest.mark.parametrize("damage", ["garbage", "empty", "truncated", "no-segment-file", "torn-segment"])
def test_a_damaged_folder_raises_store_error_on_open(tmp_path, damage):
    folder = tmp_path / "idx"
    make(folder, TWO).close()
    meta = folder / "meta.json"
    if damage == "garbage":
        meta.write_bytes(b"\x00\xffnot json{{")
    elif damage == "empty":
        meta.write_bytes(b"")
    elif damage == "truncated":
        meta.write_bytes(meta.read_bytes()[:100])
    elif damage == "no-segment-file":
        next(folder.glob("*.idx")).unlink()
    else:
        term = next(folder.glob("*.term"))
        term.write_bytes(term.read_bytes()[:7])
    with pytest.raises(StoreError):
        UnitStore.open(folder)


def test_damage_reaches_the_caller_as_one_store_error_in_a_child_process(tmp_path):
    # what a user sees: no tantivy traceback, no panic message on stderr
    folder = tmp_path / "idx"
    make(folder, TWO).close()
    (folder / "meta.json").write_text("garbage", encoding="utf-8")
    done = _run_child(f"""
from tui.search.store import UnitStore, StoreError
try:
    UnitStore.open({str(folder)!r})
except StoreError as exc:
    print("StoreError", str(exc).count(chr(10)))
""")
    assert done.stdout.strip() == "StoreError 0"
    assert done.stderr == ""


def test_another_index_in_the_folder_or_a_file_instead_of_it_is_a_store_error(tmp_path):
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("title", stored=True)
    tantivy.Index(builder.build(), path=str(tmp_path))
    with pytest.raises(StoreError):
        UnitStore.open(tmp_path)
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError):
        UnitStore.open(tmp_path / "file")


def test_cjk_and_pairs_with_digits_and_letters(tmp_path):
    store = make(tmp_path, {"r": [(4, 0, "5g基站覆盖率", "5g"), (4, 1, "gdp增速6.5%", "gdp"), (4, 2, "g5国道", "g5"),
                                  (4, 3, "第五代移动通信", "cn")]})
    assert payloads(store.search(must=["5g"])) == ["5g"]
    assert payloads(store.search(must=["gd"])) == ["gdp"]
    assert payloads(store.search(must=["g5"])) == ["g5"]
    assert sorted(payloads(store.search(must=["g"]))) == ["5g", "g5", "gdp"]
    assert payloads(store.search(must=["6", "."], should=[("6.", 1.0)])) == ["gdp"]
    assert payloads(store.search(must=["通信"])) == ["cn"]
    assert store.search(must=["G"]) == []  # grams are matched as given: text and query come folded


def test_payloads_come_back_exactly_and_odd_text_is_indexed(tmp_path):
    odd = "a\x00b\udc80c\n“引号”"
    store = make(tmp_path, {"r": [(3, -5, "复\udc80议 纠错", odd), (1, 2**63 - 1, "", "empty text")]})
    assert store.search(must=["复"]) == [(pytest.approx(store.search(must=["复"])[0][0]), "r", 3, -5, odd)]
    assert payloads(store.search(must=[" "])) == [odd]  # spaces are grams too
    assert store.search(must=["\udc80"]) == []
    assert store.keys() == {"r": 2}


def test_bad_arguments_are_refused_before_anything_is_written(tmp_path):
    store = UnitStore.open(tmp_path)
    with pytest.raises(ValueError):
        store.add("r", [(5, 0, "复议", "")])
    with pytest.raises(ValueError):
        store.add("r", [(4, 1.5, "复议", "")])
    with pytest.raises(ValueError):
        store.add("", [(4, 0, "复议", "")])
    with pytest.raises(ValueError):
        store.search(must=["复议纠"])
    with pytest.raises(ValueError):
        store.search(should=[("复", float("nan"))])
    with pytest.raises(ValueError):
        store.search(must=["复"], kinds=["4"])
    store.commit()
    assert store.keys() == {}


def test_searches_from_another_thread_while_a_commit_runs(tmp_path):
    store = make(tmp_path, {f"k{n}": [(4, i, f"复议{n}号{i}", f"{n}/{i}") for i in range(50)] for n in range(20)})
    seen: list[int] = []

    def reader() -> None:
        for _ in range(50):
            seen.append(len(store.search(must=["复", "议"], limit=5000)))

    thread = threading.Thread(target=reader)
    thread.start()
    store.add("k99", [(4, 0, "复议99号", "99/0")])
    store.commit()
    thread.join()
    assert set(seen) <= {1000, 1001}
    assert len(store.search(must=["复", "议"], limit=5000)) == 1001


def test_a_closed_store_refuses_work(tmp_path):
    store = make(tmp_path, TWO)
    store.close()
    with pytest.raises(RuntimeError):
        store.search(must=["复"])
    with pytest.raises(RuntimeError):
        store.add("x", [(4, 0, "复", "")])


def test_kept_answers_are_the_store_s_answers_until_the_next_commit(tmp_path):
    """An answer kept with the snapshot (keep_answers) is what asking gives, for a smaller
    limit too, and only without filters; a commit drops it, so a unit added after is found."""
    units = {"r": [(4, n, f"复议案件第{n}件", f"u{n}") for n in range(30)] + [(4, 99, "纠错率", "other")]}
    store = make(tmp_path, units)
    group = [("text", "复"), ("text", "议")]
    asked = payloads(store.search_groups([group], limit=20))
    store.keep_answers([group], 20)
    store._run = None  # (a kept answer does not ask the index: this would fail)
    assert payloads(store.search_groups([group], limit=20)) == asked
    assert payloads(store.search_groups([group], limit=5)) == asked[:5]
    del store._run  # (the class's again)
    assert payloads(store.search_groups([group], limit=20, kinds=[0])) == []  # a filter: asked
    assert payloads(store.search_groups([group], limit=20, keys=["s"])) == []  # other keys: asked
    only = ["r"]
    store.keep_answers([group], 20, keys=only)
    store._run = None
    assert payloads(store.search_groups([group], limit=20, keys=only)) == asked  # (these very keys)
    del store._run
    assert len(store.search_groups([group], limit=25)) == 25  # more than kept: asked
    store.add("s", [(4, 0, "复议", "short")])  # (the shortest unit: first by BM25)
    store.commit()
    assert payloads(store.search_groups([group], limit=20))[0] == "short"


def test_all_of_needs_every_part_and_pairs_from_gives_a_field_s_pairs_of_characters(tmp_path):
    """An AllOf option holds for the units holding every part (an AnyOf part: one of its
    options); pairs_from lists the grams of two characters of a field that begin with a
    character (what the index holds)."""
    units = {"r": [(1, 0, "网上办理", "wsbl", "1", "a", "网上办理"), (1, 1, "往上走", "wsz", "1", "b", "往上走"),
                   (1, 2, "完善", "ws", "1", "c", "完善")]}
    store = make(tmp_path, units)
    assert store.pairs_from("head", "网") == ("网上",)
    assert store.pairs_from("head", "往") == ("往上",)
    assert sorted(store.pairs_from("head", "上")) == ["上办", "上走"]
    assert store.pairs_from("head", "下") == ()
    ws = AtLeast(1, (("head_initials", "ws"),))
    assert sorted(payloads(store.search_groups([[ws]], limit=10))) == ["a", "b", "c"]
    both = AllOf((ws, AtLeast(1, (("head", "网上"), ("head", "往上")))))
    assert sorted(payloads(store.search_groups([[both]], limit=10))) == ["a", "b"]
    assert store.search_groups([[AllOf((ws, ("head", "上下")))]], limit=10) == []  # (a part no unit holds)
    either = AnyOf((AtLeast(1, (("head_initials", "sb"),)), ("head", "往上")))  # (one of them)
    assert sorted(payloads(store.search_groups([[AllOf((either, ("head_initials", "ws")))]], limit=10))) == ["a", "b"]
    store.close()
