"""The admin of drafts (变更申请) and reference cases (参考案例), and the drafting behaviour of the
parameter and baseline admins: their add, change, delete and revert pages write a draft, not the row.

The forms' own checks (plausibility, the ±25% confirmation, lost-edit detection) still run, on the draft;
the author lands on the draft's preview page. Deciding happens there (approve, 退回, withdraw, re-draft).
"""

from datetime import date
from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from core.admin_site import Alarm, register_alarms

from . import proposals, rate_tables
from .admin_access import StaffMayViewMixin
from .engine.core import CalculationError
from .engine.inputs import parse_inputs
from .engine.registry import CALCULATORS
from .models import Baseline
from .parameters import parameters_on
from .preview import calculator_name, preview
from .proposal_models import ChangeRequest, ReferenceCase
from .proposals import FIELDS, MODELS, Refused
from .rate_tables import shown_for

REASON = "draft_reason"
REASON_FIELD = dict(
    label="变更原因",
    max_length=500,
    widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
    help_text="为什么要这样改（例如 依据哪份文件、更正哪个录入错误）。审核人和历史记录都会看到。",
)


def draft_url(draft: ChangeRequest) -> str:
    return reverse("admin:benefits_changerequest_change", args=[draft.pk])


class DraftReasonForm(forms.Form):
    """Mixed into the parameter and baseline forms: every change says why."""

    draft_reason = forms.CharField(**REASON_FIELD)


class DraftingAdmin:
    """Mix first into ParameterValueAdmin and BaselineAdmin: add, change, delete and revert write drafts."""

    delete_confirmation_template = "admin/benefits/proposal/delete_confirmation.html"

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        may_draft = self.has_change_permission(request, obj) if obj else self.has_add_permission(request)
        if REASON in fields:
            fields.remove(REASON)
        if may_draft:  # the reason just above the save buttons (the lost-edit token is hidden)
            fields.append(REASON)
        return fields

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # One button: the form writes a draft and opens its preview ("save and continue" would mislead).
        hidden = {"show_save_and_continue": False, "show_save_and_add_another": False}
        return super().changeform_view(request, object_id, form_url, {**(extra_context or {}), **hidden})

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # a deletion is a draft of its own, with its reason
        return actions

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        request.reverting_to = int(version_id) if str(version_id).isdigit() else None
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        reason = form.cleaned_data[REASON]
        confirmed = getattr(form, "change_reason", "")  # the baseline form's ±25% confirmation
        if confirmed:
            reason = f"{reason}（{confirmed}）"
        reverting = getattr(request, "reverting_to", None)
        action = ChangeRequest.REVERT if reverting else ChangeRequest.CHANGE if change else ChangeRequest.ADD
        request.draft = proposals.write_draft(
            user=request.user, obj=obj, action=action, reason=reason, reverted_to=reverting
        )

    def save_related(self, request, form, formsets, change):
        pass  # nothing is saved until the draft is approved

    # The admin's log records the draft written (its author), and the row when the draft is published.
    def log_addition(self, request, obj, message):
        super().log_addition(request, request.draft, [{"added": {}}])

    def log_change(self, request, obj, message):
        if hasattr(request, "draft"):
            super().log_addition(request, request.draft, [{"added": {}}])
        else:
            super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        pass  # called before delete_model, which logs the draft it writes

    def _to_preview(self, request):
        draft = request.draft
        verb = draft.get_action_display()
        messages.success(
            request,
            f"已将这次{verb}写成变更申请#{draft.pk}，尚未生效：请核对下面的预览，"
            "再请医保政策维护组的另一位同事审核发布。",
        )
        return HttpResponseRedirect(draft_url(draft))

    def response_add(self, request, obj, post_url_continue=None):
        return self._to_preview(request)

    def response_change(self, request, obj):
        return self._to_preview(request)

    def delete_view(self, request, object_id, extra_context=None):
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if obj is None or not self.has_delete_permission(request, obj):
                raise PermissionDenied
            form = DraftReasonForm(request.POST)
            if not form.is_valid():
                messages.error(request, "删除也需要填写变更原因：请说明为什么删除这条记录。")
                return HttpResponseRedirect(request.path)
            request.draft_reason = form.cleaned_data[REASON]
        extra_context = {**(extra_context or {}), "reason_form": DraftReasonForm()}
        return super().delete_view(request, object_id, extra_context)

    def delete_model(self, request, obj):
        request.draft = proposals.write_draft(
            user=request.user, obj=obj, action=ChangeRequest.DELETE, reason=request.draft_reason
        )
        super().log_addition(request, request.draft, [{"added": {}}])

    def response_delete(self, request, obj_display, obj_id):
        return self._to_preview(request)


def with_reason(form_class):
    """The admin form with the reason field (a subclass, so its Meta and checks stay as they are)."""
    metaclass = type(form_class)  # the ModelForm metaclass collects the declared field
    return metaclass(f"Draft{form_class.__name__}", (form_class,), {REASON: forms.CharField(**REASON_FIELD)})


# ------------------------------------------------------------------------------------------ 变更申请


@admin.register(ChangeRequest)
class ChangeRequestAdmin(StaffMayViewMixin, admin.ModelAdmin):
    """Drafts are written by the parameter and baseline pages; here they are read, previewed and decided."""

    list_display = ("number", "action", "subject", "status", "author", "created_at", "decided_by")
    list_filter = ("status", "target", "action")
    list_display_links = ("number", "subject")
    change_form_template = "admin/benefits/proposal/preview.html"

    @admin.display(description="编号", ordering="id")
    def number(self, obj):
        return f"#{obj.pk}"

    @admin.display(description="内容")
    def subject(self, obj):
        return obj.subject

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # a decided draft is the record of who published what

    def change_view(self, request, object_id, form_url="", extra_context=None):
        draft = self.get_object(request, unquote(object_id))
        if draft is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if request.method == "POST":
            if not self.has_change_permission(request, draft):
                raise PermissionDenied
            return self.decide(request, draft)
        return self.preview_page(request, draft)

    def decide(self, request, draft):
        """One form per decision on the preview page; a refusal is said in Chinese, nothing changes."""
        try:
            if "_approve" in request.POST:
                row = proposals.approve(draft, request.user)
                draft.refresh_from_db()
                self.log_change(request, draft, f"审核通过并发布：{draft.subject}")
                verb = "还原" if draft.action == ChangeRequest.REVERT else draft.get_action_display()
                messages.success(
                    request,
                    f"变更申请#{draft.pk}已发布：{draft.subject}已{verb}。居民看到的结果自其生效日起按新的数值计算。",
                )
                return HttpResponseRedirect(self.row_url(draft, row))
            if "_reject" in request.POST:
                proposals.reject(draft, request.user, request.POST.get("decision_note", ""))
                self.log_change(request, draft, "退回")
                messages.success(request, f"变更申请#{draft.pk}已退回，内容保留，起草人可以查看退回理由。")
            elif "_withdraw" in request.POST:
                proposals.withdraw(draft, request.user, "起草人撤回。")
                messages.success(request, f"变更申请#{draft.pk}已撤回。")
            elif "_redraft" in request.POST:
                again = proposals.redraft(draft, request.user)
                messages.success(request, f"已按现行记录重新起草为变更申请#{again.pk}，内容和原因沿用原申请。")
                return HttpResponseRedirect(draft_url(again))
            else:
                messages.error(request, "没有选择要做的操作。")
        except Refused as refusal:
            messages.error(request, str(refusal))
            if "_reject" in request.POST:  # the note typed is shown again, not lost
                return self.preview_page(request, draft, note=request.POST.get("decision_note", ""))
        return HttpResponseRedirect(draft_url(draft))

    def row_url(self, draft, row) -> str:
        """After publishing: the row itself (not the list of every value), or the list of its item when deleted."""
        opts = MODELS[draft.target]._meta
        if row is not None:
            return reverse(f"admin:benefits_{opts.model_name}_change", args=[row.pk])
        natural = "key" if draft.target == ChangeRequest.PARAMETER else "kind"
        return reverse(f"admin:benefits_{opts.model_name}_changelist") + f"?q={draft.previous.get(natural, '')}"

    def preview_of(self, request, draft):
        if not draft.pending:
            return None
        try:
            return preview(draft)
        except ValidationError as error:  # e.g. a draft restored from a backup with an impossible value
            messages.error(request, "这份变更申请的内容通不过检查，无法预览：" + "；".join(error.messages))
            return None

    def preview_page(self, request, draft, note=""):
        user = request.user
        may_change = self.has_change_permission(request, draft)
        context = {
            **self.admin_site.each_context(request),
            "title": f"变更申请#{draft.pk}：{draft.get_action_display()}{draft.subject}",
            "opts": self.opts,
            "original": draft,
            "draft": draft,
            "fields": field_rows(draft),
            "in_force": in_force_now(draft),
            "drafted_value": value_words(draft, draft.proposed) if draft.proposed else "删除这条记录",
            "back_dated": back_dated(draft),
            "stale": draft.pending and proposals.stale_problem(draft),
            "preview": self.preview_of(request, draft),
            "may_decide": may_change and not proposals.may_decide(user, draft),
            "why_not_decide": draft.pending and may_change and proposals.may_decide(user, draft),
            "may_withdraw": may_change and not proposals.may_withdraw(user, draft),
            "note": note,
            "has_view_permission": True,
        }
        return TemplateResponse(request, self.change_form_template, context)


def shown(model_field, value) -> str:
    if value is None or value == "":
        return "（空）"
    return str(dict(model_field.flatchoices).get(value, value))


def value_words(draft: ChangeRequest, data: dict) -> str:
    """A drafted or stored value as the rules print it, with what was typed: 80%（0.8）, 174,640元."""
    try:
        value = Decimal(str(data.get("value")))
    except (InvalidOperation, ValueError):  # an empty value: the rule no longer sets it from that date
        return "未规定" if data.get("value") in (None, "") else str(data.get("value"))
    if draft.target == ChangeRequest.BASELINE:
        return rate_tables.shown(value, "yuan")
    printed = shown_for(data.get("key", ""), value)
    return printed if printed == f"{value.normalize():f}" else f"{printed}（{value.normalize():f}）"


def draft_day(draft: ChangeRequest) -> date | None:
    """The first day the draft governs: a parameter's effective date (a baseline's dates are its preview's)."""
    text = (draft.proposed or draft.previous).get("effective_from")
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def in_force_now(draft: ChangeRequest) -> str:
    """What applies today on the draft's date, so a reviewer sees "90% → 80%" even for a new dated row."""
    if not draft.pending:
        return ""
    data = draft.proposed or draft.previous
    if draft.target == ChangeRequest.BASELINE:
        row = Baseline(pk=draft.row_id, kind=data.get("kind"), year=data.get("year") or 0).previous()
        return f"前一年（{row.year}年）为{value_words(draft, {'value': row.value})}" if row else ""
    day = draft_day(draft)
    if day is None:
        return ""
    rows = MODELS[draft.target].objects.filter(key=data.get("key"), effective_from__lte=day)
    row = rows.exclude(pk=draft.row_id).order_by("-effective_from").first()
    if row is None:
        return f"{day:%Y-%m-%d}这一天目前没有适用的数值"
    current = value_words(draft, {"key": row.key, "value": row.value})
    return f"{day:%Y-%m-%d}这一天目前适用{current}（{row.effective_from:%Y-%m-%d}起）"


def back_dated(draft: ChangeRequest) -> str:
    """A change that reaches back before today alters results residents may already have seen."""
    day = draft_day(draft)
    if not draft.pending or day is None or day >= timezone.localdate():
        return ""
    return f"生效日期{day:%Y-%m-%d}早于今天：发布后，居民查询{day:%Y-%m-%d}以来的日期，结果都会按新数值重算。"


def field_rows(draft: ChangeRequest) -> list[dict]:
    """Each field of the row: label, the value in force, the value drafted, whether it changes."""
    model = MODELS[draft.target]
    rows = []
    for name in FIELDS[draft.target]:
        model_field = model._meta.get_field(name)
        before, after = draft.previous.get(name), draft.proposed.get(name)
        words = (lambda data: value_words(draft, data)) if name == "value" else None
        rows.append(
            {
                "label": model_field.verbose_name,
                "before": (words(draft.previous) if words else shown(model_field, before))
                if draft.previous
                else "（无，新增）",
                "after": (words(draft.proposed) if words else shown(model_field, after))
                if draft.proposed
                else "（删除）",
                "changed": draft.previous.get(name, "") != draft.proposed.get(name, ""),
            }
        )
    return rows


# ------------------------------------------------------------------------------------------ 参考案例


def answer_words(field, value) -> str:
    """A stored answer as staff read it: the option's words (职工一档), 是/否, or the figure itself."""
    if isinstance(value, bool):
        return "是" if value else "否"
    return dict(getattr(field, "choices", ())).get(value, str(value))


def answers_text(slug: str, inputs: dict) -> str:
    """{"scheme": "employee_1", "level": "3"} as staff read it: 参保类型 = 职工医保一档, 医院级别 = 三级医院."""
    fields = {f.name: f for f in CALCULATORS[slug].fields} if slug in CALCULATORS else {}
    lines = []
    for name, value in inputs.items():
        field = fields.get(name)
        lines.append(f"{field.label} = {answer_words(field, value)}" if field else f"{name} = {value}")
    return "\n".join(lines)


def answers_named(fields: dict, answers: dict) -> dict:
    """Staff's words back to the calculator's names and values; a name or value typed as the API spells it
    is taken as it is."""
    by_label = {f.label: f for f in fields.values()}
    named = {}
    for words, answer in answers.items():
        field = fields.get(words) or by_label.get(words)
        if field is None:
            named[words] = answer
            continue
        options = {label: value for value, label in getattr(field, "choices", ())}
        named[field.name] = options.get(answer, answer)
    return named


class ReferenceCaseForm(forms.ModelForm):
    """The answers are typed one per line, `问题代码 = 回答`, and checked by the calculator's own parser and
    engine under the rules in force on the case's date: a case that cannot compute is not saved."""

    inputs = forms.CharField(
        label="回答",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8, "cols": 60}),
        help_text=(
            "每行一项：问题 = 回答，例如 参保类型 = 职工医保一档、医院级别 = 三级医院。"
            "问题和回答用计算器里的说法（打开已有案例可照着改）。"
        ),
    )

    class Meta:
        model = ReferenceCase
        fields = ("name", "calculator", "day", "inputs", "note", "active")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and isinstance(self.initial.get("inputs"), dict):
            self.initial["inputs"] = answers_text(self.instance.calculator, self.initial["inputs"])

    def clean_inputs(self):
        answers, problems = {}, []
        for number, line in enumerate(self.cleaned_data["inputs"].splitlines(), 1):
            if not line.strip():
                continue
            name, equals, value = line.partition("=")
            if not equals or not name.strip():
                problems.append(f"第{number}行应写成“问题 = 回答”，例如 医院级别 = 三级医院。")
                continue
            answers[name.strip()] = value.strip()
        if problems:
            raise forms.ValidationError(problems)
        return answers

    def clean(self):
        cleaned = super().clean()
        slug, day, answers = cleaned.get("calculator"), cleaned.get("day"), cleaned.get("inputs")
        if slug not in CALCULATORS or day is None or answers is None:
            return cleaned
        fields = {f.name: f for f in CALCULATORS[slug].fields}
        answers = cleaned["inputs"] = answers_named(fields, answers)
        unknown = [name for name in answers if name not in fields]
        if unknown:
            known = "、".join(f.label for f in fields.values())
            self.add_error("inputs", f"{calculator_name(slug)}没有这些问题：{'、'.join(unknown)}。可填的有：{known}。")
            return cleaned
        values, errors = parse_inputs(CALCULATORS[slug].fields, answers, today=day)
        for name, texts in errors.items():
            self.add_error("inputs", f"{fields[name].label}：{'；'.join(texts)}")
        if errors:
            return cleaned
        try:
            CALCULATORS[slug].calculate(values, parameters_on(values.get("date") or day))
        except CalculationError as error:
            self.add_error("inputs", f"按现行规则算不出结果：{error.message}")
        return cleaned


@admin.register(ReferenceCase)
class ReferenceCaseAdmin(StaffMayViewMixin, admin.ModelAdmin):
    form = ReferenceCaseForm
    list_display = ("name", "calculator", "day", "active")
    list_filter = ("calculator", "active")
    search_fields = ("name", "note")


def drafts_waiting(today) -> list[Alarm]:
    """The admin index says how many drafts wait for a second member of 医保政策维护 (nothing is public till then)."""
    count = ChangeRequest.objects.filter(status=ChangeRequest.PENDING).count()
    if not count:
        return []
    url = reverse("admin:benefits_changerequest_changelist") + f"?status__exact={ChangeRequest.PENDING}"
    text = f"有{count}项变更申请等待另一位医保政策维护人员审核；审核通过前，居民看到的仍是现行数值。"
    return [Alarm(text, url, "去审核", waiting=True, permission="benefits.change_changerequest")]


register_alarms(drafts_waiting)
