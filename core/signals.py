"""Staff edits invalidate cached pages, search indexes and parameter snapshots at once."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from .pagecache import bump_content_version


def _bump(sender, **kwargs):
    bump_content_version()
    # Again once the edit is committed: another app server may have read the old rows between the
    # first bump and the commit and cached them under the new version; this makes those unreachable.
    transaction.on_commit(bump_content_version)


def bump_on_change(*models):
    for model in models:
        post_save.connect(_bump, sender=model, dispatch_uid=f"bump-save-{model._meta.label}")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"bump-delete-{model._meta.label}")
