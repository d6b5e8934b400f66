"""The national-scale generator, run small: every table it fills, and pages that open on it."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from assessments.models import Assessment, Framework, Item, ItemScore
from itatrack.devtools import bulk, national
from itatrack.models import Organization, Oversight, YearFigures
from measures.models import FollowUp, Measure, Plan
from reports.models import ApprovalStep, Memo, OitEntry, Publication


@pytest.fixture
def generated(db, frameworks):
    out = io.StringIO()
    call_command(
        "generate_national",
        organizations=3,
        years=8,
        measures=2,
        no_progress=True,
        stdout=out,
        stderr=io.StringIO(),
    )
    return out.getvalue()


def test_it_makes_eight_years_of_everything_for_each_body(generated):
    bodies = Organization.objects.filter(slug__startswith=national.SLUG_PREFIX)
    assert bodies.count() == 3
    assert Assessment.objects.filter(organization__in=bodies).count() == 24
    years = Framework.objects.filter(fiscal_year__range=(2562, 2569))
    items = Item.objects.filter(framework__in=years).count()
    assert ItemScore.objects.filter(assessment__organization__in=bodies).count() == 3 * items
    assert Plan.objects.filter(organization__in=bodies).count() == 24
    assert Measure.objects.filter(plan__organization__in=bodies).count() == 48
    assert FollowUp.objects.filter(measure__plan__organization__in=bodies).exists()
    memos = Memo.objects.filter(organization__in=bodies)
    assert memos.filter(status=Memo.Status.APPROVED).count() == Publication.objects.count()
    assert memos.filter(status=Memo.Status.SUBMITTED).count() == 3  # the newest, waiting
    assert ApprovalStep.objects.filter(state=ApprovalStep.State.CURRENT).count() == 3
    # The plans' years 2563–2570, and the OIT workspace of every year assessed (2562–2569).
    assert YearFigures.objects.filter(organization__in=bodies).count() == 27
    oit_items = Item.objects.filter(framework__in=years, indicator__tool="OIT").count()
    assert OitEntry.objects.filter(organization__in=bodies).count() == 3 * oit_items
    assert "3 bodies" in generated


def test_a_dataset_made_before_the_oit_workspace_gets_it_once(generated):
    bodies = Organization.objects.filter(slug__startswith=national.SLUG_PREFIX)
    kept = OitEntry.objects.filter(organization__in=bodies).count()
    OitEntry.objects.filter(organization=bodies.first()).delete()
    assert national.fill_oit(years=list(range(2562, 2570))) == kept // 3
    assert national.fill_oit(years=list(range(2562, 2570))) == 0
    assert OitEntry.objects.filter(organization__in=bodies).count() == kept


def test_the_provinces_get_their_provincial_administration_first(generated):
    first = Organization.objects.get(slug=f"{national.SLUG_PREFIX}00000")
    assert first.kind == Organization.Kind.PAO
    assert first.name == f"องค์การบริหารส่วนจังหวัด{first.province}"


def test_its_pages_open_for_its_people(generated):
    org = Organization.objects.filter(slug__startswith=national.SLUG_PREFIX).last()
    executive = Client()
    executive.force_login(get_user_model().objects.get(username=f"{org.slug}-executive"))
    assert executive.get(f"/o/{org.slug}/dashboard/").status_code == 200
    memo = Memo.objects.filter(organization=org, status=Memo.Status.APPROVED).first()
    assert executive.get(f"/o/{org.slug}/memos/{memo.pk}/").status_code == 200
    assert Client().get(f"/p/{org.slug}/").status_code == 200
    supervisor = Client()
    oversight = Oversight.objects.get(slug=f"{national.SLUG_PREFIX}country")
    supervisor.force_login(oversight.supervisors.get().user)
    response = supervisor.get(f"/s/{oversight.slug}/", {"year": 2569})
    assert response.context["summary"].bodies == 3


def test_a_second_run_adds_bodies_after_the_first(generated):
    call_command(
        "generate_national",
        organizations=2,
        years=2,
        measures=1,
        no_progress=True,
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    slugs = sorted(
        Organization.objects.filter(slug__startswith="nat-").values_list("slug", flat=True)
    )
    assert slugs[-2:] == ["nat-00003", "nat-00004"]
    # The sequences moved past the keys given, so ordinary saves still work.
    Organization.objects.create(slug="after", name="ทต.หลัง", short_name="ทต.หลัง", kind="sao")


def test_if_missing_leaves_an_existing_dataset_alone(generated):
    out = io.StringIO()
    call_command("generate_national", if_missing=True, stdout=out)
    assert "already there" in out.getvalue()
    assert Organization.objects.filter(slug__startswith="nat-").count() == 3


def test_the_bulk_writer_keeps_tabs_newlines_and_backslashes(personas):
    table = bulk.Table(Measure, ["id", "plan_id", "number", "title"])
    plan = Plan.objects.create(organization=personas.org, fiscal_year=2570)
    text = "แถว\tหนึ่ง\nสอง\\สาม\r"
    bulk.insert(table, [(bulk.next_id(Measure), plan.pk, 1, text)])
    assert Measure.objects.get(plan=plan).title == text


def test_the_benchmark_runs_on_it(generated):
    out = io.StringIO()
    call_command("bench_national", runs=1, no_load=True, stdout=out)
    report = out.getvalue()
    assert "overview, sorted by overdue" in report
    assert "HTTP" not in report  # every page answered 200


def test_a_run_killed_part_way_is_finished_not_trusted(db, frameworks, monkeypatch):
    """A batch that dies leaves the earlier batches and no mark of completion; --if-missing
    then adds the missing bodies, the figures and the mark, instead of accepting it as is."""
    real = national.Generator._batch
    calls = {"n": 0}

    def dies_on_the_second(self, first, n):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # as a killed run stops
        return real(self, first, n)

    monkeypatch.setattr(national.Generator, "_batch", dies_on_the_second)
    options = {"organizations": 3, "years": 2, "measures": 1, "batch": 1, "no_progress": True}
    with pytest.raises(KeyboardInterrupt):
        call_command("generate_national", stdout=io.StringIO(), stderr=io.StringIO(), **options)
    bodies = Organization.objects.filter(slug__startswith=national.SLUG_PREFIX)
    assert bodies.count() == 1 and not national.is_complete()
    assert not YearFigures.objects.exists()

    out = io.StringIO()
    call_command("generate_national", if_missing=True, stdout=out, stderr=io.StringIO(), **options)
    assert "half-made" in out.getvalue()
    assert bodies.count() == 3 and national.is_complete()
    assert YearFigures.objects.filter(organization__in=bodies).count() == 3 * 3
    again = io.StringIO()
    call_command("generate_national", if_missing=True, stdout=again, **options)
    assert "nothing more to do" in again.getvalue()
