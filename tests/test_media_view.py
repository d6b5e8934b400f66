from __future__ import annotations

from django.test import Client

from itatrack.actions import do_update_member, do_update_organization
from tests.helpers import image_upload


def test_it_serves_the_emblem_and_signatures_to_members_of_the_organisation(personas):
    do_update_organization(personas.org, {"emblem": image_upload("e.png")}, actor=None)
    do_update_member(personas.reviewer, {"signature": image_upload("s.png")}, actor=None)
    client = personas.client_for(personas.clerk)
    emblem = client.get(personas.org.emblem.url)
    assert emblem.status_code == 200
    assert emblem["Content-Type"] == "image/png"
    signature = client.get(personas.reviewer.signature.url)
    assert signature.status_code == 200
    assert "no-store" in signature["Cache-Control"]


def test_it_hides_signatures_from_other_organisations_and_anonymous_visitors(personas):
    do_update_member(personas.reviewer, {"signature": image_upload("s.png")}, actor=None)
    url = personas.reviewer.signature.url
    assert personas.client_for(personas.outsider).get(url).status_code == 404
    assert Client().get(url).status_code == 302


def test_it_returns_404_for_unknown_folders_and_path_tricks(personas):
    client = personas.client_for(personas.admin)
    for path in (
        "/media/secret_key",
        "/media/emblems/../secret_key",
        "/media/other/x.png",
        "/media/emblems/missing.png",
    ):
        assert client.get(path).status_code == 404, path
