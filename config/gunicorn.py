"""gunicorn's hooks, read with `--config python:config.gunicorn` (docs/deploy.md); its settings stay on the command
line. Imported by gunicorn's master before Django is set up: Django is imported only inside each hook."""


def post_worker_init(worker):
    """A new worker, its application loaded, warms itself before it accepts a connection (core/warm_up.py)."""
    from core.warm_up import warm_up

    warm_up(worker.wsgi, alive=worker.notify)
