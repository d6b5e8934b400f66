"""Number fields that take Thai digits. A browser's <input type="number"> drops what it cannot
read as Arabic digits, so "๒๕๖๘" typed into a year arrived as nothing, silently. Every number
field of every form is given a text input with a numeric keypad instead; Python's int() and
Decimal() read Thai digits themselves, and the fields' own validation (min, max, places)
still speaks."""

from __future__ import annotations

from typing import Any

from django import forms


class ThaiNumberInput(forms.TextInput):
    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        """Shown in the page's digits (๒๕๗๐ on a Thai page); read back in either."""
        from itatrack.thai import screen_digits

        shown = super().format_value(value)
        return None if shown is None else screen_digits(shown)


def use_everywhere() -> None:
    """Called once at start-up: the default widget of Django's number fields."""
    for field in (forms.IntegerField, forms.DecimalField, forms.FloatField):
        field.widget = ThaiNumberInput
