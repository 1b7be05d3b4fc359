"""The board's packed text finds exactly what a plain search would, in board order."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobdesk.domain.search import StageText, fold

texts = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)
needles = st.text(alphabet="abAB ßẞİi\x00ü", max_size=3)


@given(st.lists(texts, max_size=30), needles)
def test_search_matches_a_plain_scan(cards: list[str], needle: str) -> None:
    packed = StageText.pack(list(enumerate(cards)))
    expected = [card_id for card_id, text in enumerate(cards) if fold(needle) in fold(text)]
    assert packed.find(needle) == expected
    assert len(packed) == len(cards)


def test_case_is_folded_beyond_ascii() -> None:
    packed = StageText.pack([(1, "Müller GmbH"), (2, "STRASSE"), (3, "ÉCOLE")])
    assert packed.find("MÜLLER") == [1]
    assert packed.find("straße") == [2]
    assert packed.find("école") == [3]


def test_a_match_never_spans_two_cards() -> None:
    packed = StageText.pack([(1, "ab"), (2, "cd")])
    assert packed.find("bc") == []
    assert packed.find("b\x00c") == []
    assert packed.find("") == [1, 2]


def test_a_text_count_that_does_not_match_the_ids_is_refused() -> None:
    with pytest.raises(ValueError, match="one text per card"):
        StageText([1, 2, 3], "only\x00two")


@given(st.lists(texts, max_size=20), needles)
def test_folding_in_small_chunks_finds_the_same(cards: list[str], needle: str) -> None:
    from jobdesk.domain import search

    whole = StageText.pack(list(enumerate(cards)))
    original = search._FOLD_CHUNK
    search._FOLD_CHUNK = 3
    try:
        chunked = StageText.pack(list(enumerate(cards)))
    finally:
        search._FOLD_CHUNK = original
    assert chunked.text == whole.text
    assert chunked.find(needle) == whole.find(needle)


@pytest.mark.parametrize("near", [0, 1, 10**9], ids=["always bisect", "mixed", "always count"])
@given(cards=st.lists(st.one_of(texts, texts.map(lambda t: t * 40)), max_size=30), needle=needles)
def test_both_ways_of_placing_a_hit_agree(near: int, cards: list[str], needle: str) -> None:
    from jobdesk.domain import search

    expected = [card_id for card_id, text in enumerate(cards) if fold(needle) in fold(text)]
    packed = StageText.pack(list(enumerate(cards)))
    original = search._NEAR_HIT_BYTES
    search._NEAR_HIT_BYTES = near
    try:
        assert packed.find(needle) == expected
    finally:
        search._NEAR_HIT_BYTES = original


@given(st.lists(st.lists(texts, max_size=8), max_size=5), needles)
def test_packing_in_batches_is_packing_at_once(batches: list[list[str]], needle: str) -> None:
    whole = StageText.pack(list(enumerate(text for batch in batches for text in batch)))
    packed, first_id = StageText(), 0
    for batch in batches:
        ids = list(range(first_id, first_id + len(batch)))
        packed.extend(ids, "".join(fold(text) + "\x00" for text in batch))
        first_id += len(batch)
    assert packed.ids == whole.ids
    assert packed.text == whole.text
    assert packed.starts == whole.starts
    assert packed.find(needle) == whole.find(needle)


@given(
    cards=st.lists(st.one_of(texts, texts.map(lambda text: text + "a")), max_size=30),
    needle=st.sampled_from(["a", "A", "b", " ", "ü", "ß"]),
)
def test_a_common_letter_is_found_as_a_plain_scan_would(cards: list[str], needle: str) -> None:
    expected = [card_id for card_id, text in enumerate(cards) if fold(needle) in fold(text)]
    packed = StageText.pack(list(enumerate(cards)))
    assert packed.find(needle) == expected
    folded = fold(needle).encode("utf-8")
    if len(folded) == 1:  # the way taken for a letter in most cards, whichever is taken here
        assert packed._cards_with_byte(folded[0]) == expected


def test_only_a_letter_in_most_cards_takes_the_way_for_common_letters() -> None:
    packed = StageText.pack(
        [(n, f"Acme Labs {n}" + (" zed" if n % 10 == 0 else "")) for n in range(500)]
    )
    assert packed._common(b"a")
    assert not packed._common(b"z")
    assert packed.find("z") == list(range(0, 500, 10))
    assert packed.find("a") == list(range(500))
