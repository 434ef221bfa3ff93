"""生育假期与生育津贴 (maternity): leave days and the allowance (rules-2023.md §8, 手册问24、问30).

Days: birth 98, difficult +30, each extra baby +15; pregnancy ended before 4 months 15–30 as the
hospital advises, 4 to under 7 months 42, 7 months or more 75; family-planning surgeries add up, also
to a birth's days. Allowance = the employer's average monthly wage of last year ÷ 30 × days
(《广东省职工生育保险规定》). Reward leave is paid as wages, not by the allowance.

Who gets the allowance (手册问24, 问29): an employee with a year of maternity insurance; an employee's non-working
spouse gets her medical costs covered (问28) but no allowance. All of the leave: the allowance days plus, for a
birth, Guangdong's reward leave (《广东省人口与计划生育条例》, outside the seeds: maternity.birth.reward_days).
The medical benefits (问24, 问28, 问31) are answers in words: no source gives their amounts.
"""

from __future__ import annotations

from decimal import Decimal

from .core import CalculationError, ParamSnapshot, Result, Trace, money, yuan
from .inputs import Boolean, Choice, Integer, Money, MultiChoice

HANDBOOK = "《深圳医保政策问答手册》"
HANDBOOK_30 = f"{HANDBOOK}问30（《女职工劳动保护特别规定》《广东省职工生育保险规定》）"
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
    Integer(
        "insured_months",
        "本人累计参加生育保险的月数",
        default=None,
        minimum=0,
        maximum=1200,
        unit="个月",
        hint="满12个月才能领取生育津贴；不清楚可以不填",
    ),
    Boolean("spouse_only", "是否为职工的未就业配偶", hint="本人没有工作、丈夫在深圳的单位参加了生育保险"),
)

# The result fields, for the API page (calculators.md).
RESULTS = (
    ("days", "可领取生育津贴的假期天数"),
    ("leave_days", "全部假期天数（含生育的奖励假，奖励假单位发工资、不享受生育津贴）"),
    ("allowance_eligible", "能否领取生育津贴：true、false，未填参保月数为空"),
    ("allowance", "生育津贴（不能领取为0.00，未填工资为空）"),
    ("medical", "生育医疗费用待遇：谁可以享受、包括哪些费用（文字）"),
)

# Beyond the contract: the medical benefits as answers (calculators.md allows text fields; no amounts are published).
EXTRA_RESULTS = ("medical",)
MEDICAL_EMPLOYEE = (  # 问31, said in two parts so each reads on its own
    "参加生育保险的职工本人：符合国家和省规定的产前检查费用，终止妊娠的费用，分娩住院期间的接生费、手术费、住院费、"
    "药费及诊治妊娠合并症、并发症的费用（《深圳医保政策问答手册》问31）"
)
MEDICAL_EMPLOYEE_PLANNING = (  # 问31; shown only to someone who had a family-planning operation
    "参加生育保险的职工本人：计划生育的医疗费用（放置或取出宫内节育器，输卵管、输精管结扎或复通手术，"
    "人工流产、引产术等）（《深圳医保政策问答手册》问31）"
)
MEDICAL_SPOUSE = (  # 问28, 问29
    "没有工作、丈夫在深圳的用人单位参加了生育保险的配偶：享受未就业配偶生育医疗费用待遇，但不能领取生育津贴"
    "（《深圳医保政策问答手册》问28、问29）"
)
MEDICAL_ABROAD = (  # 问24
    "在国外或港澳台地区发生的生育医疗费用，不属于生育保险支付范围（《深圳医保政策问答手册》问24）"
)


def _days(trace: Trace, row: str, col: str) -> tuple[int, str]:
    """Days (or months) from the table 生育和计划生育手术假期, with the source."""
    days, source = trace.params.table("maternity.leave").cell(row, col)
    return int(days), source


def _birth(trace: Trace, inputs: dict) -> int:
    days, source = _days(trace, "birth", "days")
    trace.step("产假", f"生育：{days}天", source=source)
    if inputs.get("difficult"):
        extra, source = _days(trace, "birth", "difficult_extra_days")
        days += extra
        trace.step("难产", f"增加{extra}天", source=source)
    babies = inputs.get("babies") or 1
    if babies > 1:
        each, source = _days(trace, "birth", "extra_baby_days")
        days += each * (babies - 1)
        trace.step("多胞胎", f"每多生1个增加{each}天：{each} × {babies - 1} = {each * (babies - 1)}天", source=source)
    return days


def _early_loss(trace: Trace, inputs: dict) -> int:
    least, _ = _days(trace, "loss", "early_min_days")
    most, source = _days(trace, "loss", "early_max_days")
    days = inputs.get("hospital_days")
    if days is None or not least <= days <= most:
        middle, _ = _days(trace, "loss", "middle_from_months")
        raise CalculationError(
            f"怀孕未满{middle}个月终止妊娠的，请按医院的意见填写{least}至{most}天。", field="hospital_days"
        )
    formula = f"怀孕{inputs['months_pregnant']}个月终止妊娠，按医院意见休{days}天（{least}至{most}天）"
    trace.step("产假", formula, source=source)
    return days


def _loss(trace: Trace, inputs: dict) -> int:
    months = inputs.get("months_pregnant")
    if months is None:
        raise CalculationError("终止妊娠的，请填写怀孕满几个月。", field="months_pregnant")
    middle, _ = _days(trace, "loss", "middle_from_months")
    if months < middle:
        return _early_loss(trace, inputs)
    late, _ = _days(trace, "loss", "late_from_months")
    days, source = _days(trace, "loss", "late_days" if months >= late else "middle_days")
    trace.step("产假", f"怀孕{months}个月终止妊娠：{days}天", source=source)
    return days


def _surgeries(trace: Trace, surgeries: tuple[str, ...]) -> int:
    if len(set(surgeries)) < len(surgeries):
        raise CalculationError("同一种手术请只选一次。", field="surgeries")
    total = 0
    for name in surgeries:
        days, source = _days(trace, "surgery", name)
        total += days
        trace.step("计划生育手术假", f"{SURGERY_LABELS[name]}：{days}天", source=source)
    return total


def _eligible(trace: Trace, inputs: dict) -> bool | None:
    """问29: not for an employee's non-working spouse; 问24: a year of maternity insurance; None when not given."""
    if inputs.get("spouse_only"):
        trace.step("能否领取生育津贴", "职工的未就业配偶不是用人单位的职工，不能领取生育津贴", source=f"{HANDBOOK}问29")
        return False
    months = inputs.get("insured_months")
    least, source = trace.params.cell("maternity.allowance.min_insured_months")
    if months is None:
        if inputs.get("monthly_wage") is not None:  # the amount below assumes she qualifies
            trace.warn(f"领取生育津贴须累计参加生育保险满{int(least)}个月；没有填写参保月数，下面按已满计算。")
        return None
    eligible = months >= least
    outcome = "可以领取" if eligible else "不能领取"
    compare = "已满" if eligible else "不满"
    trace.step("能否领取生育津贴", f"累计参加生育保险{months}个月，{compare}{int(least)}个月：{outcome}", source=source)
    return eligible


def _leave_days(trace: Trace, inputs: dict, days: int) -> int:
    """All the leave: the allowance days, plus for a birth Guangdong's reward leave, paid as wages (问30)."""
    if inputs["event"] != "birth":
        trace.step("全部假期", f"{days}天")
        return days
    reward, source = _days(trace, "birth", "reward_days")
    total = days + reward
    formula = f"{days}天 + 奖励假{reward}天 = {total}天（奖励假期间单位照发工资，不享受生育津贴）"
    trace.step("全部假期", formula, source=source)
    return total


def _allowance(trace: Trace, wage: Decimal | None, days: int, eligible: bool | None) -> Decimal | None:
    if eligible is False:
        return money(0)
    if wage is None:
        trace.warn("没有填写单位上年度职工月平均工资，只计算了假期天数。")
        return None
    divisor, source = trace.params.cell("maternity.allowance.divisor")
    allowance = money(wage / divisor * days)
    trace.step(
        "生育津贴",
        f"{yuan(wage)} ÷ {int(divisor)} × {days}天 = {yuan(allowance)}",
        allowance,
        source or PROVINCIAL_RULE,
    )
    return allowance


def calculate(inputs: dict, params: ParamSnapshot) -> Result:
    trace = Trace(params, HANDBOOK_30)
    event = inputs["event"]
    days = 0
    if event == "birth":
        days = _birth(trace, inputs)
    elif event == "loss":
        days = _loss(trace, inputs)
    days += _surgeries(trace, inputs.get("surgeries") or ())
    trace.step("可领取生育津贴的假期合计", f"{days}天")
    leave_days = _leave_days(trace, inputs, days)
    eligible = _eligible(trace, inputs)
    allowance = _allowance(trace, inputs.get("monthly_wage"), days, eligible)
    # only what applies to the person asking: the employee herself (问31) or the non-working spouse (问28); the
    # retirees' one-off sum (问27) is for costs after retirement age, which neither of them is asking about
    medical = [MEDICAL_SPOUSE] if inputs.get("spouse_only") else [MEDICAL_EMPLOYEE]
    if not inputs.get("spouse_only") and inputs.get("surgeries"):
        medical.append(MEDICAL_EMPLOYEE_PLANNING)
    return trace.result(
        {
            "days": days,
            "leave_days": leave_days,
            "allowance_eligible": eligible,
            "allowance": allowance,
            "medical": [*medical, MEDICAL_ABROAD],
        }
    )
