"""The background queue in tests: the production database backend, whose tasks run right after
the transaction that queued them commits (what a worker does a moment later), and
`run_tasks()`, the worker's own loop until the queue is empty, for tests inside a transaction
that never commits."""

from __future__ import annotations

from django.db import transaction
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker


def run_tasks() -> None:
    Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="tests",
        excluded_queue_names=[],
    ).run()


class RunOnCommitBackend(DatabaseBackend):
    def enqueue(self, task, args, kwargs):  # type: ignore[no-untyped-def]
        result = super().enqueue(task, args, kwargs)
        transaction.on_commit(run_tasks)
        return result
