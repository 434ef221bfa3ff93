# Data only: the search keywords of four questions, as faq/data/handbook.json now gives them (branch search8).

import time

from django.db import migrations
from django.db.models import F, Value
from django.db.models.functions import Greatest

# 问number: (the keywords the loader first wrote, the keywords now in the file). Keywords belong to staff once
# a question exists (faq/loader.py sets them only on creation), so a database whose keywords are still the
# loader's first ones gets the new ones, and one that staff edited keeps theirs.
KEYWORDS = {
    11: (
        "肇事逃逸 撞人跑了 先行支付 找不到肇事者 车祸医药费 医保垫付",
        "肇事逃逸 撞人跑了 先行支付 找不到肇事者 车祸医药费 医保垫付 对方不赔 第三方不支付",
    ),
    15: (
        "社康中心 门诊定点 绑定社康 选社康 二档门诊 变更社康 看门诊 换社康",
        "社康中心 门诊定点 绑定社康 选社康 二档门诊 变更社康 看门诊 换社康 小孩看门诊去哪",
    ),
    16: (
        "二档门诊待遇 社康报销 门诊统筹 门诊报销多少 看小病报销 社区门诊 门诊限额",
        "二档门诊待遇 社康报销 门诊统筹 门诊报销多少 看小病报销 社区门诊 门诊限额 小孩看门诊报销",
    ),
    28: (
        "失业怀孕 未就业配偶 老公的生育保险 产检费用 生孩子花钱 没工作生孩子",
        "失业怀孕 未就业配偶 老公的生育保险 失业产检费用 失业生孩子费用 没工作生孩子",
    ),
}


def _replace(apps, old: int, new: int) -> None:
    Question = apps.get_model("faq", "Question")
    changed = sum(
        Question.objects.filter(number=number, keywords=pair[old]).update(keywords=pair[new])
        for number, pair in KEYWORDS.items()
    )
    if changed:
        # As a staff save does (core.content_version): pages and search indexes kept under the old
        # version are stale. An update() sends no signal, so the version is raised here.
        versions = apps.get_model("core", "ContentVersion").objects
        versions.filter(pk=1).update(number=Greatest(F("number") + 1, Value(time.time_ns() // 1000)))


def refresh_unedited_keywords(apps, schema_editor):
    _replace(apps, 0, 1)


def restore_keywords(apps, schema_editor):
    _replace(apps, 1, 0)


class Migration(migrations.Migration):
    dependencies = [
        ("faq", "0005_search3_ways_of_asking"),
        ("core", "0001_sec_cache_content_version"),
    ]

    operations = [migrations.RunPython(refresh_unedited_keywords, restore_keywords)]
