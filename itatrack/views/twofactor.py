"""Enrolling an authenticator app, and the code page after logging in."""

from __future__ import annotations

from base64 import b32encode

import django_otp
import segno
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_totp.models import TOTPDevice

from itatrack import twofactor
from itatrack.access import AuthedRequest
from itatrack.thai import to_arabic_digits


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("รหัส ๖ หลักจากแอปยืนยันตัวตน"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
    )

    def clean_code(self) -> str:
        code = to_arabic_digits(self.cleaned_data["code"]).replace(" ", "")
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError(_("รหัสต้องเป็นตัวเลข ๖ หลัก"))
        return code


def _check(device: TOTPDevice, token: str) -> str:
    """ "" when the code is right, else why not, in Thai. A device just after wrong codes
    refuses for a while (django-otp's throttling) without looking at the code."""
    allowed, _data = device.verify_is_allowed()
    if not allowed:
        return _("ใส่รหัสผิดหลายครั้ง กรุณารอสักครู่แล้วลองใหม่")
    if device.verify_token(token):
        return ""
    return _("รหัสไม่ถูกต้องหรือหมดเวลาแล้ว กรุณาใส่รหัสล่าสุดจากแอป")


@login_required
def two_factor_setup(request: AuthedRequest) -> HttpResponse:
    user = request.user
    if not twofactor.may_enrol(user):
        raise PermissionDenied
    device = twofactor.confirmed_device(user)
    form = CodeForm(request.POST or None)
    if device is not None:
        if request.method == "POST" and form.is_valid():
            problem = _check(device, form.cleaned_data["code"])
            if not problem:
                twofactor.do_remove_device(user, actor=user)
                request.session[twofactor.NEEDS_CODE] = False
                messages.success(request, _("ปิดการยืนยันตัวตนสองขั้นตอนแล้ว"))
                return redirect("two_factor")
            form.add_error("code", problem)
        return render(request, "registration/two_factor.html", {"enabled": True, "form": form})
    pending = twofactor.pending_device(user)
    if request.method == "POST" and form.is_valid():
        problem = _check(pending, form.cleaned_data["code"])
        if not problem:
            twofactor.do_confirm_device(
                pending, actor=user, keep_session=request.session.session_key
            )
            django_otp.login(request, pending)
            request.session[twofactor.NEEDS_CODE] = True
            messages.success(
                request, _("เปิดใช้การยืนยันตัวตนสองขั้นตอนแล้ว ครั้งต่อไปที่เข้าสู่ระบบจะต้องใส่รหัสจากแอป")
            )
            return redirect("two_factor")
        form.add_error("code", problem)
    secret = b32encode(pending.bin_key).decode()
    return render(
        request,
        "registration/two_factor.html",
        {
            "enabled": False,
            "form": form,
            "qr": segno.make(pending.config_url, error="m").svg_data_uri(scale=5),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        },
    )


@login_required
def two_factor_verify(request: AuthedRequest) -> HttpResponse:
    target = request.GET.get("next") or request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    device = twofactor.confirmed_device(request.user)
    if device is None or twofactor.is_verified(request.user):
        return redirect(target)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        problem = _check(device, form.cleaned_data["code"])
        if not problem:
            django_otp.login(request, device)
            return redirect(target)
        form.add_error("code", problem)
    return render(request, "registration/two_factor_verify.html", {"form": form, "next": target})
