"""Forms validate; saving is the services' job (itatrack.actions)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any, Self

from django import forms
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from itatrack.models import Department, Membership, Organization, Role
from itatrack.thai import (
    EN_MONTHS,
    FULL_MONTHS,
    english_screen,
    parse_typed_date,
    screen_digits,
    typed_date,
)

IMAGE_ACCEPT = {"accept": "image/png,image/jpeg"}
TH_DAYS = ("อา", "จ", "อ", "พ", "พฤ", "ศ", "ส")  # from Sunday, as Thai calendars print them
EN_DAYS = ("Su", "Mo", "Tu", "We", "Th", "Fr", "Sa")
DATE_HELP = _("วัน/เดือน/ปี พ.ศ. เช่น ๓๑/๐๓/๒๕๗๐")


class ThaiDateInput(forms.TextInput):
    """A date typed and shown day/month/year: Buddhist era and Thai digits on Thai pages,
    Christian era on English ones (the field reads both). A browser's own date field shows
    Christian-era years and reads 2570 as CE 2570; itatrack.js adds a calendar button beside
    this one that draws the month in the page's era, with the words given here."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        defaults = {
            "inputmode": "numeric",
            "autocomplete": "off",
            "data-thai-date": "",
            "class": "thai-date",
        }
        super().__init__({**defaults, **(attrs or {})})

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        english = english_screen()
        words = {
            "placeholder": str(_("วว/ดด/ปปปป")),
            "data-era": "ce" if english else "be",
            "data-months": ",".join(str(m) for m in (EN_MONTHS if english else FULL_MONTHS)),
            "data-days": ",".join(str(d) for d in (EN_DAYS if english else TH_DAYS)),
            "data-pick-text": str(_("ปฏิทิน")),
            "data-pick-label": str(_("เลือกวันที่จากปฏิทิน")),
            "data-prev": str(_("เดือนก่อน")),
            "data-next": str(_("เดือนถัดไป")),
        }
        return super().get_context(name, value, {**words, **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, dt.date):
            if english_screen():
                return f"{value:%d/%m/%Y}"
            return typed_date(value)
        return super().format_value(value)


class ChoiceList(forms.CheckboxSelectMultiple):
    """A many-choice picker that works by touch: a scrolling list of boxes, with a filter box
    (itatrack.js) when it is long. A multiple <select> needs Ctrl-click, which a phone lacks."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        words = {"data-choice-list": "", "data-filter-label": _("พิมพ์เพื่อค้นหาในรายการ")}
        super().__init__({**words, **(attrs or {})})


class ThaiDateField(forms.DateField):
    widget = ThaiDateInput
    default_error_messages = {
        "invalid": _("อ่านวันที่ไม่ได้ กรุณากรอกเป็น วัน/เดือน/ปี พ.ศ. เช่น ๓๑/๐๓/๒๕๗๐"),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs["help_text"] = kwargs.get("help_text") or DATE_HELP
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> dt.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        parsed = parse_typed_date(str(value))
        if parsed is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed


def single_line(value: str) -> None:
    """For text printed or sent as one line (a memo's เรื่อง, a mail subject)."""
    if isinstance(value, str) and ("\n" in value or "\r" in value):
        raise ValidationError(_("ช่องนี้ต้องเป็นข้อความบรรทัดเดียว กรุณาลบการขึ้นบรรทัดใหม่"), code="line_break")


def changed_values(form: forms.ModelForm) -> dict[str, Any]:
    """The fields the user changed, ready for a service's changes argument. A cleared file
    input reports False; the model wants an empty name. The form's version is not a change."""
    changes = {name: form.cleaned_data[name] for name in form.changed_data if name != "version"}
    return {name: "" if value is False else value for name, value in changes.items()}


class VersionedForm(forms.Form):
    """Mixed into an edit form: carries the version of the row the form was opened at, for the
    service's optimistic check (itatrack.actions.claim_version)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk:
            self.initial.setdefault("version", instance.version)

    def values(self) -> dict[str, Any]:
        """The cleaned fields for the service, without the version (its own argument)."""
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}


def mark_stale(form: forms.Form, error: Exception, current_version: int) -> None:
    """A stale edit: say so above the form, keep what the person typed, and carry the current
    version, so that saving again (after a look at the latest copy) is a deliberate choice."""
    form.add_error(None, str(error))
    data = QueryDict(mutable=True)
    data.update(form.data)
    data["version"] = str(current_version)
    form.data = data


# What people type before a place name that the page prints itself ("อำเภอ" + district).
PLACE_PREFIXES = {
    "district": ("อำเภอ", "อ.", "เขต"),
    "province": ("จังหวัด", "จ."),
}


def without_prefix(value: str, prefixes: tuple[str, ...]) -> str:
    """ "อำเภอเมืองลำพูน" → "เมืองลำพูน": pages print "อำเภอ" before the name."""
    value = " ".join(value.split())
    for prefix in prefixes:
        if value.startswith(prefix) and len(value) > len(prefix):
            return value[len(prefix) :].strip()
    return value


class OrganizationForm(VersionedForm, forms.ModelForm):
    website = forms.URLField(label=_("เว็บไซต์"), required=False, assume_scheme="https")

    def clean_district(self) -> str:
        return without_prefix(self.cleaned_data.get("district", ""), PLACE_PREFIXES["district"])

    def clean_province(self) -> str:
        return without_prefix(self.cleaned_data.get("province", ""), PLACE_PREFIXES["province"])

    class Meta:
        model = Organization
        fields = [
            "name",
            "short_name",
            "kind",
            "province",
            "district",
            "address",
            "phone",
            "website",
            "doc_prefix",
            "head_title",
            "emblem",
        ]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 2}),
            "emblem": forms.ClearableFileInput(attrs=IMAGE_ACCEPT),
        }


class DepartmentForm(forms.ModelForm):
    class Meta:
        model = Department
        fields = ["name", "order", "is_active"]

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organization = organization

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        clash = Department.objects.for_org(self.organization).filter(name=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("มีส่วนราชการชื่อนี้อยู่แล้ว"))
        return name


class _MemberFieldsMixin(forms.Form):
    def _limit_departments(self, organization: Organization) -> None:
        field = model_choice(self.fields["department"])
        field.queryset = Department.objects.for_org(organization).active()
        field.empty_label = _("— ไม่ระบุ —")


class MemberInviteForm(_MemberFieldsMixin, forms.Form):
    """An invitation: the person joins when they accept. Whether the username already has an
    account changes nothing on this form (no password here, an e-mail always asked)."""

    username = forms.CharField(
        label=_("ชื่อผู้ใช้ (สำหรับเข้าสู่ระบบ)"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("ผู้ที่มีบัญชีอยู่แล้วให้แจ้งชื่อผู้ใช้เดิม ระบบจะส่งคำเชิญให้ตอบรับหลังเข้าสู่ระบบ"),
    )
    display_name = forms.CharField(
        label=_("ชื่อที่พิมพ์ในเอกสาร"),
        max_length=200,
        help_text=_("พร้อมคำนำหน้า เช่น นางสาวสมใจ ตัวอย่าง"),
    )
    first_name = forms.CharField(label=_("ชื่อ"), max_length=150, required=False)
    last_name = forms.CharField(label=_("นามสกุล"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("อีเมล"),
        help_text=_("ผู้ใช้ใหม่จะได้รับลิงก์ตั้งรหัสผ่านทางอีเมลนี้"),
    )
    role = forms.ChoiceField(label=_("บทบาท"), choices=Role.choices, initial=Role.STAFF)
    department = forms.ModelChoiceField(
        label=_("ส่วนราชการ"), queryset=Department.objects.none(), required=False
    )
    position = forms.CharField(label=_("ตำแหน่ง"), max_length=200, required=False)

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organization = organization
        self._limit_departments(organization)

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip()


class MembershipForm(_MemberFieldsMixin, forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["display_name", "role", "department", "position", "signature"]
        widgets = {"signature": forms.ClearableFileInput(attrs=IMAGE_ACCEPT)}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limit_departments(self.instance.organization)


class OrgSwitchForm(forms.Form):
    org = forms.SlugField()


class OverviewFilterForm(forms.Form):
    """The overview's filters and sort, from the query string; bad values are refused with a
    message and the table falls back to its defaults."""

    year = forms.TypedChoiceField(label=_("ปีงบประมาณ"), coerce=int, required=False)
    province = forms.ChoiceField(label=_("จังหวัด"), required=False)
    kind = forms.ChoiceField(
        label=_("ประเภท"),
        required=False,
        choices=[("", _("ทุกประเภท")), *Organization.Kind.choices],
    )
    level = forms.ChoiceField(label=_("ระดับ"), required=False)
    q = forms.CharField(label=_("ชื่อหน่วยงาน"), required=False, max_length=100)
    sort = forms.ChoiceField(label=_("เรียงตาม"), required=False)

    def __init__(
        self,
        data: Any,
        *,
        years: list[int],
        provinces: list[str],
        levels: list[str],
        sorts: list[str],
    ) -> None:
        super().__init__(data)
        choice(self.fields["year"]).choices = [(y, str(y)) for y in years]
        choice(self.fields["province"]).choices = [("", _("ทุกจังหวัด"))] + [(p, p) for p in provinces]
        choice(self.fields["level"]).choices = [("", _("ทุกระดับ"))] + [
            (level, level if level != "-" else _("ยังไม่มีคะแนน")) for level in levels
        ]
        choice(self.fields["sort"]).choices = [("", "")] + [
            (f"{sign}{s}", s) for s in sorts for sign in ("", "-")
        ]


def model_choice(field: forms.Field) -> forms.ModelChoiceField:
    """A form's model choice field, to narrow its queryset to the organisation's rows."""
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{field!r} is not a model choice field")
    return field


def choice(field: forms.Field) -> forms.ChoiceField:
    """A form's choice field, to give it the choices of the moment."""
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{field!r} is not a choice field")
    return field


def limit_choices(
    field: forms.Field,
    queryset: QuerySet[Any],
    label: Callable[[Any], str] | None = None,
) -> None:
    """Offer only queryset's rows (the organisation's own), each shown as label says."""
    choices = model_choice(field)
    choices.queryset = queryset
    if label is not None:
        choices.label_from_instance = label  # type: ignore[assignment, method-assign]


class ThaiPasswordChangeForm(PasswordChangeForm):
    """Django's form, with the help text its Thai catalogue leaves in English."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password2"].help_text = _("พิมพ์รหัสผ่านใหม่อีกครั้งเพื่อยืนยัน")


class PastedTableForm(forms.Form):
    """A pasted table with the user's column mapping (col_N) and choices (resolve_KEY), for a
    paste import whose columns are FIELDS {name: (label, header words)}."""

    FIELDS: dict[str, tuple[Any, tuple[str, ...]]] = {}
    RESOLUTION = r"[A-Z0-9\-]{1,12}"  # what a choice's value may be

    def __init__(self, *args: Any, columns: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("— ไม่ใช้ —"))] + [(k, str(v[0])) for k, v in self.FIELDS.items()]
        for index in range(columns):
            self.fields[f"col_{index}"] = forms.ChoiceField(
                label=_("คอลัมน์ %(n)s") % {"n": screen_digits(index + 1)},
                choices=choices,
                required=False,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )

    def column_fields(self) -> list[forms.BoundField]:
        return [field for field in self if field.name.startswith("col_")]

    def for_next_preview(self, mapping: dict[int, str], columns: int) -> Self:
        """The same text and options with the mapping that was used, for the user to correct,
        and the choices already made kept: a confirm must not ask for them again."""
        data: dict[str, Any] = {
            name: value for name, value in self.cleaned_data.items() if not name.startswith("col_")
        }
        data |= {f"col_{i}": mapping.get(i, "") for i in range(columns)}
        data |= {f"resolve_{key}": value for key, value in self.resolutions().items()}
        form = type(self)(data, columns=columns)
        form.is_valid()
        return form

    def mapping(self) -> dict[int, str] | None:
        """The user's mapping, or None when none was chosen yet (detect it)."""
        if not any(key.startswith("col_") for key in self.data):
            return None
        chosen = {
            int(name[4:]): value
            for name, value in self.cleaned_data.items()
            if name.startswith("col_")
        }
        return {index: field for index, field in chosen.items() if field}

    def resolutions(self) -> dict[str, str]:
        return {
            key[8:]: value
            for key, value in self.data.items()
            if key.startswith("resolve_") and re.fullmatch(self.RESOLUTION, value or "")
        }


DEFAULT_DEPARTMENTS = "สำนักปลัด\nกองคลัง\nกองช่าง"


class OrganizationSetUpForm(OrganizationForm):
    """A new organisation as the console sets it up: its details (those its admin edits later,
    and the address of its links), its departments (one a line) and its first admin, who is
    invited."""

    departments = forms.CharField(
        label=_("ส่วนราชการ (บรรทัดละหนึ่ง)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        initial=DEFAULT_DEPARTMENTS,
        max_length=5000,
    )
    admin_username = forms.CharField(
        label=_("ชื่อผู้ใช้ของผู้ดูแลหน่วยงานคนแรก"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("ผู้ที่มีบัญชีอยู่แล้วให้ใช้ชื่อผู้ใช้เดิม จะได้รับคำเชิญให้ตอบรับหลังเข้าสู่ระบบ"),
    )
    admin_display_name = forms.CharField(
        label=_("ชื่อที่พิมพ์ในเอกสาร"), max_length=200, help_text=_("พร้อมคำนำหน้า")
    )
    admin_email = forms.EmailField(
        label=_("อีเมลของผู้ดูแลหน่วยงาน"),
        help_text=_("ผู้ใช้ใหม่จะได้รับลิงก์ตั้งรหัสผ่านทางอีเมลนี้"),
    )
    admin_position = forms.CharField(label=_("ตำแหน่ง"), max_length=200, required=False)

    class Meta(OrganizationForm.Meta):
        fields = [*OrganizationForm.Meta.fields, "slug"]

    def clean_departments(self) -> list[str]:
        names = [" ".join(line.split()) for line in self.cleaned_data["departments"].splitlines()]
        names = list(dict.fromkeys(name for name in names if name))
        if not names:
            raise ValidationError(_("กรุณากรอกส่วนราชการอย่างน้อยหนึ่งส่วน"))
        if any(len(name) > 200 for name in names):
            raise ValidationError(_("ชื่อส่วนราชการยาวเกิน ๒๐๐ ตัวอักษร"))
        return names

    def organization_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def admin(self) -> dict[str, str]:
        data = self.cleaned_data
        return {
            "username": data["admin_username"].strip(),
            "display_name": data["admin_display_name"],
            "email": data["admin_email"],
            "position": data["admin_position"],
        }
