"""No lost edits: two staff open the same record; the second save is refused with the first one's
change (who, when, what), keeps the input, and a deliberate second click overwrites."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from benefits.models import Baseline, ParameterValue
from faq.models import Question
from tests.conftest import question_change_form

pytestmark = pytest.mark.django_db

RATIO_KEY = "inpatient.ratio.employee_1.level3"
TOKEN = re.compile(r'name="edit_token" value="(\d*)"')


def staff_client(username: str, group: str) -> Client:
    user = User.objects.create_user(username, is_staff=True)  # no password: force_login, and no slow hashing
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client


def same(value, text: str) -> bool:
    return value == Decimal(text) if isinstance(value, Decimal) else str(value) == text


def open_form(client, url) -> str:
    """GET the change form as the browser does; returns the edit token it carries."""
    html = client.get(url).content.decode()
    match = TOKEN.search(html)
    assert match, "the change form carries no edit token"
    return match.group(1)


def parameter_form(obj, **changes):
    form = {
        "key": obj.key,
        "effective_from": obj.effective_from.isoformat(),
        "value": str(obj.value),
        "source": obj.source,
        "note": obj.note,
        "draft_reason": "测试",  # a change of the numbers is a draft, published by a second person
    }
    return {**form, **changes}


def baseline_form(obj, **changes):
    form = {"kind": obj.kind, "year": str(obj.year), "value": str(obj.value), "source": obj.source, "note": obj.note}
    return {**form, "draft_reason": "测试", **changes}


CASES = {
    "parameter": (
        "医保政策维护",
        lambda: ParameterValue.objects.filter(key=RATIO_KEY).order_by("-effective_from").first(),
        "/admin/benefits/parametervalue/{pk}/change/",
        parameter_form,
        "value",
        ("0.88", "0.85"),
        "数值：90% → 88%",  # as the rules print a ratio
    ),
    "baseline": (
        "医保政策维护",
        lambda: Baseline.objects.order_by("kind", "-year").first(),
        "/admin/benefits/baseline/{pk}/change/",
        baseline_form,
        "value",
        ("170000.00", "180000.00"),
        "→ 170000",
    ),
    "faq question": (
        "常见问题维护",
        lambda: Question.objects.get(number=12),
        "/admin/faq/question/{pk}/change/",
        question_change_form,
        "policy_update",
        ("甲写的新提示", "乙写的新提示"),
        "→ 甲写的新提示",
    ),
}


@pytest.mark.parametrize(("group", "get", "url", "form", "field", "values", "shown"), CASES.values(), ids=CASES.keys())
def test_the_second_of_two_overlapping_saves_is_refused_with_the_first_change(
    group, get, url, form, field, values, shown, publish
):
    drafted = group == "医保政策维护"  # the numbers change once a second person approves the draft
    obj = get()
    url = url.format(pk=obj.pk)
    first, second = staff_client("jia", group), staff_client("yi", group)
    first_token, second_token = open_form(first, url), open_form(second, url)
    assert first_token == second_token != ""

    saved = first.post(url, form(obj, **{field: values[0], "edit_token": first_token}))
    assert saved.status_code == 302
    if drafted:
        publish()

    refused = second.post(url, form(obj, **{field: values[1], "edit_token": second_token}))
    html = refused.content.decode()
    assert refused.status_code == 200
    assert "保存未成功" in html and "已被他人修改" in html
    assert "jia 于 " in html and shown in html  # who, and what they changed
    assert re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", html)  # when
    assert values[1] in html  # the refused input is kept in the form
    obj.refresh_from_db()
    assert same(getattr(obj, field), values[0])  # nothing overwritten

    # Saving again after reading the message is a deliberate overwrite.
    new_token = TOKEN.search(html).group(1)
    assert int(new_token) > int(second_token)
    again = second.post(url, form(obj, **{field: values[1], "edit_token": new_token}))
    assert again.status_code == 302
    if drafted:
        publish()
    obj.refresh_from_db()
    assert same(getattr(obj, field), values[1])
    assert obj.history.first().history_user.username == "yi"


def test_a_save_that_changed_nothing_in_the_form_is_no_conflict(publish):
    obj = ParameterValue.objects.filter(key=RATIO_KEY).order_by("-effective_from").first()
    url = f"/admin/benefits/parametervalue/{obj.pk}/change/"
    first, second = staff_client("jia", "医保政策维护"), staff_client("yi", "医保政策维护")
    token = open_form(first, url)
    open_form(second, url)
    assert first.post(url, parameter_form(obj, edit_token=token)).status_code == 302  # saved unchanged
    publish()
    assert second.post(url, parameter_form(obj, value="0.87", edit_token=token)).status_code == 302
    publish()
    obj.refresh_from_db()
    assert obj.value == Decimal("0.87")


def test_reverting_to_an_old_version_is_checked_too(publish):
    obj = ParameterValue.objects.filter(key=RATIO_KEY).order_by("-effective_from").first()
    url = f"/admin/benefits/parametervalue/{obj.pk}/change/"
    first, second = staff_client("jia", "医保政策维护"), staff_client("yi", "医保政策维护")
    assert first.post(url, parameter_form(obj, value="0.85", edit_token=open_form(first, url))).status_code == 302
    publish()
    old = obj.history.order_by("history_id").first()
    revert_url = f"/admin/benefits/parametervalue/{obj.pk}/history/{old.history_id}/"
    token = open_form(second, revert_url)  # the revert page, opened now
    assert first.post(url, parameter_form(obj, value="0.86", edit_token=open_form(first, url))).status_code == 302
    publish()
    refused = second.post(revert_url, parameter_form(obj, value=str(old.value), edit_token=token))
    assert refused.status_code == 200 and "保存未成功" in refused.content.decode()
    obj.refresh_from_db()
    assert obj.value == Decimal("0.86")


def test_the_record_is_locked_while_the_save_is_checked():
    obj = ParameterValue.objects.filter(key=RATIO_KEY).order_by("-effective_from").first()
    url = f"/admin/benefits/parametervalue/{obj.pk}/change/"
    client = staff_client("jia", "医保政策维护")
    token = open_form(client, url)
    with CaptureQueriesContext(connection) as queries:
        assert client.post(url, parameter_form(obj, value="0.89", edit_token=token)).status_code == 302
    if connection.features.has_select_for_update:  # PostgreSQL: two checks cannot pass together
        assert any("FOR UPDATE" in q["sql"] for q in queries)


def test_staff_who_may_only_look_see_no_token_field():
    obj = ParameterValue.objects.first()
    viewer = Client()
    viewer.force_login(User.objects.create_user("kan", is_staff=True))
    html = viewer.get(f"/admin/benefits/parametervalue/{obj.pk}/change/").content.decode()
    assert "edit_token" not in html and "Edit token" not in html
