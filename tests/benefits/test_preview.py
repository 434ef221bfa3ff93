"""The draft preview's change column (issue 13): staff read the sign first, and a row one side lacks says so."""

from decimal import Decimal

import pytest

from benefits.preview import AmountChange


@pytest.mark.parametrize(
    ("before", "after", "shown"),
    [
        (Decimal("44460"), Decimal("39520"), "−4,940.00元"),  # 90% → 80% of 49,400
        (Decimal("39520"), Decimal("44460"), "+4,940.00元"),
        (Decimal("600"), Decimal("600"), "+0.00元"),
        (None, Decimal("1200"), "新增"),  # an amount only the draft's rules give
        (Decimal("1200"), None, "不再计算"),
    ],
)
def test_the_change_column_reads_as_staff_would_say_it(before, after, shown):
    assert AmountChange("医保报销", before, after).difference_text == shown
