"""On PostgreSQL, two people saving the same measure at once: exactly one wins, the other is
told (StaleEdit), nothing is lost silently."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from itatrack.actions import StaleEdit
from measures.actions import MeasureLinks, do_save_measure
from measures.models import Measure
from tests.measure_helpers import make_plan

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_saves_from_the_same_version_give_one_winner(personas, frameworks):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL")
    plan = make_plan(personas.org)
    measure = do_save_measure(Measure(plan=plan), {"title": "ต้นฉบับ"}, MeasureLinks(), actor=None)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def save(title: str) -> None:
        try:
            mine = Measure.objects.get(pk=measure.pk)
            barrier.wait()
            do_save_measure(mine, {"title": title}, MeasureLinks(), actor=None, expected_version=1)
            outcomes.append("saved")
        except StaleEdit:
            outcomes.append("told")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(t,)) for t in ("ฉบับ ก", "ฉบับ ข")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes) == ["saved", "told"]
    measure.refresh_from_db()
    assert measure.title in {"ฉบับ ก", "ฉบับ ข"} and measure.version == 2
