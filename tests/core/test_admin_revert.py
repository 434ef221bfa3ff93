"""A history "revert" is a save: staff who may only look at a record cannot revert it (finding 1 of #6)."""

import pytest

from benefits.models import Baseline, ParameterValue
from faq.models import Question

pytestmark = pytest.mark.django_db


def revert_url(obj) -> str:
    record = obj.history.order_by("history_id").first()
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/history/{record.history_id}/"


# What an attacker posts: the form with a ratio of 50% and a limit of 6 yuan.
HOSTILE = {
    ParameterValue: lambda obj: {
        "key": obj.key,
        "effective_from": obj.effective_from.isoformat(),
        "value": "0.5",
        "source": "伪造",
        "note": "",
    },
    Baseline: lambda obj: {"kind": obj.kind, "year": obj.year, "value": "6", "source": "伪造", "note": ""},
    Question: lambda obj: {"policy_update": "伪造的提示", "keywords": "", "related": "[]", "calculator": ""},
}


@pytest.mark.parametrize("group", [None, "常见问题维护"], ids=["no-group", "faq-editors"])
@pytest.mark.parametrize("model", [ParameterValue, Baseline], ids=lambda m: m.__name__)
def test_view_only_staff_cannot_revert_the_numbers(client, log_in_staff, group, model):
    log_in_staff("viewer", group)
    obj = model.objects.order_by("pk").first()
    records_before = obj.history.count()
    assert client.get(revert_url(obj)).status_code == 200  # looking at an old version is allowed
    response = client.post(revert_url(obj), HOSTILE[model](obj))
    assert response.status_code == 403
    fresh = model.objects.get(pk=obj.pk)
    assert fresh.value == obj.value and fresh.source == obj.source
    assert obj.history.count() == records_before


def test_staff_without_the_faq_group_cannot_revert_a_question(client, log_in_staff):
    log_in_staff("policy", "医保政策维护")
    q = Question.objects.get(number=12)
    response = client.post(revert_url(q), HOSTILE[Question](q))
    assert response.status_code == 403
    assert Question.objects.get(pk=q.pk).policy_update == q.policy_update


def test_a_maintainer_may_still_revert(client, log_in_staff, publish):
    log_in_staff("maint", "医保政策维护")
    obj = Baseline.objects.order_by("pk").first()
    form = {"kind": obj.kind, "year": obj.year, "value": str(obj.value), "source": "更正来源", "note": ""}
    assert client.post(revert_url(obj), form | {"draft_reason": "来源写错"}).status_code == 302  # a draft
    assert Baseline.objects.get(pk=obj.pk).source != "更正来源"
    publish()  # by a second member of 医保政策维护
    assert Baseline.objects.get(pk=obj.pk).source == "更正来源"
