"""Plausible, invented ITA results for the demo municipality, saved through the services."""

from __future__ import annotations

import random
from decimal import Decimal

from assessments.actions import (
    do_create_assessment,
    do_discard_finding,
    do_propose_findings,
    do_save_finding,
    do_save_scores,
    do_update_assessment,
)
from assessments.models import Assessment, Finding, Framework
from assessments.scoresheet import ItemValue, ScoreSheet
from itatrack.models import Organization

TWO = Decimal("0.01")
RECOMMENDATIONS = {
    "recommendation_iit": "ควรสร้างความรู้ความเข้าใจแก่บุคลากรเรื่องการใช้ทรัพย์สินของราชการ "
    "และเปิดโอกาสให้บุคลากรมีส่วนร่วมตรวจสอบการใช้จ่ายงบประมาณ",
    "recommendation_eit": "ควรปรับปรุงช่องทางรับฟังความคิดเห็นของผู้รับบริการ "
    "และประชาสัมพันธ์ผลการดำเนินงานให้เข้าถึงง่ายขึ้น",
    "recommendation_oit": "ควรเผยแพร่ข้อมูลให้ครบถ้วนตามองค์ประกอบของแต่ละข้อ "
    "และเป็นข้อมูลของปีงบประมาณที่ประเมิน",
}


def _mean(values: list[Decimal]) -> Decimal:
    return (sum(values, Decimal(0)) / len(values)).quantize(TWO)


def _clamp(value: float) -> Decimal:
    return Decimal(str(min(100.0, max(0.0, value)))).quantize(TWO)


def demo_sheet(framework: Framework, level: float, rng: random.Random) -> ScoreSheet:
    """Scores around level; indicator 4 and 5 weaker, as is common in local government."""
    sheet = ScoreSheet()
    weak = {4: -9.0, 5: -6.0, 7: -3.0}
    by_indicator: dict[int, list[Decimal]] = {}
    passed = total_oit = 0
    for item in framework.items.select_related("indicator"):
        number = item.indicator.number
        if item.is_pass_fail:
            ok = rng.random() < min(0.97, level / 100 + 0.05)
            passed += ok
            total_oit += 1
            remark = "" if ok else "ข้อมูลไม่ครบองค์ประกอบ หรือไม่ใช่ข้อมูลของปีที่ประเมิน"
            sheet.items[item.code] = ItemValue(passed=ok, remark=remark)
            by_indicator.setdefault(number, []).append(Decimal(100 if ok else 0))
        else:
            score = _clamp(rng.gauss(level + weak.get(number, 2.0), 5))
            sheet.items[item.code] = ItemValue(score=score)
            by_indicator.setdefault(number, []).append(score)
    indicators = {n: _mean(scores) for n, scores in by_indicator.items()}
    sheet.indicators.update(indicators)
    tools = {
        tool: _mean([indicators[n] for n in numbers if n in indicators])
        for tool, numbers in (("IIT", range(1, 6)), ("EIT", range(6, 9)))
    }
    tools["OIT"] = (Decimal(100) * passed / max(total_oit, 1)).quantize(TWO)
    sheet.tools.update(tools)
    sheet.total = (
        tools["IIT"] * Decimal("0.3")
        + tools["EIT"] * Decimal("0.3")
        + tools["OIT"] * Decimal("0.4")
    ).quantize(TWO)
    sheet.level = framework.level_for(sheet.total)
    return sheet


def seed(org: Organization, years: dict[str, float]) -> None:
    """years: {"2566": 82.0, …} the level each year's scores sit around. Idempotent."""
    newest = max(int(y) for y in years)
    for year_text, level in sorted(years.items()):
        year = int(year_text)
        framework = Framework.objects.filter(fiscal_year=year).first()
        if (
            framework is None
            or Assessment.objects.filter(organization=org, framework=framework).exists()
        ):
            continue
        rng = random.Random(f"{org.slug}-{year}")
        assessment = do_create_assessment(org, framework, actor=None)
        do_update_assessment(assessment, RECOMMENDATIONS, actor=None)
        do_save_scores(assessment, demo_sheet(framework, level, rng), actor=None)
        proposals = do_propose_findings(assessment, actor=None)
        if year == newest:
            continue  # the newest year's proposals wait for staff, as they would in reality
        for finding in proposals:
            if finding.kind == Finding.Kind.IMPROVE and rng.random() < 0.3:
                do_discard_finding(finding, actor=None)
                continue
            do_save_finding(
                finding,
                {"root_cause": "บุคลากรบางส่วนยังไม่ทราบแนวปฏิบัติ และยังไม่มีการสื่อสารภายในที่ทั่วถึง"},
                None,
                actor=None,
            )
