from __future__ import annotations

from django.urls import reverse

from itatrack.models import AuditEvent, Organization
from tests.helpers import image_upload


def form_data(org: Organization, **overrides):
    data = {
        "name": org.name,
        "short_name": org.short_name,
        "kind": org.kind,
        "province": org.province,
        "district": "",
        "address": "",
        "phone": "",
        "website": "",
        "doc_prefix": org.doc_prefix,
        "head_title": org.head_title,
    }
    return {**data, **overrides}


def test_it_saves_the_profile_and_the_emblem(personas):
    url = reverse("organization_edit", args=[personas.org.slug])
    response = personas.client_for(personas.admin).post(
        url,
        form_data(personas.org, website="ban-thotsob.go.th", emblem=image_upload("e.jpg", "JPEG")),
    )
    assert response.status_code == 302
    personas.org.refresh_from_db()
    assert personas.org.website == "https://ban-thotsob.go.th"
    assert personas.org.emblem.name.startswith("emblems/")
    assert sorted(AuditEvent.objects.get().data["fields"]) == ["emblem", "website"]


def test_it_shows_the_current_emblem_as_an_image_not_its_stored_name(personas):
    url = reverse("organization_edit", args=[personas.org.slug])
    client = personas.client_for(personas.admin)
    client.post(url, form_data(personas.org, emblem=image_upload("e.png", "PNG")))
    personas.org.refresh_from_db()
    html = client.get(url).content.decode()
    image = f'<img src="{personas.org.emblem.url}" alt="ไฟล์ปัจจุบัน" class="upload-thumb">'
    assert image in html
    assert f">{personas.org.emblem.name}<" not in html


def test_it_shows_the_document_prefix_with_thai_digits(personas):
    assert personas.org.doc_prefix_thai == "ลพ ๙๙๙๐๑"


def test_it_refuses_a_gif_emblem_in_thai_and_keeps_the_rest(personas):
    url = reverse("organization_edit", args=[personas.org.slug])
    response = personas.client_for(personas.admin).post(
        url, form_data(personas.org, phone="๐๕๓", emblem=image_upload("e.gif", "GIF"))
    )
    html = response.content.decode()
    assert "รับเฉพาะภาพ PNG หรือ JPEG เท่านั้น" in html
    assert 'value="๐๕๓"' in html
    personas.org.refresh_from_db()
    assert personas.org.phone == "" and not personas.org.emblem


def test_it_forbids_the_profile_to_non_admins(personas):
    url = reverse("organization_edit", args=[personas.org.slug])
    for member in (personas.clerk, personas.reviewer, personas.executive):
        response = personas.client_for(member).post(url, form_data(personas.org, name="แก้"))
        assert response.status_code == 403
    personas.org.refresh_from_db()
    assert personas.org.name == "เทศบาลตำบลบ้านทดสอบ"


def test_a_place_typed_with_its_prefix_is_kept_without_it(personas):
    url = reverse("organization_edit", args=[personas.org.slug])
    personas.client_for(personas.admin).post(
        url, form_data(personas.org, district="อำเภอเมืองลำพูน", province="จังหวัดลำพูน")
    )
    personas.org.refresh_from_db()
    assert (personas.org.district, personas.org.province) == ("เมืองลำพูน", "ลำพูน")
    page = personas.client_for(personas.admin).get(reverse("org_home", args=[personas.org.slug]))
    assert "อำเภอเมืองลำพูน" in page.content.decode()
    assert "อำเภออำเภอ" not in page.content.decode()
