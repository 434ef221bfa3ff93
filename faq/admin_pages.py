"""The staff's FAQ task (更新问答说明) and how the FAQ's history reads (相关问题 as question titles)."""

from django.urls import reverse

from core.admin_site import Task, register_task
from core.history_words import reads_as

from .models import Question


@reads_as("faq.Question", "related")
def related_titles(numbers, record=None) -> str:
    """[12, 15] → 问12 起付线和封顶线是什么？；问15 …: the titles staff know, not the stored list."""
    if not numbers:
        return "（无）"
    titles = dict(Question.objects.filter(number__in=numbers).values_list("number", "short_title"))
    return "；".join(f"问{n} {titles.get(n) or ''}".strip() for n in numbers)


@reads_as("faq.Question", "calculator")
def calculator_title(slug, record=None) -> str:
    from benefits.wizards import WIZARDS

    wizard = WIZARDS.get(slug)
    return wizard.title if wizard else (slug or "（无）")


def _faq_context(request) -> dict:
    changelist = reverse("admin:faq_question_changelist")
    return {
        "changelist": changelist,
        "with_notice": f"{changelist}?notice_kind__exact=updated",
        "with_note": f"{changelist}?notice_kind__exact=note",
        "may_change": request.user.has_perm("faq.change_question"),
    }


register_task(
    Task(
        "faq",
        "更新问答说明",
        "政策变了或需要提醒居民时，在问答旁加一段“政策已更新”或“补充说明”；手册原文不改。",
        "admin/tasks/faq.html",
        30,
        _faq_context,
    )
)
