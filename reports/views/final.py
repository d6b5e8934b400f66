"""The final copy while the worker makes it: the memo page polls its state, and a writer may
queue it again after a failure."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRefresh

from itatrack.access import OrgRequest, org_view
from itatrack.actions import ActionError
from reports import final
from reports.access import can_write, get_memo, require_write
from reports.actions import do_requeue_final_copy


@org_view()
def memo_final(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    memo = get_memo(request.membership, pk)
    if request.method == "POST":
        require_write(request.membership, memo)
        try:
            do_requeue_final_copy(memo, actor=request.membership)
        except ActionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("ส่งจัดทำฉบับจริงอีกครั้งแล้ว"))
        return redirect("memo_detail", org_slug=org_slug, pk=memo.pk)
    if not memo.final_pending and request.htmx:
        return HttpResponseClientRefresh()
    return render(
        request,
        "reports/partials/final_status.html",
        {
            "memo": memo,
            "can_write": can_write(request.membership, memo),
            "final_problem": final.problem(memo),
        },
    )
