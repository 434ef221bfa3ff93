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

from .core import FEN, CalculationError, ParamSnapshot, Result, Trace, money, ratio_text, yuan
from .inputs import Day, Gaps, YearMonth
from .shared import annual_limit
from .terms import SERIOUS_LIMIT

INPUTS = (
    YearMonth("start", "第一次缴费的月份", hint="按“年-月”填写，例如 2020-07。从这个月起一直在深圳缴医保。"),
    Gaps(
        "gaps",
        "中间没有缴费（断缴）的月份",
        hint="没有断缴就不填。按“开始年-月:结束年-月”填写，例如 2024-03:2024-05；多段用逗号隔开。",
    ),
    Day("date", "计算到哪一天（例如就医日期）", hint="不填就是今天。"),
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


def counting_window(inputs: dict, trace: Trace) -> tuple[int, int]:
    """(first, last) month index counted: from the first month paid up to the month before `date` (or of it)."""
    first, date_month = month_index(inputs["start"]), inputs["date"].year * 12 + inputs["date"].month - 1
    if first > date_month:
        raise CalculationError("第一次缴费的月份不能晚于计算日期所在的月份。", field="start")
    counts_date_month, source = trace.params.cell("enrollment.count_date_month")
    last = date_month if counts_date_month else date_month - 1
    rule = "计入" if counts_date_month else "不计入（当月的医保费可能还没有缴费到账）"
    if last >= first:
        formula = f"从{month_text(first)}算到{month_text(last)}；计算日期所在的{month_text(date_month)}{rule}"
    else:
        formula = f"{month_text(first)}开始缴费，到计算日期还没有可以计入的缴费月份"
    trace.step("计算范围", formula, source=source)
    return first, last


def clean_gaps(inputs: dict, first: int, last: int, trace: Trace) -> list[tuple[int, int]]:
    """Gaps as month indexes inside the window, merged where they overlap; later gaps are left out."""
    merged: list[tuple[int, int]] = []
    for gap_start, gap_end in inputs["gaps"]:
        a, b = month_index(gap_start), month_index(gap_end)
        if a < first:
            raise CalculationError("断缴月份不能早于第一次缴费的月份。", field="gaps")
        if a > last:
            trace.warn(f"{month_text(a)}起的断缴在计算范围之后，未计入。")
            continue
        if b >= last:
            trace.warn(
                "您填写的断缴一直持续到计算日期：断缴期间（停缴的次月起）统筹基金不支付待遇，"
                "恢复缴费后才能重新享受；下面按现在恢复缴费计算。"
            )
        b = min(b, last)
        if merged and a <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def gap_formula(a: int, b: int, per_year: Counter, cumulative: Counter, joined: bool, limit: int, years) -> str:
    totals = "、".join(f"{years.text(y)}累计断缴{cumulative[y]}个月" for y in sorted(per_year))
    outcome = (
        f"都不超过{limit}个月：断缴前后合并计算，断缴的月份不计入"
        if joined
        else f"超过{limit}个月：从{month_text(b + 1)}起重新计算"
    )
    return f"断缴{b - a + 1}个月；所在医疗保障年度{totals}；{outcome}"


def continuous_months(inputs: dict, trace: Trace) -> int:
    """§5.7: join across interruptions adding up to ≤ the maximum within one insurance year, else restart."""
    first, last = counting_window(inputs, trace)
    limit, source = trace.params.cell("enrollment.max_gap_months")
    limit = int(limit)
    years = InsuranceYear(int(trace.params.value("enrollment.year_start_month")))
    run_start, gap_months, cumulative = first, 0, Counter()
    gaps = clean_gaps(inputs, first, last, trace)
    if gaps:  # the year's definition decides only how counted gaps add up
        trace.warn(year_warning(trace.params))
    for a, b in gaps:
        per_year = Counter(years.of(i) for i in range(a, b + 1))
        cumulative.update(per_year)
        joined = all(cumulative[y] <= limit for y in per_year)
        if joined:
            gap_months += b - a + 1
        else:
            run_start, gap_months = b + 1, 0
        trace.step(
            f"断缴{months_text(a, b)}", gap_formula(a, b, per_year, cumulative, joined, limit, years), source=source
        )
    months = max(last - run_start + 1 - gap_months, 0)
    trace.step(
        "连续参保时间",
        f"{month_text(run_start)}至{month_text(last)}共{max(last - run_start + 1, 0)}个月"
        f"，减去其中断缴{gap_months}个月 = {months}个月"
        if last >= run_start
        else "0个月",
        source=source,
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


def limits(months: int, inputs: dict, trace: Trace) -> dict:
    limit = annual_limit(trace, months, inputs["date"])
    serious_limit, source = trace.params.table("serious.limit").cell(limit.band.row, "limit")
    serious_limit = money(serious_limit)
    trace.step(
        SERIOUS_LIMIT, f"第{limit.band.number}档：{yuan(serious_limit, whole=True)}", serious_limit, source, whole=True
    )
    special = trace.params.bands("special_1")
    band = special.find(months)
    ratio, source = special.cell(band.row, "ratio")
    ratio = ratio.quantize(FEN)
    trace.step(
        "门诊特定病种一类报销比例", f"连续参保{months}个月，属第{band.number}档：{ratio_text(ratio)}", source=source
    )
    return {
        "annual_limit_multiple": limit.multiple,
        "annual_limit": limit.value,
        "serious_limit": serious_limit,
        "special_1_ratio": ratio,
    }


def calculate(inputs: dict, params: ParamSnapshot) -> Result:
    trace = Trace(params)
    months = continuous_months(inputs, trace)
    return trace.result({"continuous_months": months, **limits(months, inputs, trace)})
