"""Services that are entry points run in a durable transaction: called inside someone else's
transaction they refuse, instead of silently committing with it (or being rolled back by it)."""

from __future__ import annotations

import pytest
from django.db import transaction

from reports.actions import do_submit_memo
from tests.memo_helpers import analysis_memo


def test_a_durable_service_refuses_to_run_inside_another_transaction(personas, frameworks):
    memo = analysis_memo(personas, 1)
    with pytest.raises(RuntimeError, match="durable"), transaction.atomic():
        do_submit_memo(memo, actor=personas.clerk)
    memo.refresh_from_db()
    assert memo.status == "draft"


def test_the_demo_which_calls_them_one_after_another_still_runs(db):
    from django.core.management import call_command

    from reports.models import Memo

    call_command("seed_demo", verbosity=0)
    assert Memo.objects.filter(status="approved").exclude(pdf="").exists()
