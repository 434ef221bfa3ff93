"""`text|units`: each amount kept with its unit in a nowrap span, the rest of the text escaped as it was."""

import pytest
from django.template import Context, Template

from benefits.templatetags.money import units

NOWRAP = '<span class="nowrap">{}</span>'


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("(50,000.00元 − 600元) × 90% = 44,460.00元", ["50,000.00元", "600元", "90%", "44,460.00元"]),
        ("产假143天，其中难产增加30天", ["143天", "30天"]),
        ("连续参保满6个月，年满65周岁", ["6个月", "65周岁"]),
        ("累计最高救助限额15万元", ["15万元"]),
        ("2024年的工资尚未公布，按2023年估算", ["2024年", "2023年"]),
        ("三级医院、第一次住院", []),  # no digits: nothing to keep
    ],
)
def test_each_amount_is_kept_whole_with_its_unit(text, kept):
    html = units(text)
    assert html.count('<span class="nowrap">') == len(kept)
    assert all(NOWRAP.format(amount) in html for amount in kept)


def test_the_text_around_is_escaped_and_a_bare_number_is_left_alone():
    assert units("<b>第2次</b> & 3") == '&lt;b&gt;第<span class="nowrap">2次</span>&lt;/b&gt; &amp; 3'


def test_a_text_already_escaped_is_not_escaped_twice():
    # `sources|join:"；"|units`: join has escaped each staff-written source; units keeps it as it is
    joined = Template('{% load money %}{{ sources|join:"；"|units }}').render(Context({"sources": ["甲 & 乙", "90%"]}))
    assert joined == '甲 &amp; 乙；<span class="nowrap">90%</span>'
