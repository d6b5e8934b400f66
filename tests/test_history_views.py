from __future__ import annotations

from django.urls import reverse

from itatrack.actions import do_update_department, do_update_organization


def test_it_shows_a_departments_changes_with_who_and_what(personas):
    from auditlog.context import set_actor

    with set_actor(personas.admin.user):
        do_update_department(personas.department, {"name": "สำนักปลัด"}, actor=personas.admin)
    url = reverse("object_history", args=[personas.org.slug, "department", personas.department.pk])
    html = personas.client_for(personas.admin).get(url).content.decode()
    assert "สำนักปลัดเทศบาล → สำนักปลัด" in html
    assert "แก้ไขส่วนราชการ" in html  # the audit event
    assert personas.admin.user.username in html or "ดูแล" in html


def test_it_shows_the_organisations_own_history(personas):
    do_update_organization(personas.org, {"phone": "๐ ๕๓๐๐ ๐๐๐๐"}, actor=personas.admin)
    html = (
        personas.client_for(personas.admin)
        .get(reverse("organization_history", args=[personas.org.slug]))
        .content.decode()
    )
    assert "๐ ๕๓๐๐ ๐๐๐๐" in html
    assert "แก้ไขข้อมูลหน่วยงาน" in html


def test_it_returns_404_for_an_unknown_kind_or_another_orgs_object(personas):
    client = personas.client_for(personas.admin)
    assert client.get(f"/o/{personas.org.slug}/history/user/1/").status_code == 404
    assert (
        client.get(
            reverse("object_history", args=[personas.org.slug, "member", personas.outsider.pk])
        ).status_code
        == 404
    )


def test_it_shows_history_to_the_admin_only(personas):
    url = reverse("object_history", args=[personas.org.slug, "member", personas.clerk.pk])
    assert personas.client_for(personas.admin).get(url).status_code == 200
    for member in (personas.clerk, personas.reviewer, personas.executive):
        assert personas.client_for(member).get(url).status_code == 403


def test_it_lists_the_organisations_audit_events_and_not_others(personas):
    do_update_department(personas.department, {"order": 5}, actor=personas.admin)
    do_update_department(personas.other_department, {"order": 9}, actor=personas.outsider)
    html = (
        personas.client_for(personas.admin)
        .get(reverse("audit_log", args=[personas.org.slug]))
        .content.decode()
    )
    assert personas.department.name in html
    assert personas.other_department.name not in html


def test_it_describes_changes_in_thai_without_placeholders(personas):
    from itatrack.actions import do_add_member

    member = do_add_member(
        personas.org,
        username="somsri",
        display_name="นางสมศรี ใหม่มา",
        role="reviewer",
        password="x" * 12,
        actor=personas.admin,
    )
    html = (
        personas.client_for(personas.admin)
        .get(reverse("object_history", args=[personas.org.slug, "member", member.pk]))
        .content.decode()
    )
    assert "บทบาท: ผู้ตรวจทาน" in html and "บัญชีใหม่: ใช่" in html
    assert "ชื่อที่พิมพ์ในเอกสาร" in html and "หน่วยงาน" in html
    assert "None" not in html and "True" not in html and "created at" not in html
