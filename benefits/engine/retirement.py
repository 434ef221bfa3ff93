"""退休后停缴享受待遇 (retirement): may an employee stop paying at retirement? (rules-2023.md §3)

Conditions: statutory retirement age reached (the input `retire_year` implies it), ≥ 10 years of actual
contribution in Shenzhen, and cumulative years ≥ the number set for the year of retirement (24 for 2023,
25 for 2024). The cumulative years are one parameter per year of retirement
(retirement.required_total_years.<year>, declared for FIRST_YEAR..LAST_YEAR and seeded as null where
Shenzhen has published nothing): staff publish 2025 by giving that row a value, without code. A year
with no value is "not yet published": eligible and required_total_years are then null, never guessed.
Retirements before the regulation's first year follow the 2014 regulation, which the sources do not state.
"""

from __future__ import annotations

from decimal import Decimal

from .core import Param, ParamSnapshot, Result, Step, source_documents
from .inputs import Choice, Integer
from .shared import REGULATION_2023

D = Decimal
FIRST_YEAR, LAST_YEAR = 2023, 2035  # the years staff can fill in (declared keys)
SEXES = (("male", "男"), ("female", "女"))
PROVINCIAL_RULE = "《广东省基本医疗保险关系省内转移接续暂行办法》"
OLD_REGULATION = "旧《深圳市社会医疗保险办法》（深圳市人民政府令第256号，种子文档未载明其停缴条件）"

INPUTS = (
    Integer("retire_year", "哪一年退休（达到法定退休年龄）", minimum=1990, maximum=2100, unit="年"),
    Choice("sex", "性别", choices=SEXES),
    Integer("shenzhen_years", "在深圳实际缴纳职工医保的年数（一档、二档合计）", minimum=0, maximum=80, unit="年"),
    Integer("total_years", "累计缴纳职工医保的年数（含从外地转入的年数）", minimum=0, maximum=80, unit="年"),
)

PARAMETERS = (
    Param(
        "retirement.first_year",
        "按《深圳市医疗保障办法》确定停缴条件的最早退休年份",
        "years",
        D(1990),
        D(2100),
        table="退休停缴享受待遇条件",
        row="适用",
        col="最早退休年份",
    ),
    Param(
        "retirement.required_shenzhen_years",
        "退休停缴条件：在深圳实际缴费年限",
        "years",
        D(0),
        D(50),
        table="退休停缴享受待遇条件",
        row="深圳实际缴费年限",
        col="年限",
    ),
    *[
        Param(
            f"retirement.required_total_years.{year}",
            f"{year}年退休人员的累计缴费年限",
            "years",
            D(0),
            D(50),
            table="退休停缴享受待遇条件",
            row="累计缴费年限",
            col=f"{year}年退休",
        )
        for year in range(FIRST_YEAR, LAST_YEAR + 1)
    ],
    *[
        Param(
            f"retirement.provincial_target.{sex}",
            f"广东省统一后的累计缴费年限（{label}）",
            "years",
            D(0),
            D(50),
            table="退休停缴享受待遇条件",
            row="广东省统一目标",
            col=label,
        )
        for sex, label in SEXES
    ],
    Param(
        "retirement.provincial_target.from_year",
        "广东省统一累计缴费年限的年份（当年1月1日起）",
        "years",
        D(2000),
        D(2100),
        table="退休停缴享受待遇条件",
        row="广东省统一目标",
        col="起始年份",
    ),
)


def _requirement(params: ParamSnapshot, retire_year: int) -> tuple[Decimal | None, Decimal | None, str, str]:
    """(Shenzhen years, total years, their sources) for that year of retirement; None where not published."""
    if retire_year < params.value("retirement.first_year"):
        return None, None, OLD_REGULATION, OLD_REGULATION
    shenzhen_key = "retirement.required_shenzhen_years"
    total_key = f"retirement.required_total_years.{retire_year}"
    total = params.value(total_key) if params.has(total_key) else None
    shenzhen_source = params.source(shenzhen_key) or REGULATION_2023
    return params.value(shenzhen_key), total, shenzhen_source, params.source(total_key) or shenzhen_source


def _missing(required: Decimal | None, have: int) -> int | None:
    return None if required is None else max(0, int(required) - have)


def _eligible(missing: tuple[int | None, ...]) -> bool | None:
    """All conditions must hold: one known shortfall → False; any unknown condition → None (not published)."""
    if any(m for m in missing if m is not None):
        return False
    if any(m is None for m in missing):
        return None
    return True


def _condition_step(
    label: str, required: Decimal | None, have: int, missing: int | None, source: str, unknown: str
) -> Step:
    if required is None:
        return Step(label, f"您有{have}年；{unknown}，无法判断", None, source)
    verdict = "符合" if not missing else f"还差{missing}年"
    return Step(label, f"要求满{int(required)}年，您有{have}年：{verdict}", None, source)


def _provincial_step(params: ParamSnapshot, sex: str) -> Step:
    target = params.value(f"retirement.provincial_target.{sex}")
    year = int(params.value("retirement.provincial_target.from_year"))
    return Step(
        "参考：广东省的统一要求",
        f"广东省规定到{year}年1月1日累计缴费年限统一为{dict(SEXES)[sex]}性{int(target)}年；"
        "深圳市尚未据此作出具体规定，仅供参考",
        None,
        params.source(f"retirement.provincial_target.{sex}") or PROVINCIAL_RULE,
    )


def calculate(inputs: dict, params: ParamSnapshot) -> Result:
    year, sex = inputs["retire_year"], inputs["sex"]
    shenzhen_required, total_required, shenzhen_source, total_source = _requirement(params, year)
    missing_shenzhen = _missing(shenzhen_required, inputs["shenzhen_years"])
    missing_total = _missing(total_required, inputs["total_years"])
    eligible = _eligible((missing_shenzhen, missing_total))
    unknown = "这一年退休的要求本系统未收录" if shenzhen_required is None else "这一年退休的要求深圳市尚未公布"
    steps = [
        Step("达到法定退休年龄", f"{year}年退休（按渐进式延迟法定退休年龄的规定确定）", None, REGULATION_2023),
        _condition_step(
            "在深圳实际缴费年限",
            shenzhen_required,
            inputs["shenzhen_years"],
            missing_shenzhen,
            shenzhen_source,
            unknown,
        ),
        _condition_step(
            f"{year}年退休的累计缴费年限", total_required, inputs["total_years"], missing_total, total_source, unknown
        ),
        _provincial_step(params, sex),
        Step("居民医保", "居民医保没有退休后停缴享受待遇的规定，须按时缴费才能享受待遇", None, REGULATION_2023),
    ]
    warnings = []
    if shenzhen_required is None:
        warnings.append(
            f"{year}年退休人员的停缴条件按旧《深圳市社会医疗保险办法》执行，本系统未收录，请咨询医保经办机构。"
        )
    elif total_required is None:
        warnings.append(f"深圳市尚未公布{year}年退休人员的累计缴费年限要求，暂无法判断；请关注深圳市医疗保障局的通知。")
    result = {
        "eligible": eligible,
        "required_shenzhen_years": None if shenzhen_required is None else int(shenzhen_required),
        "required_total_years": None if total_required is None else int(total_required),
        "missing_shenzhen_years": missing_shenzhen,
        "missing_total_years": missing_total,
    }
    return Result(result, tuple(steps), tuple(warnings), source_documents(steps))
