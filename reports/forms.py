"""Forms validate; the services in reports.actions save."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseFormSet, formset_factory
from django.utils.translation import gettext_lazy as _

from assessments.models import Assessment
from itatrack.cleantext import MAX_TEXT
from itatrack.forms import (
    ThaiDateField,
    VersionedForm,
    choice,
    limit_choices,
    model_choice,
    single_line,
)
from itatrack.models import Department, Membership, Organization
from itatrack.thai import fiscal_year_bounds, thai_date, to_thai_digits
from measures.forms import DATE_WIDGET, EvidenceFields
from measures.models import Plan
from reports.actions import Decision
from reports.datecheck import number_year_problem
from reports.models import Attachment, Memo, OitEntry, Verb


def _member_label(member: Membership) -> str:
    return f"{member.display_name} — {member.position}" if member.position else member.display_name


class MemoCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("ประเภท"), choices=Memo.Kind.choices)
    assessment = forms.ModelChoiceField(
        label=_("ผลการประเมิน"), queryset=Assessment.objects.none(), required=False
    )
    plan = forms.ModelChoiceField(
        label=_("แผนมาตรการ"), queryset=Plan.objects.none(), required=False
    )

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(
            self.fields["assessment"],
            Assessment.objects.for_org(organization).select_related("framework").by_year(),
            lambda a: f"ITA {to_thai_digits(a.fiscal_year)}",
        )
        limit_choices(
            self.fields["plan"],
            Plan.objects.for_org(organization).order_by("-fiscal_year"),
            lambda p: f"มาตรการปี {to_thai_digits(p.fiscal_year)}",
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        kind = data.get("kind")
        if kind == Memo.Kind.ANALYSIS and not data.get("assessment"):
            self.add_error("assessment", _("บันทึกวิเคราะห์ผลต้องเลือกผลการประเมิน"))
        if kind == Memo.Kind.RESULTS and not data.get("plan"):
            self.add_error("plan", _("บันทึกรายงานผลต้องเลือกแผนมาตรการ"))
        return data


class MemoForm(forms.ModelForm):
    attachments = forms.MultipleChoiceField(
        label=_("สิ่งที่ส่งมาด้วย"),
        choices=Attachment.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Memo
        fields = [
            "department",
            "department_text",
            "date",
            "subject",
            "addressee",
            "closing",
            "signer",
            "attachments",
        ]
        field_classes = {"date": ThaiDateField}
        widgets = {
            "date": DATE_WIDGET,
            "subject": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        org = self.instance.organization
        limit_choices(self.fields["department"], Department.objects.for_org(org).active())
        limit_choices(
            self.fields["signer"], Membership.objects.for_org(org).active(), _member_label
        )
        self.fields["date"].help_text = _("วัน/เดือน/ปี พ.ศ. เว้นว่างเพื่อใช้วันที่เสนอ")
        if self.instance.number is not None and self.instance.fiscal_year:
            start, end = fiscal_year_bounds(self.instance.fiscal_year)
            self.fields["date"].help_text = _(
                "เลขที่หนังสือออกในปีงบประมาณ %(year)s วันที่ต้องอยู่ระหว่าง %(start)s ถึง %(end)s"
            ) % {
                "year": to_thai_digits(self.instance.fiscal_year),
                "start": thai_date(start),
                "end": thai_date(end),
            }
        self.initial.setdefault("version", self.instance.version)
        # A long เรื่อง may wrap on screen, but it is one line of the memo and of its mails.
        for name in ("subject", "addressee", "department_text"):
            self.fields[name].validators.append(single_line)

    def clean_date(self) -> dt.date | None:
        date = self.cleaned_data.get("date")
        if self.instance.number is not None and date is None:
            raise ValidationError(_("บันทึกนี้มีเลขที่หนังสือแล้ว กรุณาระบุวันที่"))
        if problem := number_year_problem(self.instance, date):
            raise ValidationError(problem)
        return date


class SectionForm(forms.Form):
    heading = forms.CharField(label=_("หัวข้อ"), max_length=200, required=False)
    text = forms.CharField(
        label=_("ข้อความ (ขึ้นบรรทัดใหม่ = ย่อหน้าใหม่)"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


SectionFormSet = formset_factory(SectionForm, extra=1, max_num=30)


class RouteStepForm(forms.Form):
    member = forms.ModelChoiceField(
        label=_("ผู้พิจารณา"), queryset=Membership.objects.none(), required=False
    )
    verb = forms.ChoiceField(label=_("การพิจารณา"), choices=Verb.choices, initial=Verb.ENDORSE)

    def __init__(
        self,
        *args: Any,
        organization: Organization,
        author: Membership | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        members = Membership.objects.for_org(organization).active()
        if author is not None:  # a memo's author never approves it (reports.duties)
            members = members.exclude(pk=author.pk)
        limit_choices(self.fields["member"], members, _member_label)


MAX_ROUTE = 20


class BaseRouteFormSet(BaseFormSet):
    default_error_messages = {
        **BaseFormSet.default_error_messages,
        "too_many_forms": _("เส้นทางมีผู้พิจารณาได้ไม่เกิน ๒๐ คน"),  # MAX_ROUTE
    }

    def steps(self) -> list[tuple[Membership, str]]:
        """The chosen (approver, verb) pairs in order; rows left empty are skipped."""
        return [
            (form.cleaned_data["member"], form.cleaned_data["verb"])
            for form in self.forms
            if form.cleaned_data.get("member")
        ]


RouteFormSet = cast(
    type[BaseRouteFormSet],
    # Three empty rows fit the usual chain (หัวหน้าสำนักปลัด → ปลัด → นายก); "เพิ่มผู้พิจารณา"
    # adds more on the page, up to twenty.
    formset_factory(
        RouteStepForm, formset=BaseRouteFormSet, extra=3, max_num=MAX_ROUTE, validate_max=True
    ),
)


class RouteTemplateForm(forms.Form):
    name = forms.CharField(label=_("ชื่อเส้นทาง"), max_length=200)
    is_default = forms.BooleanField(label=_("ใช้เป็นค่าเริ่มต้นของบันทึกใหม่"), required=False)


DECISIONS = [
    (Decision.APPROVE, _("เห็นชอบ/อนุมัติ")),
    (Decision.RETURN, _("ตีกลับให้แก้ไข")),
    (Decision.REJECT, _("ไม่อนุมัติ")),
]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("การพิจารณา"),
        choices=DECISIONS,
        widget=forms.RadioSelect,
        error_messages={"required": _("กรุณาเลือกผลการพิจารณา")},
    )
    comment = forms.CharField(
        label=_("ความเห็น"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # Set by the confirmation page; nothing is decided without it.
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def decision_label(self) -> str:
        return str(dict(DECISIONS)[self.cleaned_data["decision"]])

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if (
            data.get("decision") in (Decision.RETURN, Decision.REJECT)
            and not (data.get("comment") or "").strip()
        ):
            self.add_error("comment", _("กรุณาระบุเหตุผลเมื่อตีกลับหรือไม่อนุมัติ"))
        return data


class OitPlanForm(VersionedForm, forms.ModelForm):
    """Who prepares an OIT item, by when, and how far it is ("ready" is the reviewer's)."""

    class Meta:
        model = OitEntry
        fields = ["owner", "department", "due_date", "status"]
        field_classes = {"due_date": ThaiDateField}
        widgets = {"due_date": DATE_WIDGET}

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(
            self.fields["owner"], Membership.objects.for_org(organization).active(), _member_label
        )
        limit_choices(self.fields["department"], Department.objects.for_org(organization).active())
        for name in ("owner", "department"):
            model_choice(self.fields[name]).empty_label = _("— ไม่ระบุ —")
        current = self.instance.status
        choice(self.fields["status"]).choices = [
            (value, label)
            for value, label in OitEntry.Status.choices
            # "ready" is the reviewer's word and "published" the publish button's
            if value not in (OitEntry.Status.READY, OitEntry.Status.PUBLISHED) or value == current
        ]


class OitEvidenceForm(EvidenceFields):
    """Evidence of an OIT item. Links must be HTTPS: the assessors open them, and ITAS asks
    for secure pages."""

    LINK_SCHEMES = ("https",)
    LINK_PROBLEM = _("'%(link)s' ไม่ใช่ลิงก์ที่ใช้ได้ (ต้องเป็นลิงก์ที่ขึ้นต้นด้วย https://)")

    memo = forms.ModelChoiceField(
        label=_("หรือบันทึกข้อความของระบบ"), queryset=Memo.objects.none(), required=False
    )

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["links"].help_text = _("หน้าเว็บไซต์ของหน่วยงานที่แสดงข้อมูลของรายการนี้")
        limit_choices(
            self.fields["memo"],
            Memo.objects.for_org(organization).filter(status=Memo.Status.APPROVED),
            lambda m: f"{m.subject[:80]}",
        )
        model_choice(self.fields["memo"]).empty_label = _("— ไม่เลือก —")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not self.errors and not (data.get("files") or data.get("links") or data.get("memo")):
            raise ValidationError(_("กรุณาเลือกไฟล์ ใส่ลิงก์ หรือเลือกบันทึกข้อความอย่างน้อยหนึ่งอย่าง"))
        return data


class OitCheckForm(forms.Form):
    ready = forms.TypedChoiceField(
        label=_("ผลการตรวจ"),
        choices=[("1", _("พร้อม")), ("0", _("ยังไม่พร้อม ส่งกลับให้แก้ไข"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("ความเห็น"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
