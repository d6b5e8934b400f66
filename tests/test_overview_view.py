"""The supervisor's overview: scope, sorting, filters, counts, exports and access."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine
from openpyxl import load_workbook

from assessments.models import Assessment, Framework, Item
from itatrack.models import Organization
from measures.actions import MeasureLinks, do_close_measure, do_save_measure
from measures.models import Measure, Plan
from reports.oit import do_add_oit_evidence, do_check_oit_item, do_publish_oit_items
from reports.publishing import do_publish
from tests.memo_helpers import approved_memo

URL = "/s/lamphun-office/"


def score(org: Organization, year: int, total: str, level: str = "") -> Assessment:
    return Assessment.objects.create(
        organization=org,
        framework=Framework.objects.get(fiscal_year=year),
        total_score=Decimal(total),
        official_level=level,
    )


def names(response) -> list[str]:
    return [o.name for o in response.context["page"]]


@pytest.fixture
def scored(personas, supervision):
    score(personas.org, 2565, "80.00")
    score(personas.org, 2566, "91.50")
    score(personas.other_org, 2565, "70.00")
    score(personas.other_org, 2566, "62.25")
    score(supervision.unseen, 2566, "99.00")
    return supervision


def test_it_lists_every_body_in_its_provinces_and_those_named(personas, scored):
    response = scored.client().get(URL, {"year": 2566})
    assert response.status_code == 200
    assert sorted(names(response)) == sorted(
        [personas.org.name, personas.other_org.name, scored.named.name]
    )
    assert scored.unseen.name not in response.content.decode()


def test_it_sorts_by_score_with_unscored_bodies_last_either_way(personas, scored):
    client = scored.client()
    down = names(client.get(URL, {"year": 2566, "sort": "-score"}))
    up = names(client.get(URL, {"year": 2566, "sort": "score"}))
    assert down == [personas.org.name, personas.other_org.name, scored.named.name]
    assert up == [personas.other_org.name, personas.org.name, scored.named.name]


def test_it_shows_the_change_from_the_year_before_and_the_computed_level(personas, scored):
    response = scored.client().get(URL, {"year": 2566, "sort": "-score"})
    rows = {o.slug: o for o in response.context["page"]}
    assert rows[personas.org.slug].change == Decimal("11.50")
    assert rows[personas.other_org.slug].change == Decimal("-7.75")
    framework = Framework.objects.get(fiscal_year=2566)
    assert rows[personas.org.slug].level == framework.level_for(Decimal("91.50"))
    assert rows[scored.named.slug].level == "-"
    assert "▲ ๑๑.๕๐" in response.content.decode()


def test_the_announced_level_wins_over_the_computed_one(personas, scored):
    Assessment.objects.filter(organization=personas.org, framework__fiscal_year=2566).update(
        official_level="AA"
    )
    response = scored.client().get(URL, {"year": 2566, "level": "AA"})
    assert names(response) == [personas.org.name]


def test_it_filters_by_province_kind_and_name(personas, scored):
    client = scored.client()
    assert names(client.get(URL, {"year": 2566, "province": "เชียงใหม่"})) == [scored.named.name]
    assert names(client.get(URL, {"year": 2566, "kind": Organization.Kind.SAO})) == [
        personas.other_org.name
    ]
    assert names(client.get(URL, {"year": 2566, "q": "บ้านทดสอบ"})) == [personas.org.name]


def test_the_summary_and_chart_cover_the_whole_filtered_table(personas, scored):
    response = scored.client().get(URL, {"year": 2566})
    summary = response.context["summary"]
    assert (summary.bodies, summary.scored) == (3, 2)
    assert summary.passed == 1  # 91.50 passes the 2566 mark, 62.25 does not
    assert dict(summary.levels)["-"] == 1
    assert sum(n for _level, n in summary.levels) == 3
    assert response.content.decode().count('class="level-bar"') == len(summary.levels)


@time_machine.travel(dt.datetime(2023, 6, 1, 9, 0), tick=False)
def test_it_counts_measures_done_and_overdue_and_published_documents(
    personas, supervision, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        memo = approved_memo(personas, measures=2)  # plan 2566, two measures ending March 2023
        do_publish(memo, actor=personas.admin, unsigned=True)
        done = Measure.objects.filter(plan=memo.plan).first()
        do_close_measure(done, "ดำเนินการครบ", actor=None)
    response = supervision.client().get(URL, {"year": 2566})
    row = next(o for o in response.context["page"] if o.slug == personas.org.slug)
    assert (row.measures_total, row.measures_done, row.measures_overdue) == (2, 1, 1)
    assert row.published == 1
    assert memo.plan.fiscal_year == 2566


def test_it_shows_oit_items_ready_per_body_and_sorts_by_them(
    personas, scored, django_capture_on_commit_callbacks
):
    items = list(Item.objects.filter(framework__fiscal_year=2566, indicator__tool="OIT"))
    with django_capture_on_commit_callbacks(execute=True):
        for item in items[:3]:
            [evidence] = do_add_oit_evidence(
                personas.org, item, links=["https://www.example.go.th/x"], actor=personas.clerk
            )
            do_check_oit_item(evidence.entry, ready=True, comment="", actor=personas.reviewer)
        do_publish_oit_items(personas.org, [evidence.entry], actor=personas.clerk)
    response = scored.client().get(URL, {"year": 2566, "sort": "-oit"})
    rows = list(response.context["page"])
    assert rows[0].slug == personas.org.slug and rows[0].oit_ready == 3
    assert all(o.oit_ready == 0 for o in rows[1:])
    assert "๓ / ๔๓" in response.content.decode()
    export = scored.client().get("/s/lamphun-office/export.csv", {"year": 2566, "sort": "-oit"})
    table = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert table[0][-2:] == ["รายการ OIT พร้อม", "รายการ OIT ทั้งหมด"]
    assert table[1][-2:] == ["3", str(len(items))]


def test_a_bad_filter_is_refused_in_thai_and_the_table_still_shows(personas, scored):
    response = scored.client().get(URL, {"year": "2400", "sort": "drop table"}, follow=True)
    assert response.status_code == 200
    text = response.content.decode()
    assert "ปีงบประมาณ: เลือกตัวเลือกที่ถูกต้อง" in text
    assert "เรียงตาม: เลือกตัวเลือกที่ถูกต้อง" in text
    assert len(names(response)) == 3


def test_the_csv_export_has_the_filtered_rows_and_cannot_run_a_formula(personas, scored):
    Organization.objects.filter(pk=personas.org.pk).update(name="=HYPERLINK(1)")
    response = scored.client().get("/s/lamphun-office/export.csv", {"year": 2566, "sort": "-score"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["จังหวัด", "อำเภอ", "ประเภท", "หน่วยงาน"]
    assert [r[3] for r in rows[1:]] == [
        "'=HYPERLINK(1)",
        personas.other_org.name,
        scored.named.name,
    ]
    assert rows[1][5] == "91.50"
    assert rows[1][7:9] == ["80.00", "11.50"]


def test_the_xlsx_export_has_the_same_rows_as_the_table(personas, scored):
    response = scored.client().get(
        "/s/lamphun-office/export.xlsx", {"year": 2566, "province": "ลำพูน", "sort": "-score"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert [r[3] for r in rows] == [personas.org.name, personas.other_org.name]
    assert Decimal(str(rows[0][5])) == Decimal("91.50")


def test_it_drills_into_a_body_read_only(personas, supervision):
    memo = approved_memo(personas, measures=2)
    do_publish(memo, actor=personas.admin, unsigned=True)
    response = supervision.client().get(f"{URL}o/{personas.org.slug}/")
    assert response.status_code == 200
    text = response.content.decode()
    assert personas.org.name in text
    assert f'"/o/{personas.org.slug}/' not in text  # no link into the body's working pages
    assert "/d/" in text  # its published documents are public anyway
    assert Plan.objects.get(pk=memo.plan_id).measures.first().title[:40] in text


def test_a_body_outside_the_scope_is_404_in_the_drill_down(scored):
    assert scored.client().get(f"{URL}o/{scored.unseen.slug}/").status_code == 404


@pytest.mark.parametrize("who", ["clerk", "executive", "admin", "outsider"])
def test_it_returns_the_overview_as_404_to_members_who_do_not_supervise(personas, scored, who):
    client = personas.client_for(getattr(personas, who))
    for url in (URL, f"{URL}export.csv", f"{URL}export.xlsx", f"{URL}o/{personas.org.slug}/"):
        assert client.get(url).status_code == 404, url


def test_it_sends_an_anonymous_visitor_to_log_in(scored):
    from django.test import Client

    response = Client().get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_deactivated_supervisor_sees_nothing(scored):
    scored.oversight.supervisors.update(is_active=False)
    assert scored.client().get(URL).status_code == 404


def test_supervisors_only_read(scored):
    assert scored.client().post(URL, {"year": 2566}).status_code == 403


def test_the_home_page_sends_a_supervisor_without_a_membership_to_the_overview(scored):
    response = scored.client().get("/")
    assert response.status_code == 302
    assert response["Location"] == URL


def test_the_overview_issues_the_same_queries_for_three_bodies_or_thirty(personas, scored):
    from tests.test_query_discipline import count

    client = scored.client()
    client.get(URL)  # a session's first page notes what it needs (second factor): not a row's cost
    before = count(client, f"{URL}?year=2566&sort=-score")
    for n in range(27):
        org = Organization.objects.create(
            slug=f"extra-{n}",
            name=f"เทศบาลตำบลเพิ่ม {n}",
            short_name=f"ทต.เพิ่ม {n}",
            kind=Organization.Kind.SUBDISTRICT,
            province="ลำพูน",
        )
        score(org, 2566, f"{60 + n}.00")
    after = count(client, f"{URL}?year=2566&sort=-score")
    assert after == before
    assert after <= 20


@time_machine.travel(dt.datetime(2027, 11, 2, 9, 0), tick=False)
def test_this_years_measures_show_before_nacc_scores_the_year(
    personas, supervision, django_capture_on_commit_callbacks
):
    from measures.actions import do_create_plan

    with django_capture_on_commit_callbacks(execute=True):
        plan = do_create_plan(personas.org, fiscal_year=2571, assessment=None, actor=None)
        do_save_measure(
            Measure(plan=plan),
            {
                "title": "มาตรการปีนี้",
                "start_date": dt.date(2027, 10, 1),
                "end_date": dt.date(2027, 10, 31),
            },
            MeasureLinks(),
            actor=None,
        )
    response = supervision.client().get(URL, {"year": 2571})
    assert response.status_code == 200
    row = next(o for o in response.context["page"] if o.slug == personas.org.slug)
    assert (row.score, row.level, row.measures_total, row.measures_overdue) == (None, "-", 1, 1)
    text = response.content.decode()
    assert "ยังไม่มีกรอบการประเมินปี ๒๕๗๑" in text
    assert "ผ่านเกณฑ์" not in text
    export = supervision.client().get(f"{URL}export.csv", {"year": 2571})
    assert export["Content-Disposition"].endswith('-ita-2571.csv"')


def test_the_next_page_keeps_the_filters_and_the_sort(personas, scored):
    for n in range(55):
        Organization.objects.create(
            slug=f"more-{n}",
            name=f"องค์การบริหารส่วนตำบลเพิ่ม {n:02d}",
            short_name=f"อบต.เพิ่ม {n:02d}",
            kind=Organization.Kind.SAO,
            province="ลำพูน",
        )
    client = scored.client()
    first = client.get(URL, {"year": 2566, "kind": "sao", "sort": "name"})
    assert len(first.context["page"]) == 50
    assert 'href="?year=2566&amp;kind=sao&amp;sort=name&amp;page=2"' in first.content.decode()
    second = client.get(URL, {"year": 2566, "kind": "sao", "sort": "name", "page": 2})
    assert len(second.context["page"]) == 56 - 50  # 55 new bodies and the persona's neighbour
