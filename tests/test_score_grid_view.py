"""Typing a year's result in the grid page."""

from __future__ import annotations

from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from itatrack.models import AuditEvent
from tests.assessment_helpers import (
    filled_xlsx,
    framework,
    grid_data,
    make_assessment,
    sample_sheet,
    snapshot,
)


@pytest.fixture
def assessment(personas, frameworks):
    return make_assessment(personas.org, 2564)


def grid_url(a):
    return reverse("score_grid", args=[a.organization.slug, a.pk])


def test_it_shows_every_question_and_item_of_the_year(personas, assessment):
    html = personas.client_for(personas.clerk).get(grid_url(assessment)).content.decode()
    for code in ("I1", "I30", "E15", "O1", "O43"):
        assert f'name="item_{code}"' in html or f'name="pass_{code}"' in html
    assert "data-bands=" in html and '"AA"' in unescape(html)


def test_it_saves_scores_typed_in_thai_digits(personas, assessment):
    sheet = sample_sheet(framework(2564))
    response = personas.client_for(personas.clerk).post(grid_url(assessment), grid_data(sheet))
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.total_score == sheet.total
    assert assessment.item_scores.get(item__code="I5").score == sheet.items["I5"].score
    assert AuditEvent.objects.get(verb="assessment.scores").actor == personas.clerk.user


def test_it_keeps_what_was_typed_and_saves_nothing_when_a_cell_is_bad(personas, assessment):
    data = grid_data(sample_sheet(framework(2564)))
    data["item_I3"] = "๑๒๐"
    data["item_I4"] = "เก้าสิบ"
    response = personas.client_for(personas.clerk).post(grid_url(assessment), data)
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "คะแนน 120 อยู่นอกช่วง ๐–๑๐๐" in html
    assert "'เก้าสิบ' ไม่ใช่ตัวเลข" in html
    assert 'value="๑๒๐"' in html and 'value="เก้าสิบ"' in html
    assert f'value="{data["item_I5"]}"' in html  # the good cells are still there too
    assessment.refresh_from_db()
    assert assessment.total_score is None and not assessment.item_scores.exists()


def test_it_shows_the_saved_warnings_after_saving(personas, assessment):
    data = grid_data(sample_sheet(framework(2564)))
    data["level"] = "AA"
    response = personas.client_for(personas.clerk).post(grid_url(assessment), data, follow=True)
    assert "ระดับที่ประกาศ (AA) ไม่ตรงกับระดับตามช่วงคะแนน (A)" in response.content.decode()


def test_typing_and_importing_the_2564_template_give_the_same_assessment(personas, frameworks):
    fw = framework(2564)
    sheet = sample_sheet(fw)
    client = personas.client_for(personas.clerk)

    typed = make_assessment(personas.org, 2564)
    client.post(grid_url(typed), grid_data(sheet))

    imported = make_assessment(personas.other_org, 2564)
    importer = personas.client_for(personas.outsider)
    preview = importer.post(
        reverse("import_upload", args=[personas.other_org.slug, imported.pk]),
        {"file": SimpleUploadedFile("ita.xlsx", filled_xlsx(fw, sheet))},
    )
    importer.post(
        reverse("import_confirm", args=[personas.other_org.slug, imported.pk]),
        {"token": preview.context["token"]},
    )

    assert snapshot(typed) == snapshot(imported)
    assert snapshot(typed)[0] == sheet.total
    assert len(snapshot(typed)[6]) == fw.items.count()


def test_reviewers_and_executives_cannot_open_the_grid(personas, assessment):
    for member in (personas.reviewer, personas.executive):
        client = personas.client_for(member)
        assert client.get(grid_url(assessment)).status_code == 403
        assert client.post(grid_url(assessment), {"total": "90"}).status_code == 403
    assessment.refresh_from_db()
    assert assessment.total_score is None


def test_the_admin_can_enter_scores_too(personas, assessment):
    response = personas.client_for(personas.admin).post(grid_url(assessment), {"total": "90"})
    assert response.status_code == 302
