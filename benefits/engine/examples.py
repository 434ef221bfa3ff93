"""One ordinary request per calculator: shown on the API page, used by the tests and the benchmarks.

A repeated parameter (year's `stay`) is a list: encode with urlencode(..., doseq=True).
The inpatient one is the headline example: 三级, first admission, 职工一档 in work, 50,000 yuan.
MORE_EXAMPLES show the second release's inputs (calculators.md "Additions"), by slug: (what it shows, request).
"""

EXAMPLES = {
    "contribution": {"category": "employee", "tier": "1", "income": "12000", "date": "2026-03-01"},
    "outpatient": {"scheme": "employee_1", "level": "1", "kind": "general", "amount": "100", "date": "2026-03-01"},
    "inpatient": {
        "scheme": "employee_1",
        "level": "3",
        "admission": "first",
        "amount": "50000",
        "continuous_months": "80",
        "date": "2026-03-01",
    },
    "enrollment": {"start": "2015-01", "date": "2026-03-01"},
    "retirement": {"retire_year": "2024", "sex": "male", "shenzhen_years": "12", "total_years": "26"},
    "waiting_period": {"outside_window": "true", "interrupted_years": "2", "date": "2026-03-01"},
    "maternity": {"event": "birth", "babies": "2", "difficult": "1"},
    "remote_care": {"hukou": "shenzhen", "retired": "true", "living_outside": "true"},
    "assistance": {"category": "minimum_living", "self_pay": "10000", "date": "2026-03-01"},
    "tier_choice": {
        "category": "disability_allowance",
        "income": "8000",
        "continuous_months": "80",
        "outpatient": "3000",
        "large_equipment": "2000",
        "inpatient": "50000",
        "level": "1",
        "date": "2026-03-01",
    },
    "year": {
        "scheme": "employee_1",
        "continuous_months": "80",
        "outpatient": "3000",
        "special_1": "20000",
        "stay": ["3:50000", "2:8000"],
        "date": "2026-03-01",
    },
}

MORE_EXAMPLES = {
    "outpatient": (
        (
            "门特一类：统筹基金年度限额，个人自付再进入大病保险",
            {
                "scheme": "employee_1",
                "level": "3",
                "kind": "special_1",
                "amount": "100000",
                "continuous_months": "40",
                "fund_paid_before": "800000",
                "serious_before": "5000",
                "date": "2026-03-01",
            },
        ),
        (
            "国家谈判药品：比例由工作人员录入，录入前返回400",
            {
                "scheme": "employee_1",
                "level": "3",
                "kind": "negotiated_drug",
                "amount": "20000",
                "continuous_months": "80",
                "assistance": "true",
                "date": "2026-03-01",
            },
        ),
    ),
    "contribution": (
        ("未成年人3月参保：一次缴到8月", {"category": "resident_minor", "start_month": "3", "date": "2026-03-01"}),
        ("残疾居民：个人缴费由市残联资助", {"category": "resident_adult", "disabled": "true", "date": "2026-03-01"}),
        (
            "医疗救助对象：个人缴费由医保经办机构资助",
            {"category": "employee", "income": "8000", "assistance": "true", "date": "2026-03-01"},
        ),
    ),
    "maternity": (
        (
            "参保满12个月的职工生育：生育津贴和全部假期",
            {"event": "birth", "monthly_wage": "9000", "insured_months": "12"},
        ),
        ("职工的未就业配偶：医疗费用待遇，没有生育津贴", {"event": "birth", "spouse_only": "true"}),
    ),
}
