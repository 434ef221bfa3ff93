"""退休后停缴享受待遇 (retirement): may an employee stop paying at retirement? (rules-2023.md §3)

Conditions: statutory retirement age reached (the input `retire_year` implies it), ≥ 10 years of actual
contribution in Shenzhen, and cumulative years ≥ the number set for the year of retirement (24 for 2023,
25 for 2024). The cumulative years are one column per year of retirement in the table 退休停缴享受待遇条件
(retirement.yaml, 2023–2035, seeded as null where Shenzhen has published nothing): staff publish 2025 by
giving that cell a value, without code. A year with no value is "not yet published": eligible and
required_total_years are then null, never guessed.
Retirements before the regulation's first year follow the 2014 regulation, which the sources do not state.
"""

from __future__ import annotations

from decimal import Decimal

from .core import REGULATION_2023, ParamSnapshot, Result, Trace
from .inputs import Choice, Integer

SEXES = (("male", "男"), ("female", "女"))
PROVINCIAL_RULE = "《广东省基本医疗保险关系省内转移接续暂行办法》"
OLD_REGULATION = "旧《深圳市社会医疗保险办法》（深圳市人民政府令第256号）"

INPUTS = (
    Integer("retire_year", "哪一年退休（达到法定退休年龄）", minimum=1990, maximum=2100, unit="年"),
    Choice("sex", "性别", choices=SEXES),
    Integer("shenzhen_years", "在深圳实际缴纳职工医保的年数（一档、二档合计）", minimum=0, maximum=80, unit="年"),
    Integer("total_years", "累计缴纳职工医保的年数（含从外地转入的年数）", minimum=0, maximum=80, unit="年"),
)


def _requirement(params: ParamSnapshot, retire_year: int) -> tuple[Decimal | None, Decimal | None, str, str]:
    """(Shenzhen years, total years, their sources) for that year of retirement; None where not published."""
    if retire_year < params.value("retirement.first_year"):
        return None, None, OLD_REGULATION, OLD_REGULATION
    shenzhen = params.table("retirement").cell("shenzhen_years", "years")
    total = params.table("retirement").get("total_years", str(retire_year))
    shenzhen_source = shenzhen.source or REGULATION_2023
    if total is None:
        return shenzhen.value, None, shenzhen_source, shenzhen_source
    return shenzhen.value, total.value, shenzhen_source, total.source or shenzhen_source


def _missing(required: Decimal | None, have: int) -> int | None:
    return None if required is None else max(0, int(required) - have)


def _eligible(missing: tuple[int | None, ...]) -> bool | None:
    """All conditions must hold: one known shortfall → False; any unknown condition → None (not published)."""
    if any(m for m in missing if m is not None):
        return False
    if any(m is None for m in missing):
        return None
    return True


def _condition(
    trace: Trace, label: str, required: Decimal | None, have: int, missing: int | None, source: str, unknown: str
) -> None:
    if required is None:
        trace.step(label, f"您有{have}年；{unknown}，无法判断", source=source)
    else:
        verdict = "符合" if not missing else f"还差{missing}年"
        trace.step(label, f"要求满{int(required)}年，您有{have}年：{verdict}", source=source)


def _provincial(trace: Trace, sex: str) -> None:
    target, source = trace.params.table("retirement").cell("provincial", sex)
    year = int(trace.params.table("retirement").value("provincial", "from_year"))
    trace.step(
        "参考：广东省的统一要求",
        f"广东省规定到{year}年1月1日累计缴费年限统一为{dict(SEXES)[sex]}性{int(target)}年；"
        "深圳市尚未据此作出具体规定，仅供参考",
        source=source or PROVINCIAL_RULE,
    )


def calculate(inputs: dict, params: ParamSnapshot) -> Result:
    trace = Trace(params)
    year, sex = inputs["retire_year"], inputs["sex"]
    shenzhen_required, total_required, shenzhen_source, total_source = _requirement(params, year)
    missing_shenzhen = _missing(shenzhen_required, inputs["shenzhen_years"])
    missing_total = _missing(total_required, inputs["total_years"])
    unknown = "本计算器不含这一年退休的要求" if shenzhen_required is None else "这一年退休的要求深圳市尚未公布"
    trace.step("达到法定退休年龄", f"{year}年退休（按渐进式延迟法定退休年龄的规定确定）")
    have_shenzhen, have_total = inputs["shenzhen_years"], inputs["total_years"]
    _condition(
        trace, "在深圳实际缴费年限", shenzhen_required, have_shenzhen, missing_shenzhen, shenzhen_source, unknown
    )
    _condition(trace, f"{year}年退休的累计缴费年限", total_required, have_total, missing_total, total_source, unknown)
    _provincial(trace, sex)
    trace.step("居民医保", "居民医保没有退休后停缴享受待遇的规定，须按时缴费才能享受待遇")
    if shenzhen_required is None:
        trace.warn(
            f"{year}年退休人员的停缴条件按旧《深圳市社会医疗保险办法》执行，本计算器不含这些条件，请咨询医保经办机构。"
        )
    elif total_required is None:
        trace.warn(f"深圳市尚未公布{year}年退休人员的累计缴费年限要求，暂无法判断；请关注深圳市医疗保障局的通知。")
    return trace.result(
        {
            "eligible": _eligible((missing_shenzhen, missing_total)),
            "required_shenzhen_years": None if shenzhen_required is None else int(shenzhen_required),
            "required_total_years": None if total_required is None else int(total_required),
            "missing_shenzhen_years": missing_shenzhen,
            "missing_total_years": missing_total,
        }
    )
