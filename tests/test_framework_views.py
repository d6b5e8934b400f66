from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from assessments.models import Framework
from itatrack.models import AuditEvent


def site_admin() -> Client:
    user = User.objects.create_user("siteadmin", password="x" * 12, is_staff=True)
    client = Client()
    client.force_login(user)
    return client


def test_any_member_reads_a_framework_and_sees_if_it_is_provisional(personas, frameworks):
    client = personas.client_for(personas.clerk)
    listing = client.get(reverse("framework_list")).content.decode()
    assert "๒๕๖๙" in listing and "ยังไม่ยืนยัน" in listing
    detail = client.get(reverse("framework_detail", args=[2568])).content.decode()
    assert "มาจากแหล่งเดียว" in detail and "O26" in detail
    assert "แก้ไขกรอบ" not in detail


def test_only_site_staff_edit_or_copy_frameworks(personas, frameworks):
    client = personas.client_for(personas.admin)  # an organisation admin is not site staff
    item = Framework.objects.get(fiscal_year=2565).items.get(code="I1")
    assert client.get(reverse("framework_edit", args=[2565])).status_code == 403
    assert (
        client.post(reverse("framework_copy", args=[2569]), {"fiscal_year": 2570}).status_code
        == 403
    )
    assert client.post(reverse("item_edit", args=[2565, item.pk]), {"text": "x"}).status_code == 403
    assert not Framework.objects.filter(fiscal_year=2570).exists()


def test_staff_fill_a_question_text_inline(frameworks):
    client = site_admin()
    item = Framework.objects.get(fiscal_year=2565).items.get(code="I1")
    response = client.post(
        reverse("item_edit", args=[2565, item.pk]),
        {
            "code": "I1",
            "text": "เจ้าหน้าที่ปฏิบัติงานตามขั้นตอนที่กำหนด",
            "indicator": item.indicator_id,
            "sub_indicator": "",
            "scale": "four_level",
        },
        headers={"HX-Request": "true"},
    )
    assert b'id="item-' in response.content and b"<textarea" not in response.content
    item.refresh_from_db()
    assert item.text == "เจ้าหน้าที่ปฏิบัติงานตามขั้นตอนที่กำหนด"
    assert AuditEvent.objects.get(verb="framework.item_update").data["fields"] == ["text"]


def framework_fields(framework: Framework, **changes: str) -> dict[str, str]:
    """The framework part of the edit page as a provisional 2569 posts it, plus changes."""
    return {
        "status": "provisional",
        "pass_mark": "85",
        "iit_weight": "",
        "eit_weight": "",
        "oit_weight": "",
        "notes": framework.notes,
        **changes,
    }


def bands_of(year: int) -> dict[str, str]:
    """The bands part of the edit page, as the page posts it back unchanged."""
    bands = list(Framework.objects.get(fiscal_year=year).bands.all())
    data = {
        "b-TOTAL_FORMS": str(len(bands)),
        "b-INITIAL_FORMS": str(len(bands)),
        "b-MIN_NUM_FORMS": "0",
        "b-MAX_NUM_FORMS": "12",
    }
    for n, band in enumerate(bands):
        data[f"b-{n}-level"], data[f"b-{n}-min_score"] = band.level, str(band.min_score)
    return data


def test_staff_confirm_a_year_and_set_weights_that_add_up(frameworks):
    client = site_admin()
    url = reverse("framework_edit", args=[2567])
    bands = bands_of(2567)
    bad = client.post(
        url,
        {
            "status": "confirmed",
            "pass_mark": "85",
            "iit_weight": "30",
            "eit_weight": "30",
            "oit_weight": "30",
            "notes": "",
            **bands,
        },
    )
    assert "ต้องรวมกันได้ ๑๐๐" in bad.content.decode()
    client.post(
        url,
        {
            "status": "confirmed",
            "pass_mark": "85",
            "iit_weight": "30",
            "eit_weight": "30",
            "oit_weight": "40",
            "notes": "ตรวจกับคู่มือแล้ว",
            **bands,
        },
    )
    framework = Framework.objects.get(fiscal_year=2567)
    assert framework.status == "confirmed" and framework.oit_weight == 40


def test_staff_start_a_new_year_by_copying_the_last(frameworks):
    client = site_admin()
    response = client.post(reverse("framework_copy", args=[2569]), {"fiscal_year": 2570})
    assert response["Location"] == reverse("framework_detail", args=[2570])
    source = Framework.objects.get(fiscal_year=2569)
    copy = Framework.objects.get(fiscal_year=2570)
    assert copy.is_provisional and "คัดลอกจากปี 2569" in copy.notes
    assert list(copy.items.values_list("code", "text", "indicator__number")) == list(
        source.items.values_list("code", "text", "indicator__number")
    )
    assert copy.bands.count() == 7 and copy.indicators.count() == 10
    again = client.post(reverse("framework_copy", args=[2569]), {"fiscal_year": 2570})
    assert "มีกรอบการประเมินปีนี้อยู่แล้ว" in again.content.decode()


def test_staff_correct_the_level_bands_in_the_app(frameworks):
    client = site_admin()
    url = reverse("framework_edit", args=[2569])
    framework = Framework.objects.get(fiscal_year=2569)
    base = {
        **framework_fields(framework),
        "b-TOTAL_FORMS": "3",
        "b-INITIAL_FORMS": "0",
        "b-MIN_NUM_FORMS": "0",
        "b-MAX_NUM_FORMS": "12",
    }
    bad = client.post(
        url,
        {
            **base,
            "b-0-level": "A",
            "b-0-min_score": "50",
            "b-1-level": "B",
            "b-1-min_score": "80",
            "b-2-level": "F",
            "b-2-min_score": "0",
        },
    )
    assert "คะแนนขั้นต่ำต้องเรียงจากมากไปน้อย" in bad.content.decode()
    assert framework.bands.count() == 7
    client.post(
        url,
        {
            **base,
            "b-0-level": "pass",
            "b-0-min_score": "85",
            "b-1-level": "fail",
            "b-1-min_score": "0",
            "b-2-level": "",
            "b-2-min_score": "",
        },
    )
    assert list(framework.bands.values_list("level", "min_score")) == [("PASS", 85), ("FAIL", 0)]
    assert framework.level_for(Decimal("84.99")) == "FAIL"
    assert AuditEvent.objects.filter(verb="framework.bands").exists()


def test_a_band_error_leaves_the_whole_framework_unchanged(frameworks):
    framework = Framework.objects.get(fiscal_year=2569)
    before = (framework.pass_mark, framework.notes, list(framework.bands.values_list("level")))
    response = site_admin().post(
        reverse("framework_edit", args=[2569]),
        {
            **framework_fields(framework, pass_mark="90", notes="แก้หมายเหตุ"),
            "b-TOTAL_FORMS": "2",
            "b-INITIAL_FORMS": "0",
            "b-MIN_NUM_FORMS": "0",
            "b-MAX_NUM_FORMS": "12",
            "b-0-level": "A",
            "b-0-min_score": "50",
            "b-1-level": "A",
            "b-1-min_score": "0",
        },
    )
    assert "ระดับซ้ำกัน" in response.content.decode()
    framework.refresh_from_db()
    after = (framework.pass_mark, framework.notes, list(framework.bands.values_list("level")))
    assert after == before
    assert not AuditEvent.objects.filter(verb__startswith="framework.").exists()


def test_staff_set_the_oit_indicator_weights_all_or_none_adding_up(frameworks):
    client = site_admin()
    url = reverse("framework_edit", args=[2569])
    framework = Framework.objects.get(fiscal_year=2569)
    base = {**framework_fields(framework), **bands_of(2569)}
    page = client.get(url).content.decode()
    assert 'name="w-weight_9"' in page and 'name="w-weight_10"' in page
    partial = client.post(url, {**base, "w-weight_9": "60"})
    assert "ต้องใส่ให้ครบทุกตัวชี้วัด" in partial.content.decode()
    wrong = client.post(url, {**base, "w-weight_9": "60", "w-weight_10": "30"})
    assert "น้ำหนักตัวชี้วัดของ OIT ต้องรวมกันได้ ๑๐๐" in wrong.content.decode()
    assert not framework.indicators.filter(weight__isnull=False).exists()
    client.post(url, {**base, "w-weight_9": "60", "w-weight_10": "40"})
    assert dict(framework.indicators.filter(tool="OIT").values_list("number", "weight")) == {
        9: 60,
        10: 40,
    }
    assert AuditEvent.objects.filter(verb="framework.indicator_weights").count() == 1
    client.post(reverse("framework_copy", args=[2569]), {"fiscal_year": 2570})
    copy = Framework.objects.get(fiscal_year=2570)
    assert copy.indicators.get(number=9).weight == 60


def test_the_2564_oit_indicators_come_weighted_half_and_half(frameworks):
    weights = Framework.objects.get(fiscal_year=2564).indicators.filter(tool="OIT")
    assert dict(weights.values_list("number", "weight")) == {9: 50, 10: 50}
    assert not Framework.objects.get(fiscal_year=2565).indicators.exclude(weight=None).exists()
