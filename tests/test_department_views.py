from __future__ import annotations

from django.urls import reverse

from itatrack.models import AuditEvent, Department


def list_url(p):
    return reverse("department_list", args=[p.org.slug])


def edit_url(p, dept):
    return reverse("department_edit", args=[p.org.slug, dept.pk])


def test_it_lists_the_departments_of_the_organisation_only(personas):
    html = personas.client_for(personas.admin).get(list_url(personas)).content.decode()
    assert personas.department.name in html
    assert personas.other_department.name not in html


def test_it_adds_a_department_and_records_who_did_it(personas):
    client = personas.client_for(personas.admin)
    response = client.post(list_url(personas), {"name": "  กองช่าง ", "order": "3"})
    assert response.status_code == 302
    dept = Department.objects.get(organization=personas.org, name="กองช่าง")
    event = AuditEvent.objects.get(verb="department.create")
    assert event.actor == personas.admin.user
    assert event.target_id == str(dept.pk)


def test_it_refuses_a_duplicate_name_in_thai_and_writes_nothing(personas):
    client = personas.client_for(personas.admin)
    response = client.post(list_url(personas), {"name": "สำนักปลัดเทศบาล", "order": "2"})
    assert response.status_code == 200
    assert "มีส่วนราชการชื่อนี้อยู่แล้ว" in response.content.decode()
    assert Department.objects.for_org(personas.org).count() == 1
    assert not AuditEvent.objects.exists()


def test_it_allows_the_same_name_as_another_organisations_department(personas):
    client = personas.client_for(personas.admin)
    client.post(list_url(personas), {"name": personas.other_department.name, "order": "2"})
    assert (
        Department.objects.for_org(personas.org)
        .filter(name=personas.other_department.name)
        .exists()
    )


def test_it_renames_a_department_inline_with_htmx(personas):
    client = personas.client_for(personas.admin)
    form = client.get(edit_url(personas, personas.department), headers={"HX-Request": "true"})
    assert b"hx-post" in form.content and b"<html" not in form.content
    response = client.post(
        edit_url(personas, personas.department),
        {"name": "สำนักปลัด", "order": "1", "is_active": "on"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "สำนักปลัด" in response.content.decode()
    assert b"<form" not in response.content
    personas.department.refresh_from_db()
    assert personas.department.name == "สำนักปลัด"
    assert AuditEvent.objects.get(verb="department.update").data["fields"] == ["name"]


def test_it_keeps_what_was_typed_when_the_inline_edit_is_invalid(personas):
    Department.objects.create(organization=personas.org, name="กองคลัง", order=2)
    response = personas.client_for(personas.admin).post(
        edit_url(personas, personas.department),
        {"name": "กองคลัง", "order": "7", "is_active": "on"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert "มีส่วนราชการชื่อนี้อยู่แล้ว" in html
    assert 'value="7"' in html
    personas.department.refresh_from_db()
    assert personas.department.name == "สำนักปลัดเทศบาล"


def test_it_deactivates_a_department_without_deleting_it(personas):
    personas.client_for(personas.admin).post(
        edit_url(personas, personas.department), {"name": "สำนักปลัดเทศบาล", "order": "1"}
    )
    personas.department.refresh_from_db()
    assert personas.department.is_active is False


def test_it_returns_other_orgs_department_as_404(personas):
    response = personas.client_for(personas.admin).get(
        edit_url(personas, personas.other_department)
    )
    assert response.status_code == 404


def test_it_forbids_departments_to_every_role_but_admin(personas):
    for member in (personas.clerk, personas.reviewer, personas.executive):
        client = personas.client_for(member)
        assert client.get(list_url(personas)).status_code == 403
        assert client.post(list_url(personas), {"name": "x", "order": "1"}).status_code == 403
    assert Department.objects.for_org(personas.org).count() == 1
