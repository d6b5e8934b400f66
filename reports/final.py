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
from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import task

from reports import pdf
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
    memo.save(update_fields=["public_token", "final_html", "final_text", "final_error"])
    keep_final_copy.enqueue(memo.pk)


def requeue(memo: Memo) -> None:
    Memo.objects.filter(pk=memo.pk).update(final_error="")
    keep_final_copy.enqueue(memo.pk)


@task()
def keep_final_copy(memo_pk: int) -> bool:
    """Run by `manage.py db_worker`."""
    return keep(memo_pk)


def keep(memo_pk: int) -> bool:
    """The worker's part. True when this call kept the copy; False when there was nothing to
    do (kept already, by an earlier run or another worker)."""
    memo = Memo.objects.filter(pk=memo_pk).first()
    if memo is None or not memo.final_pending or not memo.final_html:
        return False
    try:
        content = pdf.render_from_html(memo.final_html, use_cache=False)
    except Exception as exc:
        log.exception("final copy of memo %s failed", memo_pk)
        reason = _("จัดทำไฟล์ PDF ฉบับจริงไม่สำเร็จ: %(error)s") % {"error": str(exc)[:300]}
        Memo.objects.filter(pk=memo_pk).update(final_error=reason)
        raise
    name = default_storage.save(memo_pdf_path(memo, ""), ContentFile(content))
    try:
        with transaction.atomic():
            kept = Memo.objects.filter(pk=memo_pk, pdf="", status=Memo.Status.APPROVED).update(
                pdf=name,
                pdf_sha256=hashlib.sha256(content).hexdigest(),
                final_html="",
                final_error="",
            )
    except BaseException:
        default_storage.delete(name)
        raise
    if not kept:
        default_storage.delete(name)
    return bool(kept)
