""" "How this was worked out" in two or three plain sentences under a result's headline (pure Python).

Written from the result fields and the answers, for a reader of 75 who will not read the steps: the
bill, what is taken off first, the share insurance pays, what is left. The full steps follow on the page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal

from .engine.core import ratio_text, yuan

WAN = Decimal(10000)


def plain_yuan(amount) -> str:
    """A bill or a figure set in whole yuan, as said aloud: 50000 → 5万元, 1400 → 1,400元, 5540.5 → 5,540.50元.

    What was worked out to the fen (what insurance pays, what the person pays) is written with yuan(), exactly as
    the result box above shows it, so a reader never wonders whether 44,460元 and 44,460.00元 are two amounts.
    """
    amount = Decimal(amount)
    if amount >= WAN and amount % 1000 == 0:
        return f"{(amount / WAN).normalize():f}万元"
    return yuan(amount, whole=True)  # said aloud, every amount drops a .00


def _inpatient(r: Mapping, a: Mapping) -> list[str]:
    said = [
        f"这次住院医保范围内花了{plain_yuan(a['amount'])}。",
        f"先扣除起付线{plain_yuan(r['deductible'])}，剩下的由医保按{ratio_text(r['ratio'])}报销，"
        f"医保付{yuan(r['fund_paid'])}。",
    ]
    if r.get("serious_paid"):
        said.append(f"您自己负担的部分，大病保险又付了{yuan(r['serious_paid'])}，最后您自付{yuan(r['self_pay'])}。")
    else:
        said.append(f"其余{yuan(r['self_pay'])}由您自付。")
    return said


def _outpatient(r: Mapping, a: Mapping) -> list[str]:
    said = [
        f"这次门诊医保范围内花了{plain_yuan(a['amount'])}。",
        f"医保按{ratio_text(r['ratio'])}报销{yuan(r['reimbursed'])}，您自付{yuan(r['self_pay'])}。",
    ]
    if r.get("remaining_limit") is not None:
        said.append(f"今年这类门诊还能报销{plain_yuan(r['remaining_limit'])}。")
    return said


def _contribution(r: Mapping, a: Mapping) -> list[str]:
    said = [f"每月按缴费基数{plain_yuan(r['base'])}缴费，合计{yuan(r['total'])}。"]
    if r.get("employer"):
        said.append(f"其中单位缴{yuan(r['employer'])}，您个人缴{yuan(r['individual'])}。")
    else:
        said.append(f"其中您个人缴{yuan(r['individual'])}。")
    return said


def _maternity(r: Mapping, a: Mapping) -> list[str]:
    leave = r.get("leave_days")
    if leave is not None and leave != r["days"]:
        said = [f"您一共可以休{leave}天假，其中{r['days']}天由生育津贴计发，其余的奖励假由单位照发工资。"]
    else:
        said = [f"您可以休{r['days']}天假，生育津贴按{r['days']}天计发。"]
    if r.get("allowance_eligible") is False:
        said.append("参加生育保险的时间还不够，暂时不能领取生育津贴。")
    elif r.get("allowance") is not None:
        said.append(  # the daily rate's divisor is a parameter: the steps below show it
            f"津贴把单位上年度职工月平均工资{plain_yuan(a['monthly_wage'])}折算到每天，"
            f"乘以{r['days']}天，合计{yuan(r['allowance'])}。"
        )
    return said


def _enrollment(r: Mapping, a: Mapping) -> list[str]:
    return [
        f"从您开始参保到计算日，连续参保{r['continuous_months']}个月。",
        f"连续参保越久，一年内医保最多能报的钱越多：现在是{plain_yuan(r['annual_limit'])}。",
    ]


def _retirement(r: Mapping, a: Mapping) -> list[str]:
    said = [
        f"{a['retire_year']}年退休的，要在深圳缴满{r['required_shenzhen_years']}年、累计缴满{r['required_total_years']}年。"
    ]
    if r.get("eligible"):
        said.append("您的年限已经够了，退休后不用再缴费。")
    elif r.get("eligible") is False:
        said.append(
            f"您还差深圳年限{r['missing_shenzhen_years']}年、累计年限{r['missing_total_years']}年，补足后才能停缴。"
        )
    return said


def _waiting_period(r: Mapping, a: Mapping) -> list[str]:
    if not r["months"]:
        return ["您参保缴费后不用等待，从下个月起就可以享受医保待遇。"]
    extra = f"，因为中断过缴费，再加{r['variable_months']}个月" if r.get("variable_months") else ""
    return [f"您要等{r['months']}个月才能享受医保待遇：固定等待{r['fixed_months']}个月{extra}。"]


def _assistance(r: Mapping, a: Mapping) -> list[str]:
    return [
        f"医保报销后您还要付{plain_yuan(a['self_pay'])}。",
        f"医疗救助按{ratio_text(r['ratio'])}帮您付{yuan(r['assistance'])}，最后您自付{yuan(r['self_pay_after'])}。",
    ]


EXPLAIN: dict[str, Callable[[Mapping, Mapping], list[str]]] = {
    "inpatient": _inpatient,
    "outpatient": _outpatient,
    "contribution": _contribution,
    "maternity": _maternity,
    "enrollment": _enrollment,
    "retirement": _retirement,
    "waiting_period": _waiting_period,
    "assistance": _assistance,
}


def explain(slug: str, result: Mapping, inputs: Mapping) -> list[str]:
    """Two or three sentences, or none for a calculator that is a checklist (remote care) or a missing field."""
    said = EXPLAIN.get(slug)
    if said is None:
        return []
    try:
        return said(result, inputs)
    except (KeyError, TypeError):  # a result without the fields the sentences need: the steps say it all
        return []


# ---------------------------------------------------------------- 异地就医备案: a checklist, not a sum

HANDBOOK = "《深圳医保政策问答手册》"
OUTPATIENT_ABROAD = (
    "门诊费用暂不能异地直接结算：先垫付，再回深圳的行政服务大厅窗口或省外受理网点申请报销，"
    "也可以在网上申请预审核后邮寄材料。"
)
PAID_YOURSELF = "因故没能直接结算、自己垫付的费用，到深圳的行政服务大厅窗口或省外受理网点申请报销。"
HOW_LONG = (
    "手册没有写明备案的有效期限；要改去别的地方或取消备案，请先咨询医保经办机构（12345、12333）。",
    "半年以内备案2次以上、而且备案到不同地方的，还要提供长期居住证明或单位派遣证明。",
)


def checklist(result: Mapping, steps) -> list[dict]:
    """The remote-care result as the five things a person needs: may I, which filing, how, what to bring,
    how long, each with its question of the handbook (问32–问39)."""
    from .engine import remote_care

    by_label = {step.label: step.formula for step in steps}
    if not result["eligible"]:
        return [
            _item("您能否办理", ["按您的回答，暂不符合可以办理异地就医备案的情况。", remote_care.NOT_FILED], 32, 35),
            _item("下一步", ["情况有变化（例如退休、长期到外地居住）时，可以再算一次，或咨询12345、12333。"], 46),
        ]
    after = {label: text for label, text, _ in remote_care.AFTER_FILING}
    return [
        _item("您能否办理", [f"可以。您符合：{by_label.get('符合的备案条件', '')}。"], 32),
        _item("办哪一种备案", [f"{remote_care.SCOPE_TEXT[result['scope']]}备案。"], 32),
        _item("在哪里、怎么办", [*result["how"], f"办完后查询结果：{after['查询办理结果']}。"], 33, 34),
        _item("要带什么", result["materials"], 33),
        _item(
            "备案以后看病",
            [after["直接结算"] + "。", after["选择医院"] + "。", OUTPATIENT_ABROAD, PAID_YOURSELF],
            35,
            36,
            37,
            39,
        ),
        _item("有效多久", list(HOW_LONG), 33),
    ]


def _item(title: str, lines: list[str], *questions: int) -> dict:
    return {"title": title, "lines": lines, "source": f"{HANDBOOK}问" + "、问".join(str(q) for q in questions)}


def maternity_medical(result: Mapping, answers: Mapping) -> dict:
    """The maternity result's `medical` field (问24, 问28, 问31) as the page lists it: who is covered, in bold,
    and for what. The engine words each item "who：what（source）"; one without a "who" (abroad) is a note."""
    items = []
    for text in result.get("medical") or ():
        who, colon, what = text.partition("：")
        if not colon or "（" in who:  # the colon is not the item's own: no "who" to set apart
            who, what = "", text
        items.append({"who": who, "what": what})
    return {"medical": items}
