"""生育假期与生育津贴 (maternity): leave days and the allowance (rules-2023.md §8, 手册问24、问30).

Days: birth 98, difficult +30, each extra baby +15; pregnancy ended before 4 months 15–30 as the
hospital advises, 4 to under 7 months 42, 7 months or more 75; family-planning surgeries add up, also
to a birth's days. Allowance = the employer's average monthly wage of last year ÷ 30 × days
(《广东省职工生育保险规定》). Reward leave is paid as wages, not by the allowance.
"""

from __future__ import annotations

from decimal import Decimal

from .core import CalculationError, Param, ParamSnapshot, Result, Step, money, source_documents
from .inputs import Boolean, Choice, Integer, Money, MultiChoice

D = Decimal
HANDBOOK_30 = "《深圳医保政策问答手册》问30（《女职工劳动保护特别规定》《广东省职工生育保险规定》）"
PROVINCIAL_RULE = "《广东省职工生育保险规定》"

EVENTS = (("birth", "生孩子"), ("loss", "怀孕后终止妊娠（流产、引产）"), ("none", "都没有，只做计划生育手术"))
SURGERIES = (
    ("iud_removal", "取出宫内节育器（取环）"),
    ("iud_insertion", "放置宫内节育器（上环）"),
    ("tubal_ligation", "输卵管结扎"),
    ("vasectomy", "输精管结扎"),
    ("reversal", "输卵管或输精管复通手术"),
)
SURGERY_LABELS = dict(SURGERIES)

INPUTS = (
    Choice("event", "发生了什么", choices=EVENTS),
    Boolean("difficult", "是否难产"),
    Integer("babies", "一次生了几个孩子", default=1, minimum=1, maximum=10, unit="个"),
    Integer(
        "months_pregnant",
        "终止妊娠时怀孕满几个月",
        default=None,
        minimum=0,
        maximum=11,
        unit="个月",
        hint="终止妊娠时填写，按满几个整月计",
    ),
    Integer(
        "hospital_days",
        "医院建议休假的天数（怀孕未满4个月终止妊娠）",
        default=None,
        minimum=0,
        maximum=365,
        unit="天",
        hint="按医疗机构的意见，一般在15至30天之间",
    ),
    MultiChoice("surgeries", "做了哪些计划生育手术（可多选，用逗号分开）", choices=SURGERIES),
    Money("monthly_wage", "单位上年度职工月平均工资", default=None, hint="不填则只计算假期天数"),
)

TABLE = "生育和计划生育手术假期"
PARAMETERS = (
    Param("maternity.birth.days", "产假（顺产）", "days", D(0), D(365), table=TABLE, row="生育", col="顺产"),
    Param(
        "maternity.birth.difficult_extra_days",
        "难产增加的产假",
        "days",
        D(0),
        D(365),
        table=TABLE,
        row="生育",
        col="难产增加",
    ),
    Param(
        "maternity.birth.extra_baby_days",
        "多胞胎每多生1个增加的产假",
        "days",
        D(0),
        D(365),
        table=TABLE,
        row="生育",
        col="每多1个婴儿增加",
    ),
    Param(
        "maternity.loss.early.min_days",
        "怀孕未满4个月终止妊娠的产假（最少）",
        "days",
        D(0),
        D(365),
        table=TABLE,
        row="终止妊娠",
        col="早期最少天数",
    ),
    Param(
        "maternity.loss.early.max_days",
        "怀孕未满4个月终止妊娠的产假（最多）",
        "days",
        D(0),
        D(365),
        table=TABLE,
        row="终止妊娠",
        col="早期最多天数",
    ),
    Param(
        "maternity.loss.middle.from_months",
        "终止妊娠中期的起始怀孕月数",
        "months",
        D(0),
        D(12),
        table=TABLE,
        row="终止妊娠",
        col="中期起始月数",
    ),
    Param(
        "maternity.loss.middle.days",
        "怀孕4个月以上7个月以下终止妊娠的产假",
        "days",
        D(0),
        D(365),
        table=TABLE,
        row="终止妊娠",
        col="中期天数",
    ),
    Param(
        "maternity.loss.late.from_months",
        "终止妊娠晚期的起始怀孕月数",
        "months",
        D(0),
        D(12),
        table=TABLE,
        row="终止妊娠",
        col="晚期起始月数",
    ),
    Param(
        "maternity.loss.late.days",
        "怀孕满7个月终止妊娠的产假",
        "days",
        D(0),
        D(365),
        table=TABLE,
        row="终止妊娠",
        col="晚期天数",
    ),
    *[
        Param(
            f"maternity.surgery.{name}",
            f"计划生育手术假期：{label}",
            "days",
            D(0),
            D(365),
            table=TABLE,
            row="计划生育手术",
            col=label,
        )
        for name, label in SURGERIES
    ],
    Param(
        "maternity.allowance.divisor",
        "生育津贴日标准的除数（月平均工资 ÷ 天数）",
        "days",
        D(1),
        D(31),
        table="生育津贴",
        row="日津贴",
        col="除数",
    ),
)


def _days(params: ParamSnapshot, key: str) -> tuple[int, str]:
    return int(params.value(key)), params.source(key) or HANDBOOK_30


def _birth(params: ParamSnapshot, inputs: dict, steps: list[Step]) -> int:
    days, source = _days(params, "maternity.birth.days")
    steps.append(Step("产假", f"生育：{days}天", None, source))
    if inputs.get("difficult"):
        extra, source = _days(params, "maternity.birth.difficult_extra_days")
        days += extra
        steps.append(Step("难产", f"增加{extra}天", None, source))
    babies = inputs.get("babies") or 1
    if babies > 1:
        each, source = _days(params, "maternity.birth.extra_baby_days")
        days += each * (babies - 1)
        steps.append(
            Step("多胞胎", f"每多生1个增加{each}天：{each} × {babies - 1} = {each * (babies - 1)}天", None, source)
        )
    return days


def _early_loss(params: ParamSnapshot, inputs: dict, steps: list[Step]) -> int:
    least, _ = _days(params, "maternity.loss.early.min_days")
    most, source = _days(params, "maternity.loss.early.max_days")
    days = inputs.get("hospital_days")
    if days is None or not least <= days <= most:
        raise CalculationError(
            f"怀孕未满{int(params.value('maternity.loss.middle.from_months'))}个月终止妊娠的，"
            f"请按医院的意见填写{least}至{most}天。",
            field="hospital_days",
        )
    steps.append(
        Step(
            "产假",
            f"怀孕{inputs['months_pregnant']}个月终止妊娠，按医院意见休{days}天（{least}至{most}天）",
            None,
            source,
        )
    )
    return days


def _loss(params: ParamSnapshot, inputs: dict, steps: list[Step]) -> int:
    months = inputs.get("months_pregnant")
    if months is None:
        raise CalculationError("终止妊娠的，请填写怀孕满几个月。", field="months_pregnant")
    if months < params.value("maternity.loss.middle.from_months"):
        return _early_loss(params, inputs, steps)
    stage = "late" if months >= params.value("maternity.loss.late.from_months") else "middle"
    days, source = _days(params, f"maternity.loss.{stage}.days")
    steps.append(Step("产假", f"怀孕{months}个月终止妊娠：{days}天", None, source))
    return days


def _surgeries(params: ParamSnapshot, surgeries: tuple[str, ...], steps: list[Step]) -> int:
    if len(set(surgeries)) < len(surgeries):
        raise CalculationError("同一种手术请只选一次。", field="surgeries")
    total = 0
    for name in surgeries:
        days, source = _days(params, f"maternity.surgery.{name}")
        total += days
        steps.append(Step("计划生育手术假", f"{SURGERY_LABELS[name]}：{days}天", None, source))
    return total


def _allowance(params: ParamSnapshot, wage: Decimal | None, days: int, steps: list[Step]) -> Decimal | None:
    if wage is None:
        return None
    divisor = params.value("maternity.allowance.divisor")
    allowance = money(wage / divisor * days)
    steps.append(
        Step(
            "生育津贴",
            f"{wage:,.2f} ÷ {int(divisor)} × {days}天 = {allowance:,.2f}",
            allowance,
            params.source("maternity.allowance.divisor") or PROVINCIAL_RULE,
        )
    )
    return allowance


def calculate(inputs: dict, params: ParamSnapshot) -> Result:
    steps: list[Step] = []
    event = inputs["event"]
    days = 0
    if event == "birth":
        days = _birth(params, inputs, steps)
    elif event == "loss":
        days = _loss(params, inputs, steps)
    days += _surgeries(params, inputs.get("surgeries") or (), steps)
    steps.append(Step("可领取生育津贴的假期合计", f"{days}天", None, HANDBOOK_30))
    allowance = _allowance(params, inputs.get("monthly_wage"), days, steps)
    warnings = [
        "按计划生育法律法规奖励增加的产假、看护假，单位照发工资，但不享受生育津贴。",
        "在国外或港澳台地区发生的生育医疗费用，不属于生育保险支付范围。",
    ]
    if allowance is None:
        warnings.append("没有填写单位上年度职工月平均工资，只计算了假期天数。")
    return Result({"days": days, "allowance": allowance}, tuple(steps), tuple(warnings), source_documents(steps))
