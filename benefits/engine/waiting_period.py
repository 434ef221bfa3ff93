"""居民医保待遇等待期 (waiting_period): national rule 国办发〔2024〕38号 (rules-2023.md §4).

Fixed part 3 months; each interrupted year beyond the first adds 1 month (1 year → 3, n → 3 + (n − 1));
each repaid year removes 1 month of the variable part only; after 4 or more consecutive interrupted
years the total stays at least 6 months. Newborns are exempt. Every number is a parameter so staff can
change the reading. Shenzhen has not issued its details: every result says so.

Before the national rule (from 2023-10-01 to 2024-12-31) the seed gives a fixed part of 0 months:
《深圳市医疗保障办法》 pays from the 1st of the month after enrolment and full payment, no waiting
period. Before 2023-10-01 the handbook states nothing: MissingParameter.
"""

from __future__ import annotations

from decimal import Decimal

from .core import CalculationError, ParamSnapshot, Result, Trace
from .inputs import Boolean, Day, Integer

D = Decimal
NATIONAL_RULE = "《国务院办公厅关于健全基本医疗保险参保长效机制的指导意见》（国办发〔2024〕38号）"
NOT_DETAILED = "深圳市尚未出台实施细则，以上按国家规定计算，具体以深圳市医疗保障部门的规定为准。"

INPUTS = (
    Boolean("outside_window", "是否在每年集中参保期以外参保"),
    Integer("interrupted_years", "中断缴纳居民医保的年数（连续）", default=0, minimum=0, maximum=100, unit="年"),
    Integer("repaid_years", "其中已经补缴的年数", default=0, minimum=0, maximum=100, unit="年"),
    Boolean("newborn", "是否为新生儿"),
    Day("date", "开始享受待遇的日期（重新参保缴费后）", hint="不填则按今天计算"),
)


def _result(months: int, fixed: int, variable: int) -> dict:
    return {"months": months, "fixed_months": fixed, "variable_months": variable}


def _months(trace: Trace, key: str) -> tuple[int, str]:
    """A whole number of months or years from the table 居民医保待遇等待期, with its source."""
    months, source = trace.params.cell(key)
    return int(months), source


def _exempt(inputs: dict, fixed_rule: int) -> str | None:
    """Why there is no waiting period at all, or None."""
    if fixed_rule == 0:
        return "所选日期国家待遇等待期规定尚未实施：参保并足额缴费后，从次月1日起享受待遇"
    if inputs.get("newborn"):
        return "新生儿参保不设待遇等待期"
    if not inputs.get("outside_window") and not inputs.get("interrupted_years"):
        return "在集中参保期内参保且没有中断缴费，不设待遇等待期"
    return None


def _variable(trace: Trace, inputs: dict, fixed: int) -> int:
    interrupted, repaid = inputs.get("interrupted_years") or 0, inputs.get("repaid_years") or 0
    in_fixed, _ = _months(trace, "waiting_period.years_in_fixed")
    per_year, source = _months(trace, "waiting_period.months_per_extra_year")
    extra_years = max(0, interrupted - in_fixed)
    variable = extra_years * per_year
    trace.step(
        "变动等待期",
        f"中断{interrupted}年，超出固定期所含年数的{extra_years}年 × 每年{per_year}个月 = {variable}个月",
        source=source,
    )
    if repaid:
        per_repaid, source = _months(trace, "waiting_period.months_removed_per_repaid_year")
        removed = min(variable, repaid * per_repaid)
        variable -= removed
        trace.step(
            "补缴缩短",
            f"补缴{repaid}年，变动等待期减少{removed}个月（只减变动部分），还剩{variable}个月",
            source=source,
        )
    long_gap, _ = _months(trace, "waiting_period.long_gap_years")
    if interrupted >= long_gap:
        least, source = _months(trace, "waiting_period.long_gap_min_months")
        if fixed + variable < least:
            variable = least - fixed
            trace.step(
                "长期中断的最低等待期",
                f"连续中断{interrupted}年，补缴后等待期也不少于{least}个月：变动等待期按{variable}个月计",
                source=source,
            )
    return variable


def calculate(inputs: dict, params: ParamSnapshot) -> Result:
    trace = Trace(params, NATIONAL_RULE)
    fixed_rule, source = _months(trace, "waiting_period.fixed_months")
    if (inputs.get("repaid_years") or 0) > (inputs.get("interrupted_years") or 0):
        raise CalculationError("补缴的年数不能多于中断的年数。", field="repaid_years")
    reason = _exempt(inputs, fixed_rule)
    if reason:
        trace.step("待遇等待期", f"{reason}：0个月", source=source)
        trace.warn(NOT_DETAILED if fixed_rule else f"{NATIONAL_RULE}规定的待遇等待期在所选日期尚未实施。")
        return trace.result(_result(0, 0, 0))
    trace.step("固定等待期", f"未在集中参保期参保或未连续参保：固定{fixed_rule}个月", source=source)
    variable = _variable(trace, inputs, fixed_rule)
    months = fixed_rule + variable
    trace.step(
        "待遇等待期合计", f"{fixed_rule} + {variable} = {months}个月；等待期内发生的医疗费用不予报销", source=source
    )
    trace.warn(NOT_DETAILED)
    return trace.result(_result(months, fixed_rule, variable))
