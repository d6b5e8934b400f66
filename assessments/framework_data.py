"""The shipped framework fixture (fixtures/frameworks.json): building it from the public
reference data, and loading it into the database.

The reference YAML (shared/domain/frameworks.yaml in the project's reference material) is
read only by the developer command `build_framework_fixture`; the app itself ships the JSON.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings

FIXTURE = settings.BASE_DIR / "fixtures" / "frameworks.json"
YEARS = range(2563, 2570)
CONFIRMED_YEARS = {2563, 2564, 2565, 2566}
SCALES = {"4-level": "four_level", "binary": "yes_no"}

# OIT lists from 2568 have no published sub-indicator mapping; the split between indicator 9
# (disclosure) and 10 (prevention) below is inferred from the item titles.
OIT_INDICATOR_10_FROM = {2568: 16, 2569: 15}


def _oit_title(title: str | None) -> str:
    """Clean the annotations the reference data puts in titles it is unsure of."""
    if not title:
        return ""
    if likely := re.search(r"\(likely ([^)]+)\)", title):
        return likely.group(1).strip()
    return re.sub(r"\s*\(kept:[^)]*\)", "", title).strip()


def _oit_items(reference: dict[str, Any], year: int) -> tuple[list[dict[str, Any]], bool]:
    """(items, has_sub_indicators) of the OIT list in force in year."""
    if year in reference["oit_version_A"]["fiscal_years"]:
        return [
            {"code": i["code"], "sub": i["sub_indicator"], "text": i["title"]}
            for i in reference["oit_version_A"]["items"]
        ], True
    version_b = reference["oit_version_B"]
    if year in version_b["fiscal_years"] + version_b["fiscal_years_uncertain"]:
        return [
            {"code": i["code"], "sub": i["sub_indicator"], "text": i["title"]}
            for i in version_b["items"]
        ], True
    block = reference[f"oit_{year}_provisional"]
    split = OIT_INDICATOR_10_FROM[year]
    return [
        {
            "code": i["code"],
            "indicator": 10 if int(i["code"][1:]) >= split else 9,
            "text": _oit_title(i["title"]),
        }
        for i in block["items"]
    ], False


def _notes(year: int, reference: dict[str, Any]) -> str:
    notes = ["ช่วงข้อคำถาม EIT (E1–E15) ของแต่ละตัวชี้วัดยังไม่ยืนยัน และยังไม่มีข้อความคำถาม EIT"]
    if year != reference["iit_questions"]["fiscal_year"]:
        notes.append("ยังไม่มีข้อความคำถาม IIT ของปีนี้ (มีเฉพาะปี ๒๕๖๔)")
    if year not in reference["tool_weights"]:
        notes.append("ยังไม่ทราบน้ำหนักของเครื่องมือ IIT/EIT/OIT")
    if year in reference["oit_version_B"]["fiscal_years_uncertain"]:
        notes.append("รายการ OIT ใช้ชุดของปี ๒๕๖๖ ซึ่งยังไม่ยืนยันว่าใช้กับปีนี้")
    if year in OIT_INDICATOR_10_FROM:
        notes.append(
            "รายการ OIT มาจากแหล่งเดียว บางข้อยังไม่ทราบชื่อ และการจัดเข้าตัวชี้วัดที่ ๙/๑๐ อนุมานจากชื่อรายการ"
        )
    if year == 2566:
        notes.append("การจัดรายการ OIT เข้าตัวชี้วัดย่อยอนุมานจากชื่อรายการ")
    return "\n".join(notes)


def _indicator_weights(weights: dict[str, Any] | None) -> dict[str, str] | None:
    """Indicator weights within their tool, in percent, where the reference gives them (it
    gives shares: 0.5 is 50 %)."""
    within = (weights or {}).get("within_OIT")
    if not within:
        return None
    return {str(number): f"{Decimal(str(share)) * 100:.2f}" for number, share in within.items()}


def _number(indicator: dict[Any, Any]) -> int:
    # YAML 1.1 reads the key `no:` as the boolean False.
    return int(indicator["no"] if "no" in indicator else indicator[False])


def build_fixture(reference: dict[str, Any]) -> dict[str, Any]:
    """The fixture for every fiscal year the reference knows, in a stable, reviewable form."""
    questions = {q["code"]: q for q in reference["iit_questions"]["items"]}
    text_year = reference["iit_questions"]["fiscal_year"]
    sub_names = {
        code: name
        for block in reference["oit_version_A"]["indicators"].values()
        for code, name in block["sub"].items()
    }
    frameworks = []
    for year in YEARS:
        oit, has_subs = _oit_items(reference, year)
        weights = reference["tool_weights"].get(year)
        indicators = []
        items = []
        for ind in reference["ita_indicators"]:
            number = _number(ind)
            subs = [
                {"code": code, "name": name}
                for code, name in sub_names.items()
                if has_subs and code.split(".")[0] == str(number)
            ]
            indicators.append(
                {"number": number, "name": ind["name"], "tool": ind["tool"], "subs": subs}
            )
            for code in ind.get("questions", []):
                known = questions.get(code, {})
                items.append(
                    {
                        "code": code,
                        "indicator": number,
                        "sub": None,
                        "text": known.get("text", "") if year == text_year else "",
                        "scale": SCALES[known.get("scale", "4-level")],
                    }
                )
        for entry in oit:
            sub = entry.get("sub")
            items.append(
                {
                    "code": entry["code"],
                    "indicator": entry.get("indicator") or int(str(sub).split(".")[0]),
                    "sub": sub,
                    "text": entry["text"] or "",
                    "scale": "pass_fail",
                }
            )
        frameworks.append(
            {
                "fiscal_year": year,
                "status": "confirmed" if year in CONFIRMED_YEARS else "provisional",
                "pass_mark": str(reference["pass_mark"]),
                "weights": (
                    {tool: str(weights[tool]) for tool in ("IIT", "EIT", "OIT")}
                    if weights
                    else None
                ),
                "indicator_weights": _indicator_weights(weights),
                "notes": _notes(year, reference),
                "bands": [
                    {"level": b["level"], "min": f"{Decimal(str(b['min'])):.2f}"}
                    for b in reference["ita_levels"]
                ],
                "indicators": indicators,
                "items": items,
            }
        )
    return {"frameworks": frameworks}


def read_fixture(path: Path = FIXTURE) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def load_fixture(data: dict[str, Any], get_model: Callable[[str], Any]) -> list[int]:
    """Create the frameworks of years not in the database yet; never touch an existing year
    (an admin may have corrected it). get_model is apps.get_model in a migration. Returns the
    years created."""
    framework_model = get_model("Framework")
    created = []
    for spec in data["frameworks"]:
        if framework_model.objects.filter(fiscal_year=spec["fiscal_year"]).exists():
            continue
        create_framework(spec, get_model)
        created.append(spec["fiscal_year"])
    return created


def create_framework(spec: dict[str, Any], get_model: Callable[[str], Any]) -> Any:
    weights = spec["weights"] or {}
    framework = get_model("Framework").objects.create(
        fiscal_year=spec["fiscal_year"],
        status=spec["status"],
        pass_mark=Decimal(spec["pass_mark"]),
        iit_weight=weights.get("IIT"),
        eit_weight=weights.get("EIT"),
        oit_weight=weights.get("OIT"),
        notes=spec["notes"],
    )
    get_model("LevelBand").objects.bulk_create(
        get_model("LevelBand")(framework=framework, level=b["level"], min_score=Decimal(b["min"]))
        for b in spec["bands"]
    )
    indicators = {}
    subs = {}
    for ind in spec["indicators"]:
        indicator = get_model("Indicator").objects.create(
            framework=framework, number=ind["number"], name=ind["name"], tool=ind["tool"]
        )
        indicators[ind["number"]] = indicator
        for sub in ind["subs"]:
            subs[sub["code"]] = get_model("SubIndicator").objects.create(
                indicator=indicator, code=sub["code"], name=sub["name"]
            )
    get_model("Item").objects.bulk_create(
        get_model("Item")(
            framework=framework,
            code=item["code"],
            indicator=indicators[item["indicator"]],
            sub_indicator=subs.get(item["sub"]) if item["sub"] else None,
            text=item["text"],
            scale=item["scale"],
            order=order,
        )
        for order, item in enumerate(spec["items"], start=1)
    )
    # The field came later than the migration that first loads the fixture.
    if any(f.name == "weight" for f in get_model("Indicator")._meta.get_fields()):
        set_indicator_weights(framework, spec, get_model)
    return framework


def set_indicator_weights(framework: Any, spec: dict[str, Any], get_model: Callable[[str], Any]):
    """Fill the weights the fixture knows into indicators that have none (an admin's stay)."""
    for number, weight in (spec.get("indicator_weights") or {}).items():
        get_model("Indicator").objects.filter(
            framework=framework, number=int(number), weight__isnull=True
        ).update(weight=Decimal(weight))
