"""The served process (config.wsgi): after its first request, what lives on is frozen out of the cyclic garbage
collector's passes, once. Run in a process of its own: freezing the test process would keep the tests' objects."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SERVE_TWO_REQUESTS = """
import gc, io
from config.wsgi import application

def get(path):
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80",
               "HTTP_HOST": "127.0.0.1", "wsgi.input": io.BytesIO(), "wsgi.url_scheme": "http"}
    response = application(environ, lambda status, headers: None)
    b"".join(response)
    response.close()  # the server closes it after sending: request_finished

print(gc.get_freeze_count())
get("/no-such-page/")
print(gc.get_freeze_count())
get("/no-such-page/")
print(gc.get_freeze_count())
"""


def test_a_worker_freezes_what_lives_on_after_its_first_request_only(tmp_path):
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [sys.executable, "-c", SERVE_TWO_REQUESTS], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    before, after_first, after_second = map(int, done.stdout.split())
    assert before == 0
    assert after_first > 10_000  # Django, the site's modules, what the first request loaded
    assert after_second <= after_first  # once: what later requests make stays collectable (frozen ones may go)
