"""Staff edit the notices (kind, text, public citation, source), review dates and search helps (keywords,
常见问法), with history; the handbook's words stay as printed."""

from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from benefits.wizards import WIZARDS
from core.concurrent_edits import ConcurrentEditAdmin, ConcurrentEditForm

from .models import MAX_RELATED, Handbook, Question, Section, incomplete_notice, prefill_problems, related_problems


def calculator_choices():
    return [("", "（无）"), *((slug, wizard.title) for slug, wizard in WIZARDS.items())]


def prefill_text(prefill) -> str:
    return "\n".join(f"{name}={value}" for name, value in prefill.items()) if isinstance(prefill, dict) else ""


class PrefillField(forms.CharField):
    """The answers a question's calculator starts with, one "问题=答案" a line (the wizard's own URL names)."""

    widget = forms.Textarea(attrs={"rows": 4})

    def to_python(self, value):
        text = super().to_python(value)
        answers = {}
        for line in text.splitlines():
            name, sep, answer = line.partition("=")
            if not line.strip():
                continue
            if not sep or not name.strip() or not answer.strip():
                raise forms.ValidationError(f"每行写一项“问题=答案”，例如 insured=employee；这一行不是：{line}")
            answers[name.strip()] = answer.strip()
        return answers


class QuestionForm(ConcurrentEditForm):
    calculator = forms.ChoiceField(label="对应计算器", choices=calculator_choices, required=False)
    calculator_prefill = PrefillField(
        label="计算器预填",
        required=False,
        help_text="打开计算器时已经替居民回答的问题，每行一项“问题=答案”，例如 insured=employee。"
        "保存时按该计算器的问题和可选答案检查。",
    )
    related = forms.TypedMultipleChoiceField(
        label="相关问题",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=f"勾选最多{MAX_RELATED}个。",
    )

    class Meta:
        model = Question
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        own = self.instance.number
        others = Question.objects.exclude(number=own).order_by("number").values_list("number", "question")
        self.fields["related"].choices = [(n, f"问{n} {text[:30]}") for n, text in others]
        if not self.is_bound:  # whatever is stored, the form opens (a bad stored value is left out)
            self.initial["related"] = self.instance.related_numbers
            self.initial["calculator_prefill"] = prefill_text(self.instance.calculator_prefill)

    def clean_related(self):
        related = self.cleaned_data["related"]
        problems = related_problems(related, self.instance.number) if related else []
        if problems:
            raise forms.ValidationError(problems)
        return related

    def clean(self):
        cleaned = super().clean()
        prefill = cleaned.get("calculator_prefill")
        if "calculator" in cleaned and prefill:
            for problem in prefill_problems(cleaned["calculator"], prefill):
                self.add_error("calculator_prefill", problem)
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
        "ways_of_asking",
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
        "ways_of_asking",
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
