"""The production static files storage: whitenoise's compressed, hashed files, each URL worked out once.

A page links seven static files; each {% static %} looked the hashed name up afresh (splitting, unquoting and
joining the name, some 20 µs), a tenth of a question page's rendering. The names cannot change while the process
runs (the manifest is read once, when it starts), so each URL is remembered.
"""

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name, force=False):
        if force or settings.DEBUG:  # DEBUG: the plain name, as Django gives it (never remembered)
            return super().url(name, force)
        try:
            return self._urls[name]
        except KeyError:
            url = self._urls[name] = super().url(name)  # a missing file raises, and is not remembered
            return url
