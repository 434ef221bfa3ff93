"""Drafts of changes to the numbers (变更申请): written, checked, decided, applied.

Why: a wrong rate once saved changes every resident's result at once. So a change to a parameter value
or a baseline (add, change, delete, or a history revert) is kept as a draft with its reason; it is
published only when a second member of 医保政策维护, not its author, approves it (a superuser cannot
approve their own either). Applying is one transaction: the row is written with a history reason that
names the draft and the approver, and the content version is raised by the row's own save
(core.signals), so every cached page shows the new rules at once. A draft whose row changed since it
was written is refused, never applied over the newer row; its author can re-draft it on the new row.
"""

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.concurrent_edits import newest_record

from .models import Baseline, ParameterValue
from .proposal_models import POLICY_GROUP, ChangeRequest

MODELS = {ChangeRequest.PARAMETER: ParameterValue, ChangeRequest.BASELINE: Baseline}
FIELDS = {
    ChangeRequest.PARAMETER: ("key", "effective_from", "value", "source", "note"),
    ChangeRequest.BASELINE: ("kind", "year", "value", "source", "note"),
}
NATURAL = {ChangeRequest.PARAMETER: ("key", "effective_from"), ChangeRequest.BASELINE: ("kind", "year")}
HISTORY_REASON_LENGTH = 100  # django-simple-history's history_change_reason


class Refused(Exception):
    """A decision that cannot be made: the Chinese reason is shown to the staff member."""


def target_of(model) -> str:
    return next(target for target, cls in MODELS.items() if cls is model)


def _text(value):
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, date):
        return value.isoformat()
    return value


def row_data(target: str, obj) -> dict:
    return {name: _text(getattr(obj, name)) for name in FIELDS[target]}


def write_draft(*, user, obj, action: str, reason: str, reverted_to: int | None = None) -> ChangeRequest:
    """Keep `obj` (the admin form's unsaved result, or the row to delete) as a draft; the row is untouched."""
    target = target_of(type(obj))
    current = type(obj).objects.filter(pk=obj.pk).first() if obj.pk else None
    newest = newest_record(current) if current else None
    if action == ChangeRequest.REVERT and current is None:
        obj.pk = None  # a deleted row's old version is added back as a new row
    return ChangeRequest.objects.create(
        target=target,
        action=action,
        row_id=current.pk if current else None,
        base_record=newest.history_id if newest else None,
        reverted_to=reverted_to,
        proposed={} if action == ChangeRequest.DELETE else row_data(target, obj),
        previous=row_data(target, current) if current else {},
        reason=reason.strip(),
        author=user.get_username(),
    )


def natural_key(draft: ChangeRequest) -> dict:
    """What identifies the drafted row whatever its id: parameter + effective date, or kind + year."""
    return {name: draft.proposed.get(name) for name in NATURAL[draft.target]}


def stale_problem(draft: ChangeRequest) -> str | None:
    """Why the draft can no longer be applied as written (its row changed since), or None."""
    model = MODELS[draft.target]
    if draft.row_id is not None:
        current = model.objects.filter(pk=draft.row_id).first()
        if current is None:
            return "起草之后，这条记录已被删除（可能是另一份变更申请已发布）。"
        newest = newest_record(current)
        if newest is not None and newest.history_id != draft.base_record:
            when = timezone.localtime(newest.history_date).strftime("%Y-%m-%d %H:%M")
            return f"起草之后，这条记录已于{when}被修改（可能是另一份变更申请已发布）。"
    clash = model.objects.filter(**natural_key(draft)).exclude(pk=draft.row_id) if draft.proposed else None
    if clash is not None and clash.exists():
        return "起草之后，同一项目在这一日期（年度）已有了一条记录（可能是另一份变更申请已发布）。"
    return None


def proposed_row(draft: ChangeRequest):
    """The row as the draft would write it, unsaved and validated as the admin validates (ValidationError)."""
    model = MODELS[draft.target]
    obj = model.objects.filter(pk=draft.row_id).first() if draft.row_id else None
    obj = obj or model()
    for name, value in draft.proposed.items():
        setattr(obj, name, value)
    obj.full_clean()
    return obj


def may_decide(user, draft: ChangeRequest) -> str | None:
    """Why `user` may not approve or reject this draft, or None: a second member of 医保政策维护."""
    if not draft.pending:
        return f"这份变更申请{draft.get_status_display()}，不能再审核。"
    in_group = user.is_superuser or user.groups.filter(name=POLICY_GROUP).exists()
    if not (user.is_active and user.is_staff and in_group and user.has_perm("benefits.change_changerequest")):
        return "只有医保政策维护组的成员可以审核变更申请。"
    if user.get_username() == draft.author:
        return "不能审核自己起草的变更申请：请医保政策维护组的另一位同事审核。"
    return None


def may_withdraw(user, draft: ChangeRequest) -> str | None:
    if not draft.pending:
        return f"这份变更申请{draft.get_status_display()}，不能撤回。"
    if user.get_username() != draft.author:
        return "只有起草人可以撤回或重新起草自己的变更申请。"
    return None


def history_reason(draft: ChangeRequest, approver) -> str:
    head, tail = f"变更申请#{draft.pk}：", f"（审核：{approver.get_full_name() or approver.get_username()}）"
    room = HISTORY_REASON_LENGTH - len(head) - len(tail)
    reason = draft.reason if len(draft.reason) <= room else draft.reason[: room - 1] + "…"
    return head + reason + tail


def _validation_text(error: ValidationError) -> str:
    return "；".join(message for messages in error.message_dict.values() for message in messages)


def approve(draft: ChangeRequest, approver):
    """Publish the draft in one transaction; returns the row written (None for a deletion). Refused if not allowed."""
    model = MODELS[draft.target]
    with transaction.atomic():
        draft = ChangeRequest.objects.select_for_update().get(pk=draft.pk)
        refusal = may_decide(approver, draft) or stale_problem(draft)
        if refusal:
            raise Refused(refusal)
        author = get_user_model()._default_manager.filter(username=draft.author).first()
        if draft.action == ChangeRequest.DELETE:
            row = model.objects.select_for_update().get(pk=draft.row_id)
            row._change_reason, row._history_user = history_reason(draft, approver), author
            row.delete()
            row = None
        else:
            if draft.row_id:
                model.objects.select_for_update().filter(pk=draft.row_id).first()
            try:
                row = proposed_row(draft)
            except ValidationError as error:
                raise Refused("这份变更申请的内容现在通不过检查：" + _validation_text(error)) from error
            row._change_reason, row._history_user = history_reason(draft, approver), author
            row.save()
            draft.row_id = row.pk
        _decide(draft, approver, ChangeRequest.APPROVED)
    return row


def reject(draft: ChangeRequest, user, note: str) -> None:
    """退回: the draft is kept with its text and the reason it was sent back."""
    if not note.strip():
        raise Refused("请填写退回理由。")
    with transaction.atomic():
        draft = ChangeRequest.objects.select_for_update().get(pk=draft.pk)
        refusal = may_decide(user, draft)
        if refusal:
            raise Refused(refusal)
        _decide(draft, user, ChangeRequest.REJECTED, note.strip())


def withdraw(draft: ChangeRequest, user, note: str = "") -> None:
    with transaction.atomic():
        draft = ChangeRequest.objects.select_for_update().get(pk=draft.pk)
        refusal = may_withdraw(user, draft)
        if refusal:
            raise Refused(refusal)
        _decide(draft, user, ChangeRequest.WITHDRAWN, note)


def redraft(draft: ChangeRequest, user) -> ChangeRequest:
    """The same change written again on the row as it is now (after someone else's draft was published):
    nothing the author typed is lost, and the preview compares with the new row."""
    refusal = may_withdraw(user, draft)
    if refusal:
        raise Refused(refusal)
    model = MODELS[draft.target]
    with transaction.atomic():
        current = model.objects.filter(pk=draft.row_id).first() if draft.row_id else None
        if current is None and draft.proposed:  # the row someone else's published draft added meanwhile
            current = model.objects.filter(**natural_key(draft)).first()
        if current is None and draft.action == ChangeRequest.DELETE:
            raise Refused("要删除的记录已不存在，无需重新起草。")
        newest = newest_record(current) if current else None
        action = draft.action
        if current is not None and action == ChangeRequest.ADD:
            action = ChangeRequest.CHANGE
        elif current is None:
            action = ChangeRequest.ADD
        again = ChangeRequest.objects.create(
            target=draft.target,
            action=action,
            row_id=current.pk if current else None,
            base_record=newest.history_id if newest else None,
            reverted_to=draft.reverted_to,
            proposed=draft.proposed,
            previous=row_data(draft.target, current) if current else {},
            reason=draft.reason,
            author=draft.author,
        )
        withdraw(draft, user, f"已按现行记录重新起草为变更申请#{again.pk}。")
    return again


def _decide(draft: ChangeRequest, user, status: str, note: str = "") -> None:
    draft.status, draft.decided_by, draft.decided_at = status, user.get_username(), timezone.now()
    draft.decision_note = note
    draft.save()
