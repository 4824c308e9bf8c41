"""Find and replace in the report's text (the core of 编辑 → 查找和替换)."""
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import reports

from gik_editor.carryover import new_from_last_year
from gik_editor.text_search import PREAMBLE, Match, find_all, replaced_texts, text_at, text_places


def test_matches_come_in_reading_order_and_do_not_overlap(sample):
    report = new_from_last_year(sample)
    report.preamble = "2020年2020年"
    matches = find_all(report, "2020年")
    assert matches[:2] == [Match(PREAMBLE, 0, 5), Match(PREAMBLE, 5, 10)]
    order = [location for location, _ in text_places(report)]
    assert [order.index(m.location) for m in matches] == sorted(order.index(m.location) for m in matches)
    assert all(text_at(report, m.location)[m.start:m.end] == "2020年" for m in matches)
    assert find_all(report, "aa") == [] and find_all(report, "") == []
    report.preamble = "aaa"
    assert find_all(report, "aa") == [Match(PREAMBLE, 0, 2)]          # not overlapping, as an editor finds


def test_replaced_texts_change_only_the_places_with_the_text(sample):
    texts = replaced_texts(sample, "2020年", "2021年")
    assert texts and all("2020年" not in t for t in texts.values())
    assert set(texts) == {m.location for m in find_all(sample, "2020年")}
    assert replaced_texts(sample, "", "x") == {} and replaced_texts(sample, "不存在的词", "x") == {}


@settings(max_examples=50, deadline=None)
@given(reports(), st.text(min_size=1, max_size=3), st.text(max_size=3))
def test_every_occurrence_is_found_and_every_place_holding_one_is_replaced(report, needle, replacement):
    places = text_places(report)
    assert len(find_all(report, needle)) == sum(text.count(needle) for _, text in places)
    texts = replaced_texts(report, needle, replacement)
    assert set(texts) == {location for location, text in places if needle in text}
    for location, text in texts.items():
        assert text == text_at(report, location).replace(needle, replacement)
