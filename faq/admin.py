"""Staff edit the notices (kind, text, public citation, source), review dates and search helps (keywords,
常见问法), with history; the handbook's words stay as printed."""

from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from benefits.wizards import WIZARDS
from core.concurrent_edits import ConcurrentEditAdmin, ConcurrentEditForm
from core.history_words import REASON_FIELD, ReasonedHistory

from . import admin_pages  # noqa: F401  (the FAQ task and how its history reads)
from .models import MAX_RELATED, Handbook, Question, Section, incomplete_notice, prefill_problems, related_problems


def calculator_choices():
    return [("", "（无）"), *((slug, wizard.title) for slug, wizard in WIZARDS.items())]


def ask_words(ask) -> str:
    """A wizard question as staff name it: its subject (您的年龄) or its question, never its URL name."""
    for words in (ask.subject, ask.question):
        if isinstance(words, str) and words:
            return words
    return ask.name


def answer_words(ask, value: str) -> str:
    return next((o.label for o in ask.options if o.value == value), value)


def prefill_text(prefill, calculator: str) -> str:
    """The stored answers {"insured": "employee"} as staff read them: 您参加的是哪种医保？=职工医保."""
    wizard = WIZARDS.get(calculator)
    if not isinstance(prefill, dict):
        return ""
    lines = []
    for name, value in prefill.items():
        ask = wizard.ask(name) if wizard else None
        lines.append(f"{ask_words(ask)}={answer_words(ask, value)}" if ask else f"{name}={value}")
    return "\n".join(lines)


def prefill_names(wizard, answers: dict) -> dict:
    """Staff's words back to the wizard's names and values; a machine name or value is accepted as it is."""
    if wizard is None:
        return answers
    named = {}
    for words, answer in answers.items():
        ask = wizard.ask(words) or next((a for a in wizard.asks if ask_words(a) == words), None)
        if ask is None:
            named[words] = answer
            continue
        named[ask.name] = next((o.value for o in ask.options if o.label == answer), answer)
    return named


class PrefillField(forms.CharField):
    """The answers a question's calculator starts with, one "问题=答案" a line, in the calculator's own words."""

    widget = forms.Textarea(attrs={"rows": 4})

    def to_python(self, value):
        text = super().to_python(value)
        answers = {}
        for line in text.splitlines():
            name, sep, answer = line.partition("=")
            if not line.strip():
                continue
            if not sep or not name.strip() or not answer.strip():
                raise forms.ValidationError(
                    f"每行写一项“问题=答案”，例如 您参加的是哪种医保？=职工医保；这一行不是：{line}"
                )
            answers[name.strip()] = answer.strip()
        return answers


class QuestionForm(ConcurrentEditForm):
    change_reason = forms.CharField(
        label="修改原因",
        max_length=80,
        help_text="必填，记入历史记录：为什么改，依据什么，例如“按2024年新文件更新门诊报销比例”。",
    )
    calculator = forms.ChoiceField(label="对应计算器", choices=calculator_choices, required=False)
    calculator_prefill = PrefillField(
        label="计算器预填",
        required=False,
        help_text="打开计算器时已经替居民回答的问题，每行一项“问题=答案”，用计算器里的问题和答案的原话。"
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
            self.initial["calculator_prefill"] = prefill_text(
                self.instance.calculator_prefill, self.instance.calculator
            )

    def clean_related(self):
        related = self.cleaned_data["related"]
        problems = related_problems(related, self.instance.number) if related else []
        if problems:
            raise forms.ValidationError(problems)
        # The boxes come back in number order; the questions already related keep their order (residents see
        # them in it), new ones follow. Otherwise every save would record a change nobody made.
        kept = [n for n in self.instance.related_numbers if n in related]
        return kept + [n for n in related if n not in kept]

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():  # browsers send a textarea's lines as CRLF; the texts are kept with LF
            if isinstance(value, str):
                cleaned[name] = value.replace("\r\n", "\n")
        prefill = cleaned.get("calculator_prefill")
        if "calculator" in cleaned and prefill:
            prefill = cleaned["calculator_prefill"] = prefill_names(WIZARDS.get(cleaned["calculator"]), prefill)
            for problem in prefill_problems(cleaned["calculator"], prefill):
                self.add_error("calculator_prefill", problem)
        for name, message in incomplete_notice(cleaned).items():
            self.add_error(name, message)
        return cleaned


@admin.register(Question)
class QuestionAdmin(ReasonedHistory, ConcurrentEditAdmin, SimpleHistoryAdmin):
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
        REASON_FIELD,
    )
    ordering = ("number",)

    @admin.display(description="问题")
    def short_question(self, obj):
        return obj.question[:40]

    @admin.display(description="回答（手册原文）")
    def answer_text(self, obj):
        return obj.answer

    def has_add_permission(self, request):
        return False  # the 48 questions come from the handbook

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ("number", "title")

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
