"""Background work that always ends: every way the final copy can fail (layout, storage, the
database, a worker killed mid-task) shows its reason and a retry on the memo page, a task left
running by a dead worker runs again, and the worker survives a dropped database connection."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from itatrack import taskqueue
from reports.models import Memo
from tests.test_final_copy import _approve
from tests.worker import run_tasks

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frameworks")]


def page_of(personas, memo: Memo) -> str:
    client = personas.client_for(personas.clerk)
    return client.get(reverse("memo_detail", args=[personas.org.slug, memo.pk])).content.decode()


def stored_pdfs(settings) -> list[Path]:
    return list((Path(settings.MEDIA_ROOT) / "memos").glob("*.pdf"))


def retry(personas, memo: Memo) -> None:
    client = personas.client_for(personas.clerk)
    assert client.post(reverse("memo_final", args=[personas.org.slug, memo.pk])).status_code == 302
    run_tasks()
    memo.refresh_from_db()
    assert memo.pdf and not memo.final_pending


def test_a_storage_that_cannot_be_written_says_so_and_can_be_retried(personas, settings):
    memo = _approve(personas)
    with mock.patch(
        "reports.final.default_storage.save", side_effect=OSError(30, "Read-only file system")
    ):
        run_tasks()
    memo.refresh_from_db()
    assert memo.final_pending and "Read-only file system" in memo.final_error
    page = page_of(personas, memo)
    assert "บันทึกไฟล์ PDF ฉบับจริงลงที่เก็บไฟล์ไม่ได้" in page and "จัดทำฉบับจริงอีกครั้ง" in page
    assert stored_pdfs(settings) == []
    retry(personas, memo)


def test_a_database_that_drops_while_recording_leaves_no_file_and_says_why(personas, settings):
    memo = _approve(personas)
    dropped = OperationalError("server closed the connection unexpectedly")
    with mock.patch("reports.final._record", side_effect=dropped):
        run_tasks()
    memo.refresh_from_db()
    assert "บันทึกฉบับจริงลงฐานข้อมูลไม่ได้" in memo.final_error
    assert "server closed the connection" in page_of(personas, memo)
    assert stored_pdfs(settings) == []
    retry(personas, memo)


def test_a_failed_task_whose_reason_could_not_be_written_still_shows_it(personas):
    """The database was gone for the memo's own record too: the task's failure tells."""
    memo = _approve(personas)
    DBTaskResult.objects.filter(id=memo.final_task_id).update(
        status="FAILED",
        exception_class_path="django.db.utils.InterfaceError",
        traceback="Traceback …\ndjango.db.utils.InterfaceError: connection already closed\n",
    )
    page = page_of(personas, memo)
    assert "จัดทำฉบับจริงไม่สำเร็จ" in page and "connection already closed" in page
    assert "จัดทำฉบับจริงอีกครั้ง" in page
    retry(personas, memo)


def killed_mid_task(memo: Memo, minutes_ago: int, claims: int = 1) -> DBTaskResult:
    """The task as a worker killed (SIGKILL) while rendering leaves it."""
    task = DBTaskResult.objects.get(id=memo.final_task_id)
    task.status = "RUNNING"
    task.started_at = timezone.now() - dt.timedelta(minutes=minutes_ago)
    task.worker_ids = [f"killed-{n}" for n in range(claims)]
    task.save()
    return task


def test_a_copy_whose_worker_was_killed_is_said_stuck_then_run_again(personas, settings):
    settings.TASK_LEASE_SECONDS = 300
    memo = _approve(personas)
    task = killed_mid_task(memo, minutes_ago=2)
    assert "กำลังจัดทำฉบับจริง" in page_of(personas, memo)  # within its lease: still working
    killed_mid_task(memo, minutes_ago=6)
    assert "เครื่องทำงานเบื้องหลังหยุดไประหว่างจัดทำ" in page_of(personas, memo)
    assert taskqueue.recover_stale() == (1, 0)
    task.refresh_from_db()
    assert task.status == "READY"
    run_tasks()
    memo.refresh_from_db()
    assert memo.pdf and not memo.final_pending


def test_a_task_that_kills_its_worker_each_time_is_failed_not_retried_forever(personas):
    memo = _approve(personas)
    killed_mid_task(memo, minutes_ago=10, claims=taskqueue.MAX_CLAIMS)
    assert taskqueue.recover_stale() == (0, 1)
    page = page_of(personas, memo)
    assert "จัดทำฉบับจริงไม่สำเร็จ" in page and "worker stopped 3 times" in page


@pytest.mark.django_db(transaction=True)
def test_the_worker_survives_a_dropped_database_connection(personas, frameworks):
    memo = _approve(personas)
    real = taskqueue.exclusive_transaction
    calls = {"n": 0}

    def drops_once(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real(*args, **kwargs)

    with mock.patch("itatrack.taskqueue.exclusive_transaction", side_effect=drops_once):
        call_command("worker", "--batch", "--interval", "0", "--no-startup-delay", verbosity=0)
    assert calls["n"] >= 2  # it went on after the error
    memo.refresh_from_db()
    assert memo.pdf and not memo.final_pending


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_again_a_task_left_running_when_it_starts(personas, frameworks):
    memo = _approve(personas)
    killed_mid_task(memo, minutes_ago=30)
    call_command("worker", "--batch", "--interval", "0", "--no-startup-delay", verbosity=0)
    memo.refresh_from_db()
    assert memo.pdf
