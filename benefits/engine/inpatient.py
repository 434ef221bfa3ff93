"""住院 (inpatient): basic insurance → serious-illness insurance, with the assistance tilt.

Rules: rules-2023.md §5.5 (deductible and ratios), §5.6 (annual limit of the pooled fund),
§6 (serious-illness insurance), §7 (its tilt for medical-assistance recipients); the old
deductibles from 手册问12 (§9). The old inpatient ratios are not known: those dates fail
with MissingParameter instead of borrowing the 2023 ratios.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from .core import FEN, CalculationError, Param, ParamSnapshot, Result, Step, ratio_text, source_documents
from .inputs import Boolean, Choice, Day, Integer, Money
from .shared import LIMIT_BANDS, REGULATION_2023, band, baseline_for

D = Decimal
ZERO = D("0.00")
ZERO_TEXT = "0.00元"

SCHEMES = (("employee_1", "职工医保一档"), ("employee_2", "职工医保二档"), ("resident", "居民医保"))
LEVELS = (("1", "一级及以下医院"), ("2", "二级医院"), ("3", "三级医院"))
ADMISSIONS = (("first", "本医保年度第一次住院"), ("subsequent", "本医保年度第二次及以后住院"))
SERIOUS_GROUPS = (("general", "大病保险分段报销"), ("assistance", "医疗救助对象大病保险分段报销"))

INPUTS = (
    Choice("scheme", "参保类型", choices=SCHEMES),
    Boolean("retired", "是否已退休（职工医保）", hint="职工医保退休人员的报销比例更高。"),
    Integer(
        "age",
        "年龄（居民医保）",
        default=None,
        minimum=0,
        maximum=130,
        unit="岁",
        hint="居民医保参保人到一定年龄后报销比例更高；职工医保不用填。",
    ),
    Choice("level", "医院级别", choices=LEVELS),
    Choice("admission", "这次是本医保年度第几次住院", choices=ADMISSIONS, hint="到外地住院，起付线和在深圳一样。"),
    Money("amount", "这次住院医保范围内的费用（元）", hint="看出院结算单上的“基本医疗费用”或“医保范围内费用”。"),
    Integer(
        "continuous_months",
        "连续参保月数",
        minimum=0,
        maximum=1200,
        unit="个月",
        hint="不清楚的话，可以先用“连续参保时间与年度限额”计算器算一下。",
    ),
    Boolean("assistance", "是否为医疗救助对象（特困、孤儿、低保、低收入家庭等）"),
    Money(
        "fund_paid_before",
        "本医保年度统筹基金已经支付的金额（元）",
        default=D("0"),
        hint="本年度以前住院、门特等已由统筹基金报销的钱；不清楚填0。",
    ),
    Money(
        "serious_before",
        "本医保年度此前已计入大病保险的金额（元）",
        default=D("0"),
        hint="本年度以前住院等个人负担的、可计入大病保险的费用；不清楚填0。",
    ),
    Day("date", "出院结算日期", hint="按这一天适用的政策计算；不填就是今天。"),
)


def _declare() -> tuple[Param, ...]:
    params = []
    for admission, admission_label in ADMISSIONS:
        for level, level_label in LEVELS:
            params.append(
                Param(
                    f"inpatient.deductible.{admission}.level{level}",
                    f"住院起付线（{admission_label}，{level_label}）",
                    "yuan",
                    D(0),
                    D(100_000),
                    table="住院起付线",
                    row=admission_label,
                    col=level_label,
                )
            )
    for scheme, scheme_label in SCHEMES:
        for level, level_label in LEVELS:
            params.append(
                Param(
                    f"inpatient.ratio.{scheme}.level{level}",
                    f"住院报销比例（{scheme_label}，{level_label}）",
                    "ratio",
                    D(0),
                    D(1),
                    table="住院报销比例",
                    row=scheme_label,
                    col=level_label,
                )
            )
        params.append(
            Param(
                f"inpatient.ratio.{scheme}.retiree",
                f"住院报销比例（{scheme_label}，退休人员或高龄居民）",
                "ratio",
                D(0),
                D(1),
                table="住院报销比例",
                row=scheme_label,
                col="退休人员或高龄居民",
            )
        )
    params.append(
        Param(
            "inpatient.resident_elder_age",
            "居民医保按退休人员比例报销的起始年龄（周岁）",
            "years",
            D(0),
            D(120),
            table="住院报销比例",
            row="居民医保",
            col="高龄起始年龄",
        )
    )
    for group, table in SERIOUS_GROUPS:
        params += [
            Param(
                f"serious.{group}.threshold",
                f"{table}：年度累计起付线",
                "yuan",
                D(0),
                D(1_000_000),
                table=table,
                row="第一段",
                col="起点",
            ),
            Param(
                f"serious.{group}.tier2_from",
                f"{table}：第二段起点（年度累计）",
                "yuan",
                D(0),
                D(10_000_000),
                table=table,
                row="第二段",
                col="起点",
            ),
            Param(
                f"serious.{group}.tier1_ratio",
                f"{table}：第一段支付比例",
                "ratio",
                D(0),
                D(1),
                table=table,
                row="第一段",
                col="比例",
            ),
            Param(
                f"serious.{group}.tier2_ratio",
                f"{table}：第二段支付比例",
                "ratio",
                D(0),
                D(1),
                table=table,
                row="第二段",
                col="比例",
            ),
        ]
    return tuple(params)


PARAMETERS = _declare()
SCHEME_LABELS = dict(SCHEMES)
LEVEL_LABELS = dict(LEVELS)
ADMISSION_LABELS = dict(ADMISSIONS)


# ---------------------------------------------------------------- speed helpers
# ≥ 20,000 calculations/s: money()/yuan() skip core's conversions (inputs here are Decimals, shown amounts are
# already rounded to the fen), each amount is formatted once, and what depends only on the snapshot (rates,
# limits and the steps that show them) is derived once per snapshot. Snapshots are immutable: nothing goes stale.


def money(amount: Decimal) -> Decimal:
    """Half-up to the fen (core.money without the conversion)."""
    return amount.quantize(FEN, ROUND_HALF_UP)


def yuan(amount: Decimal) -> str:
    """An amount already rounded to the fen, as residents read it: 1,234.50元."""
    return f"{amount:,}元" if amount else ZERO_TEXT


_MEMO: dict[int, tuple[ParamSnapshot, dict]] = {}
MEMO_SNAPSHOTS = 32  # how many snapshots are remembered at once
MEMO_ENTRIES = 20_000  # per snapshot; bounds memory whatever inputs are sent


def remembered(params: ParamSnapshot) -> dict:
    """The store of what was derived from this snapshot."""
    entry = _MEMO.get(id(params))
    if entry is None or entry[0] is not params:
        if len(_MEMO) >= MEMO_SNAPSHOTS:
            _MEMO.clear()
        entry = _MEMO[id(params)] = (params, {})
    if len(entry[1]) > MEMO_ENTRIES:
        entry[1].clear()
    return entry[1]


def recall(store: dict, key: tuple, build, *args):
    """build(*args) once per snapshot and key; a MissingParameter raised by build is not remembered."""
    value = store.get(key)
    if value is None:
        value = store[key] = build(*args)
    return value


# ---------------------------------------------------------------- what the snapshot gives


class Deductible(NamedTuple):
    value: Decimal
    text: str
    step: Step


class Ratio(NamedTuple):
    value: Decimal
    text: str
    step: Step


class Limit(NamedTuple):
    value: Decimal
    text: str  # "年度限额988,524.00元", as the fund step shows it
    band: int
    step: Step
    warning: str | None


class Tiers(NamedTuple):
    """The serious-illness payment tiers of one group (§6, or §7 for assistance recipients)."""

    threshold: Decimal
    tier2_from: Decimal
    ratio1: Decimal
    ratio2: Decimal
    texts: tuple[str, str, str, str]  # the four above as shown
    source: str

    def paid_on(self, total: Decimal) -> Decimal:
        """What the tiers pay on a year's cumulative countable total."""
        if total <= self.threshold:
            return ZERO
        first = min(total, self.tier2_from) - self.threshold
        second = max(total - self.tier2_from, ZERO)
        return money(first * self.ratio1 + second * self.ratio2)

    def formula(self, total: Decimal, total_text: str, paid: Decimal) -> str:
        threshold, tier2_from, ratio1, ratio2 = self.texts
        if total <= self.threshold:
            return f"未超过起付线{threshold}，大病保险不支付"
        if total <= self.tier2_from:
            return f"({total_text} − {threshold}) × {ratio1} = {yuan(paid)}"
        return f"({tier2_from} − {threshold}) × {ratio1} + ({total_text} − {tier2_from}) × {ratio2} = {yuan(paid)}"


def deductible_for(params: ParamSnapshot, admission: str, level: str) -> Deductible:
    """§5.5 (手册问12 before 2023-10-01): the deductible by level and admission."""
    key = f"inpatient.deductible.{admission}.level{level}"
    deductible = money(params.value(key))
    text = yuan(deductible)
    formula = f"{LEVEL_LABELS[level]}、{ADMISSION_LABELS[admission]}：{text}（起付线以下的费用由个人支付）"
    step = Step("住院起付线", formula, deductible, params.source(key))
    return Deductible(deductible, text, step)


def elder_age(params: ParamSnapshot, level: str) -> Decimal:
    """§5.5: residents from this age get the retiree ratio. The level ratio is read first, so that old dates
    fail on the ratio (which the handbook does not give) rather than on the age."""
    params.value(f"inpatient.ratio.resident.level{level}")
    return params.value("inpatient.resident_elder_age")


def ratio_for(params: ParamSnapshot, scheme: str, level: str, retiree: bool) -> Ratio:
    """§5.5: the ratio by scheme and level; retirees (residents: from the elder age) get the retiree ratio."""
    key = f"inpatient.ratio.{scheme}.level{level}"
    params.value(key)  # the level ratio first: old dates fail on the ratio, which the handbook does not give
    if retiree:
        key = f"inpatient.ratio.{scheme}.retiree"
    if scheme == "resident":
        elder_age = params.value("inpatient.resident_elder_age")
        who = f"年满{elder_age}周岁的居民" if retiree else f"未满{elder_age}周岁的居民"
    else:
        who = "退休人员" if retiree else "在职人员"
    ratio = params.value(key).quantize(FEN)
    text = ratio_text(ratio)
    formula = f"{SCHEME_LABELS[scheme]}{who}在{LEVEL_LABELS[level]}住院：{text}"
    return Ratio(ratio, text, Step("报销比例", formula, None, params.source(key)))


def limit_for(params: ParamSnapshot, months: int, event: date) -> Limit:
    """§5.6: multiple of the band of continuous enrolment × 上上年度在岗职工年平均工资."""
    found = band(params, "limit", LIMIT_BANDS, months)
    key = f"limit.band{found}.multiple"
    multiple = params.value(key)
    wage = baseline_for(params, "avg_annual_wage", event)
    limit = money(multiple * wage.value)
    step = Step(
        "统筹基金年度支付限额",
        f"连续参保{months}个月，属第{found}档：{multiple:f}倍 × {wage.year}年"
        f"在岗职工年平均工资{yuan(money(wage.value))} = {yuan(limit)}",
        limit,
        params.source(key),
    )
    return Limit(limit, f"年度限额{yuan(limit)}", found, step, wage.warning)


def tiers_for(params: ParamSnapshot, assistance: bool) -> Tiers:
    """§6 tiers, or §7 tiers for assistance recipients."""
    key = "serious.assistance." if assistance else "serious.general."
    threshold, tier2_from = money(params.value(key + "threshold")), money(params.value(key + "tier2_from"))
    ratio1, ratio2 = params.value(key + "tier1_ratio"), params.value(key + "tier2_ratio")
    texts = (yuan(threshold), yuan(tier2_from), ratio_text(ratio1), ratio_text(ratio2))
    return Tiers(threshold, tier2_from, ratio1, ratio2, texts, params.source(key + "tier1_ratio"))


def serious_limit_for(params: ParamSnapshot, found: int) -> tuple[Decimal, str, str]:
    """§6: the serious-illness annual maximum of the band; (limit, as shown, source)."""
    key = f"serious.band{found}.limit"
    limit = money(params.value(key))
    return limit, yuan(limit), params.source(key)


# ---------------------------------------------------------------- basic insurance (§5.5, §5.6)


def check_inputs(inputs: dict) -> list[str]:
    """Cross-field checks; returns warnings about inputs that do not apply."""
    if inputs["scheme"] == "resident":
        if inputs["age"] is None:
            raise CalculationError("居民医保参保人请填写年龄（到一定年龄报销比例更高）。", field="age")
        if inputs["retired"]:
            return ["居民医保按年龄确定报销比例，“是否已退休”一项不影响计算。"]
    return []


class Basic(NamedTuple):
    """The basic-insurance part of one stay (§5.5, §5.6), with the amounts as shown."""

    deductible: Decimal
    ratio: Decimal
    fund_paid: Decimal
    over_limit: Decimal
    self_pay: Decimal
    self_pay_text: str
    limit: Limit


class Rates(NamedTuple):
    """Everything one stay needs from the snapshot."""

    deductible: Deductible
    ratio: Ratio
    limit: Limit
    tiers: Tiers
    serious_limit: tuple[Decimal, str, str] | None  # None for assistance recipients (§7)


def rates_for(
    params: ParamSnapshot,
    scheme: str,
    level: str,
    admission: str,
    retiree: bool,
    months: int,
    assistance: bool,
    event: date,
) -> Rates:
    """In the order of the rules (an old date fails on the ratio, the first number the handbook does not give)."""
    deductible = deductible_for(params, admission, level)
    ratio = ratio_for(params, scheme, level, retiree)
    limit = limit_for(params, months, event)
    serious_limit = None if assistance else serious_limit_for(params, limit.band)
    return Rates(deductible, ratio, limit, tiers_for(params, assistance), serious_limit)


def lookup_rates(inputs: dict, params: ParamSnapshot) -> Rates:
    """The rates for these inputs, remembered per snapshot."""
    store = remembered(params)
    scheme, level = inputs["scheme"], inputs["level"]
    if scheme == "resident":
        retiree = inputs["age"] >= recall(store, ("elder_age", level), elder_age, params, level)
    else:
        retiree = inputs["retired"]
    event = inputs["date"]
    key = (scheme, level, inputs["admission"], retiree, inputs["continuous_months"], inputs["assistance"], event.year)
    return recall(store, key, rates_for, params, *key[:-1], event)


def fund_steps(
    amount: Decimal, amount_text: str, deductible: Deductible, ratio: Ratio, limit: Limit, paid_before: Decimal
) -> list[Step]:
    """§5.5: what exceeds the deductible is paid at the ratio; §5.6: at most what is left of the annual limit."""
    if amount <= deductible.value:
        return [Step("统筹基金支付", f"{amount_text}未超过起付线，统筹基金不支付", ZERO, REGULATION_2023)]
    by_ratio = money((amount - deductible.value) * ratio.value)
    formula = f"({amount_text} − {deductible.text}) × {ratio.text} = {yuan(by_ratio)}"
    remaining = max(limit.value - paid_before, ZERO)
    if paid_before:
        left = f"年度限额还可支付的部分（{limit.text} − 本年度已支付{yuan(paid_before)} = {yuan(remaining)}）"
    else:
        left = limit.text
    if by_ratio <= remaining:
        return [Step("统筹基金支付", f"{formula}，未超过{left}", by_ratio, REGULATION_2023)]
    over = by_ratio - remaining
    return [
        Step("统筹基金支付", f"{formula}，超过{left}，只能支付{yuan(remaining)}", remaining, REGULATION_2023),
        Step("超过年度限额的部分", f"{yuan(by_ratio)} − {yuan(remaining)} = {yuan(over)}", over, REGULATION_2023),
    ]


def basic_insurance(inputs: dict, rates: Rates, steps: list, warnings: list) -> Basic:
    deductible, ratio, limit = rates.deductible, rates.ratio, rates.limit
    amount = money(inputs["amount"])
    amount_text = yuan(amount)
    fund = fund_steps(amount, amount_text, deductible, ratio, limit, money(inputs["fund_paid_before"]))
    fund_paid = fund[0].amount
    over_limit = fund[1].amount if len(fund) > 1 else ZERO
    self_pay = amount - fund_paid
    self_pay_text = yuan(self_pay)
    steps += (
        deductible.step,
        ratio.step,
        limit.step,
        *fund,
        Step(
            "基本医保报销后个人负担",
            f"{amount_text} − {yuan(fund_paid)} = {self_pay_text}（含起付线以下、按比例自付和超过年度限额的部分）",
            self_pay,
            REGULATION_2023,
        ),
    )
    if limit.warning:
        warnings.append(limit.warning)
    return Basic(deductible.value, ratio.value, fund_paid, over_limit, self_pay, self_pay_text, limit)


# ---------------------------------------------------------------- serious illness (§6, §7)


def serious_due(tiers: Tiers, before: Decimal, basic: Basic, assistance: bool) -> tuple[Decimal, Decimal, Step]:
    """§6 (1)(2)(4): this stay's whole self-pay (under the deductible, own share, over the limit) counts,
    cumulative over the year; returns (due, what the tiers gave on the total before, step)."""
    total = before + basic.self_pay
    total_text = yuan(total) if before else basic.self_pay_text
    paid_total, paid_before = tiers.paid_on(total), tiers.paid_on(before)
    due = paid_total - paid_before
    counted = f"此前{yuan(before)} + 本次{basic.self_pay_text} = {total_text}" if before else basic.self_pay_text
    text = f"本年度累计计入{counted}；{tiers.formula(total, total_text, paid_total)}"
    if paid_before:
        text += f"；减去此前累计费用已得到的{yuan(paid_before)} = {yuan(due)}"
    if assistance:  # §7
        text = f"医疗救助对象{text}；不设年度最高支付限额（结果中的大病保险限额为空）"
    return due, paid_before, Step("大病保险按累计费用分段计算", text, due, tiers.source)


def serious_illness(inputs: dict, rates: Rates, basic: Basic, steps: list) -> tuple[Decimal, Decimal | None]:
    """§6; for assistance recipients §7: other tiers and no annual maximum (serious_limit is None)."""
    due, paid_before, step = serious_due(rates.tiers, money(inputs["serious_before"]), basic, inputs["assistance"])
    steps.append(step)
    if rates.serious_limit is None:
        return due, None
    found = basic.limit.band
    limit, limit_text, source = rates.serious_limit
    if not due:
        return ZERO, limit
    remaining = max(limit - paid_before, ZERO)
    paid = min(due, remaining)
    steps.append(
        Step(
            "大病保险本次支付",
            f"第{found}档年度最高支付限额{limit_text} − 此前累计费用已得到的{yuan(paid_before)}"
            f" = 还可支付{yuan(remaining)}；本次支付{yuan(paid)}",
            paid,
            source,
        )
    )
    return paid, limit


def calculate(inputs: dict, params: ParamSnapshot) -> Result:
    warnings = check_inputs(inputs)
    steps: list[Step] = []
    rates = lookup_rates(inputs, params)
    basic = basic_insurance(inputs, rates, steps, warnings)
    serious_paid, serious_limit = serious_illness(inputs, rates, basic, steps)
    self_pay = basic.self_pay - serious_paid
    self_pay_text = yuan(self_pay) if serious_paid else basic.self_pay_text
    steps.append(
        Step(
            "最后个人自付",
            f"{basic.self_pay_text} − 大病保险{yuan(serious_paid)} = {self_pay_text}",
            self_pay,
            REGULATION_2023,
        )
    )
    result = {
        "deductible": basic.deductible,
        "ratio": basic.ratio,
        "fund_paid": basic.fund_paid,
        "over_limit": basic.over_limit,
        "self_pay_after_basic": basic.self_pay,
        "serious_paid": serious_paid,
        "self_pay": self_pay,
        "annual_limit": basic.limit.value,
        "serious_limit": serious_limit,
    }
    return Result(result, tuple(steps), tuple(warnings), source_documents(steps))
