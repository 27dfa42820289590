"""The background worker, either its own process or a thread beside the web server."""

import threading

from django.conf import settings


def _worker(interval: float = 1.0):  # type: ignore[no-untyped-def]
    from django_tasks_db.management.commands.db_worker import Worker

    return Worker(
        queue_names=["*"],
        interval=interval,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="tongket-inprocess",
        excluded_queue_names=[],
    )


def start_inprocess_worker() -> threading.Thread | None:
    """Run queued tasks in a daemon thread of this process (the embedded default)."""
    if settings.TONGKET_WORKERS != "inprocess":
        return None
    thread = threading.Thread(target=_worker().run, name="tongket-worker", daemon=True)
    thread.start()
    return thread
