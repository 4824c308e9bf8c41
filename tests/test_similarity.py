"""The 内容雷同 measure (similarity.py): share of a text found in another in runs of at least 10 characters."""
from hypothesis import given
from hypothesis import strategies as st

from gik_editor.report import new_report
from gik_editor.similarity import MIN_RUN, body_text, normalized, shared_share

OLD = "我镇认真贯彻落实政府信息公开条例，全年主动公开政府信息一百二十条，依申请公开工作规范有序。"


def test_punctuation_and_whitespace_do_not_count():
    assert normalized("一、总体 情况（2022年）：好!") == "一总体情况2022年好"
    assert shared_share(OLD.replace("，", ", ").replace("。", " ."), OLD) == 1.0


def test_only_runs_of_ten_characters_or_more_count():
    nine = OLD[:9]
    assert shared_share(nine + "今年全是新写的内容没有一句重复", OLD) == 0.0
    ten = normalized(OLD)[:MIN_RUN]
    text = ten + "今年全是新写的内容"
    assert shared_share(text, OLD) == MIN_RUN / len(text)


def test_overlapping_runs_are_counted_once():
    assert shared_share(OLD, OLD + OLD) == 1.0
    half = OLD[: len(OLD) // 2] + "本年度新增政务公开专区三个接待群众查阅二百余人次"
    share = shared_share(half, OLD)
    assert 0.4 < share < 0.6


def test_empty_and_short_texts():
    assert shared_share("", OLD) == 0.0
    assert shared_share(OLD, "") == 0.0
    assert shared_share(OLD, "短") == 0.0


def test_reports_are_compared_on_their_text_not_the_opening_headings_or_tables():
    a, b = new_report("2021", 2022, "某镇人民政府", "镇"), new_report("2021", 2021, "某镇人民政府", "镇")
    a.preamble = b.preamble = "本报告根据《中华人民共和国政府信息公开条例》和国务院办公厅有关要求编制，统计期限为全年。"
    assert shared_share(body_text(a), body_text(b)) == 0.0     # the same opening and headings are not copied text
    a.sections["一"].intro.text = OLD
    b.sections["五"].parts[0].text = OLD
    assert shared_share(body_text(a), body_text(b)) == 1.0


@given(st.text(max_size=300), st.text(max_size=300))
def test_share_is_a_fraction_and_a_text_is_all_found_in_itself(a, b):
    assert 0.0 <= shared_share(a, b) <= 1.0
    if len(normalized(a)) >= MIN_RUN:
        assert shared_share(a, a) == 1.0
        assert shared_share(a, b + a) == 1.0
