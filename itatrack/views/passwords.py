"""Self-service password reset: Django's views with Thai pages, the mail through the outbox,
and a throttle per address and per visitor.

The answer is the same whether the address has an account or not (Django's own rule), and the
throttle counts every address typed, known or not, so it tells nothing either."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.contrib.auth.models import User
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from itatrack import mail
from itatrack.access import client_ip

WINDOW_SECONDS = 3600


class OutboxPasswordResetForm(PasswordResetForm):
    def get_users(self, email: str) -> Any:
        """Every active account with this address, those still without a password included:
        an invited person whose first link expired sets theirs this way."""
        return User.objects.filter(email__iexact=email, is_active=True)

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        # The link names SITE_URL, never the Host header the request came with.
        context = {**context, "site_url": settings.SITE_URL}
        subject = loader.render_to_string(subject_template_name, context)
        body = loader.render_to_string(email_template_name, context)
        mail.queue(subject, body, [to_email], kind="password.reset")


class ThaiSetPasswordForm(SetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password2"].help_text = gettext_lazy("พิมพ์รหัสผ่านใหม่อีกครั้งเพื่อยืนยัน")


def _spend(key: str) -> bool:
    """One more request counted under key; False when the hour's allowance is spent."""
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    return count <= settings.PASSWORD_RESET_PER_HOUR


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    form_class = OutboxPasswordResetForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def form_valid(self, form: OutboxPasswordResetForm) -> HttpResponse:
        email = form.cleaned_data["email"].strip().lower()
        by_address = _spend(f"pwreset:email:{email}")
        by_visitor = _spend(f"pwreset:ip:{client_ip(self.request)}")
        if not (by_address and by_visitor):
            form.add_error(None, _("ขอตั้งรหัสผ่านใหม่บ่อยเกินไป กรุณารอหนึ่งชั่วโมงแล้วลองอีกครั้ง"))
            return render(self.request, self.template_name, {"form": form}, status=429)
        return super().form_valid(form)


class ThaiPasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = ThaiSetPasswordForm
    template_name = "registration/password_reset_confirm.html"
