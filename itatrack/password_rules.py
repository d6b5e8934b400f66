"""Django's password length rule, saying its number in the page's digits."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from itatrack.thai import screen_digits


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def validate(self, password: str, user: Any = None) -> None:
        if len(password) < self.min_length:
            raise ValidationError(
                _("รหัสผ่านนี้สั้นเกินไป ต้องมีอย่างน้อย %(n)s ตัวอักษร")
                % {"n": screen_digits(self.min_length)},
                code="password_too_short",
            )

    def get_help_text(self) -> str:
        return _("รหัสผ่านต้องมีอย่างน้อย %(n)s ตัวอักษร") % {"n": screen_digits(self.min_length)}
