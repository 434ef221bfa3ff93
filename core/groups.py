"""Staff groups made by data migrations (kept here so both apps' migrations share one helper)."""


def make_group(apps, name: str, app_label: str, codenames: list[str]) -> None:
    # Permissions are normally made after all migrations; make them now so the group can get them.
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.set(Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))


def remove_group(apps, name: str) -> None:
    apps.get_model("auth", "Group").objects.filter(name=name).delete()
