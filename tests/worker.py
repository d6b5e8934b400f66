"""The background queue in tests: the production database backend, whose tasks run right after
the transaction that queued them commits (what a worker does a moment later), and
`run_tasks()`, the worker's own steps until nothing is ready, for tests inside a transaction
that never commits.

`run_tasks()` is the worker's loop less its `close_old_connections()`: inside a test's
transaction that call closes the connection on PostgreSQL (autocommit differs from the
settings), which would end the test's transaction."""

from __future__ import annotations

from django.db import transaction
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction


def run_tasks() -> int:
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="tests",
        excluded_queue_names=[],
    )
    count = 0
    while True:
        with exclusive_transaction(DBTaskResult.objects.db):
            task = DBTaskResult.objects.ready().get_locked()
            if task is not None:
                task.claim(worker.worker_id)
        if task is None:
            return count
        worker.run_task(task)
        count += 1


class RunOnCommitBackend(DatabaseBackend):
    def enqueue(self, task, args, kwargs):  # type: ignore[no-untyped-def]
        result = super().enqueue(task, args, kwargs)
        transaction.on_commit(run_tasks)
        return result
