"""gunicorn's hooks, read with `--config python:config.gunicorn` (docs/deploy.md); its settings stay on the command
line. Imported by gunicorn's master before Django is set up: Django is imported only inside each hook."""

import logging


def post_worker_init(worker):
    """A new worker, its application loaded, warms itself before it accepts a connection (core/warm_up.py). An
    exception leaving this hook would stop gunicorn itself (a worker that fails to boot halts the master), so
    none does: a warm-up that fails leaves the worker cold, and says so."""
    try:
        from core.warm_up import warm_up

        warm_up(worker.wsgi, worker)
    except Exception:
        logging.getLogger("core.warm_up").exception("worker warm-up failed: this worker starts cold")
