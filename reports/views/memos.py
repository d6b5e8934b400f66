from __future__ import annotations

from copy import copy

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from itatrack import thai
from itatrack.access import OrgRequest, org_view
from itatrack.actions import ActionError, StaleEdit
from itatrack.deleting import confirm_delete
from itatrack.forms import changed_values
from itatrack.models import OutgoingMail
from itatrack.views.feedback import flash_errors
from measures.access import EDIT_ROLES
from reports import answers, final, limits, pdf
from reports.access import can_write, current_step, get_memo, require_write
from reports.actions import (
    do_create_memo,
    do_decide,
    do_redraft_section,
    do_set_route,
    do_submit_memo,
    do_update_memo,
)
from reports.datecheck import date_problems
from reports.deletion import do_delete_draft_memo
from reports.drafting import stale_sections
from reports.duties import can_publish
from reports.forms import (
    DecisionForm,
    MemoCreateForm,
    MemoFileForm,
    MemoForm,
    MemoNumberForm,
    RouteFormSet,
    SectionFormSet,
    SubmitForm,
)
from reports.memofiles import do_add_memo_file, do_remove_memo_file
from reports.models import ApprovalStep, Memo
from reports.notes import screen_notes
from reports.publishing import replaceable_publications
from reports.register import NUMBERABLE, do_set_memo_number
from reports.views.files import preview_bytes


@org_view()
def memo_list(request: OrgRequest, org_slug: str) -> HttpResponse:
    memos = Memo.objects.for_org(request.org).select_related("author").order_by("-updated_at")
    status = request.GET.get("status", "")
    if status in Memo.Status.values:
        memos = memos.filter(status=status)
    return render(
        request,
        "reports/memo_list.html",
        {
            "memos": memos,
            "status": status,
            "statuses": Memo.Status.choices,
            "create_form": MemoCreateForm(organization=request.org),
            "can_write": can_write(request.membership),
            "inbox_count": ApprovalStep.objects.inbox(request.membership).count(),
        },
    )


@org_view()
@require_POST
def memo_create(request: OrgRequest, org_slug: str) -> HttpResponse:
    require_write(request.membership)
    form = MemoCreateForm(request.POST, organization=request.org)
    if not form.is_valid():
        flash_errors(request, form)
        return redirect("memo_list", org_slug=org_slug)
    data = form.cleaned_data
    try:
        memo = do_create_memo(
            request.org,
            data["kind"],
            actor=request.membership,
            assessment=data["assessment"],
            plan=data["plan"],
        )
    except ActionError as exc:
        messages.error(request, str(exc))
        return redirect("memo_list", org_slug=org_slug)
    messages.success(request, _("ร่างบันทึกข้อความจากข้อมูลแล้ว ตรวจและแก้ไขข้อความได้ทุกส่วน"))
    return redirect("memo_edit", org_slug=org_slug, pk=memo.pk)


@org_view()
def memo_detail(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    return _render_detail(request, get_memo(request.membership, pk))


def _render_detail(
    request: OrgRequest, memo: Memo, decision_form: DecisionForm | None = None
) -> HttpResponse:
    step = current_step(memo)
    mine = step is not None and step.member_id == request.membership.pk
    rounds: dict[int, list[ApprovalStep]] = {}
    for s in memo.steps.select_related("member").order_by("-round", "order"):
        rounds.setdefault(s.round, []).append(s)
    count = limits.measure_count(memo)  # once: the preview and the size warning both need it
    preview = preview_bytes(memo, count)
    return render(
        request,
        "reports/memo_detail.html",
        {
            "memo": memo,
            "pages": range(1, pdf.page_count(preview) + 1) if preview else (),
            "whole": preview is not None and limits.previews_whole(memo, count),
            "measure_count": count,
            "too_large": ""
            if memo.status == Memo.Status.APPROVED
            else limits.too_large(memo.plan, count),
            "sections": memo.sections.all(),
            "route": memo.route.select_related("member"),
            "rounds": list(rounds.items()),
            "current": step,
            "decision_form": (
                decision_form
                or DecisionForm(
                    initial={"capacity": step.capacity, "acting_for": step.acting_for}
                    if step
                    else None
                )
            )
            if mine
            else None,
            "files": memo.files.all(),
            "enclosures": pdf.enclosure_titles(memo),
            "file_form": MemoFileForm() if memo.editable else None,
            "submit_form": SubmitForm(),
            "number_form": MemoNumberForm(initial={"number": memo.number})
            if memo.status in NUMBERABLE
            else None,
            "answer": answers.answer(memo),
            "screen_notes": screen_notes(memo),
            "can_write": can_write(request.membership, memo),
            "can_publish": can_publish(request.membership),
            "final_problem": final.problem(memo),
            "replaceable": replaceable_publications(memo),
            "mails": OutgoingMail.objects.about(memo)[:20],
            "date_problems": date_problems(memo),
            "stale_sections": stale_sections(memo),
        },
    )


@org_view()
def memo_edit(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    memo = get_memo(request.membership, pk)
    require_write(request.membership, memo)
    if not memo.editable:
        messages.error(request, _("บันทึกข้อความนี้เสนอแล้ว แก้ไขไม่ได้ (แก้ได้เมื่อถูกตีกลับเท่านั้น)"))
        return redirect("memo_detail", org_slug=org_slug, pk=pk)
    initial_sections = [{"heading": s.heading, "text": s.text} for s in memo.sections.all()]
    if request.method == "POST":
        form = MemoForm(request.POST, instance=copy(memo))
        sections = SectionFormSet(request.POST, prefix="s")
        if form.is_valid() and sections.is_valid():
            rows = [
                (f.cleaned_data.get("heading", ""), f.cleaned_data.get("text", ""))
                for f in sections.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
            ]
            changes = changed_values(form)
            changes.pop("version", None)
            changes.pop("oit_answer", None)
            changes = {
                name: value for name, value in changes.items() if not name.startswith("annex_")
            }
            changes.update(form.extra_changes())
            try:
                do_update_memo(
                    memo,
                    changes,
                    rows,
                    actor=request.membership,
                    expected_version=form.cleaned_data["version"],
                )
            except (StaleEdit, ActionError) as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("บันทึกแล้ว"))
                return redirect("memo_detail", org_slug=org_slug, pk=pk)
    else:
        form = MemoForm(instance=copy(memo))
        sections = SectionFormSet(initial=initial_sections, prefix="s")
    return render(
        request,
        "reports/memo_form.html",
        {
            "memo": memo,
            "form": form,
            "sections": sections,
            "closing_phrases": Memo.Closing.values,
            "annex_fields": [f for f in form if f.name.startswith("annex_")],
        },
    )


@org_view()
def memo_route(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    memo = get_memo(request.membership, pk)
    require_write(request.membership, memo)
    initial = [
        {"member": s.member, "verb": s.verb, "capacity": s.capacity, "acting_for": s.acting_for}
        for s in memo.route.all()
    ]
    formset = RouteFormSet(
        request.POST or None,
        initial=initial,
        prefix="r",
        form_kwargs={"organization": request.org, "author": memo.author},
    )
    if request.method == "POST" and formset.is_valid():
        steps = formset.steps()
        try:
            do_set_route(memo, steps, actor=request.membership, capacities=formset.capacities())
        except ActionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("บันทึกเส้นทางการเสนอแล้ว"))
            return redirect("memo_detail", org_slug=org_slug, pk=pk)
    return render(request, "reports/memo_route.html", {"memo": memo, "formset": formset})


@org_view()
@require_POST
def memo_submit(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    memo = get_memo(request.membership, pk)
    require_write(request.membership, memo)
    form = SubmitForm(request.POST)
    if not form.is_valid():
        flash_errors(request, form)
        return redirect("memo_detail", org_slug=org_slug, pk=pk)
    try:
        memo = do_submit_memo(
            memo, actor=request.membership, number=form.cleaned_data["register_number"]
        )
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("เสนอแล้ว ที่ %(number)s") % {"number": memo.number_text})
    return redirect("memo_detail", org_slug=org_slug, pk=pk)


@org_view()
@require_POST
def memo_redraft_section(
    request: OrgRequest, org_slug: str, pk: int, section_pk: int
) -> HttpResponse:
    memo = get_memo(request.membership, pk)
    require_write(request.membership, memo)
    try:
        section = do_redraft_section(memo, section_pk, actor=request.membership)
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("ร่าง '%(heading)s' ใหม่จากข้อมูลปัจจุบันแล้ว") % {"heading": section.heading}
        )
    return redirect("memo_detail", org_slug=org_slug, pk=pk)


@org_view()
@require_POST
def memo_decide(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    """Decide in two steps: the choice, then a page that names it and the memo's ที่, so that a
    tap on a phone is never a decision by accident."""
    memo = get_memo(request.membership, pk)
    step = current_step(memo)
    form = DecisionForm(request.POST)
    if step is None:
        messages.error(request, _("ขั้นนี้ได้พิจารณาไปแล้ว"))
        return redirect("memo_detail", org_slug=org_slug, pk=pk)
    if not form.is_valid():
        return _render_detail(request, memo, form)
    if not form.cleaned_data["confirmed"]:
        return render(
            request,
            "reports/decision_confirm.html",
            {"memo": memo, "form": form, "step": step, "decision": form.decision_label()},
        )
    try:
        do_decide(
            step,
            form.cleaned_data["decision"],
            form.cleaned_data["comment"],
            actor=request.membership,
            capacity=form.capacity_value(),
        )
    except ActionError as exc:
        messages.error(request, str(exc))
        return redirect("memo_detail", org_slug=org_slug, pk=pk)
    messages.success(request, _("บันทึกการพิจารณาแล้ว"))
    return redirect("inbox", org_slug=org_slug)


@org_view()
def inbox(request: OrgRequest, org_slug: str) -> HttpResponse:
    steps = (
        ApprovalStep.objects.inbox(request.membership)
        .select_related("memo__author")
        .order_by("started_at")
    )
    return render(request, "reports/inbox.html", {"steps": steps})


@org_view()
@require_POST
def memo_number(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    """The number the central register gave, typed by the สารบรรณ officer before the final
    approval."""
    memo = get_memo(request.membership, pk)
    require_write(request.membership, memo)
    form = MemoNumberForm(request.POST)
    if not form.is_valid():
        flash_errors(request, form)
        return redirect("memo_detail", org_slug=org_slug, pk=pk)
    try:
        memo = do_set_memo_number(memo, form.cleaned_data["number"], actor=request.membership)
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("ใช้เลขที่ %(number)s แล้ว") % {"number": memo.number_text})
    return redirect("memo_detail", org_slug=org_slug, pk=pk)


@org_view()
@require_POST
def memo_file_add(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    memo = get_memo(request.membership, pk)
    require_write(request.membership, memo)
    form = MemoFileForm(request.POST, request.FILES)
    if not form.is_valid():
        flash_errors(request, form)
        return redirect("memo_detail", org_slug=org_slug, pk=pk)
    try:
        item = do_add_memo_file(
            memo, form.cleaned_data["title"], form.cleaned_data["file"], actor=request.membership
        )
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("แนบ “%(title)s” แล้ว (%(pages)s หน้า)")
            % {"title": item.title, "pages": thai.to_thai_digits(item.pages)},
        )
    return redirect(f"{reverse('memo_detail', args=[org_slug, pk])}#memo-files")


@org_view()
@require_POST
def memo_file_remove(request: OrgRequest, org_slug: str, pk: int, file_pk: int) -> HttpResponse:
    memo = get_memo(request.membership, pk)
    require_write(request.membership, memo)
    try:
        do_remove_memo_file(memo, file_pk, actor=request.membership)
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("นำเอกสารแนบออกแล้ว"))
    return redirect(f"{reverse('memo_detail', args=[org_slug, pk])}#memo-files")


@org_view(*EDIT_ROLES)
def memo_delete(request: OrgRequest, org_slug: str, pk: int) -> HttpResponse:
    memo = get_memo(request.membership, pk)
    return confirm_delete(
        request,
        title=_("ลบร่างบันทึกข้อความ"),
        what=memo.subject,
        back=reverse("memo_detail", args=[org_slug, pk]),
        done=reverse("memo_list", args=[org_slug]),
        delete=lambda reason: do_delete_draft_memo(memo, reason, actor=request.membership),
    )
