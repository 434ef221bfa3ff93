"""医疗救助 (assistance): the assistance paid after all insurance, for assistance recipients.

Rules: rules-2023.md §7 and 手册问43 (ratio by category on the in-policy self-pay left after all
insurance, capped by an annual maximum), 手册问45 (claims within 12 months). These are the handbook's
(old rules') figures, the only ones known: they are seeded from 2014-01-01 and hold until staff enter the
2023 regulation's figures; every result says so.
"""

from __future__ import annotations

from decimal import Decimal

from .core import FEN, Param, ParamSnapshot, Result, Step, money, ratio_text, source_documents
from .core import yuan_text as yuan
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

PARAMETERS = (
    *[
        Param(
            f"assistance.ratio.{category}",
            f"医疗救助比例（{label}）",
            "ratio",
            D(0),
            D(1),
            table="医疗救助比例",
            row=label,
            col="救助比例",
        )
        for category, label in CATEGORIES
    ],
    Param(
        "assistance.annual_limit",
        "医疗救助年度累计最高救助限额（门诊和住院合计）",
        "yuan",
        D(0),
        D(10_000_000),
        table="医疗救助比例",
        row="全部救助对象",
        col="年度最高救助限额",
    ),
    Param(
        "assistance.claim_months",
        "外地未能“一站式”结算的费用，申请救助的期限（自费用发生之日起）",
        "months",
        D(0),
        D(120),
        table="医疗救助比例",
        row="全部救助对象",
        col="申请期限",
    ),
)


def ratio_step(category: str, params: ParamSnapshot, steps: list) -> Decimal:
    key = f"assistance.ratio.{category}"
    ratio = params.value(key).quantize(FEN)
    steps.append(Step("救助比例", f"{CATEGORY_LABELS[category]}：{ratio_text(ratio)}", None, params.source(key)))
    return ratio


def remaining_step(used: Decimal, params: ParamSnapshot, steps: list) -> Decimal:
    """手册问43: the annual maximum for outpatient and inpatient together, minus what was received this year."""
    limit = money(params.value("assistance.annual_limit"))
    remaining = max(limit - used, ZERO)
    formula = f"年度最高{yuan(limit)} − 本年度已得到{yuan(used)} = {yuan(remaining)}"
    steps.append(Step("本年度还可救助的额度", formula, remaining, params.source("assistance.annual_limit")))
    return remaining


def warnings_for(params: ParamSnapshot) -> tuple[str, ...]:
    months = params.value("assistance.claim_months")
    return (
        "医疗救助比例和年度限额取自《深圳医保政策问答手册》（旧办法，问43）；现行《深圳市医疗保障办法》下的标准"
        "请以医疗保障部门公布的为准。",
        f"在外地就医、没能“一站式”结算的，请在费用发生之日起{months}个月内带单据向医保经办机构申请救助（手册问45）。",
    )


def calculate(inputs: dict, params: ParamSnapshot) -> Result:
    steps: list[Step] = []
    self_pay, used = money(inputs["self_pay"]), money(inputs["used"])
    ratio = ratio_step(inputs["category"], params, steps)
    by_ratio = money(self_pay * ratio)
    steps.append(
        Step(
            "按比例计算的救助",
            f"{yuan(self_pay)} × {ratio_text(ratio)} = {yuan(by_ratio)}",
            by_ratio,
            params.source(f"assistance.ratio.{inputs['category']}"),
        )
    )
    remaining = remaining_step(used, params, steps)
    assistance = min(by_ratio, remaining)
    if assistance < by_ratio:
        formula = f"按比例应救助{yuan(by_ratio)}，超过本年度还可救助的{yuan(remaining)}，只能救助{yuan(assistance)}"
    else:
        formula = f"按比例应救助{yuan(by_ratio)}，未超过本年度还可救助的{yuan(remaining)}：{yuan(assistance)}"
    steps.append(Step("本次救助", formula, assistance, params.source("assistance.annual_limit")))
    self_pay_after = self_pay - assistance
    steps.append(
        Step(
            "救助后个人还要负担",
            f"{yuan(self_pay)} − {yuan(assistance)} = {yuan(self_pay_after)}",
            self_pay_after,
            params.source("assistance.annual_limit"),
        )
    )
    result = {
        "ratio": ratio,
        "assistance": assistance,
        "self_pay_after": self_pay_after,
        "remaining_limit": remaining - assistance,
    }
    return Result(result, tuple(steps), warnings_for(params), source_documents(steps))
