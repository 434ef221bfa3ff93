"""Staff edits invalidate cached pages, search indexes and parameter snapshots at once."""

from django.db.models.signals import post_delete, post_save

from .content_version import bump_content_version


def _bump(sender, using="default", **kwargs):
    # Signals run inside the save's transaction: the new version commits (or rolls back) with the edit.
    bump_content_version(using)


def bump_on_change(*models):
    for model in models:
        post_save.connect(_bump, sender=model, dispatch_uid=f"bump-save-{model._meta.label}")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"bump-delete-{model._meta.label}")
