"""Site staff edit every part of a year: indicators, sub-indicators, items, the confirm."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from assessments.forms import FindingForm
from assessments.models import Assessment, Finding, Framework, Item, ItemScore
from itatrack.models import AuditEvent


@pytest.fixture
def client(db) -> Client:
    user = User.objects.create_user("siteadmin", password="x" * 12, is_staff=True)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def year(frameworks) -> Framework:
    return Framework.objects.get(fiscal_year=2569)


def used(framework: Framework, item: Item, personas) -> None:
    assessment = Assessment.objects.create(organization=personas.org, framework=framework)
    ItemScore.objects.create(assessment=assessment, item=item, passed=True)


def test_it_adds_an_indicator_and_renames_it(client, year):
    response = client.post(
        reverse("indicator_add", args=[2569]), {"number": "๑๑", "name": "ตัวชี้วัดใหม่", "tool": "OIT"}
    )
    assert response.status_code == 302
    indicator = year.indicators.get(number=11)
    client.post(
        reverse("indicator_edit", args=[2569, indicator.pk]),
        {"number": "11", "name": "การป้องกันผลประโยชน์ทับซ้อน", "tool": "OIT"},
    )
    indicator.refresh_from_db()
    assert indicator.name == "การป้องกันผลประโยชน์ทับซ้อน"
    event = AuditEvent.objects.get(verb="framework.indicator_update")
    assert event.data["changes"] == {"name": ["ตัวชี้วัดใหม่", "การป้องกันผลประโยชน์ทับซ้อน"]}


def test_it_refuses_a_taken_indicator_number_in_thai(client, year):
    indicator = year.indicators.get(number=10)
    page = client.post(
        reverse("indicator_edit", args=[2569, indicator.pk]),
        {"number": "๙", "name": indicator.name, "tool": "OIT"},
    ).content.decode()
    assert "มีตัวชี้วัดที่ ๙ ในปีนี้อยู่แล้ว" in page
    indicator.refresh_from_db()
    assert indicator.number == 10


def test_it_adds_an_item_after_the_last_of_its_indicator(client, year):
    indicator = year.indicators.get(number=9)
    last = indicator.items.order_by("-order").first()
    response = client.post(
        reverse("item_add", args=[2569]),
        {"code": "o 099", "text": "รายการใหม่", "indicator": indicator.pk, "scale": "pass_fail"},
    )
    assert response.status_code == 302
    item = year.items.get(code="O99")
    assert item.order == last.order + 1
    following = year.indicators.get(number=10).items.order_by("order").first()
    assert following.order > item.order
    assert AuditEvent.objects.filter(verb="framework.item_add").exists()


def test_it_refuses_a_code_of_the_wrong_tool(client, year):
    page = client.post(
        reverse("item_add", args=[2569]),
        {"code": "I99", "indicator": year.indicators.get(number=9).pk, "scale": "four_level"},
    ).content.decode()
    assert "รหัส I99 ไม่ใช่ของเครื่องมือ OIT" in page
    assert not year.items.filter(code="I99").exists()


def test_it_deletes_an_unused_item(client, year):
    item = year.items.get(code="O2")
    client.post(reverse("item_remove", args=[2569, item.pk]))
    assert not year.items.filter(code="O2").exists()
    assert AuditEvent.objects.get(verb="framework.item_delete").data["code"] == "O2"


def test_it_retires_a_used_item_instead_of_deleting_it(client, year, personas):
    item = year.items.get(code="O2")
    used(year, item, personas)
    response = client.post(reverse("item_remove", args=[2569, item.pk]), follow=True)
    assert "จึงเลิกใช้แทนการลบ" in response.content.decode()
    item.refresh_from_db()
    assert item.retired and ItemScore.objects.filter(item=item).exists()
    assert item not in year.items.active()
    client.post(reverse("item_restore", args=[2569, item.pk]))
    item.refresh_from_db()
    assert not item.retired


def test_a_retired_item_is_not_offered_to_new_findings_but_stays_on_old_ones(year, personas):
    item = year.items.get(code="O5")
    other = year.items.get(code="O6")
    assessment = Assessment.objects.create(organization=personas.org, framework=year)
    finding = Finding.objects.create(
        assessment=assessment, indicator=item.indicator, kind="improve", text="ก"
    )
    finding.items.add(item)
    Item.objects.filter(pk__in=[item.pk, other.pk]).update(retired=True)
    new = FindingForm(framework=year, instance=Finding(assessment=assessment))
    assert item not in new.fields["items"].queryset and other not in new.fields["items"].queryset
    old = FindingForm(framework=year, instance=finding)
    assert item in old.fields["items"].queryset and other not in old.fields["items"].queryset


def test_it_refuses_to_change_the_code_of_a_used_item(client, year, personas):
    item = year.items.get(code="O3")
    used(year, item, personas)
    page = client.post(
        reverse("item_edit", args=[2569, item.pk]),
        {"code": "O30", "text": "", "indicator": item.indicator_id, "scale": item.scale},
    ).content.decode()
    assert "เปลี่ยนรหัสของรายการนี้ไม่ได้" in page
    item.refresh_from_db()
    assert item.code == "O3"


def test_it_moves_an_item_up_among_its_indicators_items(client, year):
    first, second = year.indicators.get(number=1).items.order_by("order")[:2]
    client.post(reverse("item_move", args=[2569, second.pk]), {"step": "up"})
    codes = list(
        year.indicators.get(number=1).items.order_by("order").values_list("code", flat=True)
    )
    assert codes[:2] == [second.code, first.code]


def test_it_refuses_to_delete_an_indicator_that_has_items(client, year):
    indicator = year.indicators.get(number=1)
    response = client.post(reverse("indicator_delete", args=[2569, indicator.pk]), follow=True)
    assert "ตัวชี้วัดนี้ยังมีรายการ" in response.content.decode()
    assert year.indicators.filter(number=1).exists()


def test_it_adds_renames_and_deletes_a_sub_indicator_keeping_its_items(client, year):
    indicator = year.indicators.get(number=9)
    client.post(reverse("sub_add", args=[2569, indicator.pk]), {"code": "๙.๑", "name": "ข้อมูลพื้นฐาน"})
    sub = indicator.subs.get(code="9.1")
    item = year.items.get(code="O1")
    item.sub_indicator = sub
    item.save()
    client.post(
        reverse("sub_edit", args=[2569, sub.pk]), {"code": "9.1", "name": "ข้อมูลพื้นฐานของหน่วยงาน"}
    )
    sub.refresh_from_db()
    assert sub.name == "ข้อมูลพื้นฐานของหน่วยงาน"
    client.post(reverse("sub_delete", args=[2569, sub.pk]))
    item.refresh_from_db()
    assert item.sub_indicator is None and item.indicator == indicator
    assert AuditEvent.objects.get(verb="framework.sub_delete").data["items"] == ["O1"]


def test_an_operator_confirms_a_provisional_year(client, year):
    page = client.get(reverse("framework_detail", args=[2569])).content.decode()
    assert "ยืนยันกรอบนี้" in page and "ยังไม่มีชื่อรายการ" in page
    client.post(reverse("framework_confirm", args=[2569]))
    year.refresh_from_db()
    assert not year.is_provisional
    event = AuditEvent.objects.get(verb="framework.confirm")
    assert "O2" in event.data["without_wording"] and event.data["weights_known"] is False


def test_members_cannot_reach_the_editor(personas, year):
    client = personas.client_for(personas.admin)
    item = year.items.get(code="O2")
    indicator = year.indicators.get(number=9)
    for url in (
        reverse("indicator_add", args=[2569]),
        reverse("indicator_edit", args=[2569, indicator.pk]),
        reverse("item_add", args=[2569]),
    ):
        assert client.get(url).status_code == 403
    for url in (
        reverse("item_remove", args=[2569, item.pk]),
        reverse("framework_confirm", args=[2569]),
        reverse("indicator_delete", args=[2569, indicator.pk]),
    ):
        assert client.post(url).status_code == 403
    assert (
        year.items.filter(code="O2").exists() and Framework.objects.get(pk=year.pk).is_provisional
    )
