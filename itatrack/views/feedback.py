"""Telling the user what went wrong when a view redirects instead of re-rendering a form."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest


def flash_errors(request: HttpRequest, form: forms.Form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))
