from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from reports.actions import do_create_memo, do_set_route, do_submit_memo, do_update_memo
from reports.models import Memo, Verb
from reports.numbering import allocate, prefix_for
from tests.memo_helpers import analysis_memo


def test_numbers_follow_each_other_and_restart_each_fiscal_year(personas, db):
    org = personas.org
    assert [allocate(org, None, 2566)[1] for _ in range(3)] == [1, 2, 3]
    assert allocate(org, None, 2567) == ("ลพ 99901", 1)


def test_a_department_with_its_own_prefix_counts_apart_when_configured(personas, db):
    org, department = personas.org, personas.department
    department.doc_prefix = "ลพ 99901.1"
    department.save()
    assert prefix_for(org, department) == "ลพ 99901"  # not configured: one counter
    org.number_per_department = True
    org.save()
    assert allocate(org, department, 2566) == ("ลพ 99901.1", 1)
    assert allocate(org, None, 2566) == ("ลพ 99901", 1)


@pytest.mark.django_db(transaction=True)
def test_two_submissions_at_once_never_share_a_number(personas, frameworks):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL's row locks")
    first = analysis_memo(personas, measures=1)
    second = do_create_memo(personas.org, Memo.Kind.GENERAL, actor=personas.clerk)
    do_update_memo(second, {"subject": "เรื่องทั่วไป"}, None, actor=personas.clerk)
    do_set_route(second, [(personas.executive, Verb.APPROVE)], actor=personas.clerk)
    barrier = threading.Barrier(2)
    numbers: list[int] = []

    def submit(pk: int) -> None:
        try:
            memo = Memo.objects.get(pk=pk)
            barrier.wait()
            numbers.append(do_submit_memo(memo, actor=personas.clerk).number)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(m.pk,)) for m in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(numbers) == [1, 2]
