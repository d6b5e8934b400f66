"""The OIT score under a year's rules, the expected total, and the comparison with NACC's
verdicts, against worked examples where every item's pass or fail is written out."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.models import Framework, Item, ItemScore, Tool
from assessments.scoring import oit_score, total_score
from reports.models import OitEntry
from reports.oitboard import board, comparison, self_assessment
from tests.assessment_helpers import make_assessment

# 2564: 33 items under indicator 9 (O1–O33), 10 under indicator 10 (O34–O43), weighted 50/50
# within the OIT; tools weighted IIT 30, EIT 30, OIT 40.
FAILED_2564 = {"O5", "O12", "O20", "O40"}


def verdicts(year: int, failed: set[str]) -> dict[str, bool]:
    codes = Item.objects.filter(framework__fiscal_year=year, indicator__tool=Tool.OIT)
    return {code: code not in failed for code in codes.values_list("code", flat=True)}


def test_the_2564_worked_example_scores_as_computed_by_hand(frameworks):
    framework = Framework.objects.get(fiscal_year=2564)
    passed = verdicts(2564, FAILED_2564)
    assert len(passed) == 43 and sum(passed.values()) == 39
    result = oit_score(framework, passed)
    # indicator 9: 30 of 33 pass = 90.9090…; indicator 10: 9 of 10 = 90
    assert [(p.indicator.number, p.passed, p.items, p.score) for p in result.parts] == [
        (9, 30, 33, Decimal("90.91")),
        (10, 9, 10, Decimal("90.00")),
    ]
    # (90.9090… + 90) / 2 = 90.4545… → 90.45, from the exact shares, not the rounded ones
    assert result.score == Decimal("90.45")
    assert result.equal_weights is False
    # 0.3 × 88.50 + 0.3 × 91.20 + 0.4 × 90.45 = 26.55 + 27.36 + 36.18 = 90.09
    total = total_score(
        framework, {"IIT": Decimal("88.50"), "EIT": Decimal("91.20"), "OIT": result.score}
    )
    assert total == Decimal("90.09")
    assert framework.level_for(total) == "A"


def test_indicator_weights_change_the_score(frameworks):
    framework = Framework.objects.get(fiscal_year=2564)
    framework.indicators.filter(number=9).update(weight=80)
    framework.indicators.filter(number=10).update(weight=20)
    # 0.8 × 90.9090… + 0.2 × 90 = 72.7272… + 18 = 90.7272… → 90.73
    assert oit_score(framework, verdicts(2564, FAILED_2564)).score == Decimal("90.73")


def test_a_year_without_indicator_weights_counts_each_indicator_the_same_and_says_so(frameworks):
    framework = Framework.objects.get(fiscal_year=2569)  # 14 items under 9, 12 under 10
    result = oit_score(framework, verdicts(2569, {"O1", "O2", "O15"}))
    # (12/14 × 100 + 11/12 × 100) / 2 = (85.714… + 91.666…) / 2 = 88.690… → 88.69
    assert result.score == Decimal("88.69")
    assert result.equal_weights is True


def test_no_total_while_a_tool_weight_or_score_is_unknown(frameworks):
    unknown = Framework.objects.get(fiscal_year=2569)
    scores = {"IIT": Decimal(90), "EIT": Decimal(90), "OIT": Decimal(90)}
    assert total_score(unknown, scores) is None
    known = Framework.objects.get(fiscal_year=2564)
    assert total_score(known, {**scores, "EIT": None}) is None
    assert total_score(known, scores) == Decimal("90.00")


def mark(personas, year: int, codes: set[str], status: str) -> None:
    for item in Item.objects.filter(framework__fiscal_year=year, code__in=codes):
        OitEntry.objects.update_or_create(
            organization=personas.org, item=item, defaults={"status": status}
        )


def test_the_self_assessment_counts_ready_items_as_passing_and_uses_the_latest_iit_eit(
    personas, frameworks
):
    framework = Framework.objects.get(fiscal_year=2564)
    everything = set(verdicts(2564, set()))
    mark(personas, 2564, everything - FAILED_2564 - {"O1"}, OitEntry.Status.READY)
    mark(personas, 2564, {"O1"}, OitEntry.Status.PUBLISHED)
    mark(personas, 2564, {"O5"}, OitEntry.Status.IN_PROGRESS)
    earlier = make_assessment(personas.org, 2563)
    earlier.iit_score, earlier.eit_score = Decimal("88.50"), Decimal("91.20")
    earlier.save()
    result = self_assessment(personas.org, framework, board(personas.org, framework))
    assert (result.ready, result.items) == (39, 43)
    assert result.expected.score == Decimal("90.45")
    assert result.tools_from == earlier
    assert (result.total, result.level) == (Decimal("90.09"), "A")


def test_after_nacc_scores_it_names_the_items_failed_though_marked_ready(personas, frameworks):
    framework = Framework.objects.get(fiscal_year=2564)
    everything = set(verdicts(2564, set()))
    mark(personas, 2564, everything - {"O40"}, OitEntry.Status.READY)
    assessment = make_assessment(personas.org, 2564)
    for code, passed in verdicts(2564, FAILED_2564).items():
        ItemScore.objects.create(
            assessment=assessment, item=framework.items.get(code=code), passed=passed
        )
    rows = board(personas.org, framework)
    result = comparison(personas.org, framework, rows)
    assert sorted(r.item.code for r in result.failed_though_ready) == ["O12", "O20", "O5"]
    assert result.passed_though_not_ready == []
    assert (result.agreed, result.scored) == (40, 43)  # O40 agreed: not ready, failed
    assert result.actual.score == Decimal("90.45")
    page = personas.client_for(personas.reviewer).get(
        reverse("oit_workspace", args=[personas.org.slug, 2564])
    )
    text = page.content.decode()
    assert "ไม่ผ่านทั้งที่ตรวจแล้วว่าพร้อม" in text
    assert all(f">{code}</a>" in text for code in ("O5", "O12", "O20"))


def test_the_workspace_shows_the_expected_score_and_why_no_total(personas, frameworks):
    page = personas.client_for(personas.clerk).get(
        reverse("oit_workspace", args=[personas.org.slug, 2569])
    )
    text = page.content.decode()
    assert "คะแนน OIT ที่คาดว่าจะได้" in text
    assert "คิดทุกตัวชี้วัดเท่ากัน" in text
    assert "ยังไม่ทราบน้ำหนักของ IIT/EIT/OIT ปี ๒๕๖๙" in text


@pytest.mark.parametrize("year", [2564, 2569])
def test_no_item_ready_scores_zero(personas, frameworks, year):
    framework = Framework.objects.get(fiscal_year=year)
    result = self_assessment(personas.org, framework, board(personas.org, framework))
    assert result.expected.score == Decimal("0.00") and result.ready == 0
