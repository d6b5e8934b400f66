"""Publishing from inside the app: the organisation's certificate, and the publish action."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from itatrack.access import OrgRequest, admin_view, org_view
from itatrack.actions import ActionError
from reports.access import find_publication, get_memo
from reports.duties import can_publish
from reports.models import SigningCertificate
from reports.publishing import do_publish, do_upload_certificate, usable_certificate


class CertificateForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("ไฟล์ใบรับรอง (.p12 หรือ .pfx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".p12,.pfx"}),
    )
    password = forms.CharField(
        label=gettext_lazy("รหัสผ่านของไฟล์"),
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > 200_000:
            raise forms.ValidationError(_("ไฟล์ใบรับรองใหญ่เกินไป"))
        return upload


@admin_view
def certificate(request: OrgRequest, org_slug: str) -> HttpResponse:
    form = CertificateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            do_upload_certificate(
                request.org,
                form.cleaned_data["file"].read(),
                form.cleaned_data["password"],
                actor=request.membership,
            )
        except ActionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("บันทึกใบรับรองแล้ว (รหัสผ่านถูกเข้ารหัสและจะไม่แสดงอีก)"))
            return redirect("certificate", org_slug=org_slug)
    return render(
        request,
        "reports/certificate.html",
        {
            "form": form,
            "current": SigningCertificate.objects.filter(organization=request.org).first(),
            "usable": usable_certificate(request.org),
        },
    )


@org_view()
@require_POST
def memo_publish(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    memo = get_memo(request.membership, pk)
    if not can_publish(request.membership):
        raise PermissionDenied
    supersedes = None
    if token := request.POST.get("supersedes"):
        supersedes = find_publication(request.membership, token)
        if supersedes is None:
            messages.error(request, _("ไม่พบฉบับที่จะแทนที่"))
            return redirect("memo_detail", org_slug=org_slug, pk=pk)
    try:
        publication = do_publish(
            memo,
            actor=request.membership,
            unsigned=request.POST.get("unsigned") == "1",
            supersedes=supersedes,
        )
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("เผยแพร่แล้ว ลิงก์สาธารณะ: %(url)s")
            % {"url": request.build_absolute_uri(f"/d/{publication.token}/")},
        )
    return redirect("memo_detail", org_slug=org_slug, pk=pk)
