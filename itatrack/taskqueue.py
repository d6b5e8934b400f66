"""The background queue kept healthy: tasks a dead worker left RUNNING are run again (or failed
after a few tries), a task's failure is said in one line, and the worker loop survives a
dropped database connection instead of exiting.

The queue is django-tasks' database backend; `manage.py worker` runs the loop below. Its steps
are django-tasks-db's own (`db_worker`), with the recovery and the reconnection added."""

from __future__ import annotations

import datetime as dt
import logging
import time

from django.conf import settings
from django.db import (
    DatabaseError,
    InterfaceError,
    OperationalError,
    close_old_connections,
    connections,
    transaction,
)
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

log = logging.getLogger(__name__)
# A task claimed this many times without finishing (its worker killed each time: out of
# memory, a segfault in a library) is failed instead of claimed again.
MAX_CLAIMS = 3
RECOVER_EVERY_SECONDS = 30
STOPPED = "itatrack.taskqueue.WorkerStopped"


class WorkerStopped(Exception):
    """The worker running a task stopped (was killed) before the task finished."""


def task_failure(task: DBTaskResult) -> str:
    """The exception's class and message, from the last line of the stored traceback."""
    lines = [line for line in task.traceback.strip().splitlines() if line.strip()]
    return (lines[-1] if lines else task.exception_class_path.rsplit(".", 1)[-1])[:300]


def is_stale(task: DBTaskResult, now: dt.datetime | None = None) -> bool:
    """RUNNING, and claimed longer ago than TASK_LEASE_SECONDS: its worker is gone."""
    return (
        task.status == TaskResultStatus.RUNNING
        and task.started_at is not None
        and task.started_at < _lease_start(now)
    )


def _lease_start(now: dt.datetime | None) -> dt.datetime:
    return (now or timezone.now()) - dt.timedelta(seconds=settings.TASK_LEASE_SECONDS)


def recover_stale(now: dt.datetime | None = None) -> tuple[int, int]:
    """Stale tasks (is_stale) are made ready again, or failed once they have been claimed
    MAX_CLAIMS times. Returns (run again, failed)."""
    now = now or timezone.now()
    again = failed = 0
    with transaction.atomic():
        stale = DBTaskResult.objects.select_for_update().filter(
            status=TaskResultStatus.RUNNING, started_at__lt=_lease_start(now)
        )
        for task in stale:
            if len(task.worker_ids) >= MAX_CLAIMS:
                task.status = TaskResultStatus.FAILED
                task.finished_at = now
                task.exception_class_path = STOPPED
                task.traceback = (
                    f"{STOPPED}: the worker stopped {len(task.worker_ids)} times while running "
                    "this task; it is not tried again by itself"
                )
                task.save(
                    update_fields=["status", "finished_at", "exception_class_path", "traceback"]
                )
                failed += 1
            else:
                task.status = TaskResultStatus.READY
                task.started_at = None
                task.save(update_fields=["status", "started_at"])
                again += 1
    if again or failed:
        log.warning(
            "tasks left running by a stopped worker: %s run again, %s failed", again, failed
        )
    return again, failed


class ResilientWorker(Worker):
    def run(self) -> None:
        log.info("Starting worker %s", self.worker_id)
        recovered_at = 0.0
        pause = self.interval or 0.5
        while self.running:
            try:
                if time.monotonic() - recovered_at > RECOVER_EVERY_SECONDS:
                    recover_stale()
                    recovered_at = time.monotonic()
                done = self._step()
            except OperationalError as exc:
                if not is_locked_database_exception(exc):
                    self._reconnect(exc, pause)
                    pause = min(pause * 2, 30)
                    continue
                done = None  # busy: try again at once
            except (DatabaseError, InterfaceError) as exc:
                # InterfaceError: a query on a connection the server already closed (outside
                # a transaction Django does not drop it by itself)
                self._reconnect(exc, pause)
                pause = min(pause * 2, 30)
                continue
            pause = self.interval or 0.5
            if done is False:  # nothing was ready
                if self.batch:
                    return
                time.sleep(self.interval)
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                return

    def _reconnect(self, exc: Exception, pause: float) -> None:
        """The connection dropped (a database restart, a network blip): close it, wait, and go
        on with a new one; a task it held stays RUNNING until its lease runs out."""
        log.warning("database error in the worker, reconnecting: %s", exc)
        for connection in connections.all():
            connection.close()
        time.sleep(pause)

    def _step(self) -> bool | None:
        """Claim one ready task and run it: True when one ran, False when none was ready."""
        close_old_connections()
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        with exclusive_transaction(tasks.db):
            task = tasks.get_locked()
            if task is not None:
                task.claim(self.worker_id)
        if task is None:
            return False
        self.run_task(task)
        close_old_connections()
        return True
