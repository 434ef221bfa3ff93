"""`make backup` / `make restore`: staff-maintained data and its history survive a round trip."""

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError

from benefits.models import Baseline, ParameterValue
from core.backup import dump
from faq.models import Question

pytestmark = pytest.mark.django_db

RATIO_KEY = "inpatient.ratio.employee_1.level3"


def state() -> dict:
    """What a backup carries, without database ids and the time it was made."""
    data = dump()
    data.pop("created")
    for part in ("parameters", "baselines", "questions"):
        for row in data[part]["rows"]:
            row.pop("id")
        for record in data[part]["history"]:
            record.pop("id")
    return data


def staff_edits(user):
    value = ParameterValue.objects.filter(key=RATIO_KEY).order_by("-effective_from").first()
    value.value, value.note = Decimal("0.8800"), "按新文件调整"
    value._history_user = user
    value.save()
    Baseline.objects.create(kind="avg_annual_wage", year=2021, value=Decimal("160000.00"), source="统计公报")
    q = Question.objects.get(number=12)
    q.policy_update, q.related, q.short_title = "2026年起的新说明", [13, 14], "起付线是什么？"
    q.save()


def edited_and_backed_up(path):
    """Staff edits by "wang", then `manage.py backup`; returns the user and the state backed up."""
    user = User.objects.create_user("wang", is_staff=True)
    staff_edits(user)
    before = state()
    call_command("backup", output=str(path), stdout=StringIO())
    return user, before


def test_a_backup_restores_exactly_what_was_saved(tmp_path):
    path = tmp_path / "backup.json"
    user, before = edited_and_backed_up(path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["format"] == "shenzhen-yibao-backup" and saved["version"] == 1
    assert any(r["key"] == RATIO_KEY and r["value"] == "0.8800" for r in saved["parameters"]["rows"])
    assert any(h["history_user"] == "wang" for h in saved["parameters"]["history"])

    # Later, things go wrong: a value changed, one deleted, one added, a note rewritten.
    ParameterValue.objects.filter(key=RATIO_KEY).order_by("-effective_from").first().delete()
    changed = ParameterValue.objects.order_by("pk").first()
    changed.value = Decimal("0.0100")
    changed.save()
    Baseline.objects.create(kind="avg_annual_wage", year=2030, value=Decimal("1.00"), source="错误")
    q = Question.objects.get(number=12)
    q.policy_update = "被误改"
    q.save()

    call_command("restore", str(path), stdout=StringIO())
    after = state()
    for part in ("parameters", "baselines", "questions"):
        assert after[part]["rows"] == before[part]["rows"], part
    # the history before the backup is all there, the mistakes and the restore are recorded too
    restored = ParameterValue.objects.get(key=RATIO_KEY, effective_from=before_key(before))
    assert restored.history.first().history_change_reason.startswith("从备份恢复")
    assert restored.history.filter(history_user=user).exists()
    assert Question.objects.get(number=12).history.filter(policy_update="被误改").exists()


def before_key(before):
    rows = [r for r in before["parameters"]["rows"] if r["key"] == RATIO_KEY]
    return max(r["effective_from"] for r in rows)


def test_a_backup_restores_into_an_empty_database_with_its_history(tmp_path):
    path = tmp_path / "backup.json"
    user, before = edited_and_backed_up(path)

    # A new database: no parameters, no baselines, no history (the handbook's questions are reloaded).
    for model in (ParameterValue, Baseline):
        model.objects.all().delete()
        model.history.all().delete()
    Question.history.all().delete()
    Question.objects.update(policy_update="", related=[], keywords="", last_reviewed=None)
    user.delete()

    call_command("restore", str(path), stdout=StringIO())
    after = state()
    for part in ("parameters", "baselines", "questions"):
        assert after[part]["rows"] == before[part]["rows"], part
    # every history record of the backup is back, by its date; a user who no longer exists is named in it
    for part in ("parameters", "baselines", "questions"):
        dates = {h["history_date"] for h in after[part]["history"]}
        assert {h["history_date"] for h in before[part]["history"]} <= dates, part
    value = ParameterValue.objects.filter(key=RATIO_KEY).order_by("-effective_from").first()
    assert value.history.filter(history_change_reason__contains="操作人：wang").exists()


def test_restoring_twice_changes_nothing_the_second_time(tmp_path):
    path = tmp_path / "backup.json"
    call_command("backup", output=str(path), stdout=StringIO())
    call_command("restore", str(path), stdout=StringIO())
    counts = ParameterValue.history.count(), Baseline.history.count(), Question.history.count()
    call_command("restore", str(path), stdout=StringIO())
    assert (ParameterValue.history.count(), Baseline.history.count(), Question.history.count()) == counts


def test_a_file_that_is_not_a_backup_is_refused_and_nothing_changes(tmp_path):
    path = tmp_path / "other.json"
    path.write_text('{"hello": 1}', encoding="utf-8")
    count = ParameterValue.objects.count()
    with pytest.raises(CommandError, match="不是本系统的备份文件"):
        call_command("restore", str(path))
    with pytest.raises(CommandError, match="无法读取"):
        call_command("restore", str(tmp_path / "missing.json"))
    assert ParameterValue.objects.count() == count


def test_an_invalid_row_aborts_the_whole_restore(tmp_path):
    path = tmp_path / "backup.json"
    call_command("backup", output=str(path), stdout=StringIO())
    baselines = Baseline.objects.count()
    data = json.loads(path.read_text(encoding="utf-8"))
    data["baselines"]["rows"] = []  # restored first: deletes every baseline …
    data["questions"]["rows"][0]["last_reviewed"] = "2026-02-30"  # … then a bad row stops the restore
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CommandError, match="无效"):
        call_command("restore", str(path))
    assert Baseline.objects.count() == baselines  # nothing was deleted: one transaction

    ratio = next(r for r in data["parameters"]["rows"] if r["key"] == RATIO_KEY)
    ratio["value"] = "90"  # a ratio of 90 instead of 0.90: the model's own checks apply
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CommandError, match="比例请填小数"):
        call_command("restore", str(path))


def test_a_backup_made_before_short_titles_restores_and_keeps_the_current_titles(tmp_path):
    path = tmp_path / "backup.json"
    edited_and_backed_up(path)
    older = json.loads(path.read_text(encoding="utf-8"))
    for item in older["questions"]["rows"] + older["questions"]["history"]:
        item.pop("short_title")  # as a backup written before the field existed
    path.write_text(json.dumps(older, ensure_ascii=False), encoding="utf-8")
    Question.objects.filter(number=12).update(short_title="现在的标题？")
    Question.history.all().delete()
    call_command("restore", str(path), stdout=StringIO())
    assert Question.objects.get(number=12).short_title == "现在的标题？"
    assert Question.history.filter(number=12, short_title="").exists()  # old records: the field's default


def test_a_backup_from_before_notices_had_kinds_restores_its_notices_as_updates():
    from core.backup import restore

    data = dump()  # as written before faq 0003: questions and their history without the notice's kind and sources
    for item in [*data["questions"]["rows"], *data["questions"]["history"]]:
        for name in ("notice_kind", "notice_citation", "notice_source"):
            item.pop(name)
    q12 = next(row for row in data["questions"]["rows"] if row["number"] == 12)
    q12["policy_update"] = "备份里的旧提示"
    restore(data)
    restored = Question.objects.get(number=12)
    assert (restored.policy_update, restored.notice_kind, restored.notice_citation) == ("备份里的旧提示", "updated", "")
    assert Question.objects.get(number=9).notice_kind == ""  # no notice, no kind
