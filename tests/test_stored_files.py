"""Stored files follow their rows: a failed upload leaves no file, a replaced file goes once
the replacement is committed, and sweep_files finds and removes files no row names."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from itatrack import actions
from itatrack.actions import do_update_member, do_update_organization
from tests.helpers import image_upload


def files_under(settings, folder: str) -> list[Path]:
    return sorted((Path(settings.MEDIA_ROOT) / folder).glob("*"))


def test_an_upload_whose_transaction_fails_leaves_no_file(personas, settings):
    """The file is written as the row is saved; the audit event after it fails (as when the
    connection drops before the commit): the row is rolled back, and the file goes too."""
    with (
        mock.patch.object(actions, "record", side_effect=RuntimeError("connection lost")),
        pytest.raises(RuntimeError),
    ):
        do_update_organization(personas.org, {"emblem": image_upload("e.png")}, actor=None)
    personas.org.refresh_from_db()
    assert not personas.org.emblem
    assert files_under(settings, "emblems") == []


def test_without_the_cleanup_the_same_failure_would_leave_the_file(personas, settings):
    """The test above proves something: the file really is written before the failure."""
    from itatrack import storedfiles

    with (
        mock.patch.object(actions, "record", side_effect=RuntimeError("connection lost")),
        mock.patch.object(storedfiles, "_delete_quietly"),
        pytest.raises(RuntimeError),
    ):
        do_update_organization(personas.org, {"emblem": image_upload("e.png")}, actor=None)
    assert len(files_under(settings, "emblems")) == 1


def test_a_replaced_signature_is_deleted_after_the_commit(
    personas, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        do_update_member(personas.clerk, {"signature": image_upload("a.png")}, actor=None)
    first = personas.clerk.signature.name
    assert default_storage.exists(first)
    with django_capture_on_commit_callbacks(execute=True):
        do_update_member(personas.clerk, {"signature": image_upload("b.png")}, actor=None)
    assert not default_storage.exists(first)
    assert default_storage.exists(personas.clerk.signature.name)


def test_a_replacement_that_is_rolled_back_keeps_the_old_file(
    personas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        do_update_member(personas.clerk, {"signature": image_upload("a.png")}, actor=None)
    first = personas.clerk.signature.name
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        do_update_member(personas.clerk, {"signature": image_upload("b.png")}, actor=None)
    assert callbacks  # the delete waits for a commit that this test never makes
    assert default_storage.exists(first)


def test_sweep_files_lists_then_removes_files_no_row_names(personas, settings):
    do_update_member(personas.clerk, {"signature": image_upload("kept.png")}, actor=None)
    kept = personas.clerk.signature.name
    orphan = default_storage.save("evidence/left-behind.pdf", ContentFile(b"%PDF-1.4"))
    young = default_storage.save("evidence/just-uploaded.pdf", ContentFile(b"%PDF-1.4"))
    old = time.time() - 3 * 3600
    for name in (orphan, kept):
        os.utime(default_storage.path(name), (old, old))
    out = io.StringIO()
    call_command("sweep_files", stdout=out)
    assert orphan in out.getvalue() and kept not in out.getvalue()
    assert young not in out.getvalue()  # may be between its file and its row
    assert default_storage.exists(orphan)
    call_command("sweep_files", "--delete", stdout=io.StringIO())
    assert not default_storage.exists(orphan)
    assert default_storage.exists(kept) and default_storage.exists(young)


def test_a_stale_copy_saving_other_fields_never_deletes_the_stored_file(
    personas, django_capture_on_commit_callbacks
):
    """As a memo loaded before the worker kept its PDF, then saved for something else."""
    from reports.models import Memo
    from tests.memo_helpers import approved_memo

    memo = approved_memo(personas)
    stale = Memo.objects.get(pk=memo.pk)
    stale.pdf = ""  # what an instance loaded before the copy was kept holds
    with django_capture_on_commit_callbacks(execute=True):
        stale.save(update_fields=["updated_at"])
    assert default_storage.exists(memo.pdf.name)
