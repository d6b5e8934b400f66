"""Publishing OIT items and the public ITA page: what a citizen and an assessor see, the embed,
and the permanent link of each evidence file."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from assessments.models import Item, Tool
from itatrack.errors import ActionError
from itatrack.models import AuditEvent
from reports.models import OitEntry, OitEvidence
from reports.oit import (
    do_add_oit_evidence,
    do_check_oit_item,
    do_publish_oit_items,
    do_remove_oit_evidence,
)
from reports.publishing import do_publish
from tests.memo_helpers import approved_memo

YEAR = 2566  # approved_memo's plan year, so its memo is published under that year's item


def png(colour: str = "teal") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(buffer, "PNG")
    return SimpleUploadedFile("ผังโครงสร้าง.png", buffer.getvalue(), "image/png")


@pytest.fixture
def items(frameworks):
    return list(Item.objects.filter(framework__fiscal_year=YEAR, indicator__tool=Tool.OIT))


def ready_item(personas, item, **evidence) -> OitEntry:
    evidence = evidence or {"links": [f"https://www.ban-thotsob.example.go.th/{item.code}"]}
    [first, *_] = do_add_oit_evidence(personas.org, item, actor=personas.clerk, **evidence)
    return do_check_oit_item(first.entry, ready=True, comment="", actor=personas.reviewer)


def page(personas, name="ita_page", year=YEAR) -> str:
    response = Client().get(reverse(name, args=[personas.org.slug, year]))
    assert response.status_code == 200
    return response.content.decode()


def test_nothing_is_public_until_the_ready_item_is_published(
    personas, items, django_capture_on_commit_callbacks
):
    entry = ready_item(personas, items[0], files=[png()], links=["https://www.example.go.th/o1"])
    assert "https://www.example.go.th/o1" not in page(personas)
    with django_capture_on_commit_callbacks(execute=True):
        do_publish_oit_items(personas.org, [entry], actor=personas.clerk)
    text = page(personas)
    evidence = OitEvidence.objects.get(entry=entry, url="")
    assert "https://www.example.go.th/o1" in text
    assert reverse("public_evidence", args=[evidence.token]) in text
    assert evidence.sha256 in text  # the whole digest, for anyone to check the file
    assert "เผยแพร่เมื่อ" in text
    entry.refresh_from_db()
    assert entry.status == OitEntry.Status.PUBLISHED
    assert AuditEvent.objects.filter(verb="oit.publish").count() == 1


def test_every_item_is_listed_in_the_frameworks_order_without_flagging_empty_ones(personas, items):
    text = page(personas)
    positions = [text.index(f'id="{item.code}"') for item in items]
    assert positions == sorted(positions) and len(positions) == len(items)
    assert "ยังไม่มีหลักฐาน" not in text and "ไม่มี</span>" not in text


def test_an_item_not_found_ready_cannot_be_published_and_nothing_is(personas, items):
    ready = ready_item(personas, items[0])
    [other] = do_add_oit_evidence(
        personas.org, items[1], links=["https://www.example.go.th/o2"], actor=personas.clerk
    )
    with pytest.raises(ActionError, match=items[1].code):
        do_publish_oit_items(personas.org, [ready, other.entry], actor=personas.clerk)
    assert not OitEvidence.objects.public().exists()


def test_reviewers_and_executives_may_not_publish(personas, items):
    entry = ready_item(personas, items[0])
    for member in (personas.reviewer, personas.executive):
        with pytest.raises(ActionError):
            do_publish_oit_items(personas.org, [entry], actor=member)
    response = personas.client_for(personas.reviewer).post(
        reverse("oit_publish", args=[personas.org.slug, YEAR])
    )
    assert response.status_code == 403


def test_the_publish_button_publishes_every_ready_item_of_the_year(personas, items):
    for item in items[:3]:
        ready_item(personas, item)
    response = personas.client_for(personas.clerk).post(
        reverse("oit_publish", args=[personas.org.slug, YEAR]), follow=True
    )
    assert "เผยแพร่ ๓ รายการบนหน้า ITA สาธารณะแล้ว" in response.content.decode()
    assert OitEntry.objects.filter(status=OitEntry.Status.PUBLISHED).count() == 3


def test_new_evidence_on_a_published_item_waits_for_a_new_check(personas, items):
    entry = ready_item(personas, items[0])
    do_publish_oit_items(personas.org, [entry], actor=personas.clerk)
    do_add_oit_evidence(
        personas.org, items[0], links=["https://www.example.go.th/new"], actor=personas.clerk
    )
    entry.refresh_from_db()
    assert entry.status == OitEntry.Status.IN_PROGRESS
    text = page(personas)
    assert "https://www.ban-thotsob.example.go.th/" in text  # what was published stays
    assert "https://www.example.go.th/new" not in text


def test_the_permanent_link_serves_the_file_and_after_withdrawal_says_so(
    personas, items, django_capture_on_commit_callbacks
):
    upload = png("navy")
    digest = hashlib.sha256(upload.read()).hexdigest()
    upload.seek(0)
    entry = ready_item(personas, items[0], files=[upload])
    do_publish_oit_items(personas.org, [entry], actor=personas.clerk)
    evidence = OitEvidence.objects.get(entry=entry)
    link = reverse("public_evidence", args=[evidence.token])
    served = Client().get(link)
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert hashlib.sha256(b"".join(served.streaming_content)).hexdigest() == digest
    assert "sandbox" in served["Content-Security-Policy"]
    with django_capture_on_commit_callbacks(execute=True):
        do_remove_oit_evidence(evidence, actor=personas.clerk)
    gone = Client().get(link)
    assert gone.status_code == 410
    assert "นำออกเมื่อ" in gone.content.decode()
    assert digest in gone.content.decode()
    assert evidence.token not in page(personas)
    assert OitEvidence.objects.filter(pk=evidence.pk).exists()  # withdrawn, not deleted


def test_unpublished_evidence_removed_is_deleted_and_its_link_never_answered(personas, items):
    [evidence] = do_add_oit_evidence(personas.org, items[0], files=[png()], actor=personas.clerk)
    link = reverse("public_evidence", args=[evidence.token])
    assert Client().get(link).status_code == 404
    do_remove_oit_evidence(evidence, actor=personas.clerk)
    assert not OitEvidence.objects.filter(pk=evidence.pk).exists()


def test_a_published_memo_shows_under_its_item_without_being_attached(personas, items):
    publication = do_publish(approved_memo(personas), actor=personas.admin, unsigned=True)
    assert publication.oit_code
    text = page(personas)
    anchor = text.index(f'id="{publication.oit_code}"')
    assert text.index(f"/d/{publication.token}/") > anchor
    assert publication.sha256 in text
    workspace = personas.client_for(personas.clerk).get(
        reverse("oit_workspace", args=[personas.org.slug, YEAR])
    )
    row = next(r for r in workspace.context["rows"] if r.item.code == publication.oit_code)
    assert row.status == OitEntry.Status.PUBLISHED and row.done


def test_the_page_changes_as_soon_as_something_is_published(
    personas, items, django_capture_on_commit_callbacks
):
    before = page(personas)
    entry = ready_item(personas, items[0])
    assert page(personas) == before  # kept
    with django_capture_on_commit_callbacks(execute=True):
        do_publish_oit_items(personas.org, [entry], actor=personas.clerk)
    assert "https://www.ban-thotsob.example.go.th/" in page(personas)
    assert page(personas, year=2565) != page(personas)  # each year is its own page


def test_the_embed_may_be_framed_and_opens_links_outside_the_frame(personas, items):
    entry = ready_item(personas, items[0])
    do_publish_oit_items(personas.org, [entry], actor=personas.clerk)
    response = Client().get(reverse("ita_embed", args=[personas.org.slug, YEAR]))
    assert "X-Frame-Options" not in response.headers
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert 'target="_blank"' in response.content.decode()
    assert "<main>" in response.content.decode()


def test_another_bodys_page_shows_none_of_this_bodys_evidence(personas, items):
    entry = ready_item(personas, items[0])
    do_publish_oit_items(personas.org, [entry], actor=personas.clerk)
    other = Client().get(reverse("ita_page", args=[personas.other_org.slug, YEAR]))
    assert "ban-thotsob.example.go.th" not in other.content.decode()


def test_a_year_without_a_framework_or_an_unknown_body_is_404(personas, items):
    assert Client().get(reverse("ita_page", args=[personas.org.slug, 2499])).status_code == 404
    assert Client().get(reverse("ita_page", args=["no-such-body", YEAR])).status_code == 404
