"""The admin index starts from the staff's tasks (core/admin_site.py); each task is a guided page whose
buttons lead into the right prefilled form or list, shown to those who may use them."""

import re

import pytest

pytestmark = pytest.mark.django_db

TASKS = ["录入新一年的工资基数", "调整报销比例", "更新问答说明", "查看某日适用的参数", "费率表"]
POLICY, FAQ = "医保政策维护", "常见问题维护"


def test_the_index_starts_with_the_five_tasks_in_order_then_alarms_then_the_app_lists(client, log_in_staff):
    log_in_staff("maint", POLICY)
    html = client.get("/admin/").content.decode()
    positions = [html.index(f">{task}</a>") for task in TASKS]
    assert positions == sorted(positions)
    assert positions[-1] < html.index("需要录入的数据") < html.index("全部内容") < html.index('class="app-benefits')


@pytest.mark.parametrize(
    "group, page, shown, hidden",
    [
        # (who, task page, a button they see, a button they must not see)
        (POLICY, "baselines", "/admin/benefits/baseline/add/?kind=avg_annual_wage", None),
        (FAQ, "baselines", "查看各年数据", "/admin/benefits/baseline/add/"),
        (POLICY, "ratios", "/admin/benefits/parametervalue/tables/#table-", None),
        (FAQ, "faq", "/admin/faq/question/?notice_kind__exact=updated", "修改需要"),
        (POLICY, "faq", "修改需要“常见问题维护”组的权限", None),
        (FAQ, "in-force", 'action="/admin/benefits/parametervalue/in-force/"', None),
        (FAQ, "tables", 'action="/admin/benefits/parametervalue/tables/"', None),
    ],
)
def test_each_task_page_leads_into_the_right_form_for_those_who_may_use_it(
    client, log_in_staff, group, page, shown, hidden
):
    log_in_staff("someone", group)
    html = client.get(f"/admin/tasks/{page}/").content.decode()
    assert shown in html
    if hidden:
        assert hidden not in html


@pytest.mark.parametrize("page", ["baselines", "ratios", "faq"])
def test_each_change_task_says_a_new_rule_is_a_new_row_or_keeps_the_handbook(client, log_in_staff, page):
    log_in_staff("maint", POLICY)
    text = re.sub(r"<[^>]+>", "", client.get(f"/admin/tasks/{page}/").content.decode())
    assert ("新增一条" in text or "新的记录" in text) if page != "faq" else "不能修改" in text


def test_a_task_page_is_for_staff_only_and_only_read(client, log_in_staff):
    assert client.get("/admin/tasks/baselines/").status_code == 302  # to the login page
    log_in_staff("maint", POLICY)
    assert client.post("/admin/tasks/baselines/").status_code == 405
