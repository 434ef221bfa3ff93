"""The nine wizards, in plain Chinese: what each asks, in what order, and when a question is skipped.

Questions follow the person's situation, not the rule names: a resident is never asked about
一档/二档; "不确定" is offered where a person may not know, with the default the result states.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from .engine.core import yuan
from .explain import maternity_medical
from .questions import HOSPITALS, band_start, enrolment_options, special_limit_published
from .wizard import UNSURE, Ask, Option, When, Wizard, answered, engine_options, paid_so_far, yes_no

employee = answered("insured", "employee")
resident = answered("insured", "resident")


# Shared first questions of the outpatient and inpatient wizards: who is insured, and how.
INSURED = Ask(
    "insured",
    "您参加的是哪种医保？",
    options=(
        Option("employee", "职工医保", "在单位上班、灵活就业，或者退休后享受职工医保待遇"),
        Option("resident", "居民医保", "孩子、学生，或者没有工作的深圳户籍居民"),
    ),
)
TIER = Ask(
    "tier",
    "您的职工医保是一档还是二档？",
    hint="深圳户籍职工都是一档；非深圳户籍职工由单位选择一档或二档，可在“深圳医保”公众号的参保信息里查看。",
    options=(Option("1", "一档"), Option("2", "二档")),
    unsure="1",
    unsure_note="按一档计算。",
    when=employee,
)
RETIRED = yes_no("retired", "您退休了吗？", hint="退休人员的报销比例更高。", when=employee)
AGE = Ask("age", "您今年多少岁？", hint="年纪大的居民报销比例更高。", subject="您的年龄", example="65", when=resident)
CARE_DATE = Ask(
    "date",
    "您是哪一天看病（结算）的？",
    hint="按这一天适用的政策计算。不填就按今天计算。",
    subject="看病（结算）的日期",
    example="2026年3月1日",
    optional=True,
)


def scheme_inputs(answers: dict) -> dict:
    """insured + tier → the engine's scheme (employee_1 | employee_2 | resident)."""
    inputs = {k: v for k, v in answers.items() if k not in ("insured", "tier")}
    if answers.get("insured") == "employee":
        inputs["scheme"] = f"employee_{answers.get('tier', '1')}"
    elif answers.get("insured") == "resident":
        inputs["scheme"] = "resident"
    return inputs


def paid_and_self_pay(result, paid_fields: tuple[str, ...]) -> list[tuple[str, str]]:
    paid = sum((Decimal(result[f]) for f in paid_fields if result.get(f) is not None), Decimal(0))
    return [("医保报销", yuan(paid)), ("您自付", yuan(result["self_pay"]))]


LEVEL = Ask(
    "level",
    "您去的是哪一级医院？",
    hint="医院级别一般写在医院门口或挂号单上；社康中心属于一级及以下。",
    options=(
        Option("1", "一级及以下（含社康中心）", supposing="是一级及以下医院或社康中心"),
        Option("2", "二级医院", supposing="是二级医院"),
        Option("3", "三级医院", "大型综合医院多为三级"),
    ),
    unsure="3",
    unsure_note="按三级医院计算（报销比例最低，实际可能报得更多）。",
    messages={"no_hospital": "名单里已经没有这家医院了，请重新查找医院名称，或者选择医院级别。"},
    picker=HOSPITALS,
)
ASSISTED = yes_no(
    "assistance",
    "您是医疗救助对象吗？",
    hint="特困人员、孤儿、低保家庭成员、低收入家庭成员，由民政部门认定。",
)
CONTINUOUS = Ask(
    "continuous_months",
    "您在深圳连续参保多久了？",
    hint="按在深圳不间断缴费的时间算：一个医保年度内断缴合计不超过3个月的，前后可以接上；超过3个月就重新计算。",
    subject="连续参保的时间",
    example="满6年及以上",
    choices=enrolment_options,  # the bands of the rate tables in force: 不满半年 … 满6年及以上
    parse=band_start,  # a band is calculated as its first month (an older URL's 80 months → 72)
    see_also="enrollment",
    ordered=True,
    unsure="0",
    unsure_note="按不满半年计算（年度限额最低）；结果页会列出参保时间更长时的金额。",
)

FUND_PAID_BEFORE = paid_so_far(
    "fund_paid_before",
    "今年基本医保已经为您报销过多少钱？",
    hint="这次以前的住院、门诊特定病种、门诊诊查费、大型设备检查、国家谈判药品等已由医保统筹基金支付的钱"
    "（普通门诊和大病保险报的不算）。",
    subject="今年基本医保已经报销的钱",
    example="8000",
)
SERIOUS_BEFORE = paid_so_far(
    "serious_before",
    "今年已经计入大病保险的个人负担是多少？",
    hint="这次以前住院、门诊特定病种、国家谈判药品等个人负担、可以计入大病保险的费用。",
    subject="今年已经计入大病保险的个人负担",
    example="12000",
)

INPATIENT = Wizard(
    slug="inpatient",
    title="住院报销",
    situation="我住院了，能报多少？",
    lead="回答几个问题，算出这次住院医保能报多少、自己要付多少（含大病保险）。",
    asks=(
        INSURED,
        TIER,
        RETIRED,
        AGE,
        LEVEL,
        Ask(
            "admission",
            "这是您今年第几次住院？",
            hint="按医疗保障年度算；到外地住院，起付线和在深圳一样。",
            options=(Option("first", "第一次"), Option("subsequent", "第二次或以后")),
            unsure="first",
            unsure_note="按第一次住院计算（起付线较高）。",
        ),
        Ask(
            "amount",
            "这次住院医保范围内的费用是多少？",
            hint="看出院结算单上的“医保范围内费用”或“基本医疗费用”；自费药品不算在内。",
            subject="这次住院医保范围内的费用",
            example="50000 或 5万",
        ),
        CONTINUOUS,
        ASSISTED,
        # Asked on a first stay too: 门特, 诊查费, large equipment and negotiated drugs also count toward the
        # pooled fund's limit and serious illness (seed 003 二(四)6, 三(一)2–3).
        FUND_PAID_BEFORE,
        SERIOUS_BEFORE,
        CARE_DATE,
    ),
    to_inputs=scheme_inputs,
    headline=lambda r: paid_and_self_pay(r, ("fund_paid", "serious_paid")),
    chart_field="amount",
    faq=(9, 12, 14, 38),
)

# 门特 and negotiated drugs: the pooled fund's yearly limit (its band by continuous enrolment) and, on the self-pay,
# serious illness (seed 003 二(四)6, 三(一)2–3). The questions of that chain are asked for these kinds only.
CHAINED_KINDS = ("special_1", "special_2_htn_dm", "special_2_other", "negotiated_drug")
chained = answered("kind", *CHAINED_KINDS)

OUTPATIENT = Wizard(
    slug="outpatient",
    title="门诊报销",
    situation="看门诊能报多少？",
    lead="回答几个问题，算出这次门诊医保能报多少、自己要付多少。",
    asks=(
        INSURED,
        TIER,
        RETIRED,
        AGE,
        Ask(
            "kind",
            "您这次看的是哪种门诊？",
            hint="不清楚的话，一般选“普通门诊”。门诊特定病种（门特）需要先申请认定。",
            options=engine_options("outpatient", "kind"),
            unsure="general",
            unsure_note="按普通门诊计算。",
        ),
        yes_no(
            "family_doctor",
            "药是签约的家庭医生开的吗？",
            hint="在社康中心签约家庭医生、接受慢病管理，由家庭医生开的高血压、糖尿病药报销更多。",
            when=answered("kind", "special_2_htn_dm"),
        ),
        replace(CONTINUOUS, when=chained),
        LEVEL,
        Ask(
            "amount",
            "这次门诊医保范围内的费用是多少？",
            hint="看收费票据上的医保范围内金额；自费部分不算在内。",
            subject="这次门诊医保范围内的费用",
            example="300",
        ),
        paid_so_far(
            "used",
            "今年普通门诊已经报销过多少钱？",
            hint="普通门诊每年有报销限额。",
            subject="今年普通门诊已经报销的钱",
            example="500",
            unsure_note="按0元计算（今年还没用过限额）。",
            when=answered("kind", "general"),
        ),
        paid_so_far(
            "used_hospital",
            "其中在二级以上医院、专科医院报销了多少钱？",
            hint="职工医保一档在二级以上医院和专科医院看普通门诊，另有一个较小的限额。",
            subject="在二级以上医院、专科医院报销的钱",
            example="200",
            when=When(
                lambda a: a.get("kind") == "general" and a.get("tier", "1") in ("1", UNSURE) and employee(a),
                reads=("kind", "tier", "insured"),
            ),
        ),
        replace(FUND_PAID_BEFORE, when=chained),
        paid_so_far(
            "special_paid_before",
            "今年这一类门诊特定病种，医保已经为您报销过多少钱？",
            hint="门诊特定病种每一类每年有报销限额；只算今年这一类门特已经报销的钱，这次以前的。",
            subject="今年这一类门特已经报销的钱",
            example="3000",
            when=When(lambda a: special_limit_published(a.get("kind", "")), reads=("kind",)),
        ),
        replace(SERIOUS_BEFORE, when=chained),
        replace(ASSISTED, when=chained),
        CARE_DATE,
    ),
    to_inputs=scheme_inputs,
    headline=lambda r: paid_and_self_pay(r, ("reimbursed",)),
    chart_field="amount",
    faq=(15, 16, 20, 21, 23),
)

INCOME_QUESTIONS = {  # question, hint, subject of its error messages
    "employee": (
        "您每月工资（税前）是多少？",
        "缴费基数按本人工资计算，但不低于、不高于规定的上下限。",
        "您每月的税前工资",
    ),
    "flexible": (
        "您申报的月收入是多少？",
        "灵活就业人员按申报的收入缴费，不低于、不高于规定的上下限。",
        "您申报的月收入",
    ),
    "work_injury": ("您每月的伤残津贴是多少？", "按伤残津贴缴费。", "您每月的伤残津贴"),
    "disability_allowance": (
        "您想按多少钱作为缴费基数？",
        "可以在规定的上下限之间自己选择。",
        "您选择的缴费基数",
    ),
}


def whose(answers) -> str:
    """Who the contribution questions are about: a child's parent answers for the child."""
    return "孩子" if answers.get("category") == "resident_minor" else "您"


def contribution_headline(result) -> list[tuple[str, str]]:
    """The month's total and the person's own share; where others pay part of it (救助, 残联) what is left to
    the person; for children and students, what they pay at once when enrolling (through next August)."""
    # the person's own share first: an older reader takes the first figure for what they pay
    shown = [("个人每月缴", yuan(result["individual"])), ("每月合计（含单位或政府部分）", yuan(result["total"]))]
    if Decimal(result.get("subsidy") or 0):
        shown.append(("资助后自己每月缴", yuan(result["you_pay"])))
    if result.get("due_now") is not None:
        shown.append((f"参保时一次缴（{result['months_due']}个月）", yuan(result["due_now"])))
    return shown


CONTRIBUTION = Wizard(
    slug="contribution",
    title="医保缴费",
    situation="每月要交多少医保？",
    lead="回答几个问题，算出每月医保费由谁交、交多少。",
    asks=(
        Ask("category", "您属于下面哪种情况？", options=engine_options("contribution", "category")),
        Ask(
            "tier",
            "您参加的是一档还是二档？",
            hint="一档有个人账户，缴费和待遇都更高；二档缴费较低。",
            options=(Option("1", "一档"), Option("2", "二档")),
            unsure="1",
            unsure_note="按一档计算。",
            when=answered("category", "employee", "disability_allowance", "retiree_topup"),
        ),
        Ask(
            "income",
            lambda a: INCOME_QUESTIONS[a.get("category", "employee")][0],
            hint=lambda a: INCOME_QUESTIONS[a.get("category", "employee")][1],
            subject=lambda a: INCOME_QUESTIONS[a.get("category", "employee")][2],
            example="12000 或 1.2万",
            when=answered("category", *INCOME_QUESTIONS),
        ),
        replace(
            ASSISTED,
            question=lambda a: f"{whose(a)}是医疗救助对象吗？",
            when=When(lambda a: a.get("category") not in (None, "unemployed"), reads=("category",)),
            unsure="false",
            unsure_note="按不是医疗救助对象计算（个人缴费不减免）。",
        ),
        yes_no(
            "disabled",
            lambda a: f"{whose(a)}是持有一至四级残疾证的深圳户籍残疾人吗？",
            hint="参加居民医保的深圳户籍一至四级残疾人，个人缴费由市残联资助。",
            when=answered("category", "resident_adult", "resident_minor"),
            unsure="false",
            unsure_note="按不是计算（个人缴费不减免）。",
        ),
        Ask(
            "start_month",
            lambda a: f"{whose(a)}从几月开始参保？",
            hint="一般在每年9月新学年参保；其他月份参保的，参保时一次缴到次年8月。填月份的数字。",
            subject="开始参保的月份",
            example="9（9月）",
            when=answered("category", "resident_minor", "resident_student"),
            unsure="",
            unsure_note="按9月新学年参保计算。",
        ),
        Ask(
            "date",
            "按哪个月份计算？",
            hint="填这个月里的任意一天；不填就按今天计算。每年的缴费基数会调整。",
            subject="计算月份里的任意一天",
            example="2026年3月1日",
            optional=True,
        ),
    ),
    headline=lambda r: contribution_headline(r),
    faq=(1, 2, 3, 6, 8),
)


ENROLLMENT = Wizard(
    slug="enrollment",
    title="连续参保时间",
    situation="我连续参保多久了？能报多少？",
    lead="算出连续参保时间，以及它决定的年度报销限额和门特报销比例。",
    asks=(
        Ask(
            "start",
            "您从哪个月开始在深圳缴医保？",
            hint="从这个月起一直在深圳缴费。",
            subject="开始缴医保的月份",
            example="2018年7月",
        ),
        yes_no("had_gaps", "中间有没有断缴过？", unsure="false", unsure_note="按没有断缴计算。"),
        Ask(
            "gaps",
            "哪些月份没有缴费？",
            hint="按“开始年-月:结束年-月”填写，例如 2024-03:2024-05；有几段就用逗号隔开。",
            subject="没有缴费的月份",
            example="2024-03:2024-05",
            when=answered("had_gaps", "true"),
        ),
        Ask(
            "date",
            "算到哪一天？",
            hint="例如看病的日期；不填就按今天计算。",
            subject="要算到的日期",
            example="2026年3月1日",
            optional=True,
        ),
    ),
    to_inputs=lambda a: {k: v for k, v in a.items() if k != "had_gaps"},
    headline=lambda r: [
        ("连续参保", f"{r['continuous_months']}个月"),
        ("医保一年最多报销", yuan(r["annual_limit"], whole=True)),
    ],
    faq=(18,),
)

RETIREMENT = Wizard(
    slug="retirement",
    title="退休后停缴",
    situation="退休后还要不要继续交医保？",
    lead="看看退休后能不能不再缴费、直接享受职工医保退休待遇。",
    asks=(
        Ask(
            "retire_year",
            "您哪一年退休（达到法定退休年龄）？",
            subject="退休的年份",
            example="2026",
        ),
        Ask("sex", "您的性别？", options=(Option("male", "男"), Option("female", "女"))),
        Ask(
            "shenzhen_years",
            "您在深圳实际缴职工医保多少年了？",
            hint="一档、二档的年数合在一起算。",
            subject="在深圳实际缴职工医保的年数",
            example="12",
        ),
        Ask(
            "total_years",
            "您一共缴了多少年职工医保？",
            hint="包括从外地转入深圳的年数。",
            subject="一共缴职工医保的年数",
            example="26",
        ),
    ),
    headline=lambda r: [("结果", ELIGIBLE_TEXT[r["eligible"]])],
    faq=(1, 3),
)
ELIGIBLE_TEXT = {True: "可以停缴，享受退休待遇", False: "还需继续缴费", None: "规定尚未公布"}

WAITING_PERIOD = Wizard(
    slug="waiting_period",
    title="居民医保等待期",
    situation="断缴后重新参保，多久能报销？",
    lead="居民医保在集中参保期以外参保或断缴后，要过一段“等待期”才能报销。",
    asks=(
        yes_no("newborn", "是给新生儿参保吗？", hint="新生儿不设等待期。"),
        yes_no(
            "outside_window",
            "是不是在每年的集中参保期以外参保？",
            when=answered("newborn", "false"),
            unsure="true",
            unsure_note="按集中参保期以外计算。",
        ),
        Ask(
            "interrupted_years",
            "之前连续断缴了几年？",
            hint="没有断缴就填0。",
            subject="连续断缴的年数",
            example="2",
            when=answered("newborn", "false"),
        ),
        Ask(
            "repaid_years",
            "其中补缴了几年？",
            hint="补缴可以缩短等待期。",
            subject="补缴的年数",
            example="1",
            when=When(
                lambda a: a.get("newborn") == "false" and a.get("interrupted_years") not in (None, "", "0"),
                reads=("newborn", "interrupted_years"),
            ),
        ),
        Ask(
            "date",
            "哪一天重新参保缴费？",
            hint="不填就按今天计算。",
            subject="重新参保缴费的日期",
            example="2026年3月1日",
            optional=True,
        ),
    ),
    headline=lambda r: [("等待期", f"{r['months']}个月")],
)


def maternity_headline(result) -> list[tuple[str, str]]:
    """The leave she has and the days the allowance pays, apart: a mother reads "假期 128天" as her whole
    leave, but the engine's `days` are the days the allowance covers (reward leave is paid as wages)."""
    shown = [("您的假期", f"{result['leave_days']}天")] if result.get("leave_days") is not None else []
    shown.append(("发生育津贴的天数", f"{result['days']}天"))
    if result.get("allowance_eligible") is False:  # 问31: fewer than 12 months in maternity insurance
        shown.append(("生育津贴", "不能领取"))
    elif result.get("allowance") is not None:
        shown.append(("生育津贴", yuan(result["allowance"])))
    return shown


self_insured = answered("spouse_only", "false")  # the allowance is the employee's own (问24, 问29)

MATERNITY = Wizard(
    slug="maternity",
    title="生育假期与津贴",
    situation="生孩子有多少天假？",
    lead="算出产假或计划生育手术假的天数，以及单位能申领的生育津贴。",
    asks=(
        Ask("event", "发生了什么情况？", options=engine_options("maternity", "event")),
        # asked early: after it, a question is always asked (计划生育手术), so the step count ends exact
        Ask(
            "spouse_only",
            "谁参加了生育保险？",
            hint="生育津贴只发给参加生育保险的职工本人；没有工作的配偶可以报销生育医疗费用。",
            options=(
                Option("false", "我自己在单位上班，单位为我缴生育保险"),
                Option("true", "我没有工作，我的配偶在深圳的单位参加了生育保险"),
            ),
        ),
        yes_no("difficult", "是难产吗？", hint="难产由医院诊断，例如剖宫产。", when=answered("event", "birth")),
        Ask(
            "babies",
            "一次生了几个宝宝？",
            subject="宝宝的个数",
            example="1（双胞胎填2）",
            when=answered("event", "birth"),
        ),
        Ask(
            "months_pregnant",
            "终止妊娠时怀孕满几个月？",
            subject="终止妊娠时怀孕满的月数",
            example="3",
            when=answered("event", "loss"),
        ),
        Ask(
            "hospital_days",
            "医院建议休息多少天？",
            hint="怀孕未满4个月终止妊娠的，按医院的意见休假。",
            subject="医院建议休息的天数",
            example="15",
            when=When(
                lambda a: (
                    a.get("event") == "loss"
                    and a.get("months_pregnant", "").isdigit()
                    and int(a["months_pregnant"]) < 4
                ),
                reads=("event", "months_pregnant"),
            ),
        ),
        Ask(
            "surgeries",
            "做了哪些计划生育手术？",
            hint="可以多选；没有做就都不选。",
            options=engine_options("maternity", "surgeries"),
            optional=True,
        ),
        Ask(
            "insured_months",
            "您累计参加生育保险多少个月了？",
            hint="按单位为您缴生育保险的月数算，可以问单位人事，或在深圳市医疗保障局个人网上服务系统查缴费记录。"
            "参保时间不够的，不能领取生育津贴。",
            subject="累计参加生育保险的月数",
            example="24",
            unsure="",
            unsure_note="按参保时间已满、可以领取津贴计算，结果会提醒您核实。",
            when=self_insured,
        ),
        Ask(
            "monthly_wage",
            "单位上一年度职工月平均工资是多少？",
            hint="用来算生育津贴，可以问单位人事或财务。不知道可以不填，只算假期天数。",
            subject="单位上一年度职工月平均工资",
            example="9000",
            optional=True,
            when=self_insured,
        ),
    ),
    headline=lambda r: maternity_headline(r),
    faq=(24, 29, 30, 31),
    result_template="benefits/result_maternity.html",
    result_context=maternity_medical,
)

REMOTE_CARE = Wizard(
    slug="remote_care",
    title="异地就医备案",
    situation="我要去外地生活，怎么备案？",
    lead="看看能不能办理异地就医备案、怎么办、要带什么材料。",
    asks=(
        Ask("hukou", "您是深圳户籍吗？", options=(Option("shenzhen", "是深圳户籍"), Option("other", "不是深圳户籍"))),
        yes_no("retired", "您退休了吗？"),
        yes_no("living_outside", "您是不是长期住在深圳以外的国内其他地方？", hint="不含港澳台地区。"),
        yes_no(
            "posted",
            "您是不是被“直通车”企业长期派驻到外地工作？",
            hint="“直通车”企业是和医保部门直接办理业务的单位，可以问单位人事。",
            unsure="false",
            unsure_note="按“不是”计算。",
            when=answered("retired", "false"),  # 问32: a retiree living elsewhere may file anyway
        ),
        yes_no(
            "posted_or_returned",
            "您是不是被单位派到外省工作，或者因故回到老家（原户籍地）？",
            when=answered("hukou", "other"),
        ),
    ),
    headline=lambda r: [("结果", "可以办理异地就医备案" if r["eligible"] else "暂不符合备案条件")],
    result_title="办理清单",
    faq=(32, 33, 34, 35, 36, 37),
)

ASSISTANCE = Wizard(
    slug="assistance",
    title="医疗救助",
    situation="我是困难群众，医疗救助能帮多少？",
    lead="医保报销以后，医疗救助对象自付的部分还能再得到救助。",
    asks=(
        Ask(
            "category",
            "您属于哪一类医疗救助对象？",
            hint="以民政部门的认定为准。",
            options=engine_options("assistance", "category"),
        ),
        Ask(
            "self_pay",
            "医保报销后，您自己还要付多少钱？",
            hint="只算医保范围内的自付部分；自费药品等不算。",
            subject="医保报销后您自己要付的钱",
            example="10000 或 1万",
        ),
        paid_so_far("used", "今年已经得到过多少医疗救助？", subject="今年已经得到的医疗救助", example="2000"),
        CARE_DATE,
    ),
    headline=lambda r: [("医疗救助", yuan(r["assistance"])), ("救助后自付", yuan(r["self_pay_after"]))],
    faq=(41, 42, 43, 44, 45),
)

WIZARDS = {
    w.slug: w
    for w in (
        INPATIENT,
        OUTPATIENT,
        CONTRIBUTION,
        REMOTE_CARE,
        MATERNITY,
        ENROLLMENT,
        RETIREMENT,
        WAITING_PERIOD,
        ASSISTANCE,
    )
}


# ---------------------------------------------------------------- the two decisions (issue 10)
# Added last, so the wizards above keep their place on the hub and their definitions stay untouched.

from . import decision_pages  # noqa: E402  (the two decisions' own parts of the result page)
from .wizard import SEVERAL  # noqa: E402

SPENDING_NOTE = "按0元计算。"


def spending(name: str, question: str, hint: str, subject: str, example: str, **kwargs) -> Ask:
    """Money a person expects or spent in a year; 不确定 counts it as none, and the result says so."""
    return Ask(
        name, question, hint=hint, subject=subject, example=example, unsure="0", unsure_note=SPENDING_NOTE, **kwargs
    )


def spent_some(name: str) -> When:
    """A follow-up question that only matters when the amount `name` is more than nothing."""
    return When(lambda a: a.get(name) not in (None, "", "0", UNSURE), reads=(name,))


OUTPATIENT_LEVEL = replace(  # the two decisions' general outpatient: asked once they have spent some
    LEVEL,
    name="outpatient_level",
    question="普通门诊您主要去哪一级医院？",
    hint="社康中心属于一级及以下。",
    options=engine_options("year", "outpatient_level"),
    unsure="1",
    unsure_note="按一级及以下（社康中心）计算。",
    when=spent_some("outpatient"),
)


TIER_CHOICE = Wizard(
    slug="tier_choice",
    title="一档还是二档",
    situation="我该选一档还是二档？",
    lead="按您的工资和预计的看病花费，比一比职工医保一档和二档一年各要您花多少钱。",
    asks=(
        Ask(
            "category",
            "您属于下面哪种情况？",
            hint="只有这几类人可以在一档和二档之间选择；深圳户籍职工都参加一档。",
            options=(
                Option("employee", "在单位上班，不是深圳户籍", "由单位为您选择一档或二档"),
                Option("disability_allowance", "领取病残津贴"),
                Option("retiree_topup", "退休时缴费年限不够，继续缴费"),
            ),
        ),
        Ask(
            "income",
            lambda a: INCOME_QUESTIONS[a.get("category", "employee")][0],
            hint=lambda a: INCOME_QUESTIONS[a.get("category", "employee")][1],
            subject=lambda a: INCOME_QUESTIONS[a.get("category", "employee")][2],
            example="12000 或 1.2万",
            when=answered("category", "employee", "disability_allowance"),
        ),
        CONTINUOUS,
        spending(
            "outpatient",
            "您一年看普通门诊，医保范围内大约花多少钱？",
            "按往年估一个数就行；不看门诊就填0。",
            "一年普通门诊的费用",
            "2000",
        ),
        OUTPATIENT_LEVEL,
        spending(
            "large_equipment",
            "一年做CT、核磁共振等大型设备检查，大约花多少钱？",
            "二档不报销门诊大型设备检查；没有就填0。",
            "一年大型设备检查的费用",
            "1500",
        ),
        spending(
            "special_2_other",
            "您有高血压、糖尿病以外的“二类门诊特定病种”吗？一年门诊大约花多少钱？",
            "门诊特定病种要先经医院认定；没有就填0。",
            "一年二类门诊特定病种的费用",
            "6000",
        ),
        spending(
            "inpatient",
            "如果这一年住一次院，医保范围内大约花多少钱？",
            "可以填一个数看看两档的差别；不打算算住院就填0。",
            "一次住院的费用",
            "30000 或 3万",
        ),
        replace(LEVEL, question="住院会去哪一级医院？", when=spent_some("inpatient")),
        Ask(
            "date",
            "按哪一天的缴费标准计算？",
            hint="从这一天起算一年；不填就按今天计算。每年的缴费基数会调整。",
            subject="起算的日期",
            example="2026年3月1日",
            optional=True,
        ),
    ),
    headline=decision_pages.tier_headline,
    faq=(1, 2, 3, 8),
    faq_link="想比较一档和二档？",
    result_template="benefits/result_tier_choice.html",
    result_context=decision_pages.tier_context,
)


def year_inputs(answers: dict) -> dict:
    """As for one stay (insured + tier → scheme), and the stays as the repeated parameter."""
    inputs = scheme_inputs(answers)
    inputs["stay"] = [text for text in answers.get("stay", "").split(SEVERAL) if text]
    return inputs


YEAR = Wizard(
    slug="year",
    title="一年的医疗费用",
    situation="算算我一年的医疗费用",
    lead="把这一年的住院和门诊都填上，看医保一共报多少、自己一共付多少，以及起付线、限额在哪里用完。",
    asks=(
        INSURED,
        TIER,
        RETIRED,
        AGE,
        replace(CONTINUOUS, question="今年第一次看病时，您在深圳连续参保多久了？"),
        ASSISTED,
        Ask(
            "stay",
            "这一年您住了几次院？",
            hint="按先后顺序一次一次添加：医院级别和出院结算单上的“医保范围内费用”。没有住院就直接点“下一步”。",
            subject="这一年的住院",
            example="三级医院 50000",
            optional=True,
            parse=decision_pages.parse_stays,
        ),
        spending(
            "outpatient",
            "这一年看普通门诊，医保范围内一共花了多少钱？",
            "所有普通门诊费用加在一起；没有就填0。",
            "这一年普通门诊的费用",
            "2000",
        ),
        OUTPATIENT_LEVEL,
        spending(
            "special_1",
            "这一年“一类门诊特定病种”的门诊费用一共多少？",
            "门诊特定病种要先经医院认定，认定时会说明属于一类还是二类；没有就填0。",
            "这一年一类门诊特定病种的费用",
            "20000",
        ),
        Ask(
            "date",
            "这一年第一次看病或住院是哪一天？",
            hint="按这一天适用的政策计算全年。不填就按今天计算。",
            subject="第一次看病或住院的日期",
            example="2026年3月1日",
            optional=True,
        ),
    ),
    to_inputs=year_inputs,
    headline=lambda r: [("这一年医保共报销", yuan(r["reimbursed"])), ("这一年您自付", yuan(r["self_pay"]))],
    faq=(12,),
    faq_link="想算一整年？",
    result_template="benefits/result_year.html",
    result_context=decision_pages.year_context,
)

# "想看一整年？" under a stay's or an outpatient visit's result: the year wizard, prefilled with it.
WHOLE_YEAR = "benefits/result_whole_year.html"
WIZARDS |= {
    w.slug: w
    for w in (
        replace(WIZARDS["inpatient"], result_template=WHOLE_YEAR, result_context=decision_pages.from_stay),
        replace(WIZARDS["outpatient"], result_template=WHOLE_YEAR, result_context=decision_pages.from_visit),
        TIER_CHOICE,
        YEAR,
    )
}
