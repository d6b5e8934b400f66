"""Forms validate; the services in assessments.actions save."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from assessments.findings_paste import FIELDS as PASTE_FIELDS
from assessments.findings_paste import MAX_CHARS as MAX_PASTE
from assessments.findings_paste import stray_items, stray_items_message
from assessments.framework_xlsx import CODE as ITEM_CODE
from assessments.importing import ImportFileError, normalise_code, read_table
from assessments.models import (
    Assessment,
    Finding,
    Framework,
    Indicator,
    Item,
    SubIndicator,
    Tool,
)
from assessments.scoresheet import ScoreError, ScoreSheet, check_level, item_value, parse_score
from itatrack.forms import ChoiceList, PastedTableForm, VersionedForm, limit_choices
from itatrack.models import Organization
from itatrack.thai import screen_digits, to_arabic_digits
from itatrack.uploads import too_large

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def validate_pdf(upload: Any) -> None:
    if upload is None:
        return
    if upload.size > settings.MAX_RESULT_PDF_BYTES:
        raise ValidationError(too_large(settings.MAX_RESULT_PDF_BYTES, str(_("ไฟล์ PDF"))))
    head = upload.read(5)
    upload.seek(0)
    if head != b"%PDF-":
        raise ValidationError(_("ไฟล์นี้ไม่ใช่ PDF"))


class AssessmentCreateForm(forms.Form):
    framework = forms.ModelChoiceField(
        label=_("ปีงบประมาณ"), queryset=Framework.objects.none(), empty_label=None
    )

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        taken = Assessment.objects.for_org(organization).values("framework")
        limit_choices(
            self.fields["framework"],
            Framework.objects.by_year().exclude(pk__in=taken),
            lambda f: (
                screen_digits(f.fiscal_year)
                + (f" ({_('ข้อมูลกรอบการประเมินยังไม่ยืนยัน')})" if f.is_provisional else "")
            ),
        )


class AssessmentDetailsForm(forms.ModelForm):
    class Meta:
        model = Assessment
        fields = ["recommendation_iit", "recommendation_eit", "recommendation_oit", "result_pdf"]
        widgets = {
            "recommendation_iit": forms.Textarea(attrs={"rows": 3}),
            "recommendation_eit": forms.Textarea(attrs={"rows": 3}),
            "recommendation_oit": forms.Textarea(attrs={"rows": 3}),
            "result_pdf": forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
        }

    def clean_result_pdf(self) -> Any:
        upload = self.cleaned_data.get("result_pdf")
        if upload and hasattr(upload, "content_type"):
            validate_pdf(upload)
        return upload


class ScoreGridForm(forms.Form):
    """Every score of one year on one page. Thai or Arabic digits; nothing is saved unless
    every cell is valid, and invalid cells keep what was typed."""

    PASS_CHOICES = [("", "—"), ("pass", _("ผ่าน")), ("fail", _("ไม่ผ่าน"))]

    def __init__(self, *args: Any, framework: Framework, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.framework = framework
        # A retired item is still shown where this result has a value for it.
        self.items = [
            i for i in framework.items.select_related("indicator") if not i.retired or self._has(i)
        ]
        self.indicators = list(framework.indicators.all())
        self.fields["total"] = self._score_field(_("คะแนนรวม"))
        self.fields["level"] = forms.CharField(label=_("ระดับที่ประกาศ"), required=False, max_length=4)
        for tool in ("IIT", "EIT", "OIT"):
            self.fields[f"tool_{tool}"] = self._score_field(tool)
        for indicator in self.indicators:
            self.fields[f"ind_{indicator.number}"] = self._score_field(indicator.name)
        for item in self.items:
            if item.is_pass_fail:
                self.fields[f"pass_{item.code}"] = forms.ChoiceField(
                    label=item.code, choices=self.PASS_CHOICES, required=False
                )
            else:
                self.fields[f"item_{item.code}"] = self._score_field(item.code)
            self.fields[f"remark_{item.code}"] = forms.CharField(
                label=_("ความเห็น"), required=False, max_length=2000
            )
        self.sheet = ScoreSheet()

    @staticmethod
    def _score_field(label: StrOrPromise) -> forms.CharField:
        return forms.CharField(label=label, required=False, max_length=20)

    def _has(self, item: Item) -> bool:
        source = self.data if self.is_bound else self.initial
        return any(
            str(source.get(f"{kind}_{item.code}") or "").strip()
            for kind in ("item", "pass", "remark")
        )

    @classmethod
    def initial_from(cls, sheet: ScoreSheet) -> dict[str, str]:
        """The saved values as the grid shows them: in Thai digits, like the rest of the page
        (the grid reads Thai and Arabic digits alike)."""

        def shown(value: Decimal | None) -> str:
            return "" if value is None else screen_digits(value)

        initial: dict[str, str] = {"total": shown(sheet.total), "level": sheet.level}
        for tool, value in sheet.tools.items():
            initial[f"tool_{tool}"] = shown(value)
        for number, value in sheet.indicators.items():
            initial[f"ind_{number}"] = shown(value)
        for code, given in sheet.items.items():
            initial[f"item_{code}"] = shown(given.score)
            initial[f"pass_{code}"] = (
                "" if given.passed is None else ("pass" if given.passed else "fail")
            )
            initial[f"remark_{code}"] = given.remark
        return initial

    def _score(self, name: str) -> Any:
        try:
            return parse_score(self.cleaned_data.get(name, ""))
        except ScoreError as exc:
            self.add_error(name, str(exc))
            return None

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        sheet = self.sheet
        sheet.total = self._score("total")
        try:
            sheet.level = check_level(self.framework, data.get("level"))
        except ScoreError as exc:
            self.add_error("level", str(exc))
        for tool in ("IIT", "EIT", "OIT"):
            sheet.tools[tool] = self._score(f"tool_{tool}")
        for indicator in self.indicators:
            sheet.indicators[indicator.number] = self._score(f"ind_{indicator.number}")
        for item in self.items:
            passed = {"pass": "ผ่าน", "fail": "ไม่ผ่าน"}.get(data.get(f"pass_{item.code}", ""), "")
            try:
                sheet.items[item.code] = item_value(
                    item, data.get(f"item_{item.code}"), passed, data.get(f"remark_{item.code}")
                )
            except ScoreError as exc:
                self.add_error(f"item_{item.code}", str(exc))
        return data


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("ไฟล์ผลการประเมิน (.xlsx หรือ .csv)"),
        error_messages={"empty": _("ไฟล์ว่าง ไม่มีข้อมูล"), "required": _("กรุณาเลือกไฟล์")},
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > settings.MAX_SCORE_FILE_BYTES:
            raise ValidationError(too_large(settings.MAX_SCORE_FILE_BYTES))
        content = upload.read()
        try:
            self.table = read_table(upload.name, content)
        except ImportFileError as exc:
            raise ValidationError(str(exc)) from exc
        self.content = content
        return upload


class FindingForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Finding
        fields = ["indicator", "kind", "items", "text", "recommendation", "root_cause"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "recommendation": forms.Textarea(attrs={"rows": 2}),
            "root_cause": forms.Textarea(attrs={"rows": 2}),
            "items": ChoiceList(),
        }

    def __init__(self, *args: Any, framework: Framework, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(
            self.fields["indicator"],
            framework.indicators.all(),
            lambda i: f"{screen_digits(i.number)} {i.name}",
        )
        limit_choices(
            self.fields["items"],
            Item.objects.filter(framework=framework).filter(
                Q(retired=False) | Q(pk__in=self.instance.items.all() if self.instance.pk else [])
            ),
            lambda i: i.label(70),
        )
        self.fields["items"].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        indicator, items = data.get("indicator"), data.get("items")
        if indicator and items:
            strays = stray_items(indicator, items)
            if strays:
                self.add_error("items", stray_items_message(indicator, strays))
        return data


class FrameworkForm(forms.ModelForm):
    class Meta:
        model = Framework
        fields = ["status", "pass_mark", "iit_weight", "eit_weight", "oit_weight", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        weights = [data.get(f"{t}_weight") for t in ("iit", "eit", "oit")]
        if None not in weights and sum(w for w in weights if w is not None) != 100:
            raise ValidationError(_("น้ำหนักของ IIT, EIT และ OIT ต้องรวมกันได้ ๑๐๐"))
        return data


class IndicatorWeightsForm(forms.Form):
    """Each indicator's weight within its tool. Per tool, all or none: the weights of a tool
    add up to 100, or are left blank while unknown (scores then count indicators the same)."""

    def __init__(self, *args: Any, framework: Framework, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = list(framework.indicators.all())
        for indicator in self.indicators:
            self.fields[f"weight_{indicator.number}"] = forms.DecimalField(
                label=f"{indicator.tool} {screen_digits(indicator.number)} {indicator.name}",
                min_value=0,
                max_value=100,
                decimal_places=2,
                required=False,
                initial=indicator.weight,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for tool in Tool.values:
            values = [data.get(f"weight_{i.number}") for i in self.indicators if i.tool == tool]
            given = [v for v in values if v is not None]
            if given and len(given) != len(values):
                raise ValidationError(
                    _("น้ำหนักตัวชี้วัดของ %(tool)s ต้องใส่ให้ครบทุกตัวชี้วัด หรือเว้นว่างทั้งหมด") % {"tool": tool}
                )
            if given and sum(given) != 100:
                raise ValidationError(_("น้ำหนักตัวชี้วัดของ %(tool)s ต้องรวมกันได้ ๑๐๐") % {"tool": tool})
        return data

    def weights(self) -> dict[int, Decimal | None]:
        return {i.number: self.cleaned_data.get(f"weight_{i.number}") for i in self.indicators}


class ItemForm(forms.ModelForm):
    """An item's code, wording and place: for a new item (instance with framework only) and
    for an edit."""

    class Meta:
        model = Item
        fields = ["code", "text", "indicator", "sub_indicator", "scale"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"code": _("I, E หรือ O ตามด้วยเลข เช่น I12, E5, O25")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        framework = self.instance.framework
        limit_choices(
            self.fields["indicator"],
            framework.indicators.all(),
            lambda i: f"{screen_digits(i.number)} {i.name} ({i.tool})",
        )
        limit_choices(
            self.fields["sub_indicator"],
            SubIndicator.objects.filter(indicator__framework=framework),
        )

    def clean_code(self) -> str:
        match = ITEM_CODE.match(normalise_code(self.cleaned_data["code"]))
        if not match:
            raise ValidationError(_("รหัสต้องเป็น I, E หรือ O ตามด้วยเลข เช่น I12 หรือ O25"))
        return match.group(1) + match.group(2)

    def validate_unique(self) -> None:
        """The service checks the code is free, in the year and in Thai."""


class IndicatorForm(forms.ModelForm):
    number = forms.CharField(
        label=_("ตัวชี้วัดที่"),
        max_length=4,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        help_text=_("เลขลำดับของตัวชี้วัด เปลี่ยนเลขเพื่อจัดลำดับใหม่"),
    )

    class Meta:
        model = Indicator
        fields = ["number", "name", "tool"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["number"] = screen_digits(str(self.instance.number))

    def clean_number(self) -> int:
        return thai_int(self.cleaned_data["number"], 1, 99)

    def validate_unique(self) -> None:
        """The service checks the number is free, in Thai."""


class SubIndicatorForm(forms.ModelForm):
    class Meta:
        model = SubIndicator
        fields = ["code", "name"]
        help_texts = {"code": _("เช่น ๙.๑")}

    def clean_code(self) -> str:
        return re.sub(r"\s+", "", to_arabic_digits(self.cleaned_data["code"]))

    def validate_unique(self) -> None:
        """The service checks the code is free in the year, in Thai."""


def thai_int(raw: str, low: int, high: int) -> int:
    text = to_arabic_digits(str(raw)).strip()
    if not text.isdigit() or not low <= int(text) <= high:
        raise ValidationError(
            _("ใส่เลขจำนวนเต็ม %(low)s ถึง %(high)s")
            % {"low": screen_digits(str(low)), "high": screen_digits(str(high))}
        )
    return int(text)


class FrameworkUploadForm(forms.Form):
    file = forms.FileField(
        label=_("ไฟล์กรอบการประเมิน (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > settings.MAX_SCORE_FILE_BYTES:
            raise ValidationError(too_large(settings.MAX_SCORE_FILE_BYTES))
        self.content = upload.read()
        return upload


class CopyFrameworkForm(forms.Form):
    fiscal_year = forms.IntegerField(label=_("ปีงบประมาณใหม่ (พ.ศ.)"), min_value=2560, max_value=2700)

    def clean_fiscal_year(self) -> int:
        year = self.cleaned_data["fiscal_year"]
        if Framework.objects.filter(fiscal_year=year).exists():
            raise ValidationError(_("มีกรอบการประเมินปีนี้อยู่แล้ว"))
        return year


class BandForm(forms.Form):
    level = forms.CharField(label=_("ระดับ"), max_length=4, required=False)
    min_score = forms.DecimalField(
        label=_("คะแนนขั้นต่ำ"), min_value=0, max_value=100, decimal_places=2, required=False
    )


BandFormSet = forms.formset_factory(BandForm, extra=1, max_num=12)


class FindingPasteForm(PastedTableForm):
    """The pasted findings table, plus the user's column mapping and indicator choices."""

    FIELDS = PASTE_FIELDS
    RESOLUTION = r"\d{1,2}"  # an indicator's number

    text = forms.CharField(
        label=_("ตารางข้อค้นพบที่คัดลอกจาก Word หรือ Excel"),
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
        max_length=MAX_PASTE,
    )
