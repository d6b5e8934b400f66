from __future__ import annotations

from django.urls import reverse

from itatrack.models import Membership, Role


def test_it_switches_to_another_organisation_of_the_user(personas):
    Membership.objects.create(
        user=personas.clerk.user,
        organization=personas.other_org,
        role=Role.STAFF,
        display_name="นางสาวใจดี ทดสอบ",
    )
    client = personas.client_for(personas.clerk)
    response = client.post(reverse("switch_org"), {"org": personas.other_org.slug})
    assert response["Location"] == reverse("org_home", args=[personas.other_org.slug])
    assert client.get("/")["Location"] == reverse("org_home", args=[personas.other_org.slug])


def test_it_lists_every_organisation_of_the_user_in_the_switcher(personas):
    Membership.objects.create(
        user=personas.clerk.user,
        organization=personas.other_org,
        role=Role.STAFF,
        display_name="นางสาวใจดี ทดสอบ",
    )
    html = (
        personas.client_for(personas.clerk)
        .get(reverse("org_home", args=[personas.org.slug]))
        .content.decode()
    )
    assert 'data-testid="org-switcher"' in html
    assert personas.other_org.name in html


def test_it_returns_404_when_switching_to_an_organisation_the_user_is_not_in(personas):
    client = personas.client_for(personas.clerk)
    response = client.post(reverse("switch_org"), {"org": personas.other_org.slug})
    assert response.status_code == 404
    assert client.get("/")["Location"] == reverse("org_home", args=[personas.org.slug])


def test_it_refuses_a_get_switch(personas):
    response = personas.client_for(personas.clerk).get(reverse("switch_org"))
    assert response.status_code == 405
