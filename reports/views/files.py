from __future__ import annotations

from csp.constants import SELF
from csp.decorators import csp_replace
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin

from itatrack.access import OrgRequest, org_view
from itatrack.actions import ActionError
from itatrack.uploads import content_disposition
from reports import limits, pdf
from reports.access import get_memo
from reports.models import Memo


def _kept(memo: Memo) -> bytes:
    with memo.pdf.open("rb") as handle:
        return handle.read()


def pdf_bytes(memo: Memo) -> bytes:
    """The whole document: the kept file once approved; until then the current data, rendered
    (and cached). ActionError says why it cannot be had now."""
    if memo.status == Memo.Status.APPROVED:
        if not memo.pdf:
            raise ActionError(_("กำลังจัดทำไฟล์ PDF ฉบับจริงของบันทึกข้อความนี้ กรุณารอสักครู่"))
        return _kept(memo)
    limits.check_size(memo.plan)
    return pdf.render(memo)


def preview_bytes(memo: Memo, count: int | None = None) -> bytes | None:
    """What the memo page shows: the kept copy, a small draft whole, a large draft without its
    attachments (their layout is what takes long); nothing while the final copy is made.
    `count` is the plan's measures when the caller has counted them."""
    if memo.final_pending:
        return None
    if memo.status == Memo.Status.APPROVED:
        return _kept(memo)
    return pdf.render(memo, with_attachments=limits.previews_whole(memo, count))


@org_view()
@xframe_options_sameorigin
@csp_replace({"frame-ancestors": [SELF]})
def memo_pdf(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    memo = get_memo(request.membership, pk)
    try:
        content = pdf_bytes(memo)
    except ActionError as exc:
        messages.error(request, str(exc))
        return redirect("memo_detail", org_slug=org_slug, pk=memo.pk)
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "attachment" if request.GET.get("download") else "inline"
    response["Content-Disposition"] = content_disposition(
        disposition, memo.download_name, memo.ascii_download_name
    )
    response["Cache-Control"] = "private, no-store"
    return response


@org_view()
def memo_page(request: OrgRequest, org_slug: str, pk: int, page: int) -> HttpResponse:
    memo = get_memo(request.membership, pk)
    content = preview_bytes(memo)
    if content is None or not 1 <= page <= pdf.page_count(content):
        raise Http404
    response = HttpResponse(pdf.page_png(content, page - 1), content_type="image/png")
    response["Cache-Control"] = "private, no-store"
    return response
