"""Sending mail: every subject is made a single safe line here, in one place.

A subject comes from people's text (a memo's เรื่อง, a measure's title, a body's name); a line
break in it makes Django refuse the header (BadHeaderError) after the change it reports on was
already saved, so the request would answer 500.
"""

from __future__ import annotations

from django.core.mail import send_mail

MAX_SUBJECT = 200


def safe_subject(text: str) -> str:
    """One line: every run of whitespace (line breaks included) becomes one space."""
    line = " ".join(str(text).split())
    return line if len(line) <= MAX_SUBJECT else line[: MAX_SUBJECT - 1] + "…"


def send(subject: str, body: str, to: list[str]) -> int:
    return send_mail(safe_subject(subject), body, None, to)
