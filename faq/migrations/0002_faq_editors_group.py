"""The group 常见问题维护: may edit the policy notes and review dates of the questions."""

from django.db import migrations

from core.groups import make_group, remove_group

GROUP = "常见问题维护"
CODENAMES = ["view_question", "change_question", "view_section", "view_handbook"]


class Migration(migrations.Migration):
    dependencies = [
        ("faq", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [
        migrations.RunPython(
            lambda apps, _: make_group(apps, GROUP, "faq", CODENAMES),
            lambda apps, _: remove_group(apps, GROUP),
        )
    ]
