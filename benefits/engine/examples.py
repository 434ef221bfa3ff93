"""One ordinary request per calculator: shown on the API page, used by the tests and the benchmarks.

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
}
