"""`make backup` / `make restore`: staff-maintained data and its history survive a round trip; a restore
checks the whole file first and applies it only with --yes; a hostile or broken file changes nothing."""

import copy
import json
import re
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benefits.models import Baseline, Hospital, ParameterValue
from core.backup import checksum, dump
from faq.models import Question
from tests.conftest import database_state

pytestmark = pytest.mark.django_db

RATIO_KEY = "inpatient.ratio.employee_1.level3"


def state() -> dict:
    """What a backup carries, without database ids and the time it was made."""
    data = dump()["sections"]
    for part in ("parameters", "baselines", "questions"):
        for row in data[part]["rows"]:
            row.pop("id")
        for record in data[part]["history"]:
            record.pop("id")
    return data


def restore(path, yes=True) -> str:
    out = StringIO()
    call_command("restore", str(path), yes=yes, stdout=out)
    return out.getvalue()


def sealed(path, data) -> None:
    """Write `data` as a backup with matching counts and checksum (what someone who knows the format can do)."""
    sections = data["sections"]
    data["counts"] = {name: {"rows": len(s["rows"]), "history": len(s["history"])} for name, s in sections.items()}
    data["checksum"] = checksum(sections)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def backed_up(path) -> dict:
    call_command("backup", output=str(path), stdout=StringIO())
    return json.loads(path.read_text(encoding="utf-8"))


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
    assert saved["format"] == "shenzhen-yibao-backup" and saved["version"] == 2
    assert saved["checksum"] == checksum(saved["sections"])
    assert saved["counts"]["parameters"]["rows"] == len(saved["sections"]["parameters"]["rows"])
    assert any(r["key"] == RATIO_KEY and r["value"] == "0.8800" for r in saved["sections"]["parameters"]["rows"])
    assert any(h["history_user"] == "wang" for h in saved["sections"]["parameters"]["history"])

    # Later, things go wrong: a value changed, one deleted, one added, a note rewritten.
    ParameterValue.objects.filter(key=RATIO_KEY).order_by("-effective_from").first().delete()
    changed = ParameterValue.objects.order_by("pk").first()
    changed.value = Decimal("0.0100")
    changed.save()
    Baseline.objects.create(kind="avg_annual_wage", year=2030, value=Decimal("1.00"), source="错误")
    q = Question.objects.get(number=12)
    q.policy_update = "被误改"
    q.save()

    shown = restore(path, yes=False)  # first only what it would do
    assert (
        "政策参数（parameters）：新增 1，修改 1，删除 0" in shown
        and "工资与收入基数（baselines）：新增 0，修改 0，删除 1" in shown
    )
    assert "数据库尚未改动" in shown and Question.objects.get(number=12).policy_update == "被误改"
    restore(path)
    after = state()
    for part in ("parameters", "baselines", "questions"):
        assert after[part]["rows"] == before[part]["rows"], part
    # the history before the backup is all there, the mistakes and the restore are recorded too
    restored = ParameterValue.objects.get(key=RATIO_KEY, effective_from=before_key(before))
    assert restored.history.first().history_change_reason.startswith("从备份恢复：backup.json by ")
    assert restored.history.first().history_user is None
    # its earlier history (by wang) is copied back to it, marked as restored, attributed to no account
    assert restored.history.filter(history_change_reason__startswith="【从备份恢复的记录，原操作人：wang】").exists()
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

    restore(path)
    after = state()
    for part in ("parameters", "baselines", "questions"):
        assert after[part]["rows"] == before[part]["rows"], part
    # every history record of the backup is back, by its date, marked as restored, with the name it gave
    for part in ("parameters", "baselines", "questions"):
        dates = {h["history_date"] for h in after[part]["history"]}
        assert {h["history_date"] for h in before[part]["history"]} <= dates, part
    value = ParameterValue.objects.filter(key=RATIO_KEY).order_by("-effective_from").first()
    assert value.history.filter(history_change_reason__contains="【从备份恢复的记录，原操作人：wang】").exists()


def test_restoring_twice_changes_nothing_the_second_time(tmp_path):
    path = tmp_path / "backup.json"
    edited_and_backed_up(path)
    ParameterValue.objects.order_by("pk").first().delete()
    restore(path)
    before = database_state()
    assert "无需恢复" in restore(path)
    assert database_state() == before


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
    data = backed_up(path)
    baselines = Baseline.objects.count()
    data["sections"]["baselines"]["rows"] = []  # would delete every baseline …
    data["sections"]["questions"]["rows"][0]["last_reviewed"] = "2026-02-30"  # … but a bad row stops the restore
    sealed(path, data)
    with pytest.raises(CommandError, match="无效"):
        restore(path)
    assert Baseline.objects.count() == baselines  # nothing was deleted

    data["sections"]["questions"]["rows"][0]["last_reviewed"] = None
    ratio = next(r for r in data["sections"]["parameters"]["rows"] if r["key"] == RATIO_KEY and r["value"])
    ratio["value"] = "90"  # a ratio of 90 instead of 0.90: the model's own checks apply
    sealed(path, data)
    with pytest.raises(CommandError, match="比例请填小数"):
        restore(path)


def test_without_yes_nothing_is_applied(tmp_path):
    path = tmp_path / "backup.json"
    data = backed_up(path)
    data["sections"]["baselines"]["rows"] = []
    sealed(path, data)
    before = database_state()
    assert f"删除 {Baseline.objects.count()}" in restore(path, yes=False)  # every seeded baseline
    assert database_state() == before


def test_forged_history_is_marked_as_restored_and_attributed_to_no_account(tmp_path):
    path = tmp_path / "backup.json"
    root = User.objects.create_user("root", is_superuser=True)
    data = backed_up(path)
    forged = dict(data["sections"]["baselines"]["history"][0])
    forged.update(history_user="root", history_date="2015-01-01T00:00:00+00:00", history_change_reason="老数据")
    data["sections"]["baselines"]["history"].append(forged)
    sealed(path, data)
    restore(path)
    record = Baseline.history.get(history_date="2015-01-01T00:00:00+00:00")
    assert record.history_user is None and record.history_user != root
    assert record.history_change_reason == "【从备份恢复的记录，原操作人：root】老数据"

    data["sections"]["baselines"]["history"][-1]["history_date"] = "2999-01-01T00:00:00+00:00"  # from the future
    sealed(path, data)
    with pytest.raises(CommandError, match="日期不对"):
        restore(path)


# ------------------------------------------------------------------------------------------ hostile files


def _first(data, part, kind="rows"):
    return data["sections"][part][kind][0]


def _set(part, kind, name, value):
    def mutate(data):
        _first(data, part, kind)[name] = value

    return mutate


def _drop(part, kind, name):
    def mutate(data):
        del _first(data, part, kind)[name]

    return mutate


HOSTILE = {
    # the envelope (not resealed: the checks of the file itself)
    "parameters section dropped": (lambda d: d["sections"].pop("parameters"), False),
    "every section dropped": (lambda d: d["sections"].clear(), False),
    "rows truncated": (lambda d: d["sections"]["parameters"]["rows"].pop(), False),
    "history truncated": (lambda d: d["sections"]["questions"]["history"].pop(), False),
    "checksum wrong": (lambda d: d.update(checksum="sha256:" + "0" * 64), False),
    "checksum missing": (lambda d: d.pop("checksum"), False),
    "counts missing": (lambda d: d.pop("counts"), False),
    "a value changed, checksum kept": (_set("baselines", "rows", "value", "200000"), False),
    "version 1": (lambda d: d.update(version=1), False),
    "version as text": (lambda d: d.update(version="2"), False),
    "sections a list": (lambda d: d.update(sections=[]), False),
    "unknown section": (lambda d: d["sections"].update(users={"rows": [], "history": []}), False),
    # the rows (resealed: what someone who knows the format can write)
    "row id a string": (_set("parameters", "rows", "id", "x"), True),
    "row id a boolean": (_set("parameters", "rows", "id", True), True),
    "row a list": (lambda d: d["sections"]["parameters"]["rows"].__setitem__(0, [1, 2]), True),
    "row null": (lambda d: d["sections"]["baselines"]["rows"].__setitem__(0, None), True),
    "row without its value": (_drop("parameters", "rows", "value"), True),
    "row without its key": (_drop("parameters", "rows", "key"), True),
    "rows duplicated": (lambda d: d["sections"]["baselines"]["rows"].append(_first(d, "baselines")), True),
    "value a float": (_set("parameters", "rows", "value", 0.9), True),
    "value text": (_set("baselines", "rows", "value", "abc"), True),
    "value a list": (_set("baselines", "rows", "value", [1]), True),
    "annual wage of 13,500 (monthly)": (_set("baselines", "rows", "value", "13500"), True),
    "annual wage of 16.48 (万元)": (_set("baselines", "rows", "value", "16.48"), True),
    "effective date 9999-12-31": (_set("parameters", "rows", "effective_from", "9999-12-31"), True),
    "effective date 0001-01-01": (_set("parameters", "rows", "effective_from", "0001-01-01"), True),
    "effective date a number": (_set("parameters", "rows", "effective_from", 20231001), True),
    "year as text": (_set("baselines", "rows", "year", "2022"), True),
    "year 1900": (_set("baselines", "rows", "year", 1900), True),
    "unknown parameter key": (_set("parameters", "rows", "key", "no.such.key"), True),
    "unknown baseline kind": (_set("baselines", "rows", "kind", "bonus"), True),
    "question that does not exist": (_set("questions", "rows", "number", 99), True),
    "question number as text": (_set("questions", "rows", "number", "12"), True),
    "related = ['a']": (_set("questions", "rows", "related", ["a"]), True),
    "related = null": (_set("questions", "rows", "related", None), True),
    "related = [[1]]": (_set("questions", "rows", "related", [[1]]), True),
    "related = {'x': 1}": (_set("questions", "rows", "related", {"x": 1}), True),
    "calculator = 住院": (_set("questions", "rows", "calculator", "住院"), True),
    "prefill = [1, 2]": (_set("questions", "rows", "calculator_prefill", [1, 2]), True),
    "prefill with an unknown answer": (_set("questions", "rows", "calculator_prefill", {"category": "martian"}), True),
    "policy note a number": (_set("questions", "rows", "policy_update", 5), True),
    # the history (resealed)
    "history user a number": (_set("parameters", "history", "history_user", 123), True),
    "history user a dict": (_set("parameters", "history", "history_user", {"name": "root"}), True),
    "history date in the future": (_set("parameters", "history", "history_date", "2999-01-01T00:00:00+00:00"), True),
    "history date nonsense": (_set("parameters", "history", "history_date", "yesterday"), True),
    "history type unknown": (_set("parameters", "history", "history_type", "x"), True),
    "history id a string": (_set("baselines", "history", "id", "abc"), True),
    "history record null": (lambda d: d["sections"]["baselines"]["history"].__setitem__(0, None), True),
    "history value a list": (_set("baselines", "history", "value", [1]), True),
    "history without its value": (_drop("baselines", "history", "value"), True),
}


@pytest.fixture
def good_backup(tmp_path):
    path = tmp_path / "backup.json"
    User.objects.create_user("wang", is_staff=True)
    staff_edits(User.objects.get(username="wang"))
    return path, backed_up(path)


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_file_is_refused_with_a_chinese_reason_and_the_database_is_exactly_as_it_was(good_backup, name):
    path, data = good_backup
    mutate, reseal = HOSTILE[name]
    mutate(data)
    if reseal:
        sealed(path, data)
    else:
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = database_state()
    with pytest.raises(CommandError) as refused:
        restore(path)
    assert re.search(r"[\u4e00-\u9fff]", str(refused.value)), str(refused.value)
    assert database_state() == before


@pytest.mark.parametrize("cut", [0, 1, 100, 5000, -2])
def test_a_cut_off_file_is_refused(good_backup, cut):
    path, _ = good_backup
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:cut], encoding="utf-8")
    before = database_state()
    with pytest.raises(CommandError, match="无法读取|不是本系统"):
        restore(path)
    assert database_state() == before


def test_the_restore_command_exits_non_zero_without_a_traceback(good_backup):
    import subprocess
    import sys

    path, data = good_backup
    data["sections"].pop("parameters")
    path.write_text(json.dumps(data), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "manage.py", "restore", "--yes", str(path)],
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{path.parent / 'db.sqlite3'}"},
    )
    assert done.returncode != 0
    assert "备份文件缺少这些部分：parameters" in done.stderr and "Traceback" not in done.stderr


def integer_fields(records: list, kind: str) -> list[str]:
    """The integer values a restore writes (a row's "id" only names it within the file: history points to it)."""
    names = {name for record in records for name, value in record.items() if type(value) is int}
    return sorted(names - {"id"} if kind == "rows" else names)


@pytest.mark.parametrize(
    ("part", "kind"),  # a parameter's row holds no integer (its value is a decimal as text)
    [
        ("baselines", "rows"),
        ("questions", "rows"),
        ("parameters", "history"),
        ("baselines", "history"),
        ("questions", "history"),
    ],
)
def test_an_integer_beyond_the_databases_range_is_refused_cleanly(good_backup, part, kind):
    # 2**70 passes int() but overflows SQLite's and PostgreSQL's bigint at the save (hypothesis found it)
    path, data = good_backup
    names = integer_fields(data["sections"][part][kind], kind)
    assert names  # the section has integer fields (year, number, history_id, …) to damage
    for name in names:
        damaged = copy.deepcopy(data)
        damaged["sections"][part][kind][0][name] = 2**70
        sealed(path, damaged)
        before = database_state()
        with pytest.raises(CommandError, match=r"[\u4e00-\u9fff]"):
            restore(path)
        assert database_state() == before, name


ANY_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=5,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    part=st.sampled_from(["parameters", "baselines", "questions"]),
    kind=st.sampled_from(["rows", "history"]),
    position=st.integers(min_value=0, max_value=300),
    choice=st.data(),
    value=ANY_JSON,
)
def test_any_damage_to_one_value_is_refused_cleanly_or_restored(good_backup, part, kind, position, choice, value):
    """One value anywhere replaced by any JSON, counts and checksum made to match: a clean refusal that leaves
    the database exactly as it was, or (the value happened to be valid) a restore; never a traceback."""
    path, data = good_backup
    data = copy.deepcopy(data)
    records = data["sections"][part][kind]
    record = records[position % len(records)]
    name = choice.draw(st.sampled_from([*sorted(record), "extra"]))
    record[name] = value
    sealed(path, data)
    before = database_state()
    with transaction.atomic():
        try:
            restore(path)
        except CommandError as refused:
            assert re.search(r"[\u4e00-\u9fff]", str(refused))
            assert database_state() == before
        transaction.set_rollback(True)  # a valid change was applied: undo it for the next example


def test_a_backup_made_before_short_titles_restores_and_keeps_the_current_titles(tmp_path):
    path = tmp_path / "backup.json"
    edited_and_backed_up(path)
    older = json.loads(path.read_text(encoding="utf-8"))
    for item in older["sections"]["questions"]["rows"] + older["sections"]["questions"]["history"]:
        item.pop("short_title")  # as a backup written before the field existed
    sealed(path, older)
    Question.objects.filter(number=12).update(short_title="现在的标题？")
    Question.history.all().delete()
    restore(path)
    assert Question.objects.get(number=12).short_title == "现在的标题？"
    assert Question.history.filter(number=12, short_title="").exists()  # old records: the field's default


def test_a_backup_from_before_notices_had_kinds_restores_its_notices_as_updates(tmp_path):
    path = tmp_path / "backup.json"
    data = backed_up(path)  # as written before faq 0003: questions and their history without the notice's kind
    for item in [*data["sections"]["questions"]["rows"], *data["sections"]["questions"]["history"]]:
        for name in ("notice_kind", "notice_citation", "notice_source"):
            item.pop(name)
    q12 = next(row for row in data["sections"]["questions"]["rows"] if row["number"] == 12)
    q12["policy_update"] = "备份里的旧提示"
    sealed(path, data)
    restore(path)
    restored = Question.objects.get(number=12)
    assert (restored.policy_update, restored.notice_kind, restored.notice_citation) == ("备份里的旧提示", "updated", "")
    assert Question.objects.get(number=9).notice_kind == ""  # no notice, no kind


def test_the_hospital_list_is_backed_up_and_restored(tmp_path):
    path = tmp_path / "backup.json"
    Hospital.objects.create(name="测试医院", aliases="测试", level="3", district="福田区", source="测试名单")
    saved = backed_up(path)["sections"]["hospitals"]
    assert [(r["name"], r["level"], r["active"]) for r in saved["rows"]] == [("测试医院", "3", True)]
    wrong = Hospital.objects.get(name="测试医院")
    wrong.level, wrong.active = "1", False
    wrong.save()
    Hospital.objects.create(name="误加医院", level="2", district="南山区", source="错误")
    restore(path)
    assert list(Hospital.objects.values_list("name", "level", "active")) == [("测试医院", "3", True)]
    assert Hospital.objects.get().history.first().history_change_reason.startswith("从备份恢复")


def test_drafts_and_reference_cases_are_backed_up_and_restored(tmp_path):
    """Staff data that is not public: a pending draft (its number kept, history reasons cite it) and a case."""
    from benefits.models import ChangeRequest, ReferenceCase

    row = ParameterValue.objects.filter(key=RATIO_KEY).order_by("-effective_from").first()
    draft = ChangeRequest.objects.create(
        target="parameter",
        action="change",
        row_id=row.pk,
        proposed={"key": row.key, "effective_from": row.effective_from.isoformat(), "value": "0.88"},
        reason="按新文件调整",
        author="wang",
    )
    inputs = {"scheme": "employee_1", "level": "3", "admission": "first", "amount": "80000"}
    ReferenceCase.objects.create(name="三级医院住院8万元", calculator="inpatient", day="2024-03-01", inputs=inputs)
    path = tmp_path / "backup.json"
    backed_up(path)
    ChangeRequest.objects.all().delete()
    ReferenceCase.objects.all().delete()
    restore(path)
    restored = ChangeRequest.objects.get(pk=draft.pk)
    assert (restored.proposed, restored.reason, restored.author) == (draft.proposed, draft.reason, "wang")
    assert ReferenceCase.objects.get(name="三级医院住院8万元").inputs == inputs
    before = database_state()
    assert "无需恢复" in restore(path)  # a replay changes nothing
    assert database_state() == before
