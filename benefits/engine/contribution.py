"""缴费 (contribution): the monthly contribution by category and tier (rules-2023.md §2).

Every rate comes from the parameter snapshot as a dated row, so the 2024–2025 cuts (employer
一档 6% → 5%, flexible 8% → 7%, back from 2026-01-01) are data. The handbook's old rules
(手册问1/问2: non-employed 深圳户籍 一档 8.2%/11.7%, 二档 0.8% of last year's average wage) do
not map onto these categories, so no rate is seeded before 2023-10-01 and a calculation for an
earlier date fails with MissingParameter.

Who pays the personal share (§7, 手册问42, seed 003 四(一)): the assistance office for assistance recipients, 残联
for 深圳户籍 residents with a grade 1–4 disability (both "按照相关规定": full by default, staff parameters
contribution.subsidy). Children and students enrolling outside September pay at once for the months left until
August (§2). Category ⑤ has no split in the sources: computed as ④, with a note.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .core import Baseline, CalculationError, ParamSnapshot, Result, Term, Trace, money, ratio_text, yuan
from .inputs import Boolean, Choice, Day, Integer, Money
from .terms import MONTHLY_WAGE, PERSONAL_ACCOUNT, RESIDENT_INCOME

D = Decimal
MONTHS_PER_YEAR = 12
WAGE_KIND = "avg_monthly_wage_all"
RESIDENT_KIND = "resident_monthly_income"

# Who pays: the column of the table 医疗保险缴费比例, its label, and the result field it goes to.
PAYERS = {
    "employer": ("单位", "employer"),
    "individual": ("个人", "individual"),
    "unemployment_fund": ("失业保险基金", "fund"),
    "injury_fund": ("工伤保险基金", "fund"),
    "government": ("政府补贴", "fund"),
}
TIER_LABELS = {"1": "一档", "2": "二档"}


@dataclass(frozen=True)
class Category:
    label: str
    base: str  # income_clamped | income | average_wage | resident_income (residents choose no tier)
    payers: tuple[str, ...]
    rows: tuple[str, ...]  # its row in 医疗保险缴费比例 and 个人账户每月划入比例: 一档 (, 二档)
    income_label: str = ""
    pays_once: bool = False  # ①②③ pay September–August at once (§2)
    disability_subsidy: bool = False  # 残联 pays the personal share of 深圳户籍 grade 1–4 disabled residents (§7)
    employee_insurance: bool = True

    @property
    def tiers(self) -> tuple[str, ...]:
        return () if self.base == "resident_income" else TIERS[: len(self.rows)]

    def row(self, tier: str) -> str:
        return self.rows[TIERS.index(tier)]


TIERS = ("1", "2")
EMPLOYER_AND_PERSON = ("employer", "individual")
PERSON_AND_GOVERNMENT = ("individual", "government")
CATEGORIES = {
    "employee": Category(
        "在职职工", "income_clamped", EMPLOYER_AND_PERSON, ("employee_1", "employee_2"), "本人月工资收入"
    ),
    "flexible": Category("灵活就业人员", "income_clamped", ("individual",), ("flexible",), "本人申报的月工资收入"),
    "unemployed": Category("领取失业保险金的失业人员", "average_wage", ("unemployment_fund",), ("unemployed",)),
    "work_injury": Category(
        "工伤一至四级伤残、办理了伤残退休的职工",
        "income",
        ("injury_fund", "individual"),
        ("work_injury",),
        "每月伤残津贴",
    ),
    "disability_allowance": Category(
        "领取病残津贴、没有在单位缴费的人员",
        "income_clamped",
        ("individual",),
        ("disability_allowance_1", "disability_allowance_2"),
        "自己选择的缴费基数",
    ),
    "retiree_topup": Category(
        "退休时确认在深圳享受医保待遇、还需继续缴费的人员",
        "average_wage",
        ("individual",),
        ("retiree_topup_1", "retiree_topup_2"),
    ),
    "resident_minor": Category(
        "未满18岁的深圳户籍孩子、在深圳中小学和幼儿园上学的孩子",
        "resident_income",
        PERSON_AND_GOVERNMENT,
        ("resident_minor",),
        pays_once=True,
        disability_subsidy=True,
        employee_insurance=False,
    ),
    "resident_student": Category(
        "在深圳的大学、科研院所读书的全日制学生",
        "resident_income",
        PERSON_AND_GOVERNMENT,
        ("resident_student",),
        pays_once=True,
        employee_insurance=False,
    ),
    "resident_adult": Category(
        "年满18岁、没有参加职工医保的深圳户籍居民",
        "resident_income",
        PERSON_AND_GOVERNMENT,
        ("resident_adult",),
        disability_subsidy=True,
        employee_insurance=False,
    ),
    "resident_other": Category(  # ⑤: the sources give no split; computed as ④ (resident_adult's row), with a note
        "国家、省和本市规定的其他可参加居民医保的人员",
        "resident_income",
        PERSON_AND_GOVERNMENT,
        ("resident_adult",),
        employee_insurance=False,
    ),
}
OTHER_AS_ADULT = "规定中没有单列这类人员的缴费比例，按年满18岁的深圳户籍居民的比例计算，请以医保经办机构核定为准。"

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
    Boolean(
        "assistance",
        "是否为医疗救助对象",
        hint="特困、低保、低收入等经民政部门认定的人员，个人缴费部分由医保经办机构资助",
    ),
    Boolean("disabled", "是否为一至四级残疾的深圳户籍居民", hint="参加居民医保的，个人缴费部分由市残联资助"),
    Integer(
        "start_month",
        "参保月份（未成年人、学生）",
        default=9,
        minimum=1,
        maximum=12,
        unit="月",
        hint="每年9月参保缴到次年8月；其他月份参保的，一次缴纳到次年8月",
    ),
    Day("date", "缴费月份（填当月任意一天）", hint="不填则按今天计算"),
)


# The result fields, for the API page (calculators.md): monthly unless "全年"/"一次".
RESULTS = (
    ("base", "缴费基数"),
    ("employer", "用人单位每月缴费"),
    ("individual", "个人每月缴费"),
    ("fund", "失业保险基金、工伤保险基金或财政每月缴费"),
    ("total", "每月缴费合计"),
    ("personal_account", "个人账户每月划入（没有个人账户为0.00）"),
    ("annual_individual", "全年个人缴费"),
    ("annual_total", "全年缴费合计"),
    ("subsidy", "每月由医保经办机构或市残联资助的个人缴费"),
    ("you_pay", "每月自己缴纳（个人缴费 − 资助）"),
    ("months_due", "未成年人、学生：参保时一次缴纳的月数（到次年8月）"),
    ("due_now", "未成年人、学生：参保时一次缴纳的金额（月数 × 每月自己缴纳）"),
)


def _round_limit(amount: Decimal, unit: Decimal) -> Decimal:
    """Half-up to a whole multiple of `unit` (1 = whole yuan: 6,726.60 → 6,727)."""
    return money((amount / unit).quantize(D(1), rounding=ROUND_HALF_UP) * unit)


def _baseline(trace: Trace, baseline: Baseline, label: str | Term) -> Decimal:
    value = money(baseline.value)
    trace.step(label, f"{baseline.year}年：{yuan(value, whole=True)}", value, baseline.source, whole=True)
    trace.warn(baseline.warning)
    return value


def _limit(trace: Trace, average: Decimal, key: str, label: str) -> Decimal:
    limit, formula, source = trace.params.derived((key, average), lambda: _limit_worked_out(trace.params, average, key))
    trace.step(label, formula, limit, source, whole=True)
    return limit


def _limit_worked_out(params: ParamSnapshot, average: Decimal, key: str) -> tuple[Decimal, str, str]:
    """A base's limit on the date and how it is worked out: the date's rates and wage alone (§2)."""
    share, source = params.cell(key)
    unit = params.value("contribution.base.rounding")
    exact = money(average * share)
    limit = _round_limit(exact, unit)
    formula = (
        f"{yuan(average, whole=True)} × {ratio_text(share)} = {yuan(exact)}，"
        f"按{unit.normalize():f}元四舍五入取整 = {yuan(limit, whole=True)}"
    )
    return limit, formula, source


def _clamped_base(trace: Trace, income: Decimal, average: Decimal, income_label: str) -> Decimal:
    """Own income clamped to [60%, 300%] of 上上年度全口径月平均工资 (§2)."""
    floor = _limit(trace, average, "contribution.base.floor", "缴费基数下限")
    ceiling = _limit(trace, average, "contribution.base.ceiling", "缴费基数上限")
    if income < floor:
        base, how = floor, f"{income_label}{yuan(income, whole=True)}低于下限，按下限{yuan(floor, whole=True)}计"
    elif income > ceiling:
        base, how = ceiling, f"{income_label}{yuan(income, whole=True)}高于上限，按上限{yuan(ceiling, whole=True)}计"
    else:
        base, how = money(income), f"{income_label}{yuan(income, whole=True)}在上下限之间，按实际计"
    trace.step("缴费基数", how, base, whole=True)
    return base


def _base(trace: Trace, cat: Category, inputs: dict) -> Decimal:
    params, day = trace.params, inputs["date"]
    if cat.base == "resident_income":
        income = params.baseline_for(RESIDENT_KIND, day)
        return _baseline(trace, income, RESIDENT_INCOME._replace(plain=f"缴费基数：{RESIDENT_INCOME.plain}"))
    if cat.base == "average_wage":
        average = params.baseline_for(WAGE_KIND, day)
        return _baseline(trace, average, MONTHLY_WAGE._replace(plain=f"缴费基数：{MONTHLY_WAGE.plain}"))
    income = inputs.get("income")
    if income is None:
        raise CalculationError(f"请填写{cat.income_label}。", field="income")
    if cat.base == "income":
        return trace.step("缴费基数", f"{cat.income_label}{yuan(income, whole=True)}", money(income), whole=True)
    average = _baseline(trace, params.baseline_for(WAGE_KIND, day), MONTHLY_WAGE)
    return _clamped_base(trace, income, average, cat.income_label)


def _shares(trace: Trace, cat: Category, tier: str, base: Decimal) -> dict[str, Decimal]:
    amounts = {"employer": money(0), "individual": money(0), "fund": money(0)}
    rates = trace.params.table("contribution.rate")
    for payer in cat.payers:
        column, field = PAYERS[payer]
        rate, source = rates.cell(cat.row(tier), payer)
        amounts[field] = money(base * rate)
        trace.step(
            f"{column}每月缴费",
            f"{yuan(base, whole=True)} × {ratio_text(rate)} = {yuan(amounts[field])}",
            amounts[field],
            source,
        )
    return amounts


def _personal_account(trace: Trace, cat: Category, tier: str, base: Decimal) -> Decimal:
    """Only 一档 has a personal account: 2% of the person's own base a month (§2)."""
    if not cat.tiers or tier != "1":
        return trace.step(PERSONAL_ACCOUNT, f"二档和居民医保不设个人账户：{yuan(0)}", money(0))
    share, source = trace.params.table("contribution.personal_account").cell(cat.row(tier), "share")
    credit = money(base * share)
    formula = f"{yuan(base, whole=True)} × {ratio_text(share)} = {yuan(credit)}（按本人缴费基数计入个人账户）"
    return trace.step(PERSONAL_ACCOUNT, formula, credit, source)


def _annual(trace: Trace, cat: Category, individual: Decimal, total: Decimal) -> tuple[Decimal, Decimal]:
    annual_individual = money(individual * MONTHS_PER_YEAR)
    annual_total = money(total * MONTHS_PER_YEAR)
    how = "每年9月参保时一次缴纳当年9月至次年8月共12个月" if cat.pays_once else "按月缴纳，全年按12个月合计"
    formula = f"{how}：{yuan(individual)} × {MONTHS_PER_YEAR} = {yuan(annual_individual)}"
    trace.step("全年个人缴费", formula, annual_individual)
    trace.step("全年缴费合计", f"{yuan(total)} × {MONTHS_PER_YEAR} = {yuan(annual_total)}", annual_total)
    return annual_individual, annual_total


def _subsidy(trace: Trace, cat: Category, inputs: dict, individual: Decimal) -> Decimal:
    """§7: the personal share paid by the assistance office (any category) or by 残联 (深户 grade 1–4 disabled
    residents); both at once are one subsidy (the larger share)."""
    payers = []
    if inputs.get("assistance"):
        payers.append(("assistance", "医疗救助对象，个人缴费部分由医疗保障经办机构资助"))
        if cat.employee_insurance and individual:
            trace.warn("参加职工医保的医疗救助对象，资助标准以医保经办机构核定为准（不低于居民医保的资助水平）。")
    if inputs.get("disabled"):
        if cat.disability_subsidy:
            payers.append(("disabled", "一至四级残疾的深圳户籍居民，个人缴费部分由市残联资助"))
        else:
            trace.warn("市残联资助个人缴费只适用于参加居民医保的深圳户籍成年人和未成年人，本计算未计入。")
    if not payers or not individual:
        return money(0)
    table = trace.params.table("contribution.subsidy")
    cells = [(table.cell(row, "share"), who) for row, who in payers]
    (share, source), who = max(cells, key=lambda item: item[0].value)
    subsidy = money(individual * share)
    trace.step(
        "每月由他人资助的个人缴费",
        f"{who}：{yuan(individual)} × {ratio_text(share)} = {yuan(subsidy)}",
        subsidy,
        source,
    )
    return subsidy


def _due_now(trace: Trace, inputs: dict, you_pay: Decimal) -> dict:
    """§2: ①②③ enrol in September and pay once for September–August; enrolling in another month pays at once for
    the months from it through the next August, both counted (9 → 12, 3 → 6, 8 → 1)."""
    year_start, source = trace.params.cell("contribution.resident_year.start_month")
    start, first = inputs.get("start_month") or int(year_start), int(year_start)
    months = (first - 1 - start) % MONTHS_PER_YEAR + 1
    last = (first - 2) % MONTHS_PER_YEAR + 1
    due = money(you_pay * months)
    until = f"至{'次年' if start >= first else ''}{last}月" if months > 1 else ""
    when = f"{start}月参保，一次缴纳{start}月{until}共{months}个月"
    trace.step("参保时一次缴纳", f"{when}：{yuan(you_pay)} × {months} = {yuan(due)}", due, source)
    return {"months_due": months, "due_now": due}


def calculate(inputs: dict, params: ParamSnapshot) -> Result:
    return run(inputs, Trace(params))


def run(inputs: dict, trace: Trace) -> Result:
    """calculate, its steps written into `trace` (a part of 一档还是二档's result: core.Section)."""
    params = trace.params
    cat = CATEGORIES[inputs["category"]]
    tier = inputs.get("tier") or "1"
    if cat.tiers and tier not in cat.tiers:
        tier = cat.tiers[0]  # flexible, unemployed and work injury are always 一档 (§2)
        trace.warn(f"{cat.label}只能参加{TIER_LABELS[tier]}，已按{TIER_LABELS[tier]}计算。")
    if not cat.tiers:
        tier = "1"  # residents have one row in the tables
    tier_text = f"（{TIER_LABELS[tier]}）" if cat.tiers else "（居民医保）"
    trace.step("参保类别", cat.label + tier_text)
    if inputs["category"] == "resident_other":
        trace.warn(OTHER_AS_ADULT)
    start_month = inputs.get("start_month")
    if not cat.pays_once and start_month and start_month != params.value("contribution.resident_year.start_month"):
        trace.warn("参保月份只影响未成年人和学生的一次性缴费，本类别按月缴费，未计入。")
    base = _base(trace, cat, inputs)
    amounts = _shares(trace, cat, tier, base)
    total = amounts["employer"] + amounts["individual"] + amounts["fund"]
    parts = [PAYERS[payer][0] + yuan(amounts[PAYERS[payer][1]]) for payer in cat.payers]
    trace.step("每月缴费合计", " + ".join(parts) + f" = {yuan(total)}", total)
    account = _personal_account(trace, cat, tier, base)
    annual_individual, annual_total = _annual(trace, cat, amounts["individual"], total)
    subsidy = _subsidy(trace, cat, inputs, amounts["individual"])
    you_pay = amounts["individual"] - subsidy
    if subsidy:
        trace.step("每月自己缴纳", f"{yuan(amounts['individual'])} − {yuan(subsidy)} = {yuan(you_pay)}", you_pay)
    result = {
        "base": base,
        **amounts,
        "total": total,
        "personal_account": account,
        "annual_individual": annual_individual,
        "annual_total": annual_total,
        "subsidy": subsidy,
        "you_pay": you_pay,
    }
    if cat.pays_once:
        result.update(_due_now(trace, inputs, you_pay))
    return trace.result(result)
