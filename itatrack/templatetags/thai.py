"""Thai text helpers as template filters; loaded everywhere as a builtin.

On screen they follow the reader's language: Thai pages show Thai digits and Buddhist-era
dates, English pages Arabic digits and Christian-era dates. Official documents are rendered
in Thai whatever the reader chose (reports.pdf renders under translation.override("th")).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from django import template
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from itatrack import thai

register = template.Library()


def _as_date(value: dt.date | dt.datetime | None) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


@register.filter
def thai_digits(value: object) -> str:
    return thai.screen_digits(value)


@register.filter
def file_size(value: int | None) -> str:
    """ "๑.๓ KB": Django's filesizeformat in the page's digits."""
    return thai.screen_digits(filesizeformat(value or 0))


@register.filter
def thai_date(value: dt.date | dt.datetime | None) -> str:
    return thai.screen_date(_as_date(value))


@register.filter
def thai_date_abbr(value: dt.date | dt.datetime | None) -> str:
    return thai.screen_date_abbr(_as_date(value))


@register.filter
def thai_datetime(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    if thai.english_screen():
        return f"{thai.screen_date_abbr(local.date())} {local:%H:%M}"
    return f"{thai.thai_date_abbr(local.date())} {thai.to_thai_digits(local.strftime('%H:%M'))} น."


@register.filter
def fiscal_year(value: dt.date | dt.datetime | None) -> str:
    day = _as_date(value)
    return thai_digits(thai.fiscal_year(day)) if day else ""


@register.filter
def baht_text(value: Decimal | float | int | str | None) -> str:
    return thai.baht_text(value) if value is not None and value != "" else ""


@register.filter
def thai_number(value: Decimal | float | int | None, decimals: int = 2) -> str:
    return thai.screen_number(value, int(decimals))


@register.simple_tag
def period_phrase(start: dt.date | None, end: dt.date | None, style: str = "auto") -> str:
    return thai.screen_period(start, end, style=style)


@register.filter
def svg_number(value: float | Decimal | None) -> str:
    """A chart coordinate with one decimal: floatformat localises and costs ~50 µs a call, and a
    chart has hundreds of them."""
    return f"{float(value or 0):.1f}"


_OWN_MARKER = re.compile(r"^\s*(?:\(?[0-9\u0e50-\u0e59]{1,2}\s*[.)]|[-•])")


@register.filter
def have_own_markers(steps: Any) -> bool:
    """Every step begins with the marker it was written with ("๑) …", "(๒) …", "- …"): a list
    printed as written, not numbered again."""
    texts = [getattr(step, "text", step) for step in steps]
    return bool(texts) and all(_OWN_MARKER.match(str(text)) for text in texts)


@register.filter
def has_own_marker(step: Any) -> bool:
    """One step begins with the marker it was written with: no second number before it."""
    return bool(_OWN_MARKER.match(str(getattr(step, "text", step))))
