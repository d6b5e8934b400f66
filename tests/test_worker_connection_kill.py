"""On PostgreSQL, the real fault: the worker's database connection is killed while it makes a
final copy. The worker stays up, the memo page says why and offers the retry, and the retried
copy is kept by the same worker."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from reports import final
from reports.models import Memo
from tests.test_final_copy import _approve

ROOT = Path(__file__).resolve().parents[1]
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("frameworks")]


def wait_until(check, seconds: float = 60):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if result := check():
            return result
        time.sleep(0.05)
    raise AssertionError(f"not within {seconds} s: {check.__doc__}")


@pytest.fixture
def worker(settings):
    if connection.vendor != "postgresql":
        pytest.skip("kills a PostgreSQL backend (pg_terminate_backend)")
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        f"/{db['NAME']}",
        "DJANGO_SETTINGS_MODULE": "itatrack.settings",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "ITATRACK_DATA_DIR": str(Path(settings.MEDIA_ROOT).parent / "data"),
        "DEBUG": "0",
        "SITE_URL": "http://127.0.0.1:8000",  # production refuses to start without it
        "LOG_LEVEL": "WARNING",
    }
    process = subprocess.Popen(
        [sys.executable, "manage.py", "worker", "--interval", "0.1", "--no-startup-delay"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    yield process
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()


def kill_other_backends() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return len(cursor.fetchall())


def test_the_worker_survives_its_connection_killed_mid_task(worker, personas):
    with mock.patch("tests.worker.run_tasks"):  # the queue is the subprocess's, not ours
        memo = _approve(personas)
    task = DBTaskResult.objects.get(id=memo.final_task_id)

    def running():
        """the worker has claimed the final copy"""
        task.refresh_from_db()
        return task.status == "RUNNING"

    wait_until(running)
    assert kill_other_backends() >= 1

    def ended():
        """the final copy was kept, or said why it was not"""
        fresh = Memo.objects.get(pk=memo.pk)
        return fresh.pdf or final.problem(fresh) or None

    if isinstance(wait_until(ended), str):  # the kill hit it: the page says why; retry
        final.requeue(Memo.objects.get(pk=memo.pk))
        wait_until(lambda: Memo.objects.get(pk=memo.pk).pdf)
    assert worker.poll() is None, worker.stderr.read() if worker.stderr else ""
    memo.refresh_from_db()
    assert memo.pdf and not memo.final_pending
