"""门诊 (outpatient): general outpatient, consultation fee, large equipment, 门特, negotiated drugs (rules-2023.md
§5.1–§5.4), and for every kind but general outpatient the pooled fund's annual limit (§5.6, seed 003 二(四)6);
for 门特 and negotiated drugs also the 门特 limits and serious illness on the self-pay (§6, §7; seed 003 三(一)2–3).

The limit needs `continuous_months` (it sets the band); without it a visit is computed by its ratio alone, with
a warning when the fund pays something (calculators.md: existing callers keep working). Sources silent: the
negotiated-drug ratio and the 门特 limits are staff parameters seeded empty (outpatient.negotiated_drug.ratio,
outpatient.special.limit); 二类门特 (高血压糖尿病 and others) share the 二类 limit.

Old regime (before 2023-10-01): only the 门诊大病 ratios of 手册问18 (the shared special_1 bands) and the
family-doctor ratio for hypertension/diabetes drugs of 手册问23 are known; the old general-outpatient
rules (一档 personal account, 二档 community pool) do not map onto these kinds, so their parameters
are not seeded before 2023-10-01 and the calculation fails with MissingParameter.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from . import schema
from .core import (
    CalculationError,
    MissingParameter,
    ParamSnapshot,
    Result,
    Table,
    Tally,
    Trace,
    money,
    ratio_text,
    yuan,
)
from .inputs import Boolean, Choice, Day, Integer, Money
from .shared import AnnualLimit, annual_limit, pay_within_limit, serious_illness
from .terms import AFTER_BASIC, ANNUAL_LIMIT, ANNUAL_WAGE, FUND_PAID, YOU_PAY

D = Decimal
CENT = D("0.01")
ZERO = money(0)

SCHEMES = (("employee_1", "职工医保一档"), ("employee_2", "职工医保二档"), ("resident", "居民医保"))
LEVELS = (("1", "一级及以下医疗机构（含社康）"), ("2", "二级医院"), ("3", "三级医院"))
KINDS = (
    ("general", "普通门诊"),
    ("consultation", "门诊诊查费"),
    ("large_equipment", "门诊大型医疗设备检查和治疗"),
    ("special_1", "门诊特定病种一类"),
    ("special_2_htn_dm", "门诊特定病种二类：高血压、糖尿病用药"),
    ("special_2_other", "门诊特定病种二类：其他病种"),
    ("negotiated_drug", "门诊国家谈判药品（定点医疗机构）"),
)
SPECIAL_CLASS = {"special_1": "special_1", "special_2_htn_dm": "special_2", "special_2_other": "special_2"}
CLASS_LABELS = {"special_1": "门特一类", "special_2": "门特二类"}
SERIOUS_KINDS = (*SPECIAL_CLASS, "negotiated_drug")  # their self-pay counts toward serious illness (§6 (2)(3))
SCHEME_LABELS = dict(SCHEMES)
LEVEL_LABELS = {"1": "一级及以下", "2": "二级", "3": "三级"}
KIND_LABELS = dict(KINDS)

INPUTS = (
    Choice("scheme", "参加的医保类型", choices=SCHEMES),
    Boolean("retired", "是否已经退休（职工医保）", hint="居民医保不用填"),
    Integer(
        "age",
        "年龄（居民医保）",
        default=None,
        minimum=0,
        maximum=150,
        unit="岁",
        hint="居民医保看普通门诊时填写；年满60岁报销比例更高",
    ),
    Choice("level", "看病的医院级别", choices=LEVELS),
    Choice("kind", "费用类别", choices=KINDS),
    Boolean("family_doctor", "是否由签约的家庭医生开药（高血压、糖尿病）"),
    Integer(
        "continuous_months",
        "连续参保月数",
        default=None,
        minimum=0,
        maximum=1200,
        unit="个月",
        hint="门特一类必填；其他费用（普通门诊除外）填写后按统筹基金年度支付限额计算。可以用“连续参保时间”计算器算出",
    ),
    Money("amount", "本次门诊的医保范围内费用"),
    Money("used", "本医保年度普通门诊已经报销的金额", default=D(0)),
    Money("used_hospital", "其中在二级以上医院、专科医院报销的金额", default=D(0)),
    Money(
        "fund_paid_before",
        "本医保年度统筹基金已经支付的金额（普通门诊除外）",
        default=D(0),
        hint="本年度住院、门特、诊查费、大型设备检查、谈判药品已由统筹基金报销的钱；不清楚填0",
    ),
    Money(
        "special_paid_before",
        "本医保年度这一类门特已由统筹基金支付的金额",
        default=D(0),
        hint="门特一类、二类分别计算；不清楚填0",
    ),
    Money(
        "serious_before",
        "本医保年度此前已计入大病保险的金额",
        default=D(0),
        hint="门特和谈判药品填写：本年度以前住院、门特等个人负担的、可计入大病保险的费用；不清楚填0",
    ),
    Boolean(
        "assistance", "是否为医疗救助对象（特困、孤儿、低保、低收入家庭等）", hint="门特和谈判药品的大病保险报销更多"
    ),
    Day("date", "看病日期", hint="不填则按今天计算"),
)


# The result fields, for the API page (calculators.md); the limit and chain fields only where they apply.
RESULTS = (
    ("ratio", "报销比例"),
    ("reimbursed", "本次报销合计（统筹基金 + 大病保险）"),
    ("self_pay", "最后个人自付"),
    ("annual_limit", "普通门诊：年度报销限额；其他费用（填了连续参保月数）：统筹基金年度支付限额"),
    ("remaining_limit", "普通门诊：本次报销后年度限额还剩"),
    ("fund_paid", "统筹基金支付（诊查费、大型设备、门特、谈判药品，填了连续参保月数时）"),
    ("over_limit", "超过统筹基金年度支付限额或门特限额、不予支付的部分"),
    ("self_pay_after_basic", "基本医保报销后个人负担"),
    ("serious_paid", "大病保险支付（门特、谈判药品）"),
    ("serious_limit", "大病保险年度最高支付限额（医疗救助对象不设，为空）"),
)


def ratio_value(ratio: Decimal) -> Decimal:
    """Two places like Decimal("0.90"), more only if the parameter has more."""
    quantized = ratio.quantize(CENT)
    return quantized if quantized == ratio else ratio.normalize()


def _is_senior(inputs: dict, ratios: Table) -> bool:
    """Retirees (employees) and residents aged 60+ get the general-outpatient bonus (§5.1)."""
    if inputs["scheme"] == "resident":
        if inputs.get("age") is None:
            raise CalculationError("居民医保看普通门诊，请填写年龄（老年居民的报销比例更高）。", field="age")
        return inputs["age"] >= ratios.value("senior", "age")
    return bool(inputs.get("retired"))


def _general_ratio(trace: Trace, inputs: dict) -> Decimal:
    level, ratios = inputs["level"], trace.params.table("outpatient.general.ratio")
    ratio, source = ratios.cell("all", level)
    if not _is_senior(inputs, ratios):
        trace.step("报销比例", f"{LEVEL_LABELS[level]}医疗机构：{ratio_text(ratio)}", None, source)
        return ratio
    bonus, bonus_source = ratios.cell("senior", "bonus")
    who = f"年满{ratios.value('senior', 'age'):f}岁的居民" if inputs["scheme"] == "resident" else "退休人员"
    raised = min(ratio + bonus, D(1))
    trace.step(
        "报销比例",
        f"{LEVEL_LABELS[level]}医疗机构{ratio_text(ratio)}，{who}提高{ratio_text(bonus)}："
        f"{ratio_text(ratio)} + {ratio_text(bonus)} = {ratio_text(raised)}",
        None,
        bonus_source,
    )
    return raised


def _special_1_ratio(trace: Trace, inputs: dict) -> Decimal:
    months = inputs.get("continuous_months")
    if months is None:
        raise CalculationError(
            "门诊特定病种一类的报销比例取决于连续参保时间，请填写连续参保月数。", field="continuous_months"
        )
    bands = trace.params.bands("special_1")
    band = bands.find(months)
    ratio, source = bands.cell(band.row, "ratio")
    trace.step("报销比例", f"连续参保{months}个月，属第{band.number}档：{ratio_text(ratio)}", None, source)
    return ratio


def _htn_dm_ratio(trace: Trace, inputs: dict) -> Decimal:
    ratios, level = trace.params.table("outpatient.special_2_htn_dm.ratio"), inputs["level"]
    if inputs.get("family_doctor"):
        ratio, source = ratios.cell("all", "family_doctor")
        formula = f"在社康接受慢病管理、由签约家庭医生开具的高血压糖尿病用药：{ratio_text(ratio)}"
        trace.step("报销比例", formula, None, source)
        if level != "1":
            trace.warn("签约家庭医生开药通常在社康机构（一级）；请确认本次费用确由签约家庭医生开具。")
        return ratio
    ratio, source = ratios.cell("all", level)
    trace.step("报销比例", f"{LEVEL_LABELS[level]}医疗机构高血压糖尿病用药：{ratio_text(ratio)}", None, source)
    return ratio


def _consultation_ratio(trace: Trace, inputs: dict) -> Decimal:
    trace.warn("门诊诊查费待遇与普通门诊待遇不叠加享受。")
    level = inputs["level"]
    ratio, source = trace.params.table("outpatient.consultation.ratio").cell("all", level)
    trace.step("报销比例", f"{LEVEL_LABELS[level]}医疗机构门诊诊查费：{ratio_text(ratio)}", None, source)
    return ratio


def _by_scheme(trace: Trace, inputs: dict, ratios: Table, what: str) -> Decimal:
    scheme = inputs["scheme"]
    ratio, source = ratios.cell(scheme, "ratio")
    trace.step("报销比例", f"{SCHEME_LABELS[scheme]}{what}：{ratio_text(ratio)}", None, source)
    if not ratio:
        trace.warn(f"{SCHEME_LABELS[scheme]}不享受{what}待遇，这部分费用由个人支付。")
    return ratio


def _ratio(trace: Trace, inputs: dict) -> Decimal:
    kind, params = inputs["kind"], trace.params
    if kind == "general":
        return _general_ratio(trace, inputs)
    if kind == "consultation":
        return _consultation_ratio(trace, inputs)
    if kind == "large_equipment":
        return _by_scheme(trace, inputs, params.table("outpatient.large_equipment.ratio"), "门诊大型医疗设备检查和治疗")
    if kind == "special_1":
        return _special_1_ratio(trace, inputs)
    if kind == "special_2_htn_dm":
        return _htn_dm_ratio(trace, inputs)
    if kind == "negotiated_drug":
        return _negotiated_drug_ratio(trace, inputs)
    return _by_scheme(trace, inputs, params.table("outpatient.special_2_other.ratio"), "门特二类其他病种")


def _negotiated_drug_ratio(trace: Trace, inputs: dict) -> Decimal:
    """Not in the sources: a staff parameter; while it is empty the answer names it (calculators.md)."""
    try:
        return _by_scheme(trace, inputs, trace.params.table("outpatient.negotiated_drug.ratio"), "门诊国家谈判药品")
    except MissingParameter as missing:  # the kind chosen, not the date, is what cannot be computed yet
        label = schema.parameters()[missing.key].label
        raise CalculationError(f"“{label}”尚未公布，暂时无法计算；请咨询医保经办机构。", field="kind") from None


def _share_of_wage(trace: Trace, row: str, col: str, wage: Decimal, label: str) -> Decimal:
    share, source = trace.params.table("outpatient.general.limit").cell(row, col)
    amount = money(wage * share)
    trace.step(
        label,
        f"{yuan(wage, whole=True)} × {ratio_text(share)} = {yuan(amount, whole=True)}",
        amount,
        source,
        whole=True,
    )
    return amount


def _remaining(trace: Trace, limit: Decimal, used: Decimal, label: str) -> Decimal:
    remaining = max(ZERO, limit - used)
    used_up = "" if remaining else "（已用完）"
    trace.step(label, f"{yuan(limit, whole=True)} − 已报销{yuan(used)} = {yuan(remaining)}{used_up}", remaining)
    return remaining


def _general_caps(trace: Trace, inputs: dict) -> tuple[Decimal, Decimal, list[Decimal]]:
    """Annual limit (§5.1) and what is left of it; for 职工一档 at level ≥ 2 also the hospital sub-limit."""
    used, used_hospital = money(inputs.get("used") or 0), money(inputs.get("used_hospital") or 0)
    if used_hospital > used:
        raise CalculationError(
            "在二级以上医院、专科医院已报销的金额不能多于本年度已报销的总金额。", field="used_hospital"
        )
    baseline = trace.params.baseline_for("avg_annual_wage", inputs["date"])
    trace.warn(baseline.warning)
    wage = money(baseline.value)
    trace.step(ANNUAL_WAGE, f"{baseline.year}年：{yuan(wage, whole=True)}", wage, baseline.source, whole=True)
    scheme = inputs["scheme"]
    row = "employee_1_retired" if scheme == "employee_1" and inputs.get("retired") else scheme
    limit = _share_of_wage(trace, row, "all", wage, "普通门诊一年最多报销")
    remaining = _remaining(trace, limit, used, "普通门诊今年还能报销")
    caps = [remaining]
    if scheme == "employee_1" and inputs["level"] != "1":
        hospital = _share_of_wage(trace, row, "hospital", wage, "其中在二级以上医院、专科医院最多报销")
        caps.append(_remaining(trace, hospital, used_hospital, "在二级以上医院、专科医院今年还能报销"))
    return limit, remaining, caps


def _within_limits(trace: Trace, inputs: dict, by_ratio: Decimal) -> dict:
    """General outpatient: pay at most what is left of the annual limit (and of the hospital sub-limit)."""
    limit, remaining, caps = _general_caps(trace, inputs)
    reimbursed = within_caps(by_ratio, caps)
    if reimbursed < by_ratio:
        left = "、".join(yuan(cap) for cap in caps)
        formula = f"取 {yuan(by_ratio)} 与今年还能报销的 {left} 中较小者 = {yuan(reimbursed)}"
        trace.step("这次报销（不超过今年还能报销的）", formula, reimbursed)
    after = remaining - reimbursed
    trace.step("这次报销后今年还能报销", f"{yuan(remaining)} − {yuan(reimbursed)} = {yuan(after)}", after)
    trace.warn("普通门诊须在自己选定的普通门诊统筹定点医疗机构看病（急诊抢救或经转诊的除外），否则不予报销。")
    return {"reimbursed": reimbursed, "annual_limit": limit, "remaining_limit": after}


def within_caps(by_ratio: Decimal, caps: list[Decimal]) -> Decimal:
    """§5.1: general outpatient reimburses what the ratio gives, at most what is left of each limit."""
    return min(by_ratio, *caps)


def _special_limit(trace: Trace, inputs: dict, paid: Decimal) -> Decimal:
    """§6 (1): 门特 also have yearly limits per class; until one is published none is applied, with a warning."""
    row = SPECIAL_CLASS[inputs["kind"]]
    cell = trace.params.table("outpatient.special.limit").get(row, "limit")
    if cell is None:
        if paid:
            trace.warn(f"{CLASS_LABELS[row]}的年度报销限额尚未公布，本计算未按门特限额核对。")
        return paid
    label, formula = f"{CLASS_LABELS[row]}一年最多报销额以内报销", f"基本医保这次应报销{yuan(paid)}"
    before = money(inputs.get("special_paid_before") or 0)
    paid, _ = pay_within_limit(
        trace, label, formula, paid, money(cell.value), before, f"{CLASS_LABELS[row]}一年最多报销额"
    )
    return paid


def _within_annual_limit(
    trace: Trace, inputs: dict, amount: Decimal, by_ratio: Decimal, formula: str, limit: AnnualLimit
) -> dict:
    """§5.6: what the fund pays counts toward its annual limit (the band by continuous enrolment); for 门特 also
    the class limit; for 门特 and negotiated drugs the self-pay goes on into serious illness (§6, §7)."""
    before = money(inputs.get("fund_paid_before") or 0)
    paid, _ = pay_within_limit(trace, FUND_PAID, formula, by_ratio, limit.value, before)
    if inputs["kind"] in SPECIAL_CLASS:
        paid = _special_limit(trace, inputs, paid)
    self_pay = amount - paid
    over = by_ratio - paid
    trace.step(AFTER_BASIC, f"{yuan(amount)} − {yuan(paid)} = {yuan(self_pay)}", self_pay)
    result = {"fund_paid": paid, "over_limit": over, "self_pay_after_basic": self_pay, "annual_limit": limit.value}
    if inputs["kind"] not in SERIOUS_KINDS:
        return {**result, "reimbursed": paid}
    serious_paid, serious_limit = serious_illness(
        trace, self_pay, limit.band, money(inputs.get("serious_before") or 0), bool(inputs.get("assistance"))
    )
    return {**result, "reimbursed": paid + serious_paid, "serious_paid": serious_paid, "serious_limit": serious_limit}


def _annual_limit(trace: Trace, inputs: dict) -> AnnualLimit | None:
    """The limit of the person's band, or None without continuous_months or before it was stated (the handbook's
    门诊大病 ratios are known, its limits are not)."""
    if inputs.get("continuous_months") is None:
        return None
    try:
        return annual_limit(trace, inputs["continuous_months"], inputs["date"])
    except MissingParameter:
        return None


ORDER = (
    "ratio",
    "fund_paid",
    "over_limit",
    "self_pay_after_basic",
    "serious_paid",
    "reimbursed",
    "self_pay",
    "annual_limit",
    "serious_limit",
    "remaining_limit",
)


def calculate(inputs: dict, params: ParamSnapshot) -> Result:
    return run(inputs, Trace(params))


def figures(inputs: dict, params: ParamSnapshot) -> Mapping:
    """calculate's result fields alone (the bill chart's points): the same rules, no step written down."""
    return run(inputs, Tally(params)).result


def self_pay_line(inputs: dict, params: ParamSnapshot):
    """General outpatient's self-pay as its bill varies, the other answers kept (the bill chart's 25 points): the
    ratio and what is left of the limits do not depend on the bill, so they are read once (a Tally), then at each
    bill run's own arithmetic (by_ratio_of, within_caps): to the fen what figures gives there, without the rates
    read and the steps' words made 24 times. None for the other kinds (their limits run on into 大病保险)."""
    if inputs["kind"] != "general":
        return None
    tally = Tally(params)
    ratio = _ratio(tally, inputs)
    caps = _general_caps(tally, inputs)[2]

    def self_pay_at(bill: Decimal) -> Decimal:
        amount = money(bill)
        return amount - within_caps(by_ratio_of(amount, ratio), caps)

    return self_pay_at


def by_ratio_of(amount: Decimal, ratio: Decimal) -> Decimal:
    return money(amount * ratio)


def run(inputs: dict, trace: Trace) -> Result:
    kind, amount = inputs["kind"], money(inputs["amount"])
    ratio = _ratio(trace, inputs)
    # the ratio's rule (the old handbook for 门诊大病 before 2023-10-01); a Tally (a chart's point) writes no step
    basis = trace.steps[-1].source if trace.steps else ""
    by_ratio = by_ratio_of(amount, ratio)
    formula = f"{yuan(amount)} × {ratio_text(ratio)} = {yuan(by_ratio)}"
    result: dict = {"ratio": ratio_value(ratio), "reimbursed": by_ratio}
    if kind == "general":
        trace.step(f"{KIND_LABELS[kind]}按比例可报销", formula, by_ratio, basis)
        result.update(_within_limits(trace, inputs, by_ratio))
    elif limit := _annual_limit(trace, inputs):
        result.update(_within_annual_limit(trace, inputs, amount, by_ratio, formula, limit))
    else:
        trace.step(f"{KIND_LABELS[kind]}按比例可报销", formula, by_ratio, basis)
        if by_ratio:  # a limit can only cut what the fund pays
            chain = "，大病保险也未计算" if kind in SERIOUS_KINDS else ""
            why = "没有填写连续参保月数" if inputs.get("continuous_months") is None else "这一日期适用的规则未载明限额"
            trace.warn(
                f"这类费用也算在{ANNUAL_LIMIT.plain}的额度里（{ANNUAL_LIMIT.note.rstrip('；')}）；{why}，本计算未按限额核对{chain}。"
            )
    result["self_pay"] = self_pay = amount - result["reimbursed"]
    trace.step(YOU_PAY, f"{yuan(amount)} − {yuan(result['reimbursed'])} = {yuan(self_pay)}", self_pay, basis)
    return trace.result({name: result[name] for name in ORDER if name in result})
