"""The admin: only staff get in, failed logins lock a username+address out for 30 minutes, passwords
are checked, sessions expire (idle, browser close, hard limit), and every change is logged with its user."""

import time
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.utils import timezone

from benefits.models import Baseline, ChangeRequest, ParameterValue
from core.middleware import LOGIN_AT
from faq.models import Question
from tests.conftest import question_change_form

pytestmark = pytest.mark.django_db

# Real logins hash the password; the production hasher takes ~0.4 s a time by design, too slow for a suite.
FAST_HASHER = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])


@pytest.fixture(autouse=True)
def fast_hashing():
    with FAST_HASHER:
        yield


PASSWORD = "Shenzhen-yibao-2026!"
LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture
def staff():
    user = User.objects.create_user("zhang", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="医保政策维护"), Group.objects.get(name="常见问题维护"))
    return user


def login(client, username, password, address="192.0.2.10"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_only_staff_reach_the_admin(client, staff):
    anonymous = client.get("/admin/")
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/admin/login/")
    member = User.objects.create_user("citizen", password=PASSWORD)  # an account, but not staff
    client.force_login(member)
    refused = client.get("/admin/benefits/parametervalue/")
    assert refused.status_code == 302 and refused["Location"].startswith("/admin/login/")
    assert login(Client(), "citizen", PASSWORD).status_code == 200  # the login form refuses non-staff
    client.force_login(staff)
    assert client.get("/admin/").status_code == 200


def test_five_failures_lock_the_username_at_that_address_for_30_minutes(client, staff):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "zhang", "wrong-password").status_code == 200
    locked = login(client, "zhang", "wrong-password")
    html = locked.content.decode()
    assert locked.status_code == 429
    assert "登录已暂停" in html and "30分钟" in html and '<html lang="zh-Hans"' in html
    assert locked["Retry-After"] == "1800"
    # even the right password is refused now, from that address
    assert login(client, "zhang", PASSWORD).status_code == 429
    # the same account from another address, and another account from this one, are not locked
    assert login(Client(), "zhang", PASSWORD, address="192.0.2.99").status_code == 302
    User.objects.create_user("li", password=PASSWORD, is_staff=True)
    assert login(Client(), "li", PASSWORD).status_code == 302
    # after the cool-off the account may log in again
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=31))
    assert login(Client(), "zhang", PASSWORD).status_code == 302


def test_the_lockout_settings():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert timedelta(minutes=30) == settings.AXES_COOLOFF_TIME
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


@pytest.mark.parametrize("password", ["12345678901", "password123", "qwertyuiop", "short"])
def test_weak_passwords_are_refused(password, staff):
    with pytest.raises(ValidationError):
        validate_password(password, user=staff)


def test_a_strong_password_passes_every_validator(staff):
    from django.contrib.auth.password_validation import get_default_password_validators

    validators = get_default_password_validators()
    refused_by = []
    for validator in validators:
        try:
            validator.validate(PASSWORD, user=staff)
        except ValidationError as error:
            refused_by.append((type(validator).__name__, error.messages))
    # similarity to the username, length ≥ 10, common passwords, all digits: all four run, none refuses
    assert len(validators) == 4
    assert refused_by == []


def test_a_staff_session_ends_when_idle_when_the_browser_closes_and_after_the_hard_limit(client, staff):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE and settings.SESSION_SAVE_EVERY_REQUEST
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    response = login(client, "zhang", PASSWORD)
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["max-age"] and not cookie["expires"]  # gone when the browser closes
    session = client.session
    assert session.get_expiry_age() == 30 * 60  # idle limit, restarted by each request
    session[LOGIN_AT] = time.time() - settings.STAFF_SESSION_MAX_AGE - 1
    session.save()
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_public_visitors_get_no_session(client):
    response = client.get("/faq/q/12/")
    assert settings.SESSION_COOKIE_NAME not in response.cookies


@pytest.mark.parametrize(
    ("url", "model", "form"),
    [
        (
            "/admin/benefits/baseline/add/",
            Baseline,
            {
                "kind": "avg_annual_wage",
                "year": "2021",
                "value": "160000",
                "source": "统计公报",
                "draft_reason": "新年度",
            },
        ),
        (
            "/admin/benefits/parametervalue/add/",
            ParameterValue,
            {
                "key": "inpatient.ratio.employee_1.level3",
                "effective_from": "2027-01-01",
                "value": "0.88",
                "source": "测试文件第1条",
                "note": "",
                "draft_reason": "新比例",
            },
        ),
    ],
    ids=["baseline", "parameter"],
)
def test_every_change_is_logged_with_its_user(client, staff, url, model, form, publish):
    client.force_login(staff)
    assert client.post(url, form).status_code == 302  # a draft (变更申请), logged as its author's
    draft = ChangeRequest.objects.latest("pk")
    entry = LogEntry.objects.get(object_id=str(draft.pk), content_type__model="changerequest")
    assert entry.user == staff
    obj = publish()  # published by a second person; the history says who wrote the change
    record = obj.history.first()
    assert record.history_user == staff and record.history_type == "+"


def test_a_question_edit_is_logged_with_its_user(client, staff):
    client.force_login(staff)
    q = Question.objects.get(number=12)
    form = question_change_form(q, policy_update="新的提示", last_reviewed="2026-11-01", related=["13"])
    assert client.post(f"/admin/faq/question/{q.pk}/change/", form).status_code == 302
    assert q.history.first().history_user == staff
    assert LogEntry.objects.filter(object_id=str(q.pk), user=staff).exists()


@pytest.mark.parametrize(
    "unsafe_next", ["https://evil.example/", "//evil.example/admin/", "/\\evil.example", "javascript:alert(1)"]
)
def test_a_login_with_an_unsafe_next_lands_on_the_admin_index(client, staff, unsafe_next):
    response = client.post(
        f"/admin/login/?next={unsafe_next}", {"username": "zhang", "password": PASSWORD}, REMOTE_ADDR="192.0.2.10"
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
