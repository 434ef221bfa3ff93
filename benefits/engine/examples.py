"""One ordinary request per calculator: shown on the API page, used by the tests and the benchmarks.

A repeated parameter (year's `stay`) is a list: encode with urlencode(..., doseq=True).
The inpatient one is the headline example: 三级, first admission, 职工一档 in work, 50,000 yuan.
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
