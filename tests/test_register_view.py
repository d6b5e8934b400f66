"""The register page: where the counter is and where it continues, and how the body counts."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from itatrack.models import AuditEvent, Organization
from reports.numbering import next_number, register_year


def test_the_admin_continues_the_register_from_the_page(personas, db):
    client = personas.client_for(personas.admin)
    url = reverse("register", args=[personas.org.slug])
    page = client.get(url).content.decode()
    assert "ลพ ๙๙๙๐๑" in page and "ปีปฏิทิน" in page
    year = register_year(personas.org, timezone.localdate())
    response = client.post(
        url, {"register_prefix": "ลพ 99901", "year": year, "number": 237}, follow=True
    )
    assert "เลขที่หนังสือถัดไปของ ลพ ๙๙๙๐๑ คือ ๒๓๗" in response.content.decode()
    assert next_number(personas.org, "ลพ 99901", year) == 237
    event = AuditEvent.objects.get(verb="register.next")
    assert (event.data["previous"], event.data["now"]) == (1, 237)


def test_a_next_number_of_zero_is_refused_in_thai(personas, db):
    client = personas.client_for(personas.admin)
    url = reverse("register", args=[personas.org.slug])
    response = client.post(
        url, {"register_prefix": "ลพ 99901", "year": 2569, "number": 0}, follow=True
    )
    assert "เลขที่หนังสือต้องเป็นจำนวนเต็มตั้งแต่ ๑ ขึ้นไป" in response.content.decode()
    assert not AuditEvent.objects.filter(verb="register.next").exists()


def test_the_admin_chooses_to_count_by_fiscal_year(personas, db):
    client = personas.client_for(personas.admin)
    client.post(reverse("register", args=[personas.org.slug]), {"number_year": "fiscal"})
    personas.org.refresh_from_db()
    assert personas.org.number_year == Organization.NumberYear.FISCAL


def test_a_clerk_cannot_open_the_register(personas, db):
    response = personas.client_for(personas.clerk).get(
        reverse("register", args=[personas.org.slug])
    )
    assert response.status_code == 403
