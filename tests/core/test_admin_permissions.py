"""The permission matrix of the admin, generated from the admin's own URL patterns.

Every URL of every registered model (list, add, change, delete, history, the history "revert" form,
custom views such as 费率表 and 某日适用的参数) and every admin action, × every role (anonymous, staff
with no group, 常见问题维护, 医保政策维护, superuser) × GET and POST. Allowed roles get 200/302,
others 403 (or the login page), and a refused POST changes nothing in the database. The cases are
enumerated from `admin.site`, so a URL or action added later is covered without anyone remembering;
a URL pattern the test cannot classify fails the test until someone says who may use it.

What each group may do is written here, from the groups' migrations (benefits/migrations/0002,
faq/migrations/0002) and the rule that every staff member may look at the numbers (StaffMayViewMixin).
"""

from dataclasses import dataclass
from html.parser import HTMLParser

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, reverse

from benefits.models import ChangeRequest, Hospital, ParameterValue, ReferenceCase
from tests.conftest import database_state

pytestmark = [
    pytest.mark.django_db,
    # Django checks even a blank password with the real hasher (~0.4 s by design); the matrix needs no hashing.
    pytest.mark.usefixtures("fast_hashing"),
]


@pytest.fixture
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


ANONYMOUS, NO_GROUP, SUPERUSER = "anonymous", "no-group", "superuser"
FAQ_EDITORS, POLICY = "常见问题维护", "医保政策维护"  # the groups' names, made by migrations
ROLES = (ANONYMOUS, NO_GROUP, FAQ_EDITORS, POLICY, SUPERUSER)
NUMBERS_VIEW = {
    "benefits.parametervalue": {"view"},
    "benefits.baseline": {"view"},
    "benefits.hospital": {"view"},
    "benefits.changerequest": {"view"},  # drafts (变更申请): every staff member may read them
    "benefits.referencecase": {"view"},
}
GRANTS = {
    NO_GROUP: NUMBERS_VIEW,
    FAQ_EDITORS: {
        **NUMBERS_VIEW,
        "faq.question": {"view", "change"},
        "faq.section": {"view"},
        "faq.handbook": {"view"},
    },
    POLICY: {
        "benefits.parametervalue": {"view", "add", "change", "delete"},
        "benefits.baseline": {"view", "add", "change", "delete"},
        "benefits.hospital": {"view", "add", "change", "delete"},
        "benefits.changerequest": {"view", "change"},  # deciding on a draft (benefits/migrations/0005)
        "benefits.referencecase": {"view", "add", "change", "delete"},
    },
}

# The permission each URL of a model needs, by the URL's name suffix: (for GET, for POST).
# "any": every staff member (a plain redirect).
MODEL_URLS = {
    "changelist": ("view", "view"),
    "add": ("add", "add"),
    "change": ("view", "change"),
    "delete": ("delete", "delete"),
    "history": ("view", "view"),
    "simple_history": ("view", "change"),  # django-simple-history's revert form
    "password_change": ("change", "change"),  # auth.User's set-password form
    "rate_tables": ("view", "view"),  # 费率表
    "in_force": ("view", "view"),  # 某日适用的参数
    "object_redirect": ("any", "any"),  # <pk>/ → <pk>/change/
}
# Site-wide admin URLs: the status a staff member gets, by method (None: not reachable, see the case).
SITE_URLS = {
    "index": (200, 200),
    "password_change": (200, 200),
    "password_change_done": (200, 405),
    "jsi18n": (200, 405),
    "logout": (405, 200),
    "login": (302, 200),  # a logged-in staff member is sent on to the index; a POST is a (failed) login
    "autocomplete": (403, 405),  # without a field to complete, refused
    "view_on_site": (302, 302),
    "catch_all": (404, 404),
    "app_list": (None, None),  # 200 if the role sees a model of the app, else 404
    "task": (200, 405),  # a guided task page (core/admin_site.py): every staff member may read it
}


@dataclass(frozen=True)
class Case:
    kind: str  # a key of MODEL_URLS or SITE_URLS, or "action"
    model: str = ""  # app_label.model_name, for model URLs and actions
    action: str = ""  # the admin action's name
    app: str = ""  # for app_list
    page: str = ""  # the URL's name, for task pages

    def __str__(self):
        return "/".join(part for part in (self.model or self.app, self.kind, self.action, self.page) if part)


def model_url_kind(model_admin, pattern: URLPattern) -> str:
    opts = model_admin.model._meta
    prefix = f"{opts.app_label}_{opts.model_name}_"
    if pattern.name is None:
        return "object_redirect" if str(pattern.pattern) == "<path:object_id>/" else f"unclassified:{pattern.pattern}"
    name = pattern.name.removeprefix(prefix).removeprefix(f"{opts.app_label}_")
    return name if name in MODEL_URLS else f"unclassified:{pattern.name}"


def site_url_kind(pattern: URLPattern) -> str:
    if pattern.name in SITE_URLS:
        return pattern.name
    if pattern.name is None and "url" in pattern.pattern.regex.groupindex:
        return "catch_all"
    return f"unclassified:{pattern.pattern}"


def enumerate_cases() -> list[Case]:
    cases = []
    superuser_request = RequestFactory().get("/admin/")
    superuser_request.user = User(is_superuser=True, is_staff=True, is_active=True)
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label_lower
        cases += [Case(model_url_kind(model_admin, p), model=label) for p in model_admin.get_urls()]
        cases += [Case("action", model=label, action=name) for name in model_admin.get_actions(superuser_request)]
    for entry in admin.site.get_urls():
        if isinstance(entry, URLResolver):
            continue  # a model's own URLs, above
        if (entry.name or "").startswith("task_"):
            cases.append(Case("task", page=entry.name))
        elif entry.name == "app_list":
            cases += [Case("app_list", app=app) for app in sorted({m._meta.app_label for m in admin.site._registry})]
        else:
            cases.append(Case(site_url_kind(entry)))
    return cases


CASES = enumerate_cases()


def test_every_admin_url_is_classified():
    unclassified = [str(case) for case in CASES if case.kind.startswith("unclassified")]
    assert not unclassified, f"say who may use these admin URLs in MODEL_URLS or SITE_URLS: {unclassified}"


def test_the_matrix_covers_the_views_that_matter():
    kinds = {(case.model, case.kind) for case in CASES}
    assert ("benefits.baseline", "simple_history") in kinds
    assert ("benefits.parametervalue", "simple_history") in kinds and ("faq.question", "simple_history") in kinds
    assert ("benefits.parametervalue", "rate_tables") in kinds and ("benefits.parametervalue", "in_force") in kinds
    hospital_urls = ("changelist", "add", "change", "delete", "simple_history")
    assert {("benefits.hospital", kind) for kind in hospital_urls} <= kinds
    assert any(case.kind == "action" and case.action == "delete_selected" for case in CASES)
    assert {("benefits.changerequest", "change"), ("benefits.referencecase", "add")} <= kinds


# ------------------------------------------------------------------------------------------ the world


def user_for(role: str) -> User | None:
    if role == ANONYMOUS:
        return None
    user = User.objects.create(username="someone-in-a-role", is_staff=True, is_superuser=role == SUPERUSER)
    if role in (FAQ_EDITORS, POLICY):
        user.groups.add(Group.objects.get(name=role))
    return user


def some_object(model):
    """A record to aim the object URLs at (the site's data, plus one row of each model that has none)."""
    if model is AccessAttempt and not model.objects.exists():
        AccessAttempt.objects.create(username="x", ip_address="192.0.2.1", failures_since_start=1)
    if model is AccessLog and not model.objects.exists():
        AccessLog.objects.create(username="x", ip_address="192.0.2.1")
    if model is AccessFailureLog and not model.objects.exists():
        AccessFailureLog.objects.create(username="x", ip_address="192.0.2.1")
    if model is User:
        return User.objects.get_or_create(username="target-of-the-test", defaults={"is_staff": True})[0]
    if model is Hospital and not model.objects.exists():  # the list starts empty
        Hospital.objects.create(name="测试医院", level="3", district="福田区", source="测试名单")
    if model is ChangeRequest and not model.objects.exists():  # a draft by someone else than every role
        row = ParameterValue.objects.order_by("pk").first()
        ChangeRequest.objects.create(
            target="parameter",
            action="change",
            row_id=row.pk,
            base_record=row.history.latest().history_id,
            proposed={
                "key": row.key,
                "effective_from": row.effective_from.isoformat(),
                "value": "0.5",
                "source": "测试",
                "note": "",
            },
            reason="测试",
            author="draft-author",
        )
    if model is ReferenceCase and not model.objects.exists():
        inputs = {"scheme": "employee_1", "level": "3", "admission": "first", "amount": "50000"}
        ReferenceCase.objects.create(name="测试案例", calculator="inpatient", day="2024-03-01", inputs=inputs)
    obj = model._default_manager.order_by("pk").first()
    assert obj is not None, f"no {model._meta.label} to test its URLs with: add one in some_object()"
    return obj


def url_of(case: Case) -> str:
    if case.kind == "app_list":
        return reverse("admin:app_list", args=[case.app])
    if case.kind == "catch_all":
        return "/admin/no-such-page/"
    if case.kind == "view_on_site":
        from faq.models import Question

        q = Question.objects.get(number=12)
        return reverse("admin:view_on_site", args=[ContentType.objects.get_for_model(Question).pk, q.pk])
    if case.kind == "task":
        return reverse(f"admin:{case.page}")
    if not case.model:
        return reverse(f"admin:{case.kind}")
    model = apps.get_model(case.model)
    opts = model._meta
    prefix = f"admin:{opts.app_label}_{opts.model_name}"
    if case.kind in ("changelist", "add", "action"):
        return reverse(f"{prefix}_changelist" if case.kind != "add" else f"{prefix}_add")
    if case.kind in ("rate_tables", "in_force"):
        return reverse(f"admin:{opts.app_label}_{case.kind}")
    obj = some_object(model)
    if case.kind == "object_redirect":
        return reverse(f"{prefix}_change", args=[obj.pk]).removesuffix("change/")
    if case.kind == "password_change":
        return reverse("admin:auth_user_password_change", args=[obj.pk])
    if case.kind == "simple_history":
        return reverse(f"{prefix}_simple_history", args=[obj.pk, obj.history.order_by("history_id").first().pk])
    return reverse(f"{prefix}_{case.kind}", args=[obj.pk])


class FormReader(HTMLParser):
    """The fields a browser would post from a page's main form (not the header's log-out form)."""

    def __init__(self):
        super().__init__()
        self.forms, self.current, self.select, self.textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("method", "").lower() == "post":
            self.current = {"action": a.get("action", ""), "data": {}}
            self.forms.append(self.current)
        elif self.current is None:
            return
        elif tag == "input" and a.get("name") and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.current["data"].setdefault(a["name"], []).append(a.get("value", "on"))
        elif tag == "select":
            self.select = a.get("name")
            self.current["data"].setdefault(self.select, [])
        elif tag == "option" and self.select and "selected" in a:
            self.current["data"][self.select].append(a.get("value", ""))
        elif tag == "textarea":
            self.textarea = a.get("name")
            self.current["data"][self.textarea] = [""]

    def handle_data(self, data):
        if self.current is not None and self.textarea:
            self.current["data"][self.textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "form":
            self.current = None


def form_posted(client, url: str) -> dict:
    """What the page's form posts when a superuser opens it: a real, valid submission to replay."""
    reader = FormReader()
    reader.feed(client.get(url).content.decode())
    forms = [f for f in reader.forms if not f["action"].endswith("/logout/")]
    return forms[0]["data"] if forms else {}


# One client for the whole matrix: a new one loads the middleware again (WhiteNoise scans every static file).
BROWSER, READER = Client(), Client()
_POSTED: dict[Case, dict] = {}  # the same for every role: read once (each test's database is rolled back)


def post_data(case: Case, url: str) -> dict:
    if case.kind == "action":
        obj = some_object(apps.get_model(case.model))
        return {"action": case.action, "_selected_action": [obj.pk], "index": "0", "post": "yes"}
    if case.kind in (
        "changelist",
        "rate_tables",
        "in_force",
        "catch_all",
        "app_list",
        "jsi18n",
        "autocomplete",
        "task",
    ):
        return {}  # no form of their own (the list's actions are cases of their own)
    if case not in _POSTED:
        reader = READER
        reader.force_login(User.objects.create(username="form-reader", is_staff=True, is_superuser=True))
        if case.kind == "add":
            url = url_of(Case("change", model=case.model))  # an add form filled in with an existing record's values
        _POSTED[case] = form_posted(reader, url)
    return _POSTED[case]


# ------------------------------------------------------------------------------------- expectations


def offered(model_admin, need: str, obj) -> bool:
    """Whether the admin offers this at all (to a superuser): e.g. nobody adds a handbook question."""
    request = RequestFactory().get("/admin/")
    request.user = User(is_superuser=True, is_staff=True, is_active=True)
    checks = {
        "view": lambda: model_admin.has_view_or_change_permission(request, obj),
        "add": lambda: model_admin.has_add_permission(request),
        "change": lambda: model_admin.has_change_permission(request, obj),
        "delete": lambda: model_admin.has_delete_permission(request, obj),
    }
    return checks[need]()


def may(role: str, model_label: str, need: str, obj) -> bool:
    if need == "any":
        return True
    model_admin = admin.site._registry[apps.get_model(model_label)]
    if not offered(model_admin, need, obj):
        return False
    if role == SUPERUSER:
        return True
    granted = GRANTS[role].get(model_label, set())
    return need in granted or (need == "view" and "change" in granted)


def action_needs(case: Case) -> str:
    model_admin = admin.site._registry[apps.get_model(case.model)]
    func = model_admin.get_action(case.action)[0]
    needs = getattr(func, "allowed_permissions", None) or ("change",)  # an action without them still changes data
    return needs[0]


def expected(case: Case, role: str, method: str) -> set[int]:
    """The statuses the role may get; refused ones are 403 (or 302/200 for an action the role cannot pick)."""
    if role == ANONYMOUS:
        return {200} if case.kind == "login" else {302}
    if case.kind == "app_list":
        models = [m for m in admin.site._registry if m._meta.app_label == case.app]
        return {200} if any(may(role, m._meta.label_lower, "view", None) for m in models) else {404}
    if not case.model:
        return {SITE_URLS[case.kind][method == "POST"]}
    obj = None if case.kind in ("changelist", "add", "rate_tables", "in_force") else "object"
    if case.kind == "action":
        if not may(role, case.model, "view", None):
            return {403}
        return {200, 302}  # done, or (refused) back to the list with nothing done: the database decides
    need = MODEL_URLS[case.kind][method == "POST"]
    real_obj = some_object(apps.get_model(case.model)) if obj else None
    if not may(role, case.model, need, real_obj):
        return {403}
    if case.kind == "object_redirect":
        return {302}
    return {200} if method == "GET" else {200, 302}


def refused(case: Case, role: str) -> bool:
    """A POST this role must not be able to make change anything."""
    if not case.model:
        return False  # site pages: logging in or out is not a change of the site's data
    if role == ANONYMOUS:
        return True
    if case.kind == "action":
        return not may(role, case.model, action_needs(case), "object")
    need = MODEL_URLS[case.kind][1]
    obj = None if case.kind in ("changelist", "add", "rate_tables", "in_force") else "object"
    return not may(role, case.model, need, obj)


# ------------------------------------------------------------------------------------------ the test


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", [c for c in CASES if not c.kind.startswith("unclassified")], ids=str)
def test_each_role_gets_what_it_may_and_a_refused_post_changes_nothing(case, role):
    client = BROWSER
    client.cookies.clear()
    url = url_of(case)
    user = user_for(role)
    if case.kind != "action":
        if user:
            client.force_login(user)
        response = client.get(url)
        assert response.status_code in expected(case, role, "GET"), (role, "GET", url, response.status_code)
    data = post_data(case, url)
    if user:
        client.force_login(user)
    before = database_state() if refused(case, role) else None
    response = client.post(url, data)
    assert response.status_code in expected(case, role, "POST"), (role, "POST", url, response.status_code)
    if role == ANONYMOUS and case.kind != "login":
        assert response["Location"].startswith("/admin/login/") or case.kind == "logout"
    if before is not None:
        after = database_state()
        changed = [table for table in before if before[table] != after[table]]
        assert not changed, (role, "POST", url, "changed", changed)
