"""Which sessions a person has open, so that securing the account (turning on two-step
verification) can end the others. Django's session table keeps the user id only inside the
encoded data."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class LoginSession(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="login_sessions"
    )
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%Y-%m-%d %H:%M}"
