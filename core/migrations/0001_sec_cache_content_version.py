import time

from django.db import migrations, models


def first_version(apps, schema_editor):
    # Microseconds since 1970: a new database never starts at a number an older one (sharing a cache) used.
    apps.get_model("core", "ContentVersion").objects.create(pk=1, number=time.time_ns() // 1000)


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.BigIntegerField(verbose_name="版本号")),
            ],
            options={"verbose_name": "内容版本", "verbose_name_plural": "内容版本"},
        ),
        migrations.RunPython(first_version, migrations.RunPython.noop),
    ]
