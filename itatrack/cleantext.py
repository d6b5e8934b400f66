"""Text as people meant it: invisible characters and stacked marks taken out of everything
typed, pasted or imported, before any form validates it and again before any row is saved.

Zero-width and bidi-control characters let "กองคลัง" and "กองคลัง\u200b" be two different
departments, or flip the order a name is shown in; a consonant carrying ten marks ("zalgo")
spills over the lines above and below it in the PDF. None of them has a use in this app's
Thai or English text. pythainlp (already ours) removes repeated Thai vowels and tone marks
in the standard way; its full normalize() would also fold blank lines, which carry the
paragraphs of a memo, so only its repeat rule is used.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from django.apps import AppConfig
from django.db import models
from django.db.models.signals import pre_save
from django.http import HttpRequest, HttpResponse
from pythainlp.util import remove_repeat_vowels

# The longest text one field takes (a memo section, a measure, a remark): far beyond any real
# one, and short enough that a pasted or imported blob cannot fill the database or a page.
MAX_TEXT = 10_000
# Marks one base letter may carry: Thai needs two (a vowel and a tone mark, or ุ + ์).
MAX_MARKS = 3
_MARK = "\u0300-\u036f\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"  # Latin and Thai combining marks
_STACK = re.compile(f"([{_MARK}]{{{MAX_MARKS}}})[{_MARK}]+")
_KEEP_CONTROLS = {"\t", "\n", "\r"}
# Form fields whose value is a secret or a token, never text to tidy.
_UNTOUCHED = ("password", "csrfmiddlewaretoken")


def clean_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = "".join(
        c
        for c in text
        if c in _KEEP_CONTROLS or unicodedata.category(c) not in ("Cf", "Cc", "Cs", "Co")
    )
    if any("\u0e00" <= c <= "\u0e7f" for c in text):
        text = remove_repeat_vowels(text)
    return _STACK.sub(r"\1", text)


class CleanTextMiddleware:
    """Tidies every posted text field before the views and their forms see it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            posted = request.POST.copy()
            for key, values in posted.lists():
                if any(word in key for word in _UNTOUCHED):
                    continue
                posted.setlist(key, [clean_text(v) for v in values])
            request.POST = posted  # type: ignore[assignment]  # a cleaned copy, kept immutable
        return self.get_response(request)


def clean_model_text(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    """pre_save: the same for rows that come from file imports and pastes, not forms."""
    for field in sender._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField) and not field.choices:
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                setattr(instance, field.attname, clean_text(value))


def clean_text_of(app_config: AppConfig) -> None:
    """Clean the text of every model of an app on save; each app asks for it in its ready()."""
    for model in app_config.get_models():
        pre_save.connect(clean_model_text, sender=model, dispatch_uid=f"clean-{model}")
