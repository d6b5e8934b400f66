"""Items are named by their code and wording everywhere; a year without wording says so."""

from __future__ import annotations

from assessments.models import Framework
from measures.forms import MeasureForm
from measures.models import Measure
from tests.measure_helpers import make_plan


def test_a_picker_shows_each_code_with_its_words_cut_at_a_word(personas, frameworks):
    plan = make_plan(personas.org)
    form = MeasureForm(instance=Measure(plan=plan), plan=plan)
    labels = [label for _value, label in form.fields["items"].choices]
    item = plan.assessment.framework.items.get(code="E6")
    assert item.label(60) in labels
    assert all(not label.endswith(("I1", "E6")) for label in labels)
    long = next(i for i in plan.assessment.framework.items.all() if len(i.text) > 60)
    assert long.label(60).endswith("…") and long.text.startswith(
        long.label(60)[len(long.code) + 1 : -1]
    )


def test_an_item_without_words_says_it_has_none(frameworks):
    item = Framework.objects.get(fiscal_year=2566).items.first()
    item.text = ""
    assert str(item) == f"{item.code} (ยังไม่มีชื่อรายการ)"
    assert item.label() == f"{item.code} (ยังไม่มีชื่อรายการ)"
