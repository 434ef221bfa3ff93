"""异地就医备案 (remote_care): who may file, for which scope, how, with what (手册问32–问35、问37).

No money and no numbers: the handbook's words are kept here as constants, each cited to its question.
Eligible (问32): (1) 深圳户籍, not retired, living long-term elsewhere in mainland China; (2) any retiree
living long-term elsewhere; (3) posted long-term by a 直通车 employer; these three may file for
in-province and cross-province direct settlement. (4) A non-深圳户籍 worker posted to another province or
returned to the home province may file for cross-province direct settlement only.
"""

from __future__ import annotations

from .core import ParamSnapshot, Result, Trace
from .inputs import Boolean, Choice

HANDBOOK = "《深圳医保政策问答手册》"
Q32, Q33, Q34, Q35, Q37 = (f"{HANDBOOK}问{n}" for n in (32, 33, 34, 35, 37))

INPUTS = (
    Choice("hukou", "户籍", choices=(("shenzhen", "深圳户籍"), ("other", "非深圳户籍"))),
    Boolean("retired", "是否已经退休（达到法定退休年龄）"),
    Boolean("living_outside", "是否长期在深圳以外的国内其他地方居住（不含港澳台）"),
    Boolean("posted", "是否由直通车企业长期派驻到深圳以外的国内其他地方（不含港澳台）"),
    Boolean("posted_or_returned", "非深圳户籍：是否被单位派到外省工作，或因故回到原户籍地"),
)

# 问32: the groups that may file, each with the scope it opens.
GROUPS = (
    ("深圳户籍、未退休，长期在深圳以外的国内其他地方居住", "both"),
    ("已退休，长期在深圳以外的国内其他地方居住", "both"),
    ("直通车企业参保人，长期派驻深圳以外的国内其他地方", "both"),
    (
        "非深圳户籍的外来就业创业人员，被单位派到外省或因故返回原户籍地（只能办理跨省异地就医直接结算备案）",
        "cross_province",
    ),
)
SCOPE_TEXT = {"both": "省内和跨省异地就医直接结算", "cross_province": "跨省异地就医直接结算"}

# 问33: three ways of filing.
HOW = (
    "深圳市医疗保障局官网个人网上服务系统",
    "电话传真至深圳医保分中心",
    "本人或委托他人到行政服务大厅窗口（深圳市内就近的区、街道）",
)
FORM_GENERAL = "《深圳市异地就医备案登记表》"
FORM_WORKERS = "《深圳市外来就业创业人员跨省异地就医备案登记表》"
# 问33: the materials after the form.
MATERIALS_AFTER_FORM = (
    "身份证",
    "被委托人的身份证（仅委托他人办理时）",
    "委托书（仅委托他人办理时）",
    "半年以内≥2次备案且备案到不同就医地，或者为限制人员的，还需提供长期居住证明或单位派遣证明",
)
AFTER_FILING = (
    ("查询办理结果", "登录深圳市医疗保障局个人网上服务系统—查询服务—待遇信息查询", Q34),
    ("直接结算", "持深圳金融社保卡到当地联网国家平台的医疗机构就医，可以直接记账", Q35),
    (
        "选择医院",
        "跨省备案直接备案到就医地市或省份，备案地所有国家联网平台医疗机构住院都可直接结算；"
        "现金报销和省内就医的，仍需选定一到三家当地定点医疗机构",
        Q37,
    ),
)
NOT_FILED = "没有办理备案的，在广东省内异地就医时，也可以在省内联网结算的医疗机构凭本人金融社保卡或身份证直接结算。"


def _groups(inputs: dict) -> list[int]:
    """Indexes into GROUPS of the conditions of 问32 that the person meets."""
    shenzhen, outside = inputs["hukou"] == "shenzhen", bool(inputs.get("living_outside"))
    met = [
        shenzhen and not inputs.get("retired") and outside,
        bool(inputs.get("retired")) and outside,
        bool(inputs.get("posted")),
        not shenzhen and bool(inputs.get("posted_or_returned")),
    ]
    return [index for index, ok in enumerate(met) if ok]


def _materials(groups: list[int]) -> list[str]:
    only_workers = all(GROUPS[i][1] == "cross_province" for i in groups)
    form = FORM_WORKERS if only_workers else FORM_GENERAL
    return [f"{form}（窗口办理或电话传真办理时提供）", *MATERIALS_AFTER_FORM]


def calculate(inputs: dict, params: ParamSnapshot) -> Result:
    trace = Trace(params, Q32)
    groups = _groups(inputs)
    if not groups:
        trace.step("能否办理异地就医备案", "不符合问32所列可以办理备案的任何一种情况")
        trace.warn(NOT_FILED)
        return trace.result({"eligible": False, "scope": None, "how": [], "materials": []})
    scope = "both" if any(GROUPS[i][1] == "both" for i in groups) else "cross_province"
    trace.step("符合的备案条件", "；".join(GROUPS[i][0] for i in groups))
    trace.step("可以办理的备案", SCOPE_TEXT[scope])
    trace.step("办理方式", "、".join(HOW), source=Q33)
    for label, text, source in AFTER_FILING:
        trace.step(label, text, source=source)
    return trace.result({"eligible": True, "scope": scope, "how": list(HOW), "materials": _materials(groups)})
