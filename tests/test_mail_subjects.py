"""A line break typed into a memo's เรื่อง (or any text that ends up in a mail subject) never
turns a saved change into an error page."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from itatrack.mail import safe_subject
from reports.models import Memo
from tests.memo_helpers import analysis_memo, memo_edit_data


@pytest.fixture
def memo(personas, frameworks):
    return analysis_memo(personas)


def test_the_memo_form_refuses_a_line_break_in_its_subject_and_keeps_the_memo(personas, memo):
    client = personas.client_for(personas.clerk)
    url = reverse("memo_edit", args=[personas.org.slug, memo.pk])
    data = memo_edit_data(personas, client.get(url).context["form"], subject="บรรทัดแรก\r\nบรรทัดสอง")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "ช่องนี้ต้องเป็นข้อความบรรทัดเดียว" in response.content.decode()
    assert Memo.objects.get(pk=memo.pk).subject == memo.subject


def test_a_subject_saved_with_a_line_break_still_submits_and_mails(
    personas, memo, django_capture_on_commit_callbacks
):
    """Rows written before the form refused line breaks, or by an import."""
    Memo.objects.filter(pk=memo.pk).update(subject="รายงานผล\nการประเมิน\r\nBcc: x@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = personas.client_for(personas.clerk).post(
            reverse("memo_submit", args=[personas.org.slug, memo.pk])
        )
    assert response.status_code == 302
    assert Memo.objects.get(pk=memo.pk).status == Memo.Status.SUBMITTED
    assert mail.outbox, "the first approver is told"
    subject = mail.outbox[-1].subject
    assert "\n" not in subject and "\r" not in subject
    assert "รายงานผล การประเมิน Bcc: x@example.org" in subject
    assert "Bcc" not in mail.outbox[-1].message().as_string().split("\n\n", 1)[0].replace(
        subject, ""
    )


def test_safe_subject_makes_one_short_line():
    assert safe_subject("ก\n\tข \r\n ค") == "ก ข ค"
    long = safe_subject("ก" * 500)
    assert len(long) <= 200 and long.endswith("…")
