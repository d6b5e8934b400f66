"""On PostgreSQL, two admins demoting each other at the same moment leave one admin."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from itatrack import actions
from itatrack.models import Membership, Role

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_keeps_one_admin_when_two_admins_step_down_at_once(personas):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; SQLite serialises writers anyway")
    actions.do_update_member(personas.clerk, {"role": Role.ADMIN}, actor=None)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def step_down(pk: int) -> None:
        try:
            membership = Membership.objects.get(pk=pk)
            barrier.wait()
            actions.do_update_member(membership, {"role": Role.STAFF}, actor=None)
            outcomes.append("demoted")
        except actions.ActionError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=step_down, args=(m.pk,)) for m in (personas.admin, personas.clerk)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes) == ["demoted", "refused"]
    assert Membership.objects.for_org(personas.org).admins().count() == 1
