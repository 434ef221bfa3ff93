"""Staff edit the policy notes, review dates and search helps; the handbook's words stay as printed."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.concurrent_edits import ConcurrentEditAdmin

from .models import Handbook, Question, Section


@admin.register(Question)
class QuestionAdmin(ConcurrentEditAdmin, SimpleHistoryAdmin):
    list_display = ("number", "short_title", "short_question", "section", "has_update", "last_reviewed")
    list_filter = ("section", "last_reviewed")
    search_fields = ("short_title", "question", "answer", "keywords", "policy_update")
    readonly_fields = ("number", "section", "question", "answer_text", "asker_name")
    fields = (
        "number",
        "section",
        "question",
        "answer_text",
        "asker_name",
        "short_title",
        "policy_update",
        "last_reviewed",
        "keywords",
        "related",
        "calculator",
        "calculator_prefill",
    )
    ordering = ("number",)
    history_list_display = ("short_title", "policy_update", "last_reviewed")

    @admin.display(description="问题")
    def short_question(self, obj):
        return obj.question[:40]

    @admin.display(description="政策已更新", boolean=True)
    def has_update(self, obj):
        return bool(obj.policy_update)

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
