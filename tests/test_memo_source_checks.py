"""Corrections and drafts checked against their source: a correction is filed under the kind,
fiscal year and subject of the document it corrects; a draft whose data changed after it was
written says so and offers to redraft that section."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from itatrack.actions import ActionError
from measures.actions import MeasureLinks, do_save_measure
from measures.models import Measure
from reports.models import Memo, Publication
from reports.publishing import do_publish, replaceable_publications
from tests.memo_helpers import analysis_memo, approved_memo, correction_of


@pytest.fixture
def published(personas, frameworks):
    memo = approved_memo(personas)
    return memo, do_publish(memo, actor=personas.admin, unsigned=True)


def test_a_correction_with_another_subject_is_refused_in_thai(personas, published):
    memo, first = published
    second = correction_of(personas, memo)
    Memo.objects.filter(pk=second.pk).update(subject="รายงานผลการดำเนินงานประจำเดือน")
    second.refresh_from_db()
    with pytest.raises(ActionError, match="เรื่องของฉบับแก้ไขต้องตรงกับฉบับเดิม"):
        do_publish(second, actor=personas.admin, unsigned=True, supersedes=first)
    assert not Publication.objects.filter(memo=second).exists()


def test_a_correction_marked_as_such_is_accepted(personas, published):
    memo, first = published
    second = correction_of(personas, memo)
    Memo.objects.filter(pk=second.pk).update(subject=f"{memo.subject} (ฉบับแก้ไข)")
    second.refresh_from_db()
    publication = do_publish(second, actor=personas.admin, unsigned=True, supersedes=first)
    assert publication.supersedes == first


def test_a_correction_of_another_fiscal_year_is_neither_offered_nor_accepted(personas, published):
    memo, first = published
    Publication.objects.filter(pk=first.pk).update(fiscal_year=2565)
    first.refresh_from_db()
    second = correction_of(personas, memo)
    assert first not in replaceable_publications(second)
    with pytest.raises(ActionError, match="ฉบับเดิมปี ๒๕๖๕ ฉบับนี้ปี ๒๕๖๖"):
        do_publish(second, actor=personas.admin, unsigned=True, supersedes=first)


def test_the_publish_form_offers_only_documents_of_the_same_kind_and_year(personas, published):
    memo, first = published
    second = correction_of(personas, memo)
    page = personas.client_for(personas.admin).get(
        reverse("memo_detail", args=[personas.org.slug, second.pk])
    )
    assert f'value="{first.token}"' in page.content.decode()


def add_measures(plan, count: int) -> None:
    for n in range(count):
        do_save_measure(
            Measure(plan=plan),
            {
                "title": f"มาตรการเพิ่มเติมที่ {n + 1}",
                "start_date": dt.date(2022, 10, 1),
                "end_date": dt.date(2023, 3, 31),
            },
            MeasureLinks(),
            actor=None,
        )


def test_a_draft_whose_plan_grew_says_so_and_redrafts_the_section(personas, frameworks):
    memo = analysis_memo(personas, measures=3)
    before = {s.heading: s.text for s in memo.sections.all()}
    add_measures(memo.plan, 5)
    client = personas.client_for(personas.clerk)
    url = reverse("memo_detail", args=[personas.org.slug, memo.pk])
    html = client.get(url).content.decode()
    assert 'id="stale-sections"' in html and "ข้อมูลเปลี่ยนหลังจากร่างบันทึกนี้" in html
    stale = [s for s in memo.sections.all() if f"sections/{s.pk}/redraft/" in html]
    assert stale, "the changed section is offered for redrafting"
    section = stale[0]
    response = client.post(
        reverse("memo_redraft_section", args=[personas.org.slug, memo.pk, section.pk])
    )
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.text != before[section.heading]
    assert "๘" in section.text  # eight measures now
    assert 'id="stale-sections"' not in client.get(url).content.decode()


def test_an_unchanged_draft_raises_no_notice(personas, frameworks):
    memo = analysis_memo(personas, measures=3)
    html = (
        personas.client_for(personas.clerk)
        .get(reverse("memo_detail", args=[personas.org.slug, memo.pk]))
        .content.decode()
    )
    assert 'id="stale-sections"' not in html


def test_an_edited_section_is_not_flagged_while_the_data_stands(personas, frameworks):
    memo = analysis_memo(personas, measures=3)
    section = memo.sections.first()
    section.text += "\nย่อหน้าที่ผู้ร่างเพิ่มเอง"
    section.save()
    html = (
        personas.client_for(personas.clerk)
        .get(reverse("memo_detail", args=[personas.org.slug, memo.pk]))
        .content.decode()
    )
    assert 'id="stale-sections"' not in html
