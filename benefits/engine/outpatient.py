"""门诊 (outpatient): general outpatient, consultation fee, large equipment, 门特 (rules-2023.md §5.1–§5.4).

Old regime (before 2023-10-01): only the 门诊大病 ratios of 手册问18 (the shared special_1 bands) and the
family-doctor ratio for hypertension/diabetes drugs of 手册问23 are known; the old general-outpatient
rules (一档 personal account, 二档 community pool) do not map onto these kinds, so their parameters
are not seeded before 2023-10-01 and the calculation fails with MissingParameter.
"""

from __future__ import annotations

from decimal import Decimal

from .core import CalculationError, Param, ParamSnapshot, Result, Step, money, ratio_text, source_documents
from .inputs import Boolean, Choice, Day, Integer, Money
from .shared import REGULATION_2023, SPECIAL_1_BANDS, band, baseline_for

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
)
SCHEME_LABELS = dict(SCHEMES)
LEVEL_LABELS = {"1": "一级及以下", "2": "二级", "3": "三级"}
KIND_LABELS = dict(KINDS)
# 普通门诊年度限额 rows (§5.1): 职工一档 in work or retired, 职工二档, 居民.
LIMIT_ROWS = (
    ("employee_1", "职工一档在职"),
    ("employee_1_retired", "职工一档退休"),
    ("employee_2", "职工二档"),
    ("resident", "居民"),
)

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
        "连续参保月数（门诊特定病种一类）",
        default=None,
        minimum=0,
        maximum=1200,
        unit="个月",
        hint="可以用“连续参保时间”计算器算出",
    ),
    Money("amount", "本次门诊的医保范围内费用"),
    Money("used", "本医保年度普通门诊已经报销的金额", default=D(0)),
    Money("used_hospital", "其中在二级以上医院、专科医院报销的金额", default=D(0)),
    Day("date", "看病日期", hint="不填则按今天计算"),
)


def _level_ratios(prefix: str, table: str, row: str) -> list[Param]:
    return [
        Param(f"{prefix}.level{level}", f"{table}：{name}", "ratio", D(0), D(1), table=table, row=row, col=name)
        for level, name in LEVEL_LABELS.items()
    ]


PARAMETERS = (
    *_level_ratios("outpatient.general.ratio", "普通门诊报销比例", "基本比例"),
    Param(
        "outpatient.general.senior_bonus",
        "普通门诊退休人员、60岁以上居民提高的比例",
        "ratio",
        D(0),
        D(1),
        table="普通门诊报销比例",
        row="退休人员、老年居民",
        col="提高",
    ),
    Param(
        "outpatient.general.senior_age",
        "居民普通门诊提高比例的起始年龄",
        "years",
        D(0),
        D(150),
        table="普通门诊报销比例",
        row="老年居民",
        col="年龄",
    ),
    *[
        Param(
            f"outpatient.general.limit.{row}",
            f"普通门诊年度限额（{label}，占上上年度在岗职工年平均工资）",
            "ratio",
            D(0),
            D(1),
            table="普通门诊年度限额",
            row=label,
            col="全部医疗机构",
        )
        for row, label in LIMIT_ROWS
    ],
    *[
        Param(
            f"outpatient.general.hospital_limit.{row}",
            f"普通门诊二级以上医院和专科医院分限额（{label}，占上上年度在岗职工年平均工资）",
            "ratio",
            D(0),
            D(1),
            table="普通门诊年度限额",
            row=label,
            col="其中二级以上医院、专科医院",
        )
        for row, label in LIMIT_ROWS[:2]
    ],
    *_level_ratios("outpatient.consultation.ratio", "门诊诊查费报销比例", "全部参保人"),
    *[
        Param(
            f"outpatient.large_equipment.ratio.{scheme}",
            f"门诊大型医疗设备检查和治疗报销比例（{label}）",
            "ratio",
            D(0),
            D(1),
            table="门诊大型医疗设备检查和治疗报销比例",
            row=label,
            col="比例",
        )
        for scheme, label in SCHEMES
    ],
    *_level_ratios("outpatient.special_2_htn_dm.ratio", "门特二类高血压糖尿病用药报销比例", "全部参保人"),
    Param(
        "outpatient.special_2_htn_dm.family_doctor",
        "门特二类高血压糖尿病用药报销比例（签约家庭医生开药）",
        "ratio",
        D(0),
        D(1),
        table="门特二类高血压糖尿病用药报销比例",
        row="签约家庭医生",
        col="比例",
    ),
    *[
        Param(
            f"outpatient.special_2_other.ratio.{scheme}",
            f"门特二类其他病种报销比例（{label}）",
            "ratio",
            D(0),
            D(1),
            table="门特二类其他病种报销比例",
            row=label,
            col="比例",
        )
        for scheme, label in SCHEMES
    ],
)


class _Trace:
    """Steps and warnings, in computing order."""

    def __init__(self, params: ParamSnapshot):
        self.params = params
        self.steps: list[Step] = []
        self.warnings: list[str] = []

    def value(self, key: str) -> tuple[Decimal, str]:
        return self.params.value(key), self.cite(self.params.source(key))

    @staticmethod
    def cite(source: str) -> str:
        return source or REGULATION_2023

    def add(self, label: str, formula: str, amount: Decimal | None, source: str = REGULATION_2023) -> None:
        self.steps.append(Step(label, formula, amount, self.cite(source)))


def ratio_value(ratio: Decimal) -> Decimal:
    """Two places like Decimal("0.90"), more only if the parameter has more."""
    quantized = ratio.quantize(CENT)
    return quantized if quantized == ratio else ratio.normalize()


def _is_senior(inputs: dict, params: ParamSnapshot) -> bool:
    """Retirees (employees) and residents aged 60+ get the general-outpatient bonus (§5.1)."""
    if inputs["scheme"] == "resident":
        if inputs.get("age") is None:
            raise CalculationError("居民医保看普通门诊，请填写年龄（老年居民的报销比例更高）。", field="age")
        return inputs["age"] >= params.value("outpatient.general.senior_age")
    return bool(inputs.get("retired"))


def _general_ratio(trace: _Trace, inputs: dict) -> Decimal:
    level = inputs["level"]
    ratio, source = trace.value(f"outpatient.general.ratio.level{level}")
    if not _is_senior(inputs, trace.params):
        trace.add("报销比例", f"{LEVEL_LABELS[level]}医疗机构：{ratio_text(ratio)}", None, source)
        return ratio
    bonus, bonus_source = trace.value("outpatient.general.senior_bonus")
    if inputs["scheme"] == "resident":
        who = f"年满{trace.params.value('outpatient.general.senior_age'):f}岁的居民"
    else:
        who = "退休人员"
    raised = min(ratio + bonus, D(1))
    trace.add(
        "报销比例",
        f"{LEVEL_LABELS[level]}医疗机构{ratio_text(ratio)}，{who}提高{ratio_text(bonus)}："
        f"{ratio_text(ratio)} + {ratio_text(bonus)} = {ratio_text(raised)}",
        None,
        bonus_source,
    )
    return raised


def _special_1_ratio(trace: _Trace, inputs: dict) -> Decimal:
    months = inputs.get("continuous_months")
    if months is None:
        raise CalculationError(
            "门诊特定病种一类的报销比例取决于连续参保时间，请填写连续参保月数。", field="continuous_months"
        )
    number = band(trace.params, "special_1", SPECIAL_1_BANDS, months)
    ratio, source = trace.value(f"special_1.band{number}.ratio")
    trace.add("报销比例", f"连续参保{months}个月，属第{number}档：{ratio_text(ratio)}", None, source)
    return ratio


def _htn_dm_ratio(trace: _Trace, inputs: dict) -> Decimal:
    if inputs.get("family_doctor"):
        ratio, source = trace.value("outpatient.special_2_htn_dm.family_doctor")
        trace.add(
            "报销比例", f"在社康接受慢病管理、由签约家庭医生开具的高血压糖尿病用药：{ratio_text(ratio)}", None, source
        )
        if inputs["level"] != "1":
            trace.warnings.append("签约家庭医生开药通常在社康机构（一级）；请确认本次费用确由签约家庭医生开具。")
        return ratio
    level = inputs["level"]
    ratio, source = trace.value(f"outpatient.special_2_htn_dm.ratio.level{level}")
    trace.add("报销比例", f"{LEVEL_LABELS[level]}医疗机构高血压糖尿病用药：{ratio_text(ratio)}", None, source)
    return ratio


def _by_level(trace: _Trace, inputs: dict, prefix: str, what: str) -> Decimal:
    level = inputs["level"]
    ratio, source = trace.value(f"{prefix}.level{level}")
    trace.add("报销比例", f"{LEVEL_LABELS[level]}医疗机构{what}：{ratio_text(ratio)}", None, source)
    return ratio


def _by_scheme(trace: _Trace, inputs: dict, prefix: str, what: str) -> Decimal:
    scheme = inputs["scheme"]
    ratio, source = trace.value(f"{prefix}.{scheme}")
    trace.add("报销比例", f"{SCHEME_LABELS[scheme]}{what}：{ratio_text(ratio)}", None, source)
    if not ratio:
        trace.warnings.append(f"{SCHEME_LABELS[scheme]}不享受{what}待遇，这部分费用由个人支付。")
    return ratio


def _ratio(trace: _Trace, inputs: dict) -> Decimal:
    kind = inputs["kind"]
    if kind == "general":
        return _general_ratio(trace, inputs)
    if kind == "consultation":
        trace.warnings.append("门诊诊查费待遇与普通门诊待遇不叠加享受。")
        return _by_level(trace, inputs, "outpatient.consultation.ratio", "门诊诊查费")
    if kind == "large_equipment":
        return _by_scheme(trace, inputs, "outpatient.large_equipment.ratio", "门诊大型医疗设备检查和治疗")
    if kind == "special_1":
        return _special_1_ratio(trace, inputs)
    if kind == "special_2_htn_dm":
        return _htn_dm_ratio(trace, inputs)
    return _by_scheme(trace, inputs, "outpatient.special_2_other.ratio", "门特二类其他病种")


def _limit_row(inputs: dict) -> str:
    scheme = inputs["scheme"]
    return "employee_1_retired" if scheme == "employee_1" and inputs.get("retired") else scheme


def _share_of_wage(trace: _Trace, key: str, wage: Decimal, label: str) -> Decimal:
    share, source = trace.value(key)
    amount = money(wage * share)
    trace.add(label, f"{wage:,.2f} × {ratio_text(share)} = {amount:,.2f}", amount, source)
    return amount


def _remaining(trace: _Trace, limit: Decimal, used: Decimal, label: str) -> Decimal:
    remaining = max(ZERO, limit - used)
    trace.add(
        label,
        f"{limit:,.2f} − 已报销{used:,.2f} = {remaining:,.2f}" + ("（已用完）" if not remaining else ""),
        remaining,
    )
    return remaining


def _general_caps(trace: _Trace, inputs: dict) -> tuple[Decimal, Decimal, list[Decimal]]:
    """Annual limit (§5.1) and what is left of it; for 职工一档 at level ≥ 2 also the hospital sub-limit."""
    used, used_hospital = money(inputs.get("used") or 0), money(inputs.get("used_hospital") or 0)
    if used_hospital > used:
        raise CalculationError(
            "在二级以上医院、专科医院已报销的金额不能多于本年度已报销的总金额。", field="used_hospital"
        )
    baseline = baseline_for(trace.params, "avg_annual_wage", inputs["date"])
    if baseline.warning:
        trace.warnings.append(baseline.warning)
    wage = money(baseline.value)
    trace.add("上上年度在岗职工年平均工资", f"{baseline.year}年：{wage:,.2f}元", wage, baseline.source)
    row = _limit_row(inputs)
    limit = _share_of_wage(trace, f"outpatient.general.limit.{row}", wage, "普通门诊年度报销限额")
    remaining = _remaining(trace, limit, used, "年度限额还剩")
    caps = [remaining]
    if inputs["scheme"] == "employee_1" and inputs["level"] != "1":
        hospital = _share_of_wage(
            trace, f"outpatient.general.hospital_limit.{row}", wage, "其中二级以上医院、专科医院的限额"
        )
        caps.append(_remaining(trace, hospital, used_hospital, "二级以上医院、专科医院限额还剩"))
    return limit, remaining, caps


def _within_limits(trace: _Trace, inputs: dict, by_ratio: Decimal) -> dict:
    """General outpatient: pay at most what is left of the annual limit (and of the hospital sub-limit)."""
    limit, remaining, caps = _general_caps(trace, inputs)
    reimbursed = min(by_ratio, *caps)
    if reimbursed < by_ratio:
        trace.add(
            "本次报销（不超过剩余限额）",
            f"取 {by_ratio:,.2f} 与剩余限额 "
            + "、".join(f"{cap:,.2f}" for cap in caps)
            + f" 中较小者 = {reimbursed:,.2f}",
            reimbursed,
        )
    after = remaining - reimbursed
    trace.add("本次报销后年度限额还剩", f"{remaining:,.2f} − {reimbursed:,.2f} = {after:,.2f}", after)
    trace.warnings.append(
        "普通门诊须在自己选定的普通门诊统筹定点医疗机构看病（急诊抢救或经转诊的除外），否则不予报销。"
    )
    return {"reimbursed": reimbursed, "annual_limit": limit, "remaining_limit": after}


def calculate(inputs: dict, params: ParamSnapshot) -> Result:
    trace = _Trace(params)
    kind, amount = inputs["kind"], money(inputs["amount"])
    ratio = _ratio(trace, inputs)
    basis = trace.steps[-1].source  # the ratio's rule: the old handbook for 门诊大病 before 2023-10-01
    by_ratio = money(amount * ratio)
    trace.add(
        f"{KIND_LABELS[kind]}按比例可报销", f"{amount:,.2f} × {ratio_text(ratio)} = {by_ratio:,.2f}", by_ratio, basis
    )
    result: dict = {"ratio": ratio_value(ratio), "reimbursed": by_ratio}
    if kind == "general":
        result.update(_within_limits(trace, inputs, by_ratio))
    else:
        trace.warnings.append("这类费用还计入统筹基金年度支付限额，超过限额的部分不予报销（本计算未计入）。")
    result["self_pay"] = self_pay = amount - result["reimbursed"]
    trace.add("个人自付", f"{amount:,.2f} − {result['reimbursed']:,.2f} = {self_pay:,.2f}", self_pay, basis)
    ordered = {
        name: result[name]
        for name in ("ratio", "reimbursed", "self_pay", "annual_limit", "remaining_limit")
        if name in result
    }
    return Result(ordered, tuple(trace.steps), tuple(trace.warnings), source_documents(trace.steps))
