"""An optional second factor (TOTP, any authenticator app) for the people who approve and
publish: executives and organisation admins (and site staff). Once a person has confirmed a
device, every login asks for the six-digit code before anything else opens.

django-otp keeps the devices, checks codes (with its own throttling after wrong ones) and marks
the session verified; this module decides who may enrol and keeps the unverified out.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import User
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from itatrack.audit import record
from itatrack.errors import ActionError
from itatrack.models import LoginSession, Membership, Role
from itatrack.sessions import end_other_sessions

ENROL_ROLES = (Role.EXECUTIVE, Role.ADMIN)
DEVICE_NAME = "authenticator"
# What an unverified person may still open: logging in and out, the code page, and pages
# anyone may see.
OPEN_PREFIXES = (
    "/accounts/login/",
    "/accounts/logout/",
    "/accounts/verify/",
    "/static/",
    "/i18n/",
    "/p/",
    "/d/",
    "/v/",
    "/healthz",
    "/favicon",
)
# Whether this session's person has a confirmed device, noted once per session so that pages
# do not ask the database every time.
NEEDS_CODE = "twofactor_needed"


def may_enrol(user: User) -> bool:
    return user.is_staff or (
        Membership.objects.active().for_user(user).filter(role__in=ENROL_ROLES).exists()
    )


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def pending_device(user: User) -> TOTPDevice:
    """The device being enrolled (made on first visit, replaced never while unconfirmed)."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


@transaction.atomic(durable=True)
def do_confirm_device(device: TOTPDevice, *, actor: User, keep_session: str | None) -> None:
    """After the person showed a right code from it (the view checks, with throttling). Every
    other session of the person ends: one opened with a stolen password must not outlive the
    step that locks the thief out."""
    _require_own(device.user, actor)
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    others = LoginSession.objects.filter(user=device.user).exclude(session_key=keep_session or "")
    record(
        "twofactor.enable",
        actor=actor,
        organization=None,
        target=actor,
        ended_sessions=others.count(),
    )
    transaction.on_commit(lambda: end_other_sessions(device.user, keep_session))


@transaction.atomic(durable=True)
def do_remove_device(user: User, *, actor: User) -> None:
    """After a current code (the view checks), so a borrowed session cannot turn it off."""
    _require_own(user, actor)
    TOTPDevice.objects.filter(user=user).delete()
    record("twofactor.disable", actor=actor, organization=None, target=actor)


def is_verified(user: User) -> bool:
    """Whether this session gave a code (django_otp's middleware adds is_verified to the user)."""
    return bool(getattr(user, "is_verified", lambda: False)())


def _require_own(owner: User, actor: User) -> None:
    """Two-step verification belongs to the person, not to an organisation: only they change it."""
    if owner.pk != actor.pk:
        raise ActionError(_("การยืนยันตัวตนสองขั้นตอนเป็นของผู้ใช้แต่ละคน เปลี่ยนได้เฉพาะเจ้าของบัญชี"))


class RequireSecondFactorMiddleware:
    """After django_otp's OTPMiddleware: a person with a confirmed device whose session has not
    given a code is sent to the code page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            isinstance(user, User)
            and not request.path.startswith(OPEN_PREFIXES)
            and not is_verified(user)
            and self._needs_code(user, request)
        ):
            target = reverse("two_factor_verify")
            return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _needs_code(user: User, request: HttpRequest) -> bool:
        needed = request.session.get(NEEDS_CODE)
        if needed is None:
            needed = confirmed_device(user) is not None
            request.session[NEEDS_CODE] = needed
        return needed
