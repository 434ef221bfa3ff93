"""医疗救助 (assistance): the assistance paid after all insurance, for assistance recipients.

Rules: rules-2023.md §7 and 手册问43 (ratio by category on the in-policy self-pay left after all
insurance, capped by an annual maximum), 手册问45 (claims within 12 months). These are the handbook's
(old rules') figures, the only ones known: they are seeded from 2014-01-01 and hold until staff enter the
2023 regulation's figures; every result says so.
"""

from __future__ import annotations

from decimal import Decimal

from .core import FEN, ParamSnapshot, Result, Trace, money, ratio_text, yuan
from .inputs import Choice, Day, Money

D = Decimal
ZERO = D("0.00")

CATEGORIES = (
    ("extreme_poverty", "特困供养人员"),
    ("orphan", "孤儿"),
    ("minimum_living", "最低生活保障（低保）家庭成员"),
    ("low_income", "低收入家庭成员"),
)
CATEGORY_LABELS = dict(CATEGORIES)

INPUTS = (
    Choice("category", "医疗救助对象类别", choices=CATEGORIES, hint="以民政部门认定的类别为准。"),
    Money(
        "self_pay",
        "医保报销后个人还要自付的钱（元）",
        hint="只算医保范围内的自付部分（基本医保、大病保险等都结算之后），自费药品等不算。",
    ),
    Money("used", "本医保年度已经得到的医疗救助（元）", default=D("0"), hint="不清楚填0。"),
    Day("date", "就医日期", hint="不填就是今天。"),
)


def remaining(trace: Trace, used: Decimal) -> tuple[Decimal, str]:
    """手册问43: the annual maximum for outpatient and inpatient together, minus what was received this year."""
    limit, source = trace.params.table("assistance").cell("all", "annual_limit")
    limit = money(limit)
    left = max(limit - used, ZERO)
    trace.step(
        "本年度还可救助的额度",
        f"年度最高{yuan(limit, whole=True)} − 本年度已得到{yuan(used)} = {yuan(left)}",
        left,
        source,
    )
    return left, source


def calculate(inputs: dict, params: ParamSnapshot) -> Result:
    trace = Trace(params)
    category = inputs["category"]
    self_pay, used = money(inputs["self_pay"]), money(inputs["used"])
    ratio, ratio_source = params.table("assistance").cell(category, "ratio")
    ratio = ratio.quantize(FEN)
    trace.step("救助比例", f"{CATEGORY_LABELS[category]}：{ratio_text(ratio)}", None, ratio_source)
    by_ratio = money(self_pay * ratio)
    trace.step("按比例计算的救助", f"{yuan(self_pay)} × {ratio_text(ratio)} = {yuan(by_ratio)}", by_ratio, ratio_source)
    left, source = remaining(trace, used)
    assistance = min(by_ratio, left)
    if assistance < by_ratio:
        formula = f"按比例应救助{yuan(by_ratio)}，超过本年度还可救助的{yuan(left)}，只能救助{yuan(assistance)}"
    else:
        formula = f"按比例应救助{yuan(by_ratio)}，未超过本年度还可救助的{yuan(left)}：{yuan(assistance)}"
    trace.step("本次救助", formula, assistance, source)
    self_pay_after = self_pay - assistance
    trace.step(
        "救助后个人还要负担", f"{yuan(self_pay)} − {yuan(assistance)} = {yuan(self_pay_after)}", self_pay_after, source
    )
    trace.warn(
        "医疗救助比例和年度限额取自《深圳医保政策问答手册》（旧办法，问43）；现行《深圳市医疗保障办法》下的标准"
        "请以医疗保障部门公布的为准。"
    )
    months = params.table("assistance").value("all", "claim_months")
    trace.warn(
        f"在外地就医、没能“一站式”结算的，请在费用发生之日起{months}个月内带单据向医保经办机构申请救助（手册问45）。"
    )
    return trace.result(
        {
            "ratio": ratio,
            "assistance": assistance,
            "self_pay_after": self_pay_after,
            "remaining_limit": left - assistance,
        }
    )
