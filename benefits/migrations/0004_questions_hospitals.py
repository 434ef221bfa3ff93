"""The staff-kept list of designated hospitals (with history), editable by the group 医保政策维护 only."""

import benefits.models
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from core.groups import make_group

GROUP = "医保政策维护"
ACTIONS = ("add", "change", "delete", "view")
BEFORE = ("parametervalue", "baseline")


def codenames(models_: tuple[str, ...]) -> list[str]:
    return [f"{action}_{model}" for model in models_ for action in ACTIONS]


class Migration(migrations.Migration):
    dependencies = [
        ("benefits", "0003_params_resident_sources"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Hospital",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "name",
                    models.CharField(
                        help_text="居民看到的全称，例如 深圳市人民医院",
                        max_length=100,
                        unique=True,
                        verbose_name="医院名称",
                    ),
                ),
                (
                    "aliases",
                    models.CharField(
                        blank=True,
                        help_text="居民常用的简称或旧名，用“、”隔开，查找时也能找到",
                        max_length=200,
                        verbose_name="其他叫法",
                    ),
                ),
                (
                    "level",
                    models.CharField(choices=benefits.models.hospital_levels, max_length=2, verbose_name="医院级别"),
                ),
                (
                    "district",
                    models.CharField(
                        choices=[
                            ("福田区", "福田区"),
                            ("罗湖区", "罗湖区"),
                            ("南山区", "南山区"),
                            ("盐田区", "盐田区"),
                            ("宝安区", "宝安区"),
                            ("龙岗区", "龙岗区"),
                            ("龙华区", "龙华区"),
                            ("坪山区", "坪山区"),
                            ("光明区", "光明区"),
                            ("大鹏新区", "大鹏新区"),
                            ("深汕特别合作区", "深汕特别合作区"),
                        ],
                        max_length=20,
                        verbose_name="所在区",
                    ),
                ),
                (
                    "source",
                    models.CharField(
                        help_text="公布级别的文件或名单的名称、日期", max_length=300, verbose_name="级别的依据"
                    ),
                ),
                (
                    "active",
                    models.BooleanField(
                        default=True, help_text="不再是定点医院或已合并的，取消勾选", verbose_name="在居民的查找列表里"
                    ),
                ),
            ],
            options={
                "verbose_name": "定点医院",
                "verbose_name_plural": "定点医院",
                "ordering": ["district", "name"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalHospital",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                (
                    "name",
                    models.CharField(
                        db_index=True,
                        help_text="居民看到的全称，例如 深圳市人民医院",
                        max_length=100,
                        verbose_name="医院名称",
                    ),
                ),
                (
                    "aliases",
                    models.CharField(
                        blank=True,
                        help_text="居民常用的简称或旧名，用“、”隔开，查找时也能找到",
                        max_length=200,
                        verbose_name="其他叫法",
                    ),
                ),
                (
                    "level",
                    models.CharField(choices=benefits.models.hospital_levels, max_length=2, verbose_name="医院级别"),
                ),
                (
                    "district",
                    models.CharField(
                        choices=[
                            ("福田区", "福田区"),
                            ("罗湖区", "罗湖区"),
                            ("南山区", "南山区"),
                            ("盐田区", "盐田区"),
                            ("宝安区", "宝安区"),
                            ("龙岗区", "龙岗区"),
                            ("龙华区", "龙华区"),
                            ("坪山区", "坪山区"),
                            ("光明区", "光明区"),
                            ("大鹏新区", "大鹏新区"),
                            ("深汕特别合作区", "深汕特别合作区"),
                        ],
                        max_length=20,
                        verbose_name="所在区",
                    ),
                ),
                (
                    "source",
                    models.CharField(
                        help_text="公布级别的文件或名单的名称、日期", max_length=300, verbose_name="级别的依据"
                    ),
                ),
                (
                    "active",
                    models.BooleanField(
                        default=True, help_text="不再是定点医院或已合并的，取消勾选", verbose_name="在居民的查找列表里"
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical 定点医院",
                "verbose_name_plural": "historical 定点医院",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.RunPython(
            lambda apps, _: make_group(apps, GROUP, "benefits", codenames((*BEFORE, "hospital"))),
            lambda apps, _: make_group(apps, GROUP, "benefits", codenames(BEFORE)),
        ),
    ]
