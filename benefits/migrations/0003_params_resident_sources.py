"""Sources residents read: the seeded sources that named the project's files ("种子文档", "rules-2023.md §3")
now name only the documents; where the data came from moves to the staff note. Only rows still holding the
seed's exact words change (a staff edit is kept), each with a history record; reversible.
"""

from django.db import migrations
from django.utils import timezone

REASON = "依据改为居民看得懂的写法（来源说明移到备注）"
# (the seed's old source, the source residents read, what moves to the note)
SOURCES = (
    (
        "深圳市医疗保障局2025年12月29日通知公布2026年度缴费基数上下限6,727元至33,633元（按元取整；种子文档以外的公开数据，见rules-2023.md）",
        "深圳市医疗保障局2025年12月29日通知公布2026年度缴费基数上下限6,727元至33,633元（按元取整）",
        "种子文档以外的公开数据，见rules-2023.md",
    ),
    (
        "深府办规〔2023〕5号第8项：2024年1月1日至2025年12月31日阶段性降低（种子文档以外的公开文件，见rules-2023.md）",
        "深府办规〔2023〕5号第8项：2024年1月1日至2025年12月31日阶段性降低",
        "种子文档以外的公开文件，见rules-2023.md",
    ),
    (
        "深圳市医疗保障局2025年12月29日通知：2026年1月1日起恢复（种子文档以外的公开文件，见rules-2023.md）",
        "深圳市医疗保障局2025年12月29日通知：2026年1月1日起恢复",
        "种子文档以外的公开文件，见rules-2023.md",
    ),
    (
        "《广东省职工生育保险规定》（种子文档以外的公开文件，见rules-2023.md §8）",
        "《广东省职工生育保险规定》",
        "种子文档以外的公开文件，见rules-2023.md §8",
    ),
    ("尚未公布（rules-2023.md §3）", "深圳市尚未公布", "见rules-2023.md §3"),
    (
        "《广东省基本医疗保险关系省内转移接续暂行办法》（种子文档003提及）",
        "《广东省基本医疗保险关系省内转移接续暂行办法》",
        "种子文档003提及",
    ),
)


def _move(apps, pairs):
    values = apps.get_model("benefits", "ParameterValue")
    history = apps.get_model("benefits", "HistoricalParameterValue")
    for old, new, note_text in pairs:
        for row in values.objects.filter(source=old):
            row.source = new
            row.note = note_text(row.note)
            row.save(update_fields=["source", "note"])
            history.objects.create(
                id=row.id,
                key=row.key,
                effective_from=row.effective_from,
                value=row.value,
                source=row.source,
                note=row.note,
                history_date=timezone.now(),
                history_type="~",
                history_change_reason=REASON,
            )


def forward(apps, _):
    _move(
        apps,
        [(old, new, lambda note, extra=extra: f"{note}；{extra}" if note else extra) for old, new, extra in SOURCES],
    )


def backward(apps, _):
    _move(
        apps,
        [
            (new, old, lambda note, extra=extra: note.removesuffix(f"；{extra}").removesuffix(extra))
            for old, new, extra in SOURCES
        ],
    )


class Migration(migrations.Migration):
    dependencies = [("benefits", "0002_policy_maintainers_group")]
    operations = [migrations.RunPython(forward, backward)]
