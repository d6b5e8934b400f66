"""Publishing from the memo page and the organisation's certificate page."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reports import signing
from reports.models import Publication, SigningCertificate
from reports.publishing import do_publish
from tests.memo_helpers import approved_memo, correction_of, demo_certificate


def p12(password: str = "secret", days: int = 365) -> SimpleUploadedFile:
    data = signing.self_signed_p12("เทศบาลตำบลบ้านทดสอบ", password, days=days)
    return SimpleUploadedFile("org.p12", data, "application/x-pkcs12")


def test_an_admin_uploads_a_certificate_and_the_password_is_never_shown(personas):
    client = personas.client_for(personas.admin)
    response = client.post(
        "/o/ban-thotsob/signing/", {"file": p12(), "password": "secret"}, follow=True
    )
    page = response.content.decode()
    assert "บันทึกใบรับรองแล้ว" in page
    assert "secret" not in page
    assert SigningCertificate.objects.filter(organization=personas.org).exists()


def test_it_tells_a_wrong_password_in_thai_and_keeps_nothing(personas):
    client = personas.client_for(personas.admin)
    page = client.post("/o/ban-thotsob/signing/", {"file": p12(), "password": "wrong"})
    assert "รหัสผ่านไม่ถูกต้อง" in page.content.decode()
    assert not SigningCertificate.objects.exists()


def test_it_refuses_an_expired_certificate(personas):
    client = personas.client_for(personas.admin)
    page = client.post("/o/ban-thotsob/signing/", {"file": p12(days=-2), "password": "secret"})
    assert "หมดอายุ" in page.content.decode()


def test_it_is_for_admins_only(personas):
    assert personas.client_for(personas.clerk).get("/o/ban-thotsob/signing/").status_code == 403
    assert personas.client_for(personas.outsider).get("/o/ban-thotsob/signing/").status_code == 404


@pytest.fixture
def memo(personas):
    return approved_memo(personas)


def test_the_executive_publishes_an_approved_memo_signed(personas, memo):
    demo_certificate(personas.org, personas.admin)
    client = personas.client_for(personas.executive)
    response = client.post(f"/o/ban-thotsob/memos/{memo.pk}/publish/", follow=True)
    publication = Publication.objects.get(memo=memo)
    assert publication.signed
    assert f"/d/{publication.token}/" in response.content.decode()


def test_without_a_certificate_the_memo_page_explains_and_publishes_nothing(personas, memo):
    client = personas.client_for(personas.admin)
    response = client.post(f"/o/ban-thotsob/memos/{memo.pk}/publish/", follow=True)
    assert "ยังไม่มีใบรับรอง" in response.content.decode()
    assert not Publication.objects.exists()
    client.post(f"/o/ban-thotsob/memos/{memo.pk}/publish/", {"unsigned": "1"})
    assert Publication.objects.get(memo=memo).signed is False


def test_a_correction_is_published_as_a_new_version(personas, memo):
    first = do_publish(memo, actor=personas.admin, unsigned=True)
    second = correction_of(personas, memo)
    client = personas.client_for(personas.admin)
    page = client.get(f"/o/ban-thotsob/memos/{second.pk}/").content.decode()
    assert f'value="{first.token}"' in page
    client.post(
        f"/o/ban-thotsob/memos/{second.pk}/publish/", {"unsigned": "1", "supersedes": first.token}
    )
    assert Publication.objects.get(memo=second).supersedes == first


def test_it_will_not_supersede_another_organisations_document(personas, memo):
    first = do_publish(memo, actor=personas.admin, unsigned=True)
    Publication.objects.filter(pk=first.pk).update(organization=personas.other_org)
    second = correction_of(personas, memo)
    client = personas.client_for(personas.admin)
    response = client.post(
        f"/o/ban-thotsob/memos/{second.pk}/publish/",
        {"unsigned": "1", "supersedes": first.token},
        follow=True,
    )
    assert "ไม่พบฉบับที่จะแทนที่" in response.content.decode()
    assert not Publication.objects.filter(memo=second).exists()


def test_a_reader_cannot_publish_another_organisations_memo(personas, memo):
    client = personas.client_for(personas.outsider)
    assert client.post(f"/o/ban-thotsob/memos/{memo.pk}/publish/").status_code == 404
    assert not Publication.objects.exists()
