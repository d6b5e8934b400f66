"""Invisible characters and stacked marks never reach the data, whichever way text comes in."""

from __future__ import annotations

from pathlib import Path

import pytest

from itatrack.cleantext import clean_text
from itatrack.models import Department
from measures.actions import MeasureLinks, do_save_measure
from measures.models import Measure
from tests.measure_helpers import make_plan

DATA = Path(__file__).resolve().parent / "data"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("กองคลัง\u200b", "กองคลัง"),  # zero-width space
        ("นาย\u200dสมชาย", "นายสมชาย"),  # zero-width joiner
        ("\u202eลงนาม", "ลงนาม"),  # right-to-left override
        ("\ufeffตำบล", "ตำบล"),  # byte-order mark
        ("ก่่่่", "ก่"),  # a repeated tone mark
        ("ขิีึืุู่้๊๋", "ขิีึ"),  # a stack of marks: three at most
        ("เเปลก", "แปลก"),  # two sara e typed for sara ae
        ("a\x00b\x07c", "abc"),  # control characters
        ("บรรทัดหนึ่ง\n\nบรรทัดสอง\tช่อง", "บรรทัดหนึ่ง\n\nบรรทัดสอง\tช่อง"),
        ("ตำบล กิ่ง น้ำ พันธุ์ ศักดิ์ ฤๅ", "ตำบล กิ่ง น้ำ พันธุ์ ศักดิ์ ฤๅ"),
        ("café <b>", "café <b>"),
    ],
)
def test_it_keeps_what_people_meant(typed, kept):
    assert clean_text(typed) == kept


def test_it_leaves_the_real_documents_thai_as_it_is():
    samples = sorted(DATA.glob("*.txt"))
    assert samples
    for sample in samples:
        text = sample.read_text(encoding="utf-8")
        visible = "".join(c for c in text if c not in "\u200b\u200c\u200d\ufeff")
        assert clean_text(text) == visible, sample.name


def test_a_posted_form_is_tidied_before_it_is_validated(personas):
    client = personas.client_for(personas.admin)
    url = "/o/ban-thotsob/departments/"
    assert client.post(url, {"name": "กองช่าง", "order": 2}).status_code == 302
    response = client.post(url, {"name": "กองช่าง\u200b", "order": 3})  # the same, disguised
    assert (
        Department.objects.filter(organization=personas.org, name__startswith="กองช่าง").count() == 1
    )
    assert response.status_code == 200  # the form again, saying the name is taken
    assert "มีส่วนราชการชื่อนี้อยู่แล้ว" in response.content.decode()


def test_a_row_saved_without_a_form_is_tidied_too(personas):
    plan = make_plan(personas.org)
    measure = do_save_measure(
        Measure(plan=plan), {"title": "ประกาศ\u200bเจตนารมณ์\u202e"}, MeasureLinks(), actor=None
    )
    measure.refresh_from_db()
    assert measure.title == "ประกาศเจตนารมณ์"


def test_passwords_are_not_touched(personas):
    from django.test import Client

    personas.clerk.user.set_password("รหัส\u200bลับมาก-99")
    personas.clerk.user.save()
    response = Client().post(
        "/accounts/login/", {"username": "clerk", "password": "รหัส\u200bลับมาก-99"}
    )
    assert response.status_code == 302
