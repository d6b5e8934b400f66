"""The yearly ITA cycle as a body lives it, placed on the months of a Thai fiscal year."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from itatrack.thai import ce_year, screen_digits, screen_period


@dataclass(frozen=True)
class Phase:
    title: str
    start: dt.date
    end: dt.date

    @property
    def phrase(self) -> str:
        return screen_period(self.start, self.end)

    def state(self, today: dt.date) -> str:
        if today > self.end:
            return "done"
        return "current" if today >= self.start else "upcoming"


def _month(year_ce: int, month: int, last: bool = False) -> dt.date:
    if not last:
        return dt.date(year_ce, month, 1)
    nxt = dt.date(year_ce + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def phases(fy_be: int) -> list[Phase]:
    """What fiscal year fy_be asks of a body, in order of start."""
    ce = ce_year(fy_be)
    prev = screen_digits(fy_be - 1)
    this = screen_digits(fy_be)
    rows = [
        Phase(
            _("วิเคราะห์ผล ITA ปี %(prev)s กำหนดมาตรการปี %(this)s และเสนอผู้บริหาร")
            % {"prev": prev, "this": this},
            _month(ce - 1, 10),
            _month(ce - 1, 12, True),
        ),
        Phase(_("ดำเนินการตามมาตรการและบันทึกผลการติดตาม"), _month(ce - 1, 10), _month(ce, 9, True)),
        Phase(
            _("สำนักงาน ป.ป.ช. ประเมิน ITA ปี %(this)s (IIT, EIT, OIT)") % {"this": this},
            _month(ce, 1),
            _month(ce, 6, True),
        ),
        Phase(_("รายงานผลการดำเนินการตามมาตรการ รอบ ๖ เดือน"), _month(ce, 4), _month(ce, 4, True)),
        Phase(
            _("ประกาศผล ITA ปี %(this)s: บันทึกคะแนนเข้าระบบ") % {"this": this},
            _month(ce, 7),
            _month(ce, 8, True),
        ),
        Phase(_("รายงานผลการดำเนินการตามมาตรการ สิ้นปีงบประมาณ"), _month(ce, 9), _month(ce, 9, True)),
    ]
    return sorted(rows, key=lambda p: (p.start, p.end))
