"""The group 医保政策维护: may edit parameter values and baselines, and nothing else."""

from django.db import migrations

from core.groups import make_group, remove_group

GROUP = "医保政策维护"
CODENAMES = [f"{action}_{model}" for model in ("parametervalue", "baseline") for action in ("add", "change", "delete", "view")]


class Migration(migrations.Migration):
    dependencies = [
        ("benefits", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [
        migrations.RunPython(
            lambda apps, _: make_group(apps, GROUP, "benefits", CODENAMES),
            lambda apps, _: remove_group(apps, GROUP),
        )
    ]
