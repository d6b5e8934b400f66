"""Forms validate; the services in measures.actions save."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, URLValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.models import Assessment, Finding, Item
from itatrack.cleantext import MAX_TEXT
from itatrack.forms import (
    ChoiceList,
    PastedTableForm,
    ThaiDateField,
    ThaiDateInput,
    VersionedForm,
    limit_choices,
)
from itatrack.models import Department, Membership, Organization
from itatrack.thai import fiscal_year_bounds, screen_date, screen_digits, shorten
from itatrack.uploads import detect_document
from measures.actions import MeasureLinks
from measures.models import IssueArea, Measure, MeasureStep, Plan
from measures.models.plans import date_order_problem
from measures.paste import FIELDS

DATE_WIDGET = ThaiDateInput()
DATE_FIELDS = {"start_date": ThaiDateField, "end_date": ThaiDateField}


class PlanForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Plan
        fields = [
            "fiscal_year",
            "assessment",
            "meeting_date",
            "meeting_participants",
            "meeting_note",
        ]
        field_classes = {"meeting_date": ThaiDateField}
        widgets = {
            "meeting_date": DATE_WIDGET,
            "meeting_participants": forms.Textarea(attrs={"rows": 2}),
            "meeting_note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organization = organization
        limit_choices(
            self.fields["assessment"],
            Assessment.objects.for_org(organization).select_related("framework").by_year(),
            lambda a: screen_digits(a.fiscal_year),
        )
        if self.instance.pk:
            del self.fields["fiscal_year"]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        year, assessment = data.get("fiscal_year"), data.get("assessment")
        if year and assessment and assessment.fiscal_year != year - 1:
            self.add_error(
                "assessment",
                _("มาตรการปี %(year)s ควรมาจากผลการประเมินปี %(prev)s")
                % {"year": screen_digits(year), "prev": screen_digits(year - 1)},
            )
        if (
            year
            and Plan.objects.for_org(self.organization)
            .filter(fiscal_year=year)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            self.add_error("fiscal_year", _("มีแผนมาตรการปีนี้อยู่แล้ว"))
        return data


class DateOrderForm(forms.Form):
    """A form with start_date and end_date, checked by the rule the services apply, and kept
    inside the plan's fiscal year when the form knows it (a 2570 plan took a date of 2030)."""

    fiscal_year: int | None = None

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if problem := date_order_problem(data.get("start_date"), data.get("end_date")):
            self.add_error("end_date", problem)
        if self.fiscal_year:
            for name in ("start_date", "end_date"):
                if problem := outside_year_problem(data.get(name), self.fiscal_year):
                    self.add_error(name, problem)
        return data


def outside_year_problem(value: dt.date | None, fiscal_year: int) -> str:
    """Why value cannot be a date of fiscal_year's plan ("" when it can)."""
    start, end = fiscal_year_bounds(fiscal_year)
    if value is None or start <= value <= end:
        return ""
    return _(
        "วันที่ %(date)s อยู่นอกปีงบประมาณ %(year)s ของแผนนี้ (%(start)s – %(end)s) กรุณาตรวจปี พ.ศ. อีกครั้ง"
    ) % {
        "date": screen_date(value),
        "year": screen_digits(fiscal_year),
        "start": screen_date(start),
        "end": screen_date(end),
    }


class MeasureForm(DateOrderForm, VersionedForm, forms.ModelForm):
    class Meta:
        model = Measure
        fields = [
            "number",
            "issue_area",
            "title",
            "items",
            "findings",
            "finding_text",
            "recommendation",
            "departments",
            "owners",
            "owner_note",
            "start_date",
            "end_date",
            "period_text",
            "method_preamble",
            "follow_up_method",
            "budget_amount",
            "budget_source",
            "note",
        ]
        field_classes = DATE_FIELDS
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "finding_text": forms.Textarea(attrs={"rows": 2}),
            "recommendation": forms.Textarea(attrs={"rows": 2}),
            "follow_up_method": forms.Textarea(attrs={"rows": 2}),
            "method_preamble": forms.Textarea(attrs={"rows": 2}),
            "note": forms.Textarea(attrs={"rows": 2}),
            "start_date": DATE_WIDGET,
            "end_date": DATE_WIDGET,
            "items": ChoiceList(),
            "findings": ChoiceList(),
            "departments": forms.CheckboxSelectMultiple,
            "owners": ChoiceList(),
        }

    LINKS = ("departments", "owners", "items", "findings")

    def values(self) -> dict[str, Any]:
        """The measure's own fields for do_save_measure (the many-to-many parts are links()).
        An empty number keeps the one the measure has (a new one gets the next)."""
        values = {k: v for k, v in super().values().items() if k not in self.LINKS}
        if values.get("number") is None:
            values.pop("number", None)
        return values

    def links(self) -> MeasureLinks:
        data = self.cleaned_data
        return MeasureLinks(**{name: data[name] for name in self.LINKS})

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        org = plan.organization
        self.fiscal_year = plan.fiscal_year
        self.fields["number"].required = False
        self.fields["budget_amount"].widget.attrs["min"] = 0
        self.fields["budget_amount"].validators.append(
            MinValueValidator(0, message=_("งบประมาณต้องไม่ติดลบ"))
        )
        limit_choices(
            self.fields["issue_area"],
            IssueArea.objects.filter(organization=org, is_active=True),
            lambda a: f"({screen_digits(a.number)}) {a.name}",
        )
        limit_choices(self.fields["departments"], Department.objects.for_org(org).active())
        limit_choices(
            self.fields["owners"],
            Membership.objects.for_org(org).active(),
            lambda m: m.display_name,
        )
        framework = plan.assessment.framework if plan.assessment else None
        limit_choices(
            self.fields["items"],
            (
                Item.objects.filter(framework=framework).filter(
                    Q(retired=False)
                    | Q(pk__in=self.instance.items.all() if self.instance.pk else [])
                )
                if framework
                else Item.objects.none()
            ),
            lambda i: i.label(60),
        )
        limit_choices(
            self.fields["findings"],
            Finding.objects.confirmed().filter(assessment=plan.assessment)
            if plan.assessment
            else Finding.objects.none(),
            lambda f: f"{_('ตัวชี้วัดที่')} {screen_digits(f.indicator.number)}: {shorten(f.text, 80)}",
        )


class StepForm(DateOrderForm, VersionedForm, forms.ModelForm):
    class Meta:
        model = MeasureStep
        fields = ["order", "text", "department", "owner", "start_date", "end_date", "done"]
        field_classes = DATE_FIELDS
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "start_date": DATE_WIDGET,
            "end_date": DATE_WIDGET,
        }

    def __init__(
        self,
        *args: Any,
        organization: Organization,
        fiscal_year: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fiscal_year = fiscal_year
        self.fields["order"].required = False
        self.fields["text"].error_messages["required"] = _("กรุณากรอกข้อความของขั้นตอน")
        limit_choices(self.fields["department"], Department.objects.for_org(organization).active())
        limit_choices(
            self.fields["owner"],
            Membership.objects.for_org(organization).active(),
            lambda m: m.display_name,
        )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class EvidenceFields(forms.Form):
    """Evidence files (checked by content) and links, one per line, as a follow-up or an OIT
    item takes them."""

    # A link a citizen or an assessor follows must not be readable or changeable in transit:
    # government sites serve https, and NACC's assessors open what the body lists.
    LINK_SCHEMES: tuple[str, ...] = ("https",)
    LINK_PROBLEM = _("'%(link)s' ไม่ใช่ลิงก์ที่ใช้ได้ (ต้องเป็นลิงก์ที่ขึ้นต้นด้วย https://)")

    # The metaclass moves declared fields into base_fields: form.files stays the uploads.
    files = MultipleFileField(  # type: ignore[assignment]
        label=_("ไฟล์หลักฐาน (PDF, ภาพ, Word, Excel)"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.pptx"}),
    )
    links = forms.CharField(
        label=_("ลิงก์หลักฐาน (บรรทัดละหนึ่งลิงก์)"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "https://"}),
        help_text=_("เช่น หน้าเว็บไซต์ของหน่วยงานที่เผยแพร่ผลการดำเนินการ"),
    )

    def clean_files(self) -> list[Any]:
        files = self.cleaned_data["files"]
        for upload in files:
            detect_document(upload)  # refuses what is not evidence; the service stores its type
        return files

    def clean_links(self) -> list[str]:
        links = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        validate = URLValidator(schemes=list(self.LINK_SCHEMES))
        for link in links:
            try:
                validate(link)
            except ValidationError:
                raise ValidationError(self.LINK_PROBLEM % {"link": link[:80]}) from None
        return links


class FollowUpForm(EvidenceFields):
    date = ThaiDateField(label=_("วันที่ดำเนินการ"))
    text = forms.CharField(
        label=_("ผลการดำเนินการ"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )
    progress = forms.IntegerField(label=_("ความก้าวหน้า (%)"), min_value=0, max_value=100, initial=0)
    field_order = ["date", "text", "progress", "files", "links"]

    def clean_date(self) -> Any:
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise ValidationError(_("วันที่ดำเนินการต้องไม่เป็นวันในอนาคต"))
        return date


class CloseForm(forms.Form):
    result = forms.CharField(
        label=_("ผลการดำเนินการ"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("กรุณาระบุผลการดำเนินการก่อนปิดมาตรการ")},
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("เหตุผลที่ยกเลิก"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("กรุณาระบุเหตุผลที่ยกเลิกมาตรการ")},
    )


class OutcomeForm(forms.Form):
    text = forms.CharField(
        label=_("ผลลัพธ์"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


class IssueAreaForm(forms.ModelForm):
    class Meta:
        model = IssueArea
        fields = ["number", "name", "is_active"]


class PasteForm(PastedTableForm):
    """The pasted table, plus the user's column mapping and code choices once previewed."""

    FIELDS = FIELDS

    text = forms.CharField(
        label=_("ตารางที่คัดลอกจาก Word หรือ Excel"),
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
        max_length=200_000,
    )
    header_row = forms.BooleanField(
        label=_("แถวแรกเป็นหัวตาราง"),
        required=False,
        initial=True,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
        help_text=_("ระบบรู้จักหัวตารางที่ใช้กันทั่วไปเอง เลือกช่องนี้เมื่อหัวตารางใช้คำอื่น"),
    )


class ResultsPasteForm(forms.Form):
    """A pasted results table, the date and progress its follow-ups are reported with, and
    the measure chosen for each row the system was not sure of (resolve_<row>:m = pk)."""

    text = forms.CharField(
        label=_("ตารางผลการดำเนินการที่คัดลอกจาก Word หรือ Excel"),
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
        max_length=200_000,
    )
    date = ThaiDateField(label=_("วันที่รายงานผล"), widget=DATE_WIDGET, initial=timezone.localdate)
    progress = forms.IntegerField(
        label=_("ความก้าวหน้าที่บันทึก (%)"), min_value=0, max_value=100, initial=100
    )

    def resolutions(self) -> dict[str, str]:
        return {
            key[8:]: value
            for key, value in self.data.items()
            if key.startswith("resolve_") and key.endswith(":m") and value.isdigit()
        }
