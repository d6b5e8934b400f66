"""Logging in opens the organisation the person used last (kept across logins), else the
first one they joined, never merely the first in alphabetical order."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from itatrack.models import Membership, Organization


@pytest.fixture
def two_bodies(personas):
    """The clerk also serves อบต.กขค (alphabetically before ทต.บ้านทดสอบ), joined later."""
    first = Organization.objects.create(
        name="องค์การบริหารส่วนตำบลกขค",
        short_name="อบต.กขค",
        slug="a-kokhokho",
        kind="sao",
        province="ลำปาง",
    )
    Membership.objects.create(
        user=personas.clerk.user, organization=first, role="staff", display_name="เสมียน"
    )
    return first


def logged_in(personas) -> Client:
    """A new login: a new session, as on the next morning."""
    client = Client()
    client.force_login(personas.clerk.user)
    return client


def test_a_first_login_opens_the_organisation_joined_first(personas, two_bodies):
    response = logged_in(personas).get(reverse("index"))
    assert response["Location"] == reverse("org_home", args=[personas.org.slug])


def test_the_next_login_opens_the_organisation_used_last(personas, two_bodies):
    client = logged_in(personas)
    client.get(reverse("org_home", args=[two_bodies.slug]))
    client.post(reverse("logout"))
    again = logged_in(personas).get(reverse("index"))
    assert again["Location"] == reverse("org_home", args=[two_bodies.slug])
