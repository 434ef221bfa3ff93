"""parameters_on(day): every day between two effective dates has the same rows in force, so their values are worked
out once and shared; each snapshot still has its own day (a missing parameter's message names the day asked), and
a staff save is seen at once, also by a day whose snapshot was made before it."""

from datetime import date
from decimal import Decimal

import pytest

from benefits.engine.core import MissingParameter
from benefits.models import ParameterValue
from benefits.parameters import parameters_on

pytestmark = pytest.mark.django_db

RATIO = "inpatient.ratio.employee_1.level3"  # 职工一档 三级医院 住院: 90% from 2023-10-01 (办法 §5.5)


def test_days_with_the_same_rows_in_force_share_their_values_and_keep_their_own_day():
    # the seed's last effective date is 2026-01-01: March and June 2026 read the same rows
    march, june = parameters_on(date(2026, 3, 1)), parameters_on(date(2026, 6, 1))
    assert march.values is june.values
    assert (march.as_of, june.as_of) == (date(2026, 3, 1), date(2026, 6, 1))
    assert parameters_on(date(2026, 3, 1)) is march  # the same day: the same snapshot, its tables already read
    # a table is read once for all those days: June's is March's, bound to June
    assert june.scale("serious.general").brackets is march.scale("serious.general").brackets
    assert (march.scale("serious.general").params, june.scale("serious.general").params) == (march, june)
    # 2023-09-30 (the old rules) and 2023-10-01 (the 2023 regulation) do not
    assert parameters_on(date(2023, 9, 30)).values is not parameters_on(date(2023, 10, 1)).values


def test_a_missing_rate_names_the_day_asked():
    # the handbook gives no inpatient ratio before the 2023 regulation: both days read the rows of 2015-01-01, the
    # second the table the first read (ParamSnapshot.on_day)
    for day in (date(2015, 6, 1), date(2016, 1, 1)):
        with pytest.raises(MissingParameter) as error:
            parameters_on(day).table("inpatient.ratio").cell("employee_1", "3")
        assert error.value.message.startswith(f"{day:%Y年%m月%d日}适用的规则未载明")


def test_a_staff_save_is_seen_at_once_by_days_read_before_it():
    before_save = parameters_on(date(2026, 6, 1))
    assert before_save.value(RATIO) == Decimal("0.90")
    ParameterValue.objects.create(key=RATIO, effective_from=date(2026, 4, 1), value=Decimal("0.88"), source="测试")
    assert parameters_on(date(2026, 6, 1)).value(RATIO) == Decimal("0.88")
    assert parameters_on(date(2026, 3, 1)).value(RATIO) == Decimal("0.90")  # before the new row takes effect
