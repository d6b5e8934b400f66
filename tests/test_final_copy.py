"""The final copy of an approved memo is laid out by the background worker, never inside the
approval's row lock, from a snapshot taken at the approval."""

from __future__ import annotations

import hashlib
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from itatrack.models import AuditEvent
from reports import final
from reports.access import current_step
from reports.actions import Decision, do_decide, do_submit_memo
from reports.models import Memo
from tests.memo_helpers import analysis_memo
from tests.worker import run_tasks

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frameworks")]


def _approve(personas) -> Memo:
    memo = analysis_memo(personas, 2)
    do_submit_memo(memo, actor=personas.clerk)
    for actor in (personas.reviewer, personas.executive):
        memo.refresh_from_db()
        do_decide(current_step(memo), Decision.APPROVE, "เห็นชอบ", actor=actor)
    memo.refresh_from_db()
    return memo


def _stored_pdfs(settings) -> list[Path]:
    return list((Path(settings.MEDIA_ROOT) / "memos").glob("*.pdf"))


def test_the_final_approval_lays_out_nothing_and_queues_the_copy(personas, settings):
    with mock.patch("reports.pdf.render_from_html", side_effect=AssertionError("in the lock")):
        memo = _approve(personas)
    assert memo.status == Memo.Status.APPROVED
    assert memo.final_pending and memo.final_html and memo.public_token
    task = DBTaskResult.objects.get(task_path="reports.final.keep_final_copy")
    assert task.args_kwargs["args"] == [memo.pk]
    assert _stored_pdfs(settings) == []


def test_the_worker_keeps_the_copy_once(personas, settings):
    memo = _approve(personas)
    run_tasks()
    memo.refresh_from_db()
    assert not memo.final_pending and memo.final_html == "" and memo.final_error == ""
    content = memo.pdf.read()
    assert content.startswith(b"%PDF") and memo.pdf_sha256 == hashlib.sha256(content).hexdigest()
    assert final.keep(memo.pk) is False  # a second run (another worker) keeps nothing twice
    assert len(_stored_pdfs(settings)) == 1


@pytest.mark.django_db(transaction=True)
def test_the_production_worker_command_runs_the_queue(personas):
    # Committed rows, as in production: the command's close_old_connections() would end a
    # test transaction on PostgreSQL.
    memo = _approve(personas)
    call_command("db_worker", "--batch", "--interval", "0", "--no-startup-delay", verbosity=0)
    memo.refresh_from_db()
    task = DBTaskResult.objects.get(task_path="reports.final.keep_final_copy")
    assert memo.pdf and task.status == "SUCCESSFUL"


def test_the_memo_page_says_the_copy_is_being_made(personas):
    memo = _approve(personas)
    client = personas.client_for(personas.clerk)
    page = client.get(reverse("memo_detail", args=[personas.org.slug, memo.pk]))
    text = page.content.decode()
    assert "กำลังจัดทำฉบับจริง" in text
    assert reverse("memo_final", args=[personas.org.slug, memo.pk]) in text  # it polls
    assert "ลงนามและเผยแพร่" not in text  # nothing to publish yet
    response = client.get(reverse("memo_pdf", args=[personas.org.slug, memo.pk]))
    assert response.status_code == 302
    follow = client.get(response["Location"])
    assert "กำลังจัดทำไฟล์ PDF ฉบับจริง" in follow.content.decode()


def test_the_polling_partial_reloads_the_page_once_the_copy_is_kept(personas):
    memo = _approve(personas)
    client = personas.client_for(personas.reviewer)
    url = reverse("memo_final", args=[personas.org.slug, memo.pk])
    waiting = client.get(url, headers={"HX-Request": "true"})
    assert waiting.status_code == 200 and "hx-trigger" in waiting.content.decode()
    run_tasks()
    done = client.get(url, headers={"HX-Request": "true"})
    assert done.headers["HX-Refresh"] == "true"


def test_a_failed_layout_leaves_no_file_says_why_and_can_be_queued_again(personas, settings):
    memo = _approve(personas)
    with mock.patch("reports.pdf.render_from_html", side_effect=RuntimeError("ไม่พบแบบอักษร")):
        run_tasks()
    memo.refresh_from_db()
    assert memo.final_pending and "ไม่พบแบบอักษร" in memo.final_error
    assert _stored_pdfs(settings) == []
    client = personas.client_for(personas.clerk)
    page = client.get(reverse("memo_detail", args=[personas.org.slug, memo.pk])).content.decode()
    assert "จัดทำฉบับจริงไม่สำเร็จ" in page and "ไม่พบแบบอักษร" in page
    response = client.post(reverse("memo_final", args=[personas.org.slug, memo.pk]))
    assert response.status_code == 302
    assert AuditEvent.objects.filter(verb="memo.final_requeue").count() == 1
    run_tasks()
    memo.refresh_from_db()
    assert memo.pdf and memo.final_error == ""


def test_a_failure_after_the_file_is_written_leaves_no_file(personas, settings):
    memo = _approve(personas)
    with mock.patch("reports.final.hashlib.sha256", side_effect=RuntimeError("disk")):
        run_tasks()
    memo.refresh_from_db()
    assert memo.final_pending and not memo.pdf
    assert _stored_pdfs(settings) == []


def test_an_executive_cannot_queue_a_copy_again(personas):
    memo = _approve(personas)
    client = personas.client_for(personas.executive)
    response = client.post(reverse("memo_final", args=[personas.org.slug, memo.pk]))
    assert response.status_code == 403
