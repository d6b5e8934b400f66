"""The outsider (admin of another organisation) must not learn anything about the demo
municipality: every one of its URLs answers 404, by GET and by POST."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client

from itatrack.models import Membership, Organization
from tests.urlwalk import org_urls


@pytest.fixture
def demo(frameworks):
    call_command("seed_demo", verbosity=0)
    return Organization.objects.get(slug="ban-tuayang")


@pytest.fixture
def outsider_client(demo) -> Client:
    outsider = Membership.objects.get(user__username="outsider")
    assert outsider.organization != demo
    client = Client()
    client.force_login(outsider.user)
    return client


def test_it_walks_a_real_list_of_demo_urls(demo):
    urls = org_urls(demo)
    assert len(urls) >= 12
    assert all(url.startswith(f"/o/{demo.slug}/") for url in urls)


def test_it_returns_404_for_every_demo_url_to_the_outsider(demo, outsider_client):
    for url in org_urls(demo):
        assert outsider_client.get(url).status_code == 404, url
        assert outsider_client.post(url, {"name": "x", "active": "0"}).status_code == 404, url


def test_it_returns_404_for_the_demo_emblem_and_signatures_to_the_outsider(demo, outsider_client):
    assert demo.emblem
    assert outsider_client.get(demo.emblem.url).status_code == 404


def test_it_changes_nothing_when_the_outsider_posts(demo, outsider_client):
    before = sorted(Membership.objects.for_org(demo).values_list("pk", "is_active", "role"))
    for url in org_urls(demo):
        outsider_client.post(url, {"active": "0", "role": "admin", "name": "ถูกแก้"})
    after = sorted(Membership.objects.for_org(demo).values_list("pk", "is_active", "role"))
    assert before == after
    assert not demo.departments.filter(name="ถูกแก้").exists()


def test_it_redirects_anonymous_visitors_to_login_for_every_demo_url(demo):
    client = Client()
    for url in org_urls(demo):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url
