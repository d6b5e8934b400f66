from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.template import engines


def render(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


def test_it_offers_the_thai_helpers_as_filters_in_every_template():
    out = render(
        "{{ d|thai_date }}|{{ d|thai_date_abbr }}|{{ d|fiscal_year }}|{{ n|thai_digits }}"
        "|{{ a|baht_text }}|{{ a|thai_number }}",
        d=dt.date(2022, 12, 9),
        n="O42",
        a=Decimal("1500"),
    )
    assert out == "๙ ธันวาคม ๒๕๖๕|๙ ธ.ค. ๖๕|๒๕๖๖|O๔๒|หนึ่งพันห้าร้อยบาทถ้วน|๑,๕๐๐.๐๐"


def test_it_writes_a_period_with_the_template_tag():
    out = render("{% period_phrase s e %}", s=dt.date(2023, 1, 1), e=dt.date(2023, 3, 31))
    assert out == "ม.ค. – มี.ค. ๖๖"


def test_it_shows_an_aware_datetime_in_bangkok_time():
    moment = dt.datetime(2026, 11, 21, 18, 30, tzinfo=dt.UTC)  # 01:30 on the 22nd in Bangkok
    assert render("{{ t|thai_datetime }}", t=moment) == "๒๒ พ.ย. ๖๙ ๐๑:๓๐ น."
    assert render("{{ t|thai_date }}", t=moment) == "๒๒ พฤศจิกายน ๒๕๖๙"
