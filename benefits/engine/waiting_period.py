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

from .core import CalculationError, Param, ParamSnapshot, Result, Step, source_documents
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

TABLE = "居民医保待遇等待期"
PARAMETERS = (
    Param(
        "waiting_period.fixed_months",
        "待遇等待期固定部分",
        "months",
        D(0),
        D(24),
        table=TABLE,
        row="固定等待期",
        col="月数",
    ),
    Param(
        "waiting_period.years_in_fixed",
        "固定等待期已包含的中断年数",
        "years",
        D(0),
        D(10),
        table=TABLE,
        row="变动等待期",
        col="从第几年以后起算",
    ),
    Param(
        "waiting_period.months_per_extra_year",
        "每多中断1年增加的等待期",
        "months",
        D(0),
        D(12),
        table=TABLE,
        row="变动等待期",
        col="每年增加月数",
    ),
    Param(
        "waiting_period.months_removed_per_repaid_year",
        "每补缴1年减少的变动等待期",
        "months",
        D(0),
        D(12),
        table=TABLE,
        row="补缴缩短",
        col="每年减少月数",
    ),
    Param(
        "waiting_period.long_gap_years",
        "连续中断多少年及以上时等待期设下限",
        "years",
        D(0),
        D(50),
        table=TABLE,
        row="长期中断",
        col="连续中断年数",
    ),
    Param(
        "waiting_period.long_gap_min_months",
        "长期中断后补缴也不少于的等待期",
        "months",
        D(0),
        D(24),
        table=TABLE,
        row="长期中断",
        col="最少月数",
    ),
)


def _result(months: int, fixed: int, variable: int) -> dict:
    return {"months": months, "fixed_months": fixed, "variable_months": variable}


def _source(params: ParamSnapshot, key: str) -> str:
    return params.source(key) or NATIONAL_RULE


def _months(params: ParamSnapshot, key: str) -> int:
    return int(params.value(key))


def _exempt(inputs: dict, fixed_rule: int) -> str | None:
    """Why there is no waiting period at all, or None."""
    if fixed_rule == 0:
        return "所选日期国家待遇等待期规定尚未实施：参保并足额缴费后，从次月1日起享受待遇"
    if inputs.get("newborn"):
        return "新生儿参保不设待遇等待期"
    if not inputs.get("outside_window") and not inputs.get("interrupted_years"):
        return "在集中参保期内参保且没有中断缴费，不设待遇等待期"
    return None


def _variable(params: ParamSnapshot, inputs: dict, fixed: int, steps: list[Step]) -> int:
    interrupted, repaid = inputs.get("interrupted_years") or 0, inputs.get("repaid_years") or 0
    extra_years = max(0, interrupted - _months(params, "waiting_period.years_in_fixed"))
    per_year = _months(params, "waiting_period.months_per_extra_year")
    variable = extra_years * per_year
    steps.append(
        Step(
            "变动等待期",
            f"中断{interrupted}年，超出固定期所含年数的{extra_years}年 × 每年{per_year}个月 = {variable}个月",
            None,
            _source(params, "waiting_period.months_per_extra_year"),
        )
    )
    if repaid:
        removed = min(variable, repaid * _months(params, "waiting_period.months_removed_per_repaid_year"))
        variable -= removed
        text = f"补缴{repaid}年，变动等待期减少{removed}个月（只减变动部分），还剩{variable}个月"
        steps.append(Step("补缴缩短", text, None, _source(params, "waiting_period.months_removed_per_repaid_year")))
    if interrupted >= _months(params, "waiting_period.long_gap_years"):
        least = _months(params, "waiting_period.long_gap_min_months")
        if fixed + variable < least:
            variable = least - fixed
            steps.append(
                Step(
                    "长期中断的最低等待期",
                    f"连续中断{interrupted}年，补缴后等待期也不少于{least}个月：变动等待期按{variable}个月计",
                    None,
                    _source(params, "waiting_period.long_gap_min_months"),
                )
            )
    return variable


def calculate(inputs: dict, params: ParamSnapshot) -> Result:
    fixed_rule = _months(params, "waiting_period.fixed_months")
    source = params.source("waiting_period.fixed_months") or NATIONAL_RULE
    if (inputs.get("repaid_years") or 0) > (inputs.get("interrupted_years") or 0):
        raise CalculationError("补缴的年数不能多于中断的年数。", field="repaid_years")
    reason = _exempt(inputs, fixed_rule)
    if reason:
        steps = (Step("待遇等待期", f"{reason}：0个月", None, source),)
        warnings = (NOT_DETAILED,) if fixed_rule else (f"{NATIONAL_RULE}规定的待遇等待期在所选日期尚未实施。",)
        return Result(_result(0, 0, 0), steps, warnings, source_documents(steps))
    steps = [Step("固定等待期", f"未在集中参保期参保或未连续参保：固定{fixed_rule}个月", None, source)]
    variable = _variable(params, inputs, fixed_rule, steps)
    months = fixed_rule + variable
    steps.append(
        Step(
            "待遇等待期合计", f"{fixed_rule} + {variable} = {months}个月；等待期内发生的医疗费用不予报销", None, source
        )
    )
    return Result(_result(months, fixed_rule, variable), tuple(steps), (NOT_DETAILED,), source_documents(steps))
