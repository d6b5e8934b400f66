"""A mail server that is down never fails a request: the mail is a row written with the change,
the worker retries it, and it goes out when the server is back. Staff see each mail's state
and an admin can send it again."""

from __future__ import annotations

import datetime as dt
from email.header import decode_header, make_header

import pytest
import time_machine
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from django.urls import reverse

from itatrack.models import AuditEvent, Invitation, OutgoingMail
from reports.actions import do_submit_memo
from tests.memo_helpers import analysis_memo
from tests.servers import free_port
from tests.test_member_views import add_url, new_member
from tests.worker import run_tasks


class Inbox(Message):
    def __init__(self) -> None:
        super().__init__()
        self.messages = []

    def handle_message(self, message) -> None:
        self.messages.append(message)


@pytest.fixture
def smtp_down(settings):
    """SMTP settings pointing at a port nobody listens on; start() brings a server up there."""
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    settings.EMAIL_USE_TLS = False
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    inbox.start = controller.start
    yield inbox
    if controller._thread is not None:
        controller.stop()


def later(minutes: int):
    return time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=minutes))


def test_inviting_a_member_while_mail_is_down_answers_302_and_sends_when_it_is_back(
    personas, smtp_down, django_capture_on_commit_callbacks
):
    client = personas.client_for(personas.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(add_url(personas), new_member())
    assert response.status_code == 302
    invitation = Invitation.objects.get(user__username="somsri")
    outgoing = OutgoingMail.objects.about(invitation).get()
    assert outgoing.state == OutgoingMail.State.QUEUED and outgoing.attempts == 1
    assert "ConnectionRefused" in outgoing.last_error and outgoing.next_attempt_at

    page = client.get(reverse("member_list", args=[personas.org.slug])).content.decode()
    assert "รอส่ง" in page and "ConnectionRefused" in page and "จะลองอีกครั้ง" in page

    smtp_down.start()
    with later(2):
        run_tasks()
    outgoing.refresh_from_db()
    assert outgoing.state == OutgoingMail.State.SENT and outgoing.sent_at
    assert [m["To"] for m in smtp_down.messages] == ["somsri@example.org"]
    subject = str(make_header(decode_header(smtp_down.messages[0]["Subject"])))
    assert subject == outgoing.subject and "itatrack" in subject


def test_submitting_a_memo_while_mail_is_down_is_saved_and_the_approver_told_later(
    personas, smtp_down, django_capture_on_commit_callbacks
):
    memo = analysis_memo(personas, 1)
    with django_capture_on_commit_callbacks(execute=True):
        response = personas.client_for(personas.clerk).post(
            reverse("memo_submit", args=[personas.org.slug, memo.pk])
        )
    assert response.status_code == 302
    memo.refresh_from_db()
    assert memo.status == "submitted"
    outgoing = OutgoingMail.objects.about(memo).get()
    assert outgoing.to == personas.reviewer.user.email and outgoing.last_error
    smtp_down.start()
    with later(2):
        run_tasks()
    assert len(smtp_down.messages) == 1


def test_a_mail_that_keeps_failing_ends_as_failed_and_an_admin_resends_it(
    personas, smtp_down, django_capture_on_commit_callbacks
):
    memo = analysis_memo(personas, 1)
    do_submit_memo(memo, actor=personas.clerk)
    outgoing = OutgoingMail.objects.about(memo).get()
    minutes = 0
    for _ in range(7):  # the first try and six retries, each after its pause
        minutes += 13 * 60
        with later(minutes):
            run_tasks()
    outgoing.refresh_from_db()
    assert outgoing.state == OutgoingMail.State.FAILED and outgoing.attempts == 7
    url = reverse("memo_detail", args=[personas.org.slug, memo.pk])
    page = personas.client_for(personas.admin).get(url).content.decode()
    assert "ส่งไม่สำเร็จ" in page and "ส่งอีกครั้ง" in page
    clerk_page = personas.client_for(personas.clerk).get(url).content.decode()
    assert "ส่งไม่สำเร็จ" in clerk_page and "ส่งอีกครั้ง" not in clerk_page

    smtp_down.start()
    resend = reverse("mail_resend", args=[personas.org.slug, outgoing.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = personas.client_for(personas.admin).post(resend, {"next": url})
    assert response.status_code == 302 and response["Location"] == url
    outgoing.refresh_from_db()
    assert outgoing.state == OutgoingMail.State.SENT and len(smtp_down.messages) == 1
    assert AuditEvent.objects.filter(verb="mail.resend").exists()


def test_another_organisations_admin_cannot_resend(personas):
    memo = analysis_memo(personas, 1)
    do_submit_memo(memo, actor=personas.clerk)
    outgoing = OutgoingMail.objects.about(memo).get()
    other_admin = personas.outsider
    other_admin.role = "admin"
    other_admin.save()
    response = personas.client_for(other_admin).post(
        reverse("mail_resend", args=[personas.other_org.slug, outgoing.pk])
    )
    assert response.status_code == 404
