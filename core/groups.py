"""Staff groups made by data migrations (kept here so both apps' migrations share one helper)."""


def _permissions(apps, app_label: str, codenames: list[str]):
    # Permissions are normally made after all migrations; make them now so the group can get them.
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)


def make_group(apps, name: str, app_label: str, codenames: list[str]) -> None:
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=name)
    group.permissions.set(_permissions(apps, app_label, codenames))


def grant(apps, name: str, app_label: str, codenames: list[str]) -> None:
    """Add permissions to a group (a later migration's new models), keeping what it has."""
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=name)
    group.permissions.add(*_permissions(apps, app_label, codenames))


def revoke(apps, name: str, app_label: str, codenames: list[str]) -> None:
    for group in apps.get_model("auth", "Group").objects.filter(name=name):
        group.permissions.remove(*_permissions(apps, app_label, codenames))


def remove_group(apps, name: str) -> None:
    apps.get_model("auth", "Group").objects.filter(name=name).delete()
