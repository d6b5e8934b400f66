"""`manage.py worker`: django-tasks-db's `db_worker` with the recovery of tasks a dead worker
left running and reconnection after a dropped database connection (itatrack.taskqueue)."""

from __future__ import annotations

from typing import Any

from django_tasks_db.management.commands import db_worker

from itatrack.taskqueue import ResilientWorker


class Command(db_worker.Command):
    help = "Run the background worker (final copies, e-mail), surviving database outages"

    def handle(self, *args: Any, **options: Any) -> None:
        # db_worker builds its Worker by name in its own module: the resilient one stands in.
        original = db_worker.Worker
        db_worker.Worker = ResilientWorker  # type: ignore[misc]
        try:
            super().handle(*args, **options)
        finally:
            db_worker.Worker = original  # type: ignore[misc]
