"""do_publish: the kept final copy, signed, at a stable link; corrections are new versions."""

from __future__ import annotations

import hashlib
import json

import pytest
from django.test import Client

from itatrack.actions import ActionError
from itatrack.models import AuditEvent
from reports.models import Memo, Publication
from reports.publishing import do_publish
from tests.memo_helpers import analysis_memo, approved_memo, correction_of, demo_certificate


@pytest.fixture
def memo(personas):
    memo = approved_memo(personas)
    demo_certificate(personas.org, personas.admin)
    return memo


def test_it_publishes_the_kept_copy_signed_with_its_hash(personas, memo):
    publication = do_publish(memo, actor=personas.admin)
    with publication.pdf.open("rb") as handle:
        content = handle.read()
    assert publication.sha256 == hashlib.sha256(content).hexdigest()
    assert publication.signed and "บ้านทดสอบ" in publication.signer_subject
    with memo.pdf.open("rb") as handle:
        assert content.startswith(handle.read())  # an incremental signature: the kept copy + sig
    assert publication.fiscal_year == 2566 and publication.oit_code == "O42"
    assert len(publication.token) >= 16
    assert AuditEvent.objects.filter(verb="memo.publish", organization=personas.org).exists()


def test_it_publishes_corrects_and_republishes_keeping_both_listed(personas, memo, client):
    first = do_publish(memo, actor=personas.admin)
    second_memo = correction_of(personas, memo)
    second = do_publish(second_memo, actor=personas.admin, supersedes=first)
    assert (second.version, second.supersedes) == (2, first)
    assert first.sha256 != second.sha256
    first.refresh_from_db()
    assert not first.is_current and second.is_current

    page = client.get(f"/p/{personas.org.slug}/").content.decode()
    for publication in (first, second):
        assert f"/d/{publication.token}/" in page
        verify = client.get(f"/v/{publication.memo.public_token}/").content.decode()
        assert publication.sha256 in verify  # under the technical details
    assert "มีฉบับแก้ไขแทนแล้ว" in page
    rows = json.loads(client.get(f"/p/{personas.org.slug}/documents.json").content)["documents"]
    assert {(r["sha256"], r["version"], r["superseded"]) for r in rows} == {
        (first.sha256, 1, True),
        (second.sha256, 2, False),
    }
    old = client.get(f"/d/{first.token}/").content.decode()
    assert f"/d/{second.token}/" in old  # the old version points to its correction


def test_it_refuses_to_publish_the_same_memo_twice(personas, memo):
    do_publish(memo, actor=personas.admin)
    with pytest.raises(ActionError, match="เผยแพร่แล้ว"):
        do_publish(memo, actor=personas.admin)


def test_it_refuses_to_supersede_a_version_twice(personas, memo):
    first = do_publish(memo, actor=personas.admin)
    do_publish(correction_of(personas, memo), actor=personas.admin, supersedes=first)
    with pytest.raises(ActionError, match="ถูกแทนที่ไปแล้ว"):
        do_publish(correction_of(personas, memo), actor=personas.admin, supersedes=first)


def test_it_refuses_a_memo_that_is_not_approved(personas):
    draft = analysis_memo(personas, 1)
    with pytest.raises(ActionError, match="อนุมัติแล้ว"):
        do_publish(draft, actor=personas.admin, unsigned=True)
    assert not Publication.objects.exists()


def test_it_needs_an_explicit_choice_to_publish_without_a_certificate(personas):
    memo = approved_memo(personas)
    with pytest.raises(ActionError, match="ยังไม่มีใบรับรอง"):
        do_publish(memo, actor=personas.admin)
    publication = do_publish(memo, actor=personas.admin, unsigned=True)
    assert not publication.signed


def test_it_treats_an_expired_certificate_as_missing(personas, memo):
    from reports.models import SigningCertificate

    SigningCertificate.objects.filter(organization=personas.org).update(
        not_after="2020-01-01T00:00Z"
    )
    with pytest.raises(ActionError, match="หมดอายุ"):
        do_publish(memo, actor=personas.admin)


def test_it_shows_an_unsigned_publication_as_such_to_the_public(personas, client):
    memo = approved_memo(personas)
    publication = do_publish(memo, actor=personas.admin, unsigned=True)
    assert "เผยแพร่โดยไม่ลงนาม" in client.get(f"/p/{personas.org.slug}/").content.decode()
    assert "เผยแพร่โดยไม่ลงนาม" in client.get(f"/v/{memo.public_token}/").content.decode()
    assert publication.memo.status == Memo.Status.APPROVED


def test_its_html_text_version_has_the_whole_kept_copy_including_the_measures(personas, memo):
    publication = do_publish(memo, actor=personas.admin)
    page = Client().get(f"/d/{publication.token}/").content.decode()
    assert f"เรียน {memo.addressee}" in publication.text
    assert "มาตรการที่ ๑ ส่งเสริมความโปร่งใสในการดำเนินงานของหน่วยงาน" in page
    assert "ขั้นตอนที่ ๓ ดำเนินการตามแผนและรายงานผลต่อผู้บริหาร" in page
    assert "นายบริหาร ทดสอบ" in page  # the approvers' sign-offs are part of the copy
