"""Every assessment URL of the demo, walked by role: staff and admins edit; reviewers and
executives read and are refused (403) everything that changes data."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import resolve

from itatrack.models import Membership, Organization
from tests.urlwalk import org_urls

READ_ONLY = {
    "assessment_list",
    "assessment_detail",
    "assessment_pdf",
    "assessment_export_csv",
    "assessment_export_xlsx",
    "finding_list",
}


@pytest.fixture
def demo(frameworks):
    call_command("seed_demo", verbosity=0)
    org = Organization.objects.get(slug="ban-tuayang")
    return org, [u for u in org_urls(org) if "/assessments/" in u]


def client_for(client, username: str):
    client.force_login(
        Membership.objects.get(user__username=username, organization__slug="ban-tuayang").user
    )
    return client


@pytest.mark.parametrize("username", ["reviewer", "palat", "mayor"])
def test_readers_read_and_are_refused_every_change(demo, client, username):
    _org, urls = demo
    client = client_for(client, username)
    for url in urls:
        name = resolve(url).url_name
        if name in READ_ONLY:
            status = client.get(url).status_code
            assert status in (200, 404), (url, status)  # 404: the demo has no ITAS PDF
        else:
            assert client.get(url).status_code == 403, url
            assert client.post(url, {}).status_code == 403, url


@pytest.mark.parametrize("username", ["clerk", "orgadmin"])
def test_editors_reach_every_assessment_page(demo, client, username):
    _org, urls = demo
    client = client_for(client, username)
    for url in urls:
        name = resolve(url).url_name
        status = client.get(url).status_code
        if name in {
            "assessment_create",
            "import_confirm",
            "finding_propose",
            "finding_discard",
            "finding_confirm_many",
        }:
            assert status == 405, url  # POST-only actions
        else:
            assert status in (200, 404), (url, status)
