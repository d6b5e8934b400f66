from __future__ import annotations

from csp.constants import SELF
from csp.decorators import csp_replace
from django.http import Http404, HttpResponse
from django.views.decorators.clickjacking import xframe_options_sameorigin

from itatrack.access import OrgRequest, org_view
from reports import pdf
from reports.access import get_memo
from reports.models import Memo


def pdf_bytes(memo: Memo) -> bytes:
    """The kept file once approved; until then the current data, rendered (and cached)."""
    if memo.status == Memo.Status.APPROVED and memo.pdf:
        with memo.pdf.open("rb") as handle:
            return handle.read()
    return pdf.render(memo)


@org_view()
@xframe_options_sameorigin
@csp_replace({"frame-ancestors": [SELF]})
def memo_pdf(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    memo = get_memo(request.membership, pk)
    response = HttpResponse(pdf_bytes(memo), content_type="application/pdf")
    name = f"memo-{memo.number or memo.pk}.pdf"
    disposition = "attachment" if request.GET.get("download") else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@org_view()
def memo_page(request: OrgRequest, org_slug: str, pk: int, page: int) -> HttpResponse:
    memo = get_memo(request.membership, pk)
    content = pdf_bytes(memo)
    if not 1 <= page <= pdf.page_count(content):
        raise Http404
    response = HttpResponse(pdf.page_png(content, page - 1), content_type="image/png")
    response["Cache-Control"] = "private, no-store"
    return response
