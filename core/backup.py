"""Backup and restore of what staff maintain (`make backup`, `make restore BACKUP=… `): each app registers
its sections in its AppConfig.ready() (parameters and baselines by benefits, the FAQ's staff fields by faq),
so this module imports neither app.

A backup is one JSON file, independent of database ids: rows are matched by their natural keys
(parameter key + effective date, baseline kind + year, question number). It carries a format version,
the number of rows and history records of each section, and a checksum (sha256 of the sections' canonical
JSON). A restore trusts none of it until the whole file is checked: every section present, the counts,
the checksum, every row through the model's own validation (the admin's, plausibility rules included),
every history record's types. Then it says what it would add, change and delete, and applies that only
when asked (`--yes`), in one transaction: a bad file leaves the database exactly as it was.

Trust: the restore's own saves are recorded in the history as "从备份恢复：<file> by <os user>", dated
now. History records from the file that the database lacks are added back with their text, but never
attributed to an account (the file's username could be forged): the name the file gives is written into
the record's reason, marked as restored. Replaying a file changes nothing. No history is ever deleted.
Staff accounts are not in the file (no password hashes in backups): see docs/deploy.md.
"""

import getpass
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

FORMAT = "shenzhen-yibao-backup"
VERSION = 2
REASON = "从备份恢复"
HISTORY_META = ("history_date", "history_type", "history_change_reason")
HISTORY_TYPES = {"+", "~", "-"}
MAX_PROBLEMS = 10  # shown of a bad file; the first ones say enough


class BackupError(Exception):
    """The file is not a backup this code can restore, or something in it is invalid: a Chinese reason."""


@dataclass(frozen=True)
class Section:
    """One kind of record in a backup: registered by the app that owns the model."""

    name: str
    model_label: str  # app_label.ModelName
    natural: tuple[str, ...]  # identifies a row across databases
    fields: tuple[str, ...]  # the values a backup carries and a restore sets
    replace: bool = True  # rows missing from the backup are deleted (questions come from the handbook: never)
    # A foreign key in the history, written as the related row's natural key: {field: (model label, its field)}
    history_keys: dict = field(default_factory=dict)
    prepare: Callable[[], None] | None = None  # run before checking (e.g. load the handbook into an empty database)
    # Fields a backup may predate: missing from a row, the current value stays; from a history record, the default.
    optional: tuple[str, ...] = ()
    upgrade: Callable[[dict], None] | None = None  # fills in what an older backup's row or record lacks

    @property
    def model(self):
        return apps.get_model(self.model_label)

    @property
    def title(self) -> str:
        return str(self.model._meta.verbose_name)


SECTIONS: dict[str, Section] = {}


def register(section: Section) -> None:
    SECTIONS[section.name] = section


def _encode(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()  # full precision: history records are matched by their date
    if isinstance(value, Decimal):
        return str(value)
    return value


def checksum(sections: dict) -> str:
    canonical = json.dumps(sections, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------------------------------------- backup


def _history_fields(section: Section) -> list:
    """The historical model's own fields: the tracked copy of the row, minus the history bookkeeping."""
    skip = {"history_id", "history_user", *HISTORY_META}
    return [f for f in section.model.history.model._meta.concrete_fields if f.name not in skip]


def _key_maps(section: Section, by_pk: bool) -> dict:
    maps = {}
    for name, (label, natural) in section.history_keys.items():
        pairs = apps.get_model(label)._default_manager.values_list("pk", natural)
        maps[name] = dict(pairs) if by_pk else {value: pk for pk, value in pairs}
    return maps


def _dump_history(section: Section) -> list[dict]:
    keys = _key_maps(section, by_pk=True)
    records = []
    for record in section.model.history.select_related("history_user").order_by("history_date", "history_id"):
        item = {}
        for f in _history_fields(section):
            value = getattr(record, f.attname)
            item[f.name] = _encode(keys[f.name].get(value) if f.name in keys else value)
        item.update({name: _encode(getattr(record, name)) for name in HISTORY_META})
        item["history_user"] = record.history_user.get_username() if record.history_user else None
        records.append(item)
    return records


def dump() -> dict:
    sections = {}
    for section in SECTIONS.values():
        rows = [
            {"id": obj.pk, **{name: _encode(getattr(obj, name)) for name in section.natural + section.fields}}
            for obj in section.model._default_manager.order_by(*section.natural)
        ]
        sections[section.name] = {"rows": rows, "history": _dump_history(section)}
    return {
        "format": FORMAT,
        "version": VERSION,
        "created": timezone.now().isoformat(),
        "counts": {name: {"rows": len(s["rows"]), "history": len(s["history"])} for name, s in sections.items()},
        "checksum": checksum(sections),
        "sections": sections,
    }


def write_backup(path: Path) -> dict:
    data = dump()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)  # never a half-written backup under the real name
    return {name: counts["rows"] for name, counts in data["counts"].items()}


# ------------------------------------------------------------------------------------ reading the file


def read_backup(path) -> dict:
    """The file's data once its envelope is right: format, version, every section, counts, checksum."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"无法读取备份文件 {path}：{error}") from error
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError(f"{path} 不是本系统的备份文件。")
    if data.get("version") != VERSION:
        raise BackupError(
            f"备份文件格式版本 {data.get('version')!r} 不受支持（本系统为 {VERSION}）；请用本系统重新备份。"
        )
    sections, counts = data.get("sections"), data.get("counts")
    if not isinstance(sections, dict) or not isinstance(counts, dict):
        raise BackupError("备份文件不完整：缺少数据部分或记录数。")
    missing = [name for name in SECTIONS if name not in sections]
    if missing:
        raise BackupError(f"备份文件缺少这些部分：{'、'.join(missing)}。缺少的部分不能当作“全部删除”，恢复已停止。")
    unknown = [name for name in sections if name not in SECTIONS]
    if unknown:
        raise BackupError(f"备份文件含有本系统没有的部分：{'、'.join(map(str, unknown))}。")
    for name, part in sections.items():
        if not isinstance(part, dict) or not all(isinstance(part.get(k), list) for k in ("rows", "history")):
            raise BackupError(f"备份文件的“{name}”部分格式不对（应有 rows 和 history 两个列表）。")
        expected = counts.get(name)
        actual = {"rows": len(part["rows"]), "history": len(part["history"])}
        if expected != actual:
            said = (
                f"{expected.get('rows')}行、{expected.get('history')}条历史" if isinstance(expected, dict) else "未记载"
            )
            raise BackupError(
                f"备份文件的“{name}”部分记录数不符：应为{said}，实为{actual['rows']}行、{actual['history']}条历史；"
                "文件可能被截断或改动。"
            )
    if data.get("checksum") != checksum(sections):
        raise BackupError("备份文件的校验和不符：文件在备份之后被改动或已损坏。")
    return data


# ------------------------------------------------------------------------------------ checking the rows

JSON_TYPES = {
    models.JSONField: (dict, list, str, int, float, bool, type(None)),
    models.BooleanField: (bool,),
    models.IntegerField: (int,),  # and its subclasses
}


def _decode(model_field, value):
    """The Python value of a JSON value the backup wrote for this field; ValueError with a Chinese reason if not."""
    if value is None:
        if model_field.null or isinstance(model_field, models.JSONField):
            return None
        raise ValueError("不能为空")
    allowed = next((types for cls, types in JSON_TYPES.items() if isinstance(model_field, cls)), (str,))
    if not isinstance(value, allowed) or (allowed == (int,) and isinstance(value, bool)):
        raise ValueError(f"类型不对（{type(value).__name__}）")
    try:
        decoded = model_field.to_python(value)
        if isinstance(model_field, models.IntegerField):  # the database's range: 2**70 would overflow at the save
            model_field.run_validators(decoded)
        return decoded
    except (ValidationError, TypeError, ValueError, ArithmeticError) as error:
        raise ValueError(getattr(error, "messages", [str(error)])[0].rstrip("。")) from error


def _field_label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # noqa: BLE001 - a name from the file, maybe none of the model's
        return name


def _messages(model, error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "；".join(f"{_field_label(model, n)}：{'，'.join(m)}" for n, m in error.message_dict.items())
    return "；".join(error.messages)


@dataclass
class Plan:
    """What a restore would do, section by section: checked, not yet applied."""

    create: dict = field(default_factory=dict)  # section name -> [unsaved objects]
    update: dict = field(default_factory=dict)  # section name -> [(object with new values, [changed field names])]
    delete: dict = field(default_factory=dict)  # section name -> [objects]
    history: dict = field(default_factory=dict)  # section name -> [unsaved history records]
    unknown_users: set = field(default_factory=set)

    def lines(self) -> list[str]:
        out = []
        for name, section in SECTIONS.items():
            created, updated = self.create.get(name, []), self.update.get(name, [])
            deleted, history = self.delete.get(name, []), self.history.get(name, [])
            out.append(
                f"{section.title}（{name}）：新增 {len(created)}，修改 {len(updated)}，删除 {len(deleted)}，"
                f"补回历史记录 {len(history)}"
            )
            out += [f"  + {obj}" for obj in created[:20]]
            out += [
                f"  ~ {obj}（{'、'.join(_field_label(section.model, n) for n in names)}）"
                for obj, names in updated[:20]
            ]
            out += [f"  - {obj}" for obj in deleted[:20]]
        if self.unknown_users:
            out.append(
                f"备份中的历史记录提到本系统没有的账号：{'、'.join(sorted(self.unknown_users))}（仅作为文字保留）"
            )
        return out

    @property
    def changes_anything(self) -> bool:
        return any(any(part.values()) for part in (self.create, self.update, self.delete, self.history))


def _check_rows(section: Section, rows: list, plan: Plan, problems: list) -> dict:
    """Each row decoded and validated as the admin validates it; returns {file id: natural key}."""
    model = section.model
    existing = {tuple(getattr(o, n) for n in section.natural): o for o in model._default_manager.all()}
    seen, ids = set(), {}
    for number, item in enumerate(rows, 1):
        where = f"“{section.name}”第{number}行"
        if not isinstance(item, dict) or not isinstance(item.get("id"), int) or isinstance(item.get("id"), bool):
            problems.append(f"{where}格式不对。")
            continue
        if section.upgrade:
            section.upgrade(item)
        try:
            values = {}
            for name in section.natural + section.fields:
                if name not in item and name in section.optional:
                    continue
                if name not in item:
                    raise ValueError(f"缺少“{_field_label(model, name)}”")
                try:
                    values[name] = _decode(model._meta.get_field(name), item[name])
                except ValueError as error:
                    raise ValueError(f"“{_field_label(model, name)}”{error}") from error
        except ValueError as error:
            problems.append(f"{where}无效：{error}。")
            continue
        key = tuple(values[n] for n in section.natural)
        setting = [n for n in section.fields if n in values]
        if key in seen:
            problems.append(f"{where}与前面的行重复：{key}。")
            continue
        seen.add(key)
        ids[item["id"]] = key
        obj = existing.get(key)
        if obj is None and not section.replace:
            problems.append(f"{where}：本系统没有{section.title} {key}。")
            continue
        changed = [n for n in setting if obj is None or getattr(obj, n) != values[n]]
        if obj is None:
            obj = model(**values)
        for name in setting:
            setattr(obj, name, values[name])
        if not changed:
            continue
        try:
            obj.full_clean()
        except ValidationError as error:
            problems.append(f"{where}（{obj}）无效：{_messages(model, error)}")
            continue
        (plan.create if obj.pk is None else plan.update).setdefault(section.name, []).append(
            obj if obj.pk is None else (obj, changed)
        )
    if section.replace:
        plan.delete[section.name] = [obj for key, obj in existing.items() if key not in seen]
    return ids


def _check_history(section: Section, records: list, ids: dict, plan: Plan, problems: list, users: set) -> None:
    """Each history record's types checked; those the database lacks are planned (not attributed to an account)."""
    model, history_model = section.model, section.model.history.model
    fields = _history_fields(section)
    keys = _key_maps(section, by_pk=False)
    current = {tuple(getattr(o, n) for n in section.natural): o.pk for o in model._default_manager.all()}
    planned_keys = {tuple(getattr(o, n) for n in section.natural) for o in plan.create.get(section.name, [])}
    have = set(model.history.values_list("id", "history_date", "history_type"))
    now = timezone.now()
    taken = set(current.values())
    for number, item in enumerate(records, 1):
        where = f"“{section.name}”的第{number}条历史记录"
        try:
            if not isinstance(item, dict) or not isinstance(item.get("id"), int):
                raise ValueError("格式不对")
            if section.upgrade:
                section.upgrade(item)
            stamp = _decode(history_model._meta.get_field("history_date"), item.get("history_date"))
            if stamp is None or stamp > now:
                raise ValueError("日期不对")
            if not isinstance(item.get("history_type"), str) or item["history_type"] not in HISTORY_TYPES:
                raise ValueError("类型不对")
            reason, username = item.get("history_change_reason"), item.get("history_user")
            if not isinstance(reason, (str, type(None))) or not isinstance(username, (str, type(None))):
                raise ValueError("说明或操作人不是文字")
            values = {}
            for f in fields:
                if f.name not in item and f.name in section.optional:
                    values[f.attname] = f.get_default()  # a field added after the backup was made
                    continue
                if f.name not in item:
                    raise ValueError(f"缺少“{_field_label(model, f.name)}”")
                if f.name in keys:
                    related = item[f.name]
                    if not isinstance(related, (str, int)) or related not in keys[f.name]:
                        raise ValueError(f"“{_field_label(model, f.name)}”不存在：{related!r}")
                    values[f.attname] = keys[f.name][related]
                else:
                    values[f.attname] = _decode(f, item[f.name])
        except ValueError as error:
            problems.append(f"{where}无效：{error}。")
            continue
        # The record's object: the row the backup holds under that id, else one with its natural key,
        # else (a row deleted before the backup) its old id if no row has it now.
        key = ids.get(item["id"]) or tuple(values.get(model._meta.get_field(n).attname) for n in section.natural)
        pk = current.get(key)
        if pk is None and key in planned_keys:
            pk = ("new", key)  # the row this restore adds: its id is known once it is saved
        if pk is None:
            pk = item["id"] if item["id"] not in taken else None
        if pk is None or (pk, stamp, item["history_type"]) in have:
            continue
        have.add((pk, stamp, item["history_type"]))
        if username and username not in users:
            plan.unknown_users.add(username)
        marker = f"【从备份恢复的记录，原操作人：{username or '系统'}】"
        record = history_model(
            **{k: v for k, v in values.items() if k != "id"},
            history_date=stamp,
            history_type=item["history_type"],
            history_change_reason=(marker + (reason or ""))[:100],
            history_user_id=None,
        )
        record._restore_target = pk
        plan.history.setdefault(section.name, []).append(record)


def check(data: dict) -> Plan:
    """The plan of a restore, every row and record checked; BackupError listing the problems if any."""
    from django.contrib.auth import get_user_model

    users = set(get_user_model()._default_manager.values_list(get_user_model().USERNAME_FIELD, flat=True))
    plan, problems = Plan(), []
    for name, section in SECTIONS.items():
        part = data["sections"][name]
        ids = _check_rows(section, part["rows"], plan, problems)
        _check_history(section, part["history"], ids, plan, problems, users)
    if problems:
        shown = problems[:MAX_PROBLEMS]
        more = f"（另有{len(problems) - MAX_PROBLEMS}处问题未列出）" if len(problems) > MAX_PROBLEMS else ""
        raise BackupError("备份文件有误，数据库未作任何改动：\n" + "\n".join(shown) + more)
    return plan


# --------------------------------------------------------------------------------------------- applying


def _apply(plan: Plan, reason: str) -> None:
    for name, section in SECTIONS.items():
        new_pks = {}
        for obj in plan.create.get(name, []):
            obj._change_reason = reason
            obj.save()
            new_pks[("new", tuple(getattr(obj, n) for n in section.natural))] = obj.pk
        for obj, _ in plan.update.get(name, []):
            obj._change_reason = reason
            obj.save()
        for obj in plan.delete.get(name, []):
            obj._change_reason = reason
            obj.delete()
        records = plan.history.get(name, [])
        for record in records:
            target = record._restore_target
            record.id = new_pks[target] if isinstance(target, tuple) else target
        section.model.history.model.objects.bulk_create(records)


def restore(path, apply: bool = False, by: str | None = None) -> Plan:
    """Check the whole file, then (with apply) make the database match it, all in one transaction.

    Without apply, or if anything is wrong, the transaction is rolled back: the database is as it was
    (even the handbook an empty database needs to check the questions against is not kept)."""
    data = read_backup(path)
    reason = f"{REASON}：{Path(path).name} by {by or getpass.getuser()}"[:100]
    with transaction.atomic():
        for section in SECTIONS.values():
            if section.prepare:
                section.prepare()
        plan = check(data)
        if apply:
            _apply(plan, reason)
        else:
            transaction.set_rollback(True)
    return plan
