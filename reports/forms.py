"""Forms validate; the services in reports.actions save."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, cast

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
from itatrack.thai import screen_date, screen_digits
from measures.forms import DATE_WIDGET, EvidenceFields
from measures.models import Plan
from reports import answers
from reports.actions import Decision
from reports.annexes import annex_texts
from reports.capacity import Capacity
from reports.datecheck import number_bounds, number_year_problem, year_word
from reports.models import Attachment, Memo, OitEntry, Verb

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def memo_label(memo: Memo) -> str:
    """A memo as a choice: by ที่ and date (two reports of a year share most of a subject),
    then as much of the subject as a select shows, cut at a space."""
    head = " ".join(
        part
        for part in (
            f"ที่ {memo.number_text}" if memo.number_text else "",
            f"ลงวันที่ {screen_date(memo.date)}" if memo.date else "",
        )
        if part
    )
    subject = " ".join(memo.subject.split())
    if len(subject) > 90:
        subject = subject[:90].rsplit(" ", 1)[0] + " …"
    return f"{head} เรื่อง {subject}".strip()


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
            lambda a: f"ITA {screen_digits(a.fiscal_year)}",
        )
        limit_choices(
            self.fields["plan"],
            Plan.objects.for_org(organization).order_by("-fiscal_year"),
            lambda p: f"มาตรการปี {screen_digits(p.fiscal_year)}",
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
        label=_("ตารางที่ระบบจัดทำแนบท้าย"),
        choices=Attachment.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    oit_answer = forms.ChoiceField(
        label=_("รายการ OIT ที่บันทึกนี้ตอบ"),
        required=False,
        help_text=_("เมื่อเผยแพร่ บันทึกจะแสดงเป็นหลักฐานของรายการนี้ในหน้า ITA ของหน่วยงาน"),
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
            "signer_capacity",
            "signer_acting_for",
            "attachments",
        ]
        field_classes = {"date": ThaiDateField}
        widgets = {
            "date": DATE_WIDGET,
            "subject": forms.Textarea(attrs={"rows": 2}),
            "closing": forms.TextInput(attrs={"list": "closing-phrases"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        memo = self.instance
        org = memo.organization
        self.fields["closing"].help_text = _("เลือกจากรายการหรือพิมพ์ข้อความของหน่วยงานเอง")
        self.fields["signer_acting_for"].help_text = _(
            "เมื่อลงนามแทน เช่น ปลัดเทศบาลรักษาราชการแทนนายกเทศมนตรีตำบลบ้านตัวอย่าง ให้พิมพ์ "
            "นายกเทศมนตรีตำบลบ้านตัวอย่าง"
        )
        answer = choice(self.fields["oit_answer"])
        answer.choices = [("", _("— ไม่ใช่หลักฐานของรายการ OIT —")), *answers.choices(memo)]
        self.initial.setdefault("oit_answer", answers.initial_value(memo))
        for key, title, intro in annex_texts(memo):
            self.fields[f"annex_{key}_title"] = forms.CharField(
                label=_("ชื่อ%(annex)s") % {"annex": Attachment(key).label},
                max_length=300,
                required=False,
                initial=title,
                validators=[single_line],
            )
            self.fields[f"annex_{key}_intro"] = forms.CharField(
                label=_("ข้อความใต้ชื่อ%(annex)s") % {"annex": Attachment(key).label},
                max_length=2000,
                required=False,
                initial=intro,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        limit_choices(self.fields["department"], Department.objects.for_org(org).active())
        limit_choices(
            self.fields["signer"], Membership.objects.for_org(org).active(), _member_label
        )
        self.fields["date"].help_text = _("วัน/เดือน/ปี พ.ศ. เว้นว่างเพื่อใช้วันที่เสนอ")
        if bounds := number_bounds(self.instance):
            self.fields["date"].help_text = _(
                "เลขที่หนังสือออกใน%(word)s %(year)s วันที่ต้องอยู่ระหว่าง %(start)s ถึง %(end)s"
            ) % {
                "word": year_word(self.instance),
                "year": screen_digits(self.instance.number_year),
                "start": screen_date(bounds[0]),
                "end": screen_date(bounds[1]),
            }
        self.initial.setdefault("version", self.instance.version)
        # A long เรื่อง may wrap on screen, but it is one line of the memo and of its mails.
        for name in ("subject", "addressee", "department_text"):
            self.fields[name].validators.append(single_line)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("signer_capacity") and not (data.get("signer_acting_for") or "").strip():
            self.add_error("signer_acting_for", _("กรุณาระบุตำแหน่งที่ผู้ลงนามทำการแทน"))
        return data

    def extra_changes(self) -> dict[str, Any]:
        """The memo's fields this form sets through fields of its own: the OIT item answered
        and the annexes' titles and sentences (kept only where they differ from the default,
        so that the default follows the data)."""
        memo = self.instance
        changes: dict[str, Any] = {}
        year, _sep, code = (self.cleaned_data.get("oit_answer") or "").partition(":")
        wanted = (int(year), code) if year else (answers.default_year(memo) or 0, "")
        current = answers.answer(memo)
        if wanted != (current.year or 0, current.item.code if current.item else ""):
            changes["oit_year"], changes["oit_code"] = wanted[0] or None, wanted[1]
        texts: dict[str, dict[str, str]] = {}
        for key, title, intro in annex_texts(memo, defaults=True):
            own = {
                "title": (self.cleaned_data.get(f"annex_{key}_title") or "").strip(),
                "intro": (self.cleaned_data.get(f"annex_{key}_intro") or "").strip(),
            }
            kept = {k: v for k, v in own.items() if v and v != {"title": title, "intro": intro}[k]}
            if kept:
                texts[key] = kept
        if texts != (memo.annex_texts or {}):
            changes["annex_texts"] = texts
        return changes

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


SectionFormSet = formset_factory(SectionForm, extra=1, max_num=30, can_delete=True)


def capacity_fields(acting_help: StrOrPromise) -> tuple[forms.ChoiceField, forms.CharField]:
    """ลงนามในฐานะ and the post acted for, as the route and the decision ask them."""
    return (
        forms.ChoiceField(label=_("ลงนามในฐานะ"), choices=Capacity.choices, required=False),
        forms.CharField(
            label=_("ตำแหน่งที่ทำการแทน"),
            max_length=300,
            required=False,
            validators=[single_line],
            help_text=acting_help,
        ),
    )


def acting_for_missing(data: dict[str, Any]) -> bool:
    return bool(data.get("capacity")) and not (data.get("acting_for") or "").strip()


class RouteStepForm(forms.Form):
    member = forms.ModelChoiceField(
        label=_("ผู้พิจารณา"), queryset=Membership.objects.none(), required=False
    )
    verb = forms.ChoiceField(label=_("การพิจารณา"), choices=Verb.choices, initial=Verb.ENDORSE)
    capacity, acting_for = capacity_fields(_("เช่น นายกเทศมนตรีตำบลบ้านตัวอย่าง (เมื่อลงนามแทน)"))

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("member") and acting_for_missing(data):
            self.add_error("acting_for", _("กรุณาระบุตำแหน่งที่ทำการแทน"))
        return data

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

    def capacities(self) -> list[tuple[str, str]]:
        """(capacity, post acted for) of each chosen step, in the order of steps()."""
        return [
            (form.cleaned_data.get("capacity") or "", form.cleaned_data.get("acting_for") or "")
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
    capacity = forms.ChoiceField(label=_("ลงนามในฐานะ"), choices=Capacity.choices, required=False)
    acting_for = forms.CharField(
        label=_("ตำแหน่งที่ทำการแทน"),
        max_length=300,
        required=False,
        validators=[single_line],
        help_text=_("พิมพ์ในบันทึกใต้ชื่อของท่าน เช่น รักษาราชการแทน นายกเทศมนตรีตำบลบ้านตัวอย่าง"),
    )
    # Set by the confirmation page; nothing is decided without it.
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def capacity_value(self) -> tuple[str, str]:
        return (self.cleaned_data.get("capacity") or "", self.cleaned_data.get("acting_for") or "")

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
        if acting_for_missing(data):
            self.add_error("acting_for", _("กรุณาระบุตำแหน่งที่ทำการแทน"))
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


class OitBulkPlanForm(forms.Form):
    """Many items of the year to one owner, department or due date; blank fields stay."""

    codes = forms.MultipleChoiceField(
        label=_("รายการที่เลือก"), widget=forms.CheckboxSelectMultiple, required=True
    )
    owner = forms.ModelChoiceField(
        label=_("ผู้รับผิดชอบ"), queryset=Membership.objects.none(), required=False
    )
    department = forms.ModelChoiceField(
        label=_("ส่วนราชการที่รับผิดชอบ"), queryset=Department.objects.none(), required=False
    )
    due_date = ThaiDateField(label=_("กำหนดแล้วเสร็จ"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args: Any, organization: Organization, codes: list[str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        choice(self.fields["codes"]).choices = [(c, c) for c in codes]
        self.fields["codes"].error_messages["required"] = _("กรุณาเลือกอย่างน้อยหนึ่งรายการ")
        limit_choices(
            self.fields["owner"], Membership.objects.for_org(organization).active(), _member_label
        )
        limit_choices(self.fields["department"], Department.objects.for_org(organization).active())
        for name in ("owner", "department"):
            model_choice(self.fields[name]).empty_label = _("— ไม่เปลี่ยน —")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(data.get(name) for name in ("owner", "department", "due_date")):
            raise ValidationError(_("ระบุผู้รับผิดชอบ ส่วนราชการ หรือวันแล้วเสร็จอย่างน้อยหนึ่งอย่าง"))
        return data

    def changes(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name]
            for name in ("owner", "department", "due_date")
            if self.cleaned_data.get(name)
        }


class OitEvidenceForm(EvidenceFields):
    """Evidence of an OIT item. Links must be HTTPS (EvidenceFields): the assessors open
    them, and ITAS asks for secure pages."""

    memo = forms.ModelChoiceField(
        label=_("หรือบันทึกข้อความของระบบ"), queryset=Memo.objects.none(), required=False
    )

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["links"].help_text = _("หน้าเว็บไซต์ของหน่วยงานที่แสดงข้อมูลของรายการนี้")
        limit_choices(
            self.fields["memo"],
            Memo.objects.for_org(organization)
            .filter(status=Memo.Status.APPROVED)
            .order_by("-date", "-pk"),
            memo_label,
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


NUMBER_ERRORS = {
    "min_value": _("เลขที่หนังสือต้องเป็นจำนวนเต็มตั้งแต่ ๑ ขึ้นไป"),
    "invalid": _("กรุณาพิมพ์เลขที่หนังสือเป็นตัวเลข"),
}


class SubmitForm(forms.Form):
    register_number = forms.IntegerField(
        label=_("เลขที่จากทะเบียนหนังสือส่ง (ถ้ามี)"),
        required=False,
        min_value=1,
        error_messages=NUMBER_ERRORS,
        help_text=_("เว้นว่างให้ระบบออกเลขถัดไปให้ หรือพิมพ์เลขที่ได้จากทะเบียนกลาง/ระบบสารบรรณ"),
    )


class MemoNumberForm(forms.Form):
    number = forms.IntegerField(
        label=_("เลขที่จากทะเบียนหนังสือส่ง"), min_value=1, error_messages=NUMBER_ERRORS
    )


class NextNumberForm(forms.Form):
    register_prefix = forms.CharField(max_length=60, required=False, widget=forms.HiddenInput)
    year = forms.IntegerField(widget=forms.HiddenInput)
    number = forms.IntegerField(label=_("เลขถัดไป"), min_value=1, error_messages=NUMBER_ERRORS)


class NumberYearForm(forms.Form):
    number_year = forms.ChoiceField(
        label=_("การนับเลขที่หนังสือ"),
        choices=Organization.NumberYear.choices,
        widget=forms.RadioSelect,
    )


class MemoFileForm(forms.Form):
    title = forms.CharField(
        label=_("ชื่อเอกสาร"),
        max_length=300,
        validators=[single_line],
        help_text=_("พิมพ์ในบันทึกตามลำดับสิ่งที่ส่งมาด้วย เช่น สำเนารายงานการประชุม ครั้งที่ ๑/๒๕๖๙"),
    )
    file = forms.FileField(
        label=_("ไฟล์ (PDF หรือภาพ PNG/JPEG)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}),
    )
