"""How large a memo may grow. A measures table costs about 50 ms of PDF layout per measure on
the 2-core reference machine (about four measures a page), so a plan of 10,000 measures would
be a 2,500-page memo that no worker finishes. Above MAX_MEASURES a memo is refused, saying so;
above PREVIEW_MEASURES the memo page previews the memo's own pages without its attachments."""

from __future__ import annotations

from django.utils.translation import gettext as _

from itatrack.actions import ActionError
from itatrack.thai import screen_digits
from measures.models import Plan
from reports.models import Memo

MAX_MEASURES = 200
PREVIEW_MEASURES = 40


def measure_count(memo: Memo) -> int:
    return memo.plan.measures.count() if memo.plan else 0


def too_large(plan: Plan | None, count: int | None = None) -> str:
    """Why a memo over this plan cannot be made into one document, or "" when it can. A caller
    that has counted the plan's measures already passes the count."""
    if count is None:
        count = plan.measures.count() if plan is not None else 0
    if count <= MAX_MEASURES:
        return ""
    return _(
        "แผนมาตรการที่แนบมีมาตรการ %(count)s รายการ เกินกว่าที่บันทึกข้อความหนึ่งฉบับจะแนบได้ "
        "(ไม่เกิน %(max)s รายการ) กรุณาแบ่งแผนหรือรวมมาตรการที่ซ้ำกันก่อน"
    ) % {"count": screen_digits(f"{count:,}"), "max": screen_digits(f"{MAX_MEASURES:,}")}


def check_size(plan: Plan | None) -> None:
    if message := too_large(plan):
        raise ActionError(message)


def previews_whole(memo: Memo, count: int | None = None) -> bool:
    """Whether the memo page may show every page: kept copies always, drafts when small."""
    if memo.status == Memo.Status.APPROVED and memo.pdf:
        return True
    return (measure_count(memo) if count is None else count) <= PREVIEW_MEASURES
