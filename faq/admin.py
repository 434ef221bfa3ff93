"""Staff edit the notices (kind, text, public citation, source), review dates and search helps, with history;
the handbook's words stay as printed."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.concurrent_edits import ConcurrentEditAdmin, ConcurrentEditForm

from .models import Handbook, Question, Section, incomplete_notice


class QuestionForm(ConcurrentEditForm):
    def clean(self):
        cleaned = super().clean()
        for name, message in incomplete_notice(cleaned).items():
            self.add_error(name, message)
        return cleaned


@admin.register(Question)
class QuestionAdmin(ConcurrentEditAdmin, SimpleHistoryAdmin):
    form = QuestionForm
    list_display = ("number", "short_title", "short_question", "section", "notice_kind", "last_reviewed")
    list_filter = ("section", "notice_kind", "last_reviewed")
    search_fields = (
        "short_title",
        "question",
        "answer",
        "keywords",
        "policy_update",
        "notice_citation",
        "notice_source",
    )
    readonly_fields = ("number", "section", "question", "answer_text", "asker_name")
    fields = (
        "number",
        "section",
        "question",
        "answer_text",
        "asker_name",
        "short_title",
        "notice_kind",
        "policy_update",
        "notice_citation",
        "notice_source",
        "last_reviewed",
        "keywords",
        "related",
        "calculator",
        "calculator_prefill",
    )
    ordering = ("number",)
    history_list_display = ("short_title", "notice_kind_shown", "policy_update", "notice_citation", "last_reviewed")

    @admin.display(description="问题")
    def short_question(self, obj):
        return obj.question[:40]

    @admin.display(description="提示类型")
    def notice_kind_shown(self, record):
        return record.get_notice_kind_display() or "无提示"

    @admin.display(description="回答（手册原文）")
    def answer_text(self, obj):
        return obj.answer

    def has_add_permission(self, request):
        return False  # the 48 questions come from the handbook

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ("number", "title", "slug")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Handbook)
class HandbookAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
