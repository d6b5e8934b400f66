"""The OIT item a memo answers: chosen on the memo, defaulting to the item of the ITA year that
reads it, and the one the publication is filed under."""

from __future__ import annotations

import pytest
from django.urls import reverse

from assessments.models.frameworks import PUBLICATION_TITLES
from reports import answers
from reports.actions import do_create_memo
from reports.forms import OitEvidenceForm, memo_label
from reports.models import Memo
from reports.publishing import publication_year
from tests.memo_helpers import (
    analysis_memo,
    approve_through,
    edit_page_post,
    plan_with_measures,
)


def test_a_results_report_on_plan_n_answers_the_results_item_of_ita_n_plus_1(personas, frameworks):
    plan = plan_with_measures(personas.org, 1)  # plan year 2566
    memo = do_create_memo(personas.org, Memo.Kind.RESULTS, actor=personas.clerk, plan=plan)
    answer = answers.answer(memo)
    assert answer.year == 2567
    assert answer.item is not None and answer.item.text in PUBLICATION_TITLES["results"]
    assert (memo.oit_year, memo.oit_code) == (2567, answer.item.code)
    assert publication_year(memo) == 2567


def test_an_analysis_memo_with_measures_for_year_n_answers_ita_n(personas, frameworks):
    memo = analysis_memo(personas, measures=1)
    answer = answers.answer(memo)
    assert (answer.year, answer.item.code) == (2566, "O42")


def test_the_author_chooses_another_item_or_none(personas, frameworks):
    memo = analysis_memo(personas, measures=1)
    client = personas.client_for(personas.clerk)
    url = reverse("memo_edit", args=[personas.org.slug, memo.pk])
    form = client.get(url).context["form"]
    values = [value for value, _label in form.fields["oit_answer"].choices]
    assert "2566:O42" in values and "2567:O42" in values and "" in values
    data = edit_page_post(personas, memo, form, oit_answer="2567:O42")
    assert client.post(url, data).status_code == 302
    memo.refresh_from_db()
    assert (memo.oit_year, memo.oit_code) == (2567, "O42")
    page = client.get(reverse("memo_detail", args=[personas.org.slug, memo.pk])).content.decode()
    assert "ITA ๒๕๖๗ O42" in page


def test_memo_choices_for_evidence_are_told_apart_by_number_and_date(personas, frameworks):
    memo = analysis_memo(personas, measures=1)
    Memo.objects.filter(pk=memo.pk).update(
        status=Memo.Status.APPROVED, number=12, number_year=2569, number_prefix="ลพ 99901"
    )
    memo.refresh_from_db()
    label = memo_label(memo)
    assert label.startswith("ที่ ลพ ๙๙๙๐๑/๑๒")
    assert "เรื่อง รายงานผลการวิเคราะห์" in label
    assert not label.endswith("พ")  # never cut inside a word
    form = OitEvidenceForm(organization=personas.org)
    assert [c for _v, c in form.fields["memo"].choices][1] == label


@pytest.mark.parametrize("kind", [Memo.Kind.GENERAL])
def test_a_general_memo_answers_no_item_by_default(personas, frameworks, kind):
    memo = do_create_memo(personas.org, kind, actor=personas.clerk)
    assert answers.answer(memo).year is None and memo.oit_year is None


def test_the_published_results_report_is_filed_under_the_item_that_reads_it(personas, frameworks):
    from reports.actions import do_set_route
    from reports.models import Publication, Verb
    from reports.publishing import do_publish

    plan = plan_with_measures(personas.org, 1)
    memo = do_create_memo(personas.org, Memo.Kind.RESULTS, actor=personas.clerk, plan=plan)
    do_set_route(memo, [(personas.executive, Verb.APPROVE)], actor=personas.clerk)
    approve_through(personas, memo, [personas.executive])
    do_publish(memo, actor=personas.executive, unsigned=True)
    publication = Publication.objects.get(memo=memo)
    item = answers.answer(memo).item
    assert (publication.fiscal_year, publication.oit_code) == (2567, item.code)
    page = personas.client_for(personas.clerk).get(
        reverse("ita_page", args=[personas.org.slug, 2567])
    )
    assert page.status_code == 200 and memo.subject[:40] in page.content.decode()
