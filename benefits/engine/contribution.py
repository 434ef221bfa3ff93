"""缴费 (contribution): the monthly contribution by category and tier (rules-2023.md §2).

Every rate comes from the parameter snapshot as a dated row, so the 2024–2025 cuts (employer
一档 6% → 5%, flexible 8% → 7%, back from 2026-01-01) are data. The handbook's old rules
(手册问1/问2: non-employed 深圳户籍 一档 8.2%/11.7%, 二档 0.8% of last year's average wage) do
not map onto these categories, so no rate is seeded before 2023-10-01 and a calculation for an
earlier date fails with MissingParameter.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .core import Baseline, CalculationError, Param, ParamSnapshot, Result, Step, money, ratio_text, source_documents
from .inputs import Choice, Day, Money
from .shared import REGULATION_2023, baseline_for

D = Decimal
MONTHS_PER_YEAR = 12
WAGE_KIND = "avg_monthly_wage_all"
RESIDENT_KIND = "resident_monthly_income"

# Who pays: the parameter suffix, its column label, and the result field it goes to.
PAYERS = {
    "employer": ("用人单位", "employer"),
    "individual": ("个人", "individual"),
    "unemployment_fund": ("失业保险基金", "fund"),
    "injury_fund": ("工伤保险基金", "fund"),
    "government": ("财政补助", "fund"),
}
TIER_LABELS = {"1": "一档", "2": "二档"}


@dataclass(frozen=True)
class Category:
    label: str
    base: str  # income_clamped | income | average_wage | resident_income
    tiers: tuple[str, ...]  # () for residents (no tier)
    payers: tuple[str, ...]
    income_label: str = ""
    pays_once: bool = False  # ①②③ pay September–August at once (§2)


CATEGORIES = {
    "employee": Category("在职职工", "income_clamped", ("1", "2"), ("employer", "individual"), "本人月工资收入"),
    "flexible": Category("灵活就业人员", "income_clamped", ("1",), ("individual",), "本人申报的月工资收入"),
    "unemployed": Category("领取失业保险金的失业人员", "average_wage", ("1",), ("unemployment_fund",)),
    "work_injury": Category(
        "工伤一至四级伤残、办理了伤残退休的职工", "income", ("1",), ("injury_fund", "individual"), "每月伤残津贴"
    ),
    "disability_allowance": Category(
        "领取病残津贴、没有在单位缴费的人员", "income_clamped", ("1", "2"), ("individual",), "自己选择的缴费基数"
    ),
    "retiree_topup": Category(
        "退休时确认在深圳享受医保待遇、还需继续缴费的人员", "average_wage", ("1", "2"), ("individual",)
    ),
    "resident_minor": Category(
        "未满18岁的深圳户籍孩子、在深圳中小学和幼儿园上学的孩子",
        "resident_income",
        (),
        ("individual", "government"),
        pays_once=True,
    ),
    "resident_student": Category(
        "在深圳的大学、科研院所读书的全日制学生", "resident_income", (), ("individual", "government"), pays_once=True
    ),
    "resident_adult": Category(
        "年满18岁、没有参加职工医保的深圳户籍居民", "resident_income", (), ("individual", "government")
    ),
}

INPUTS = (
    Choice("category", "参保人员类别", choices=tuple((key, cat.label) for key, cat in CATEGORIES.items())),
    Choice(
        "tier",
        "参保档次",
        default="1",
        choices=(("1", "一档"), ("2", "二档")),
        hint="在职职工、领取病残津贴人员、退休后继续缴费人员可选；其他人员不用选",
    ),
    Money(
        "income",
        "月工资收入（或申报收入、选择的缴费基数、伤残津贴）",
        default=None,
        hint="缴费基数固定的人员（失业人员、退休后继续缴费人员、居民）不用填",
    ),
    Day("date", "缴费月份（填当月任意一天）", hint="不填则按今天计算"),
)


def _row(category: str, tier: str) -> str:
    return f"{category}_{tier}" if len(CATEGORIES[category].tiers) > 1 else category


def _row_label(category: str, tier: str) -> str:
    cat = CATEGORIES[category]
    return cat.label + (TIER_LABELS[tier] if len(cat.tiers) > 1 else "")


def _rate_params() -> list[Param]:
    params = []
    for category, cat in CATEGORIES.items():
        for tier in cat.tiers if len(cat.tiers) > 1 else ("1",):
            for payer in cat.payers:
                column = PAYERS[payer][0]
                params.append(
                    Param(
                        f"contribution.rate.{_row(category, tier)}.{payer}",
                        f"{_row_label(category, tier)}{column}缴费比例",
                        "ratio",
                        D(0),
                        D(1),
                        table="医疗保险缴费比例",
                        row=_row_label(category, tier),
                        col=column,
                    )
                )
    return params


PARAMETERS = (
    Param(
        "contribution.base.floor",
        "缴费基数下限（上上年度全口径月平均工资的比例）",
        "ratio",
        D(0),
        D(5),
        table="缴费基数上下限",
        row="下限",
        col="比例",
    ),
    Param(
        "contribution.base.ceiling",
        "缴费基数上限（上上年度全口径月平均工资的比例）",
        "ratio",
        D(0),
        D(10),
        table="缴费基数上下限",
        row="上限",
        col="比例",
    ),
    Param(
        "contribution.base.rounding",
        "缴费基数上下限取整单位（1=四舍五入到元）",
        "yuan",
        D("0.01"),
        D(100),
        table="缴费基数上下限",
        row="取整",
        col="单位",
    ),
    *_rate_params(),
    *[
        Param(
            f"contribution.personal_account.{_row(category, '1')}",
            f"{_row_label(category, '1')}个人账户每月划入比例（本人缴费基数的比例）",
            "ratio",
            D(0),
            D(1),
            table="个人账户每月划入比例",
            row=_row_label(category, "1"),
            col="划入比例",
        )
        for category, cat in CATEGORIES.items()
        if cat.tiers
    ],
)


class _Trace:
    """Steps and warnings, in computing order."""

    def __init__(self, params: ParamSnapshot):
        self.params = params
        self.steps: list[Step] = []
        self.warnings: list[str] = []

    def rate(self, key: str) -> tuple[Decimal, str]:
        value = self.params.value(key)
        return value, self.cite(self.params.source(key))

    @staticmethod
    def cite(source: str) -> str:
        return source or REGULATION_2023

    def add(self, label: str, formula: str, amount: Decimal | None, source: str) -> None:
        self.steps.append(Step(label, formula, amount, self.cite(source)))

    def baseline(self, baseline: Baseline, label: str) -> Decimal:
        value = money(baseline.value)
        self.add(label, f"{baseline.year}年：{value:,.2f}元", value, baseline.source)
        if baseline.warning:
            self.warnings.append(baseline.warning)
        return value


def _round_limit(amount: Decimal, unit: Decimal) -> Decimal:
    """Half-up to a whole multiple of `unit` (1 = whole yuan: 6,726.60 → 6,727)."""
    return money((amount / unit).quantize(D(1), rounding=ROUND_HALF_UP) * unit)


def _limit(trace: _Trace, average: Decimal, key: str, label: str) -> Decimal:
    share, source = trace.rate(key)
    unit, _ = trace.rate("contribution.base.rounding")
    exact = money(average * share)
    limit = _round_limit(exact, unit)
    trace.add(
        label,
        f"{average:,.2f} × {ratio_text(share)} = {exact:,.2f}，按{unit.normalize():f}元四舍五入取整 = {limit:,.2f}",
        limit,
        source,
    )
    return limit


def _clamped_base(trace: _Trace, income: Decimal, average: Decimal, income_label: str) -> Decimal:
    """Own income clamped to [60%, 300%] of 上上年度全口径月平均工资 (§2)."""
    floor = _limit(trace, average, "contribution.base.floor", "缴费基数下限")
    ceiling = _limit(trace, average, "contribution.base.ceiling", "缴费基数上限")
    if income < floor:
        base, how = floor, f"{income_label}{income:,.2f}低于下限，按下限{floor:,.2f}计"
    elif income > ceiling:
        base, how = ceiling, f"{income_label}{income:,.2f}高于上限，按上限{ceiling:,.2f}计"
    else:
        base, how = money(income), f"{income_label}{income:,.2f}在上下限之间，按实际计"
    trace.add("缴费基数", how, base, REGULATION_2023)
    return base


def _base(trace: _Trace, cat: Category, inputs: dict) -> Decimal:
    params, day = trace.params, inputs["date"]
    if cat.base == "resident_income":
        income = baseline_for(params, RESIDENT_KIND, day)
        return trace.baseline(income, "缴费基数：上上年度城镇居民月人均可支配收入")
    if cat.base == "average_wage":
        average = baseline_for(params, WAGE_KIND, day)
        return trace.baseline(average, "缴费基数：上上年度全口径城镇单位就业人员月平均工资")
    income = inputs.get("income")
    if income is None:
        raise CalculationError(f"请填写{cat.income_label}。", field="income")
    if cat.base == "income":
        base = money(income)
        trace.add("缴费基数", f"{cat.income_label}{base:,.2f}", base, REGULATION_2023)
        return base
    average = trace.baseline(baseline_for(params, WAGE_KIND, day), "上上年度全口径城镇单位就业人员月平均工资")
    return _clamped_base(trace, income, average, cat.income_label)


def _shares(trace: _Trace, category: str, tier: str, base: Decimal) -> dict[str, Decimal]:
    amounts = {"employer": money(0), "individual": money(0), "fund": money(0)}
    for payer in CATEGORIES[category].payers:
        column, field = PAYERS[payer]
        rate, source = trace.rate(f"contribution.rate.{_row(category, tier)}.{payer}")
        amounts[field] = money(base * rate)
        trace.add(
            f"{column}每月缴费", f"{base:,.2f} × {ratio_text(rate)} = {amounts[field]:,.2f}", amounts[field], source
        )
    return amounts


def _personal_account(trace: _Trace, category: str, tier: str, base: Decimal) -> Decimal:
    """Only 一档 has a personal account: 2% of the person's own base a month (§2)."""
    if not CATEGORIES[category].tiers or tier != "1":
        trace.add("个人账户每月划入", "二档和居民医保不设个人账户：0.00", money(0), REGULATION_2023)
        return money(0)
    share, source = trace.rate(f"contribution.personal_account.{_row(category, tier)}")
    credit = money(base * share)
    trace.add(
        "个人账户每月划入",
        f"{base:,.2f} × {ratio_text(share)} = {credit:,.2f}（按本人缴费基数计入个人账户）",
        credit,
        source,
    )
    return credit


def _annual(trace: _Trace, cat: Category, individual: Decimal, total: Decimal) -> tuple[Decimal, Decimal]:
    annual_individual = money(individual * MONTHS_PER_YEAR)
    annual_total = money(total * MONTHS_PER_YEAR)
    if cat.pays_once:
        how = "每年9月参保时一次缴纳当年9月至次年8月共12个月"
        trace.warnings.append("在其他月份参保的，从申请当月起一次缴纳到次年8月的剩余月份；这里按12个月计算。")
    else:
        how = "按月缴纳，全年按12个月合计"
    trace.add(
        "全年个人缴费",
        f"{how}：{individual:,.2f} × {MONTHS_PER_YEAR} = {annual_individual:,.2f}",
        annual_individual,
        REGULATION_2023,
    )
    trace.add("全年缴费合计", f"{total:,.2f} × {MONTHS_PER_YEAR} = {annual_total:,.2f}", annual_total, REGULATION_2023)
    return annual_individual, annual_total


def calculate(inputs: dict, params: ParamSnapshot) -> Result:
    category = inputs["category"]
    cat = CATEGORIES[category]
    tier = inputs.get("tier") or "1"
    trace = _Trace(params)
    if cat.tiers and tier not in cat.tiers:
        tier = cat.tiers[0]  # flexible, unemployed and work injury are always 一档 (§2)
        trace.warnings.append(f"{cat.label}只能参加{TIER_LABELS[tier]}，已按{TIER_LABELS[tier]}计算。")
    tier_text = f"（{TIER_LABELS[tier]}）" if cat.tiers else "（居民医保）"
    trace.add("参保类别", cat.label + tier_text, None, REGULATION_2023)
    base = _base(trace, cat, inputs)
    amounts = _shares(trace, category, tier, base)
    total = amounts["employer"] + amounts["individual"] + amounts["fund"]
    parts = [PAYERS[payer][0] + f"{amounts[PAYERS[payer][1]]:,.2f}" for payer in cat.payers]
    trace.add("每月缴费合计", " + ".join(parts) + f" = {total:,.2f}", total, REGULATION_2023)
    account = _personal_account(trace, category, tier, base)
    annual_individual, annual_total = _annual(trace, cat, amounts["individual"], total)
    return Result(
        result={
            "base": base,
            **amounts,
            "total": total,
            "personal_account": account,
            "annual_individual": annual_individual,
            "annual_total": annual_total,
        },
        steps=tuple(trace.steps),
        warnings=tuple(trace.warnings),
        sources=source_documents(trace.steps),
    )
