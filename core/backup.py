"""Backup and restore of what staff maintain: parameter values, baselines, the FAQ's staff fields, and
the history of all three (`make backup`, `make restore BACKUP=…`).

A backup is one JSON file, readable and independent of database ids: rows are matched by their
natural keys (parameter key + effective date, baseline kind + year, question number), users by
username. Restoring makes the current rows equal to the backup's, through ordinary saves, so the
restore itself is recorded in the history ("从备份恢复"); history records in the backup that the
database lacks are added back, and no history is ever deleted (it is the audit trail).
Staff accounts are not in the file (no password hashes in backups): see docs/deploy.md.
"""

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from benefits.models import Baseline, ParameterValue
from faq.models import Question, Section

FORMAT = "shenzhen-yibao-backup"
VERSION = 1
REASON = "从备份恢复"


class BackupError(Exception):
    """The file is not a backup this code can restore, or a row in it is invalid."""


@dataclass(frozen=True)
class Spec:
    name: str
    model: type
    natural: tuple[str, ...]  # identifies a row across databases
    fields: tuple[str, ...]  # the values a backup carries and a restore sets
    replace: bool = True  # rows missing from the backup are deleted (questions come from the handbook: never)


SPECS = (
    Spec("parameters", ParameterValue, ("key", "effective_from"), ("value", "source", "note")),
    Spec("baselines", Baseline, ("kind", "year"), ("value", "source", "note")),
    Spec(
        "questions",
        Question,
        ("number",),
        (
            "short_title",
            *Question.NOTICE_FIELDS,
            "last_reviewed",
            "keywords",
            "related",
            "calculator",
            "calculator_prefill",
        ),
        replace=False,
    ),
)
HISTORY_META = ("history_date", "history_type", "history_change_reason")


def _encode(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()  # full precision: history records are matched by their date
    if isinstance(value, Decimal):
        return str(value)
    return value


def _decode(model, name: str, value):
    return None if value is None else model._meta.get_field(name).to_python(value)


# ---------------------------------------------------------------------------------------------- backup


def _history_fields(spec: Spec) -> list:
    """The historical model's own fields: the tracked copy of the row, minus the history bookkeeping."""
    skip = {"history_id", "history_user", *HISTORY_META}
    return [f for f in spec.model.history.model._meta.concrete_fields if f.name not in skip]


def _dump_history(spec: Spec, sections: dict) -> list[dict]:
    records = []
    history = spec.model.history.select_related("history_user").order_by("history_date", "history_id")
    for record in history:
        item = {}
        for field in _history_fields(spec):
            value = getattr(record, field.attname)
            if field.name == "section":
                value = sections.get(value)
            item[field.name] = _encode(value)
        item.update({name: _encode(getattr(record, name)) for name in HISTORY_META})
        item["history_user"] = record.history_user.get_username() if record.history_user else None
        records.append(item)
    return records


def dump() -> dict:
    sections = dict(Section.objects.values_list("pk", "number"))
    data = {"format": FORMAT, "version": VERSION, "created": timezone.now().isoformat()}
    for spec in SPECS:
        rows = [
            {"id": obj.pk, **{name: _encode(getattr(obj, name)) for name in spec.natural + spec.fields}}
            for obj in spec.model.objects.order_by(*spec.natural)
        ]
        data[spec.name] = {"rows": rows, "history": _dump_history(spec, sections)}
    return data


def write_backup(path: Path) -> dict:
    data = dump()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)  # never a half-written backup under the real name
    return {spec.name: len(data[spec.name]["rows"]) for spec in SPECS}


# --------------------------------------------------------------------------------------------- restore


def read_backup(path: Path) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"无法读取备份文件 {path}：{error}") from error
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError(f"{path} 不是本系统的备份文件。")
    if data.get("version") != VERSION:
        raise BackupError(f"备份文件版本 {data.get('version')} 不受支持（支持 {VERSION}）。")
    return data


def _natural(spec: Spec, item: dict) -> tuple:
    return tuple(_decode(spec.model, name, item[name]) for name in spec.natural)


def _restore_rows(spec: Spec, rows: list[dict], reason: str) -> tuple[dict, dict]:
    """Make the table's rows equal to the backup's; returns counts and {backup id: current pk}."""
    counts = {"created": 0, "updated": 0, "deleted": 0}
    existing = {tuple(getattr(obj, n) for n in spec.natural): obj for obj in spec.model.objects.all()}
    ids = {}
    wanted = set()
    for item in rows:
        try:
            key = _natural(spec, item)
            # A field the backup predates (e.g. short_title) keeps its current value.
            values = {name: _decode(spec.model, name, item[name]) for name in spec.fields if name in item}
        except (KeyError, ValidationError) as error:
            raise BackupError(f"备份中的{spec.model._meta.verbose_name}数据无效：{item}：{error}") from error
        wanted.add(key)
        obj = existing.get(key)
        if obj is None:
            if not spec.replace:
                raise BackupError(f"数据库中没有{spec.model._meta.verbose_name} {key}：请先运行 load_handbook。")
            obj = spec.model(**dict(zip(spec.natural, key, strict=True)), **values)
            counts["created"] += 1
        elif any(getattr(obj, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(obj, name, value)
            counts["updated"] += 1
        else:
            ids[item["id"]] = obj.pk
            continue
        try:
            obj.full_clean()
        except ValidationError as error:
            raise BackupError(f"备份中的{spec.model._meta.verbose_name} {key} 无效：{error}") from error
        obj._change_reason = reason
        obj.save()
        ids[item["id"]] = obj.pk
    if spec.replace:
        for key, obj in existing.items():
            if key not in wanted:
                obj._change_reason = reason
                obj.delete()
                counts["deleted"] += 1
    return counts, ids


def _restore_history(spec: Spec, records: list[dict], ids: dict, sections: dict, users: dict) -> tuple[int, int]:
    """Add the backup's history records that the database lacks; returns (added, skipped)."""
    history_model = spec.model.history.model
    current = {tuple(getattr(obj, n) for n in spec.natural): obj.pk for obj in spec.model.objects.all()}
    taken = set(current.values())
    have = {
        (pk, stamp, kind) for pk, stamp, kind in spec.model.history.values_list("id", "history_date", "history_type")
    }
    fields = _history_fields(spec)
    added, skipped, new = 0, 0, []
    for item in records:
        # The object this record belongs to: the backup's row it described, else one with its natural key,
        # else (a row deleted before the backup) its old id if no other row has it now.
        pk = ids.get(item["id"]) or current.get(_natural(spec, item))
        if pk is None:
            pk = item["id"] if item["id"] not in taken else None
        if pk is None:
            skipped += 1
            continue
        stamp = _decode(history_model, "history_date", item["history_date"])
        if (pk, stamp, item["history_type"]) in have:
            continue
        values = {}
        for field in fields:
            value = item.get(field.name)
            if field.name not in item:
                values[field.attname] = field.get_default()  # a field added after the backup was made
            elif field.name == "section":
                values["section_id"] = sections.get(value)
            else:
                values[field.attname] = _decode(history_model, field.name, value)
        values["id"] = pk
        reason = item.get("history_change_reason") or ""
        username = item.get("history_user")
        user_id = users.get(username)
        if username and user_id is None:
            reason = f"{reason}（操作人：{username}）"[:100]
        new.append(
            history_model(
                **values,
                history_date=stamp,
                history_type=item["history_type"],
                history_change_reason=reason or None,
                history_user_id=user_id,
            )
        )
        have.add((pk, stamp, item["history_type"]))
        added += 1
    history_model.objects.bulk_create(new)
    return added, skipped


def _notices_before_kinds(part: dict) -> None:
    """Backups written before notices had a kind, citation and source (faq 0003): every notice was then
    shown as 政策已更新, so it is restored as one, as the migration did to the rows of that time."""
    for item in [*part.get("rows", []), *part.get("history", [])]:
        if "notice_kind" not in item:
            item.update(
                notice_kind="updated" if item.get("policy_update") else "", notice_citation="", notice_source=""
            )


@transaction.atomic
def restore(data: dict, source: str = "") -> dict:
    if not Question.objects.exists():
        from faq.loader import load_handbook, read_handbook

        load_handbook(read_handbook())
    reason = f"{REASON} {source}".strip()[:100]
    sections = dict(Section.objects.values_list("number", "pk"))
    users = dict((u.get_username(), u.pk) for u in get_user_model().objects.all())
    report = {}
    for spec in SPECS:
        part = data.get(spec.name) or {"rows": [], "history": []}
        if spec.model is Question:
            _notices_before_kinds(part)
        counts, ids = _restore_rows(spec, part["rows"], reason)
        counts["history_added"], counts["history_skipped"] = _restore_history(
            spec, part.get("history", []), ids, sections, users
        )
        report[spec.name] = counts
    return report
