"""Publishing signs with no lock held and writes its file before one short transaction: a
failure anywhere leaves neither a publication row nor a stored file."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest
from django.db import connection

from itatrack.actions import ActionError
from reports import signing
from reports.models import Publication
from reports.publishing import do_publish
from tests.memo_helpers import approved_memo, demo_certificate

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frameworks")]


def _published_files(settings) -> list[Path]:
    return list((Path(settings.MEDIA_ROOT) / "published").glob("*"))


def test_a_failure_after_the_file_is_written_leaves_no_file_and_no_row(personas, settings):
    memo = approved_memo(personas)
    with (
        mock.patch("reports.publishing.record", side_effect=RuntimeError("audit down")),
        pytest.raises(RuntimeError),
    ):
        do_publish(memo, actor=personas.admin, unsigned=True)
    assert not Publication.objects.exists()
    assert _published_files(settings) == []
    publication = do_publish(memo, actor=personas.admin, unsigned=True)  # and it can be redone
    assert publication.pdf.read().startswith(b"%PDF")
    assert len(_published_files(settings)) == 1


def test_signing_runs_before_any_transaction_or_lock(personas):
    memo = approved_memo(personas)
    demo_certificate(personas.org, personas.admin)
    outside = len(connection.atomic_blocks)  # the test's own wrapping
    seen = []
    real_sign = signing.sign

    def sign(*args, **kwargs):
        seen.append(len(connection.atomic_blocks))
        return real_sign(*args, **kwargs)

    with mock.patch("reports.signing.sign", side_effect=sign):
        publication = do_publish(memo, actor=personas.admin)
    assert seen == [outside] and publication.signed


def test_a_second_publication_is_refused_and_writes_no_file(personas, settings):
    memo = approved_memo(personas)
    do_publish(memo, actor=personas.admin, unsigned=True)
    with pytest.raises(ActionError, match="เผยแพร่แล้ว"):
        do_publish(memo, actor=personas.admin, unsigned=True)
    assert len(_published_files(settings)) == 1


def test_a_member_of_another_body_cannot_publish(personas):
    memo = approved_memo(personas)
    with pytest.raises(ActionError):
        do_publish(memo, actor=personas.outsider, unsigned=True)
    assert not Publication.objects.exists()
