"""Typical paths through each wizard: the questions in the order asked, the answers a person
gives, and the headline the result must show. Shared by the view tests and the browser tests."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Path:
    slug: str
    answers: tuple[tuple[str, str], ...]  # (question, answer) in the order the wizard asks them
    headline: tuple[str, ...]  # texts the result's headline shows
    skipped: tuple[str, ...] = ()  # questions this person is never asked

    @property
    def query(self) -> dict:
        return dict(self.answers)


PATHS = (
    # 三级, first stay, 职工一档 在职: (50,000 − 600) × 90% = 44,460.00; self-pay 5,540.00 < 10,000: no 大病
    Path(
        "inpatient",
        (
            ("insured", "employee"),
            ("tier", "1"),
            ("retired", "false"),
            ("level", "3"),
            ("admission", "first"),
            ("amount", "50000"),
            ("continuous_months", "72"),  # 满6年及以上: the band's first month
            ("assistance", "false"),
            ("fund_paid_before", "0"),
            ("serious_before", "0"),
            ("date", "2026-03-01"),
        ),
        ("44,460.00元", "5,540.00元"),
        skipped=("age",),
    ),
    # resident aged 65, general outpatient at 一级: 75% + 5 points = 80%; 100 × 80% = 80.00, self-pay 20.00
    Path(
        "outpatient",
        (
            ("insured", "resident"),
            ("age", "65"),
            ("kind", "general"),
            ("level", "1"),
            ("amount", "100"),
            ("used", "0"),
            ("date", "2026-03-01"),
        ),
        ("80.00元", "20.00元"),
        skipped=("tier", "retired", "family_doctor", "continuous_months", "used_hospital"),
    ),
    # employee 一档, wage 12,000 within [6,727, 33,633]: employer 6% 720 + individual 2% 240 = 960 a month
    Path(
        "contribution",
        (("category", "employee"), ("tier", "1"), ("income", "12000"), ("assistance", "false"), ("date", "2026-03-01")),
        ("960.00元", "240.00元"),
    ),
    # 深圳户籍 retiree living in Beijing (手册问32): may file
    Path(
        "remote_care",
        (("hukou", "shenzhen"), ("retired", "true"), ("living_outside", "true")),
        ("可以办理异地就医备案",),
        skipped=("posted", "posted_or_returned"),  # a retiree is not asked about 直通车 postings
    ),
    # twins, difficult birth: the allowance is paid for 98 + 30 + 15 = 143 days; 9,000 ÷ 30 × 143 = 42,900.00;
    # her leave adds Guangdong's 80 reward days, paid as wages: 143 + 80 = 223
    Path(
        "maternity",
        (
            ("event", "birth"),
            ("spouse_only", "false"),
            ("difficult", "true"),
            ("babies", "2"),
            ("surgeries", ""),
            ("insured_months", "24"),
            ("monthly_wage", "9000"),
        ),
        ("223天", "143天", "42,900.00元"),
        skipped=("months_pregnant", "hospital_days"),
    ),
    # paid since 2018-07 without a gap, counted to 2026-03-01 (that month not counted): 2018-07 … 2026-02 = 92
    Path(
        "enrollment",
        (("start", "2018-07"), ("had_gaps", "false"), ("date", "2026-03-01")),
        ("92个月",),
        skipped=("gaps",),
    ),
    # retiring 2024 with 12 Shenzhen years ≥ 10 and 26 years in all ≥ 25: may stop paying
    Path(
        "retirement",
        (("retire_year", "2024"), ("sex", "male"), ("shenzhen_years", "12"), ("total_years", "26")),
        ("可以停缴，享受退休待遇",),
    ),
    # enrolled outside the window after 2 years missed: 3 fixed + (2 − 1) variable = 4 months
    Path(
        "waiting_period",
        (
            ("newborn", "false"),
            ("outside_window", "true"),
            ("interrupted_years", "2"),
            ("repaid_years", "0"),
            ("date", "2026-03-01"),
        ),
        ("4个月",),
    ),
    # 低保 family member, 10,000 left after insurance: 80% = 8,000 assistance, 2,000 left to pay
    Path(
        "assistance",
        (("category", "minimum_living"), ("self_pay", "10000"), ("used", "0"), ("date", "2026-03-01")),
        ("8,000.00元", "2,000.00元"),
    ),
    # 非深户 employee on 8,000 a month (2026 rates): 一档 own 2% = 160 × 12 = 1,920, all of it credited to the
    # personal account; 二档 own 0.5% = 40 × 12 = 480, no account. Expected: general outpatient 2,000 at 一级
    # (both tiers 75%: 1,500 paid, 500 left) and a 30,000 stay at 三级 (first admission: (30,000 − 600) × 90%
    # = 26,460, 3,540 left). 一档 1,920 − 1,920 + 500 + 3,540 = 4,040; 二档 480 − 0 + 4,040 = 4,520
    Path(
        "tier_choice",
        (
            ("category", "employee"),
            ("income", "8000"),
            ("continuous_months", "72"),
            ("outpatient", "2000"),
            ("outpatient_level", "1"),
            ("large_equipment", "0"),
            ("special_2_other", "0"),
            ("inpatient", "30000"),
            ("level", "3"),
            ("date", "2026-03-01"),
        ),
        ("4,040.00元", "4,520.00元"),
    ),
    # 职工一档 在职, 80 months: general outpatient 2,000 at 一级 75% → 1,500 paid, 500 left; first stay at 三级
    # 50,000: (50,000 − 600) × 90% = 44,460, 5,540 left; second stay at 二级 8,000: the lower deductible
    # 200, (8,000 − 200) × 92% = 7,176, 824 left; serious illness counts 5,540 + 824 = 6,364 < 10,000: 0.
    # The year: 1,500 + 44,460 + 7,176 = 53,136 reimbursed; 500 + 5,540 + 824 = 6,864 self-pay
    Path(
        "year",
        (
            ("insured", "employee"),
            ("tier", "1"),
            ("retired", "false"),
            ("continuous_months", "72"),
            ("assistance", "false"),
            ("stay", "3:50000;2:8000"),
            ("outpatient", "2000"),
            ("outpatient_level", "1"),
            ("special_1", "0"),
            ("date", "2026-03-01"),
        ),
        ("53,136.00元", "6,864.00元"),
        skipped=("age",),
    ),
)
