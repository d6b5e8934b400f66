"""The OIT workspace: every item of the year listed, assigned, evidenced and checked."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments.models import Item, Tool
from itatrack.models import AuditEvent
from reports.models import OitEntry, OitEvidence

YEAR = 2565


@pytest.fixture
def items(frameworks):
    return list(Item.objects.filter(framework__fiscal_year=YEAR, indicator__tool=Tool.OIT))


def url(personas, name, *args):
    return reverse(name, args=[personas.org.slug, *args])


def add_link(personas, item, link="https://www.ban-thotsob.example.go.th/ita/o1"):
    return personas.client_for(personas.clerk).post(
        url(personas, "oit_evidence_add", YEAR, item.code), {"links": link}
    )


def test_it_lists_every_oit_item_of_the_year_with_none_ready(personas, items):
    response = personas.client_for(personas.executive).get(url(personas, "oit_workspace", YEAR))
    page = response.content.decode()
    assert response.status_code == 200
    assert len(items) > 20
    assert all(f'id="oit-{item.code}"' in page for item in items)
    assert response.context["ready"] == 0 and response.context["total"] == len(items)


def test_the_menu_link_opens_the_newest_year_up_to_today(personas, items):
    response = personas.client_for(personas.clerk).get(url(personas, "oit_home"))
    assert response.status_code == 302 and "/oit/" in response["Location"]
    chosen = personas.client_for(personas.clerk).get(url(personas, "oit_home") + f"?year={YEAR}")
    assert chosen["Location"] == url(personas, "oit_workspace", YEAR)


def test_the_clerk_assigns_an_item_and_the_change_is_audited(personas, items):
    item = items[0]
    response = personas.client_for(personas.clerk).post(
        url(personas, "oit_item", YEAR, item.code),
        {
            "owner": personas.clerk.pk,
            "department": personas.department.pk,
            "due_date": "2022-03-31",
            "status": OitEntry.Status.IN_PROGRESS,
        },
    )
    assert response.status_code == 302
    entry = OitEntry.objects.get(organization=personas.org, item=item)
    assert (entry.owner, entry.due_date) == (personas.clerk, dt.date(2022, 3, 31))
    assert AuditEvent.objects.filter(verb="oit.plan", organization=personas.org).exists()


def test_the_clerk_cannot_declare_an_item_ready_herself(personas, items):
    response = personas.client_for(personas.clerk).post(
        url(personas, "oit_item", YEAR, items[0].code), {"status": OitEntry.Status.READY}
    )
    assert response.status_code == 400
    assert not OitEntry.objects.filter(status=OitEntry.Status.READY).exists()


def test_a_link_that_is_not_https_is_refused_in_thai_and_nothing_is_kept(personas, items):
    response = add_link(personas, items[0], "http://www.ban-thotsob.example.go.th/ita")
    assert response.status_code == 400
    assert "https://" in response.content.decode()
    assert not OitEvidence.objects.exists()


def test_a_file_that_fails_the_upload_checks_is_refused_and_nothing_is_kept(personas, items):
    script = SimpleUploadedFile("ประกาศ.pdf", b"#!/bin/sh\nrm -rf /\n")
    response = personas.client_for(personas.clerk).post(
        url(personas, "oit_evidence_add", YEAR, items[0].code), {"files": [script]}
    )
    assert response.status_code == 400
    assert "ไม่ใช่ PDF" in response.content.decode()
    assert not OitEvidence.objects.exists() and not OitEntry.objects.exists()


def test_a_pdf_is_kept_with_its_sha256_and_read_only_by_members(personas, items):
    pdf = SimpleUploadedFile("โครงสร้าง.pdf", b"%PDF-1.7\n%%EOF\n")
    personas.client_for(personas.clerk).post(
        url(personas, "oit_evidence_add", YEAR, items[0].code), {"files": [pdf]}
    )
    evidence = OitEvidence.objects.get()
    assert len(evidence.sha256) == 64 and evidence.content_type == "application/pdf"
    assert evidence.entry.status == OitEntry.Status.IN_PROGRESS
    assert personas.client_for(personas.reviewer).get(evidence.file.url).status_code == 200
    assert personas.client_for(personas.outsider).get(evidence.file.url).status_code == 404


def test_the_reviewer_finds_an_evidenced_item_ready(personas, items):
    add_link(personas, items[0])
    response = personas.client_for(personas.reviewer).post(
        url(personas, "oit_check", YEAR, items[0].code), {"ready": "1", "comment": "ครบถ้วน"}
    )
    assert response.status_code == 302
    entry = OitEntry.objects.get()
    assert (entry.status, entry.checked_by) == (OitEntry.Status.READY, personas.reviewer)
    listed = personas.client_for(personas.clerk).get(url(personas, "oit_workspace", YEAR))
    assert listed.context["ready"] == 1


def test_an_item_without_evidence_cannot_be_found_ready(personas, items):
    personas.client_for(personas.clerk).post(
        url(personas, "oit_item", YEAR, items[1].code), {"status": OitEntry.Status.IN_PROGRESS}
    )
    response = personas.client_for(personas.reviewer).post(
        url(personas, "oit_check", YEAR, items[1].code), {"ready": "1"}
    )
    assert response.status_code == 400
    assert "ยังไม่มีหลักฐาน" in response.content.decode()


def test_sending_an_item_back_needs_the_reason(personas, items):
    add_link(personas, items[0])
    check = url(personas, "oit_check", YEAR, items[0].code)
    refused = personas.client_for(personas.reviewer).post(check, {"ready": "0"})
    assert refused.status_code == 400 and "กรุณาระบุสิ่งที่ต้องแก้ไข" in refused.content.decode()
    personas.client_for(personas.reviewer).post(check, {"ready": "0", "comment": "เป็นข้อมูลปีเก่า"})
    entry = OitEntry.objects.get()
    assert (entry.status, entry.check_comment) == (OitEntry.Status.IN_PROGRESS, "เป็นข้อมูลปีเก่า")


def test_the_clerk_may_not_check_and_the_executive_may_not_edit(personas, items):
    add_link(personas, items[0])
    clerk = personas.client_for(personas.clerk)
    executive = personas.client_for(personas.executive)
    assert (
        clerk.post(url(personas, "oit_check", YEAR, items[0].code), {"ready": "1"}).status_code
        == 403
    )
    assert executive.post(url(personas, "oit_item", YEAR, items[0].code), {}).status_code == 403
    assert (
        executive.post(
            url(personas, "oit_evidence_add", YEAR, items[0].code), {"links": "https://a.example"}
        ).status_code
        == 403
    )


def test_it_returns_other_orgs_evidence_as_404(personas, items):
    add_link(personas, items[0])
    evidence = OitEvidence.objects.get()
    outsider = personas.client_for(personas.outsider)
    other = reverse("oit_evidence_remove", args=[personas.other_org.slug, evidence.pk])
    assert outsider.post(other).status_code == 404
    assert OitEvidence.objects.filter(pk=evidence.pk).exists()


def test_removing_evidence_is_audited(personas, items):
    add_link(personas, items[0])
    evidence = OitEvidence.objects.get()
    response = personas.client_for(personas.clerk).post(
        url(personas, "oit_evidence_remove", evidence.pk)
    )
    assert response.status_code == 302 and not OitEvidence.objects.exists()
    assert AuditEvent.objects.filter(verb="oit.evidence_remove").exists()


def test_a_stale_assignment_form_is_refused_and_keeps_the_typed_text(personas, items):
    item = items[0]
    page = url(personas, "oit_item", YEAR, item.code)
    clerk = personas.client_for(personas.clerk)
    clerk.post(page, {"status": OitEntry.Status.IN_PROGRESS})
    stale = {"version": "1", "due_date": "2022-04-30", "status": OitEntry.Status.IN_PROGRESS}
    clerk.post(page, {"version": "1", "due_date": "2022-03-31", "status": "in_progress"})
    response = clerk.post(page, stale)
    assert response.status_code == 409
    assert 'value="2022-04-30"' in response.content.decode()
    assert OitEntry.objects.get().due_date == dt.date(2022, 3, 31)


def test_the_clerk_assigns_many_items_at_once(personas, items):
    chosen = [i.code for i in items[:5]]
    OitEntry.objects.create(organization=personas.org, item=items[0], owner=personas.reviewer)
    response = personas.client_for(personas.clerk).post(
        url(personas, "oit_bulk_plan", YEAR),
        {"codes": chosen, "department": personas.department.pk, "due_date": "๓๑/๐๓/๒๕๖๖"},
        follow=True,
    )
    assert "มอบหมาย ๕ รายการแล้ว" in response.content.decode()
    entries = OitEntry.objects.filter(organization=personas.org, item__code__in=chosen)
    assert entries.count() == 5
    assert {(e.department, e.due_date) for e in entries} == {
        (personas.department, dt.date(2023, 3, 31))
    }
    assert entries.get(item=items[0]).owner == personas.reviewer  # a blank field stays
    event = AuditEvent.objects.get(verb="oit.bulk_plan")
    assert event.data["items"] == chosen


def test_assigning_nothing_says_what_is_missing_and_keeps_the_ticks(personas, items):
    client = personas.client_for(personas.clerk)
    page = client.get(url(personas, "oit_bulk_plan", YEAR)).content.decode()
    assert all(f'value="{item.code}"' in page for item in items)
    response = client.post(url(personas, "oit_bulk_plan", YEAR), {"codes": [items[0].code]})
    assert response.status_code == 400
    text = response.content.decode()
    assert "อย่างน้อยหนึ่งอย่าง" in text
    assert f'value="{items[0].code}" id="tick-{items[0].code}" checked' in text
    none = client.post(url(personas, "oit_bulk_plan", YEAR), {"owner": personas.clerk.pk})
    assert "กรุณาเลือกอย่างน้อยหนึ่งรายการ" in none.content.decode()
    assert not OitEntry.objects.exists()


def test_another_bodys_member_cannot_be_assigned_in_bulk(personas, items):
    response = personas.client_for(personas.clerk).post(
        url(personas, "oit_bulk_plan", YEAR),
        {"codes": [items[0].code], "owner": personas.outsider.pk},
    )
    assert not OitEntry.objects.exists()
    assert response.status_code == 400
