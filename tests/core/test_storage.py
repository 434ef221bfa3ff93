"""The production static storage (core.storage) remembers each file's hashed URL: the URL whitenoise's storage
gives, and a file missing from the manifest fails every time, never a remembered blank."""

import json

import pytest
from whitenoise.storage import CompressedManifestStaticFilesStorage

from core.storage import StaticFilesStorage

MANIFEST = {"paths": {"css/site.css": "css/site.2fb6c7d16958.css", "js/site.js": "js/site.a02b1cd35902.js"}}


@pytest.fixture
def static_root(tmp_path):
    (tmp_path / "staticfiles.json").write_text(json.dumps({**MANIFEST, "version": "1.1", "hash": "x"}))
    return tmp_path


def test_each_url_is_the_hashed_url_whitenoise_gives_asked_once_or_again(static_root, settings):
    settings.DEBUG = False
    ours = StaticFilesStorage(location=static_root, base_url="/static/")
    theirs = CompressedManifestStaticFilesStorage(location=static_root, base_url="/static/")
    for _ in range(2):
        for name in ("css/site.css", "js/site.js"):
            assert ours.url(name) == theirs.url(name) == f"/static/{MANIFEST['paths'][name]}"


def test_a_file_missing_from_the_manifest_fails_each_time(static_root, settings):
    settings.DEBUG = False
    ours = StaticFilesStorage(location=static_root, base_url="/static/")
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            ours.url("css/missing.css")
