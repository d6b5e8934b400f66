"""The final copy of an approved memo, kept once and never re-rendered.

The approval transaction takes a snapshot of the memo as approved (its HTML: templating only,
no layout) and queues a task in the same transaction. The worker lays the snapshot out as PDF
with no lock held, writes the file, and records it with one conditional update; a failure
leaves no file and says why on the memo page, where it can be queued again."""

from __future__ import annotations

import hashlib
import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, InterfaceError, connection, transaction
from django.utils.translation import gettext as _
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from itatrack.taskqueue import is_stale, task_failure
from itatrack.templatetags.thai import thai_datetime
from reports import memofiles, pdf
from reports.models import Memo
from reports.models.memos import memo_pdf_path
from reports.models.publications import new_token
from reports.plaintext import lines_of

log = logging.getLogger(__name__)


def snapshot(memo: Memo) -> None:
    """Inside the approving transaction, after the memo is marked approved: freeze what was
    approved and queue its layout."""
    memo.public_token = new_token()  # the kept copy carries its verification link
    html = pdf.render_html(memo)
    memo.final_html = html
    memo.final_text = "\n".join(lines_of(html))
    memo.final_error = ""
    memo.final_task_id = str(keep_final_copy.enqueue(memo.pk).id)
    memo.save(
        update_fields=["public_token", "final_html", "final_text", "final_error", "final_task_id"]
    )


def requeue(memo: Memo) -> None:
    task_id = str(keep_final_copy.enqueue(memo.pk).id)
    Memo.objects.filter(pk=memo.pk).update(final_error="", final_task_id=task_id)


def problem(memo: Memo) -> str:
    """Why the final copy will not come by itself ("" while it is on its way): its layout,
    storage or database failed, or the worker died holding it, or its task is gone."""
    if not memo.final_pending:
        return ""
    if memo.final_error:
        return memo.final_error
    task = (
        DBTaskResult.objects.filter(id=memo.final_task_id).first() if memo.final_task_id else None
    )
    if task is None:
        return _("ไม่พบงานจัดทำฉบับจริงในคิวของระบบ กรุณาส่งจัดทำอีกครั้ง") if memo.final_task_id else ""
    if task.status == TaskResultStatus.FAILED:
        return _("จัดทำฉบับจริงไม่สำเร็จ: %(error)s") % {"error": task_failure(task)}
    if is_stale(task):
        return _(
            "เครื่องทำงานเบื้องหลังหยุดไประหว่างจัดทำ (เริ่มเมื่อ %(when)s) ระบบจะลองใหม่เอง หรือกดส่งจัดทำอีกครั้งได้"
        ) % {"when": thai_datetime(task.started_at)}
    return ""


@task()
def keep_final_copy(memo_pk: int) -> bool:
    """Run by `manage.py worker`."""
    return keep(memo_pk)


def keep(memo_pk: int) -> bool:
    """The worker's part. True when this call kept the copy; False when there was nothing to
    do (kept already, by an earlier run or another worker). Any failure (layout, storage, the
    database) leaves no file and is written on the memo with its reason, then raised."""
    memo = Memo.objects.filter(pk=memo_pk).first()
    if memo is None or not memo.final_pending or not memo.final_html:
        return False
    try:
        # the documents uploaded to the memo (fixed since its submission) are read before the
        # long layout, so that the layout holds no database work
        documents = memofiles.contents(memo)
        content = pdf.append_documents(
            pdf.render_from_html(memo.final_html, use_cache=False), documents
        )
    except Exception as exc:
        _fail(memo_pk, _("จัดทำไฟล์ PDF ฉบับจริงไม่สำเร็จ: %(error)s"), exc)
        raise
    try:
        name = default_storage.save(memo_pdf_path(memo, ""), ContentFile(content))
    except Exception as exc:
        _fail(memo_pk, _("บันทึกไฟล์ PDF ฉบับจริงลงที่เก็บไฟล์ไม่ได้: %(error)s"), exc)
        raise
    try:
        kept = _record(memo_pk, name, content)
    except BaseException as exc:
        default_storage.delete(name)
        if isinstance(exc, Exception):
            _fail(memo_pk, _("บันทึกฉบับจริงลงฐานข้อมูลไม่ได้: %(error)s"), exc)
        raise
    if not kept:
        default_storage.delete(name)
    return bool(kept)


def _record(memo_pk: int, name: str, content: bytes) -> int:
    """One conditional update: another worker that kept it first wins, this one keeps none."""
    with transaction.atomic():
        return Memo.objects.filter(pk=memo_pk, pdf="", status=Memo.Status.APPROVED).update(
            pdf=name,
            pdf_sha256=hashlib.sha256(content).hexdigest(),
            final_html="",
            final_error="",
        )


def _fail(memo_pk: int, words: str, exc: Exception) -> None:
    """Say why on the memo. The database itself may be what failed: the connection is dropped
    and opened again for this one write; if that fails too, the task's own failure (or its
    lease running out) tells the memo page instead."""
    log.exception("final copy of memo %s failed", memo_pk)
    reason = (words % {"error": f"{type(exc).__name__}: {exc}"})[:500]
    try:
        Memo.objects.filter(pk=memo_pk).update(final_error=reason)
    except (DatabaseError, InterfaceError):  # InterfaceError: the connection is gone already
        connection.close()
        try:
            Memo.objects.filter(pk=memo_pk).update(final_error=reason)
        except (DatabaseError, InterfaceError):
            log.exception("could not record why the final copy of memo %s failed", memo_pk)
