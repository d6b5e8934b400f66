from __future__ import annotations

import datetime as dt

import time_machine
from django.test import Client
from django.urls import reverse

from itatrack.models import Membership


def test_it_sends_a_member_from_the_root_to_their_organisation(personas):
    response = personas.client_for(personas.clerk).get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse("org_home", args=[personas.org.slug])


def test_it_sends_anonymous_visitors_to_login():
    response = Client().get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_tells_a_user_without_organisation_to_ask_an_admin(personas):
    personas.clerk.is_active = False
    Membership.objects.filter(pk=personas.clerk.pk).update(is_active=False)
    response = personas.client_for(personas.clerk).get("/")
    assert response.status_code == 403
    assert "ยังไม่ได้อยู่ในหน่วยงานใด" in response.content.decode()


@time_machine.travel(dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC), tick=False)
def test_it_shows_the_fiscal_year_and_the_current_stage_of_the_cycle(personas):
    response = personas.client_for(personas.clerk).get(
        reverse("org_home", args=[personas.org.slug])
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "ปีงบประมาณ ๒๕๗๐" in html
    assert "วันนี้ ๒๒ พฤศจิกายน ๒๕๖๙" in html
    assert "วิเคราะห์ผล ITA ปี ๒๕๖๙ กำหนดมาตรการปี ๒๕๗๐" in html
    assert "ต.ค. – ธ.ค. ๖๙" in html
    assert personas.org.name in html


def test_it_shows_admin_figures_only_to_the_admin(personas):
    url = reverse("org_home", args=[personas.org.slug])
    assert "ภาพรวมหน่วยงาน" in personas.client_for(personas.admin).get(url).content.decode()
    assert "ภาพรวมหน่วยงาน" not in personas.client_for(personas.clerk).get(url).content.decode()


def test_it_renders_the_page_in_thai_with_the_navigation(personas):
    html = (
        personas.client_for(personas.executive)
        .get(reverse("org_home", args=[personas.org.slug]))
        .content.decode()
    )
    assert '<html lang="th">' in html
    for label in ("หน้าหลัก", "ผลการประเมิน", "มาตรการ", "บันทึกข้อความ", "ออกจากระบบ"):
        assert label in html


def test_it_renders_english_when_the_user_chooses_it(personas):
    client = personas.client_for(personas.clerk)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get(reverse("org_home", args=[personas.org.slug])).content.decode()
    assert '<html lang="en">' in html
    assert "Log out" in html
    assert "Fiscal year" in html


def test_it_counts_what_waits_for_the_person(personas, frameworks):
    from reports.actions import do_submit_memo
    from tests.memo_helpers import analysis_memo

    do_submit_memo(analysis_memo(personas, measures=1), actor=personas.clerk)
    response = personas.client_for(personas.reviewer).get(
        reverse("org_home", args=[personas.org.slug])
    )
    assert response.context["todo"]["inbox"] == 1
    assert reverse("inbox", args=[personas.org.slug]) in response.content.decode()
    clerk = personas.client_for(personas.clerk).get(reverse("org_home", args=[personas.org.slug]))
    assert clerk.context["todo"]["inbox"] == 0


def test_a_returned_memo_is_on_its_authors_to_do_with_the_reason(personas, frameworks):
    from reports.access import current_step
    from reports.actions import Decision, do_decide, do_submit_memo
    from tests.memo_helpers import analysis_memo

    memo = do_submit_memo(analysis_memo(personas, measures=1), actor=personas.clerk)
    do_decide(
        current_step(memo), Decision.RETURN, "แก้ไขกำหนดเวลาในมาตรการที่ ๒", actor=personas.reviewer
    )
    page = personas.client_for(personas.clerk).get(reverse("org_home", args=[personas.org.slug]))
    text = page.content.decode()
    assert "บันทึกของท่านถูกตีกลับให้แก้ไข" in text
    assert "แก้ไขกำหนดเวลาในมาตรการที่ ๒" in text and "นายตรวจ ทดสอบ" in text
    assert reverse("memo_detail", args=[personas.org.slug, memo.pk]) in text
    other = personas.client_for(personas.reviewer).get(
        reverse("org_home", args=[personas.org.slug])
    )
    assert "ถูกตีกลับ" not in other.content.decode()  # only the author's


def test_a_rejected_memo_leaves_the_to_do_after_a_month(personas, frameworks):
    from reports.access import current_step
    from reports.actions import Decision, do_decide, do_submit_memo
    from tests.memo_helpers import analysis_memo

    memo = do_submit_memo(analysis_memo(personas, measures=1), actor=personas.clerk)
    do_decide(current_step(memo), Decision.REJECT, "ไม่ตรงกับผลการประเมิน", actor=personas.reviewer)
    home = reverse("org_home", args=[personas.org.slug])
    client = personas.client_for(personas.clerk)
    assert "บันทึกของท่านไม่ได้รับอนุมัติ" in client.get(home).content.decode()
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=31)
    with time_machine.travel(later):
        client = personas.client_for(personas.clerk)  # a session of that day
        page = client.get(home).content.decode()
    assert "สิ่งที่รอท่านอยู่" in page and "ไม่ได้รับอนุมัติ" not in page
