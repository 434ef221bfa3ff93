"""连续参保时间与年度限额 (enrollment): continuous enrolment, and the limits that depend on it.

Rules: rules-2023.md §5.7 (continuous enrolment: interruptions adding up to at most 3 months within one
医疗保障年度 are joined, the gap itself not counted; longer ones restart the count), §5.6 (annual limit
of the pooled fund), §6 (serious-illness annual maximum), §5.4 (门特一类 ratio; 手册问18 before 2023-10-01).

Choices where the sources are silent, each a parameter staff can change:
- enrollment.year_start_month: the handbook's 医疗保险年度 began 1 July (手册问16, 问21); the 2023
  regulation's year is "to be confirmed": from 2023-10-01 the calendar year is assumed, with a warning
  while enrollment.year_start_confirmed is 0. Every gap is placed in years of the definition in force
  on `date` (one snapshot, one definition). Interruptions add up over the whole year, also across a
  restart (the rule's words: 一个医疗保障年度内累计中断).
- enrollment.count_date_month: 0 = the month of `date` is not counted (its contribution may not have
  been collected yet: only months surely paid count), 1 = it is.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from .core import FEN, CalculationError, Param, ParamSnapshot, Result, Step, money, ratio_text, source_documents
from .core import yuan_text as yuan
from .inputs import Day, Gaps, YearMonth
from .shared import LIMIT_BANDS, SPECIAL_1_BANDS, band, baseline_for

D = Decimal

INPUTS = (
    YearMonth("start", "第一次缴费的月份", hint="按“年-月”填写，例如 2020-07。从这个月起一直在深圳缴医保。"),
    Gaps(
        "gaps",
        "中间没有缴费（断缴）的月份",
        hint="没有断缴就不填。按“开始年-月:结束年-月”填写，例如 2024-03:2024-05；多段用逗号隔开。",
    ),
    Day("date", "计算到哪一天（例如就医日期）", hint="不填就是今天。"),
)

PARAMETERS = (
    Param(
        "enrollment.max_gap_months",
        "一个医疗保障年度内累计断缴不超过几个月仍可合并计算连续参保时间",
        "months",
        D(0),
        D(12),
        table="连续参保时间",
        row="可合并的累计断缴",
        col="月数",
    ),
    Param(
        "enrollment.year_start_month",
        "医疗保障年度从每年几月1日开始（填1表示自然年度）",
        "month",
        D(1),
        D(12),
        table="连续参保时间",
        row="医疗保障年度",
        col="起始月份",
    ),
    Param(
        "enrollment.year_start_confirmed",
        "医疗保障年度起始月份是否已经医保部门确认（1＝已确认，0＝暂定）",
        "count",
        D(0),
        D(1),
        table="连续参保时间",
        row="医疗保障年度",
        col="是否已确认",
    ),
    Param(
        "enrollment.count_date_month",
        "计算日期所在的月份是否计入连续参保时间（1＝计入，0＝不计入）",
        "count",
        D(0),
        D(1),
        table="连续参保时间",
        row="计算日期所在月份",
        col="是否计入",
    ),
)


def month_index(year_month: tuple[int, int]) -> int:
    return year_month[0] * 12 + year_month[1] - 1


def month_text(index: int) -> str:
    return f"{index // 12}年{index % 12 + 1}月"


def months_text(first: int, last: int) -> str:
    return month_text(first) if first == last else f"{month_text(first)}至{month_text(last)}"


class InsuranceYear:
    """The 医疗保障年度 as a parameter: which year a month falls in, and how to say it."""

    def __init__(self, start_month: int):
        self.offset = start_month - 1

    def of(self, index: int) -> int:
        return (index - self.offset) // 12

    def text(self, year: int) -> str:
        first = year * 12 + self.offset
        return months_text(first, first + 11)


# ---------------------------------------------------------------- the counting (§5.7)


def counting_window(inputs: dict, params: ParamSnapshot, steps: list) -> tuple[int, int]:
    """(first, last) month index counted: from the first month paid up to the month before `date` (or of it)."""
    first, date_month = month_index(inputs["start"]), inputs["date"].year * 12 + inputs["date"].month - 1
    if first > date_month:
        raise CalculationError("第一次缴费的月份不能晚于计算日期所在的月份。", field="start")
    counts_date_month = bool(params.value("enrollment.count_date_month"))
    last = date_month if counts_date_month else date_month - 1
    rule = "计入" if counts_date_month else "不计入（当月的医保费可能还没有缴费到账）"
    if last >= first:
        formula = f"从{month_text(first)}算到{month_text(last)}；计算日期所在的{month_text(date_month)}{rule}"
    else:
        formula = f"{month_text(first)}开始缴费，到计算日期还没有可以计入的缴费月份"
    steps.append(Step("计算范围", formula, None, params.source("enrollment.count_date_month")))
    return first, last


def clean_gaps(inputs: dict, first: int, last: int, warnings: list) -> list[tuple[int, int]]:
    """Gaps as month indexes inside the window, merged where they overlap; later gaps are left out."""
    merged: list[tuple[int, int]] = []
    for gap_start, gap_end in inputs["gaps"]:
        a, b = month_index(gap_start), month_index(gap_end)
        if a < first:
            raise CalculationError("断缴月份不能早于第一次缴费的月份。", field="gaps")
        if a > last:
            warnings.append(f"{month_text(a)}起的断缴在计算范围之后，未计入。")
            continue
        if b >= last:
            warnings.append(
                "您填写的断缴一直持续到计算日期：断缴期间（停缴的次月起）统筹基金不支付待遇，"
                "恢复缴费后才能重新享受；下面按现在恢复缴费计算。"
            )
        b = min(b, last)
        if merged and a <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def gap_step(
    a: int, b: int, per_year: Counter, cumulative: Counter, joined: bool, limit: int, years: InsuranceYear, source: str
) -> Step:
    totals = "、".join(f"{years.text(y)}累计断缴{cumulative[y]}个月" for y in sorted(per_year))
    outcome = (
        f"都不超过{limit}个月：断缴前后合并计算，断缴的月份不计入"
        if joined
        else f"超过{limit}个月：从{month_text(b + 1)}起重新计算"
    )
    return Step(f"断缴{months_text(a, b)}", f"断缴{b - a + 1}个月；所在医疗保障年度{totals}；{outcome}", None, source)


def continuous_months(inputs: dict, params: ParamSnapshot, steps: list, warnings: list) -> int:
    """§5.7: join across interruptions adding up to ≤ the maximum within one insurance year, else restart."""
    first, last = counting_window(inputs, params, steps)
    limit = int(params.value("enrollment.max_gap_months"))
    years = InsuranceYear(int(params.value("enrollment.year_start_month")))
    run_start, gap_months, cumulative = first, 0, Counter()
    for a, b in clean_gaps(inputs, first, last, warnings):
        per_year = Counter(years.of(i) for i in range(a, b + 1))
        cumulative.update(per_year)
        joined = all(cumulative[y] <= limit for y in per_year)
        if joined:
            gap_months += b - a + 1
        else:
            run_start, gap_months = b + 1, 0
        steps.append(
            gap_step(a, b, per_year, cumulative, joined, limit, years, params.source("enrollment.max_gap_months"))
        )
    months = max(last - run_start + 1 - gap_months, 0)
    steps.append(
        Step(
            "连续参保时间",
            f"{month_text(run_start)}至{month_text(last)}共{max(last - run_start + 1, 0)}个月"
            f"，减去其中断缴{gap_months}个月 = {months}个月"
            if last >= run_start
            else "0个月",
            None,
            params.source("enrollment.max_gap_months"),
        )
    )
    return months


def year_warning(params: ParamSnapshot) -> str | None:
    if params.value("enrollment.year_start_confirmed"):
        return None
    start = int(params.value("enrollment.year_start_month"))
    calendar = "（即自然年度）" if start == 1 else ""
    return (
        f"现行办法的“医疗保障年度”起止月份尚待医保部门确认，本计算暂按每年{start}月1日起的12个月{calendar}计算，"
        "所有断缴（包括旧办法时期的）都按这一年度划分；如与医保部门的规定不同，请以医保部门为准。"
    )


# ---------------------------------------------------------------- what depends on it (§5.6, §6, §5.4)


def limits(months: int, inputs: dict, params: ParamSnapshot, steps: list, warnings: list) -> dict:
    found = band(params, "limit", LIMIT_BANDS, months)
    multiple = params.value(f"limit.band{found}.multiple")
    wage = baseline_for(params, "avg_annual_wage", inputs["date"])
    if wage.warning:
        warnings.append(wage.warning)
    annual_limit = money(multiple * wage.value)
    steps.append(
        Step(
            "统筹基金年度支付限额",
            f"连续参保{months}个月，属第{found}档：{multiple:f}倍 × {wage.year}年"
            f"在岗职工年平均工资{yuan(wage.value)} = {yuan(annual_limit)}",
            annual_limit,
            params.source(f"limit.band{found}.multiple"),
        )
    )
    serious_limit = money(params.value(f"serious.band{found}.limit"))
    steps.append(
        Step(
            "大病保险年度最高支付限额",
            f"第{found}档：{yuan(serious_limit)}",
            serious_limit,
            params.source(f"serious.band{found}.limit"),
        )
    )
    special = band(params, "special_1", SPECIAL_1_BANDS, months)
    special_ratio = params.value(f"special_1.band{special}.ratio").quantize(FEN)
    steps.append(
        Step(
            "门诊特定病种一类支付比例",
            f"连续参保{months}个月，属第{special}档：{ratio_text(special_ratio)}",
            None,
            params.source(f"special_1.band{special}.ratio"),
        )
    )
    return {
        "annual_limit_multiple": multiple,
        "annual_limit": annual_limit,
        "serious_limit": serious_limit,
        "special_1_ratio": special_ratio,
    }


def calculate(inputs: dict, params: ParamSnapshot) -> Result:
    steps: list[Step] = []
    warnings: list[str] = []
    months = continuous_months(inputs, params, steps, warnings)
    result = {"continuous_months": months, **limits(months, inputs, params, steps, warnings)}
    warning = year_warning(params)
    if warning:
        warnings.append(warning)
    return Result(result, tuple(steps), tuple(warnings), source_documents(steps))
