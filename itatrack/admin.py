"""Site administration (for the people who run the itatrack installation). Changes still go
through the service actions so the audit trail stays complete."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from itatrack import actions
from itatrack.actors import Operator
from itatrack.forms import changed_values
from itatrack.models import (
    AuditEvent,
    Department,
    Membership,
    Organization,
    Oversight,
    Supervisor,
)


class DepartmentInline(admin.TabularInline):
    model = Department
    extra = 0
    can_delete = False
    fields = ["name", "order", "is_active"]
    readonly_fields = ["name", "order", "is_active"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "province", "slug"]
    list_filter = ["kind", "province"]
    search_fields = ["name", "short_name", "province", "slug"]
    inlines = [DepartmentInline]

    def save_model(self, request: HttpRequest, obj: Organization, form: Any, change: bool) -> None:
        fields = changed_values(form)
        if change:
            actions.do_update_organization(
                Organization.objects.get(pk=obj.pk), fields, actor=Operator(request.user)
            )
        else:
            created = actions.do_create_organization(
                actor=Operator(request.user),
                **{
                    f.name: getattr(obj, f.name)
                    for f in Organization._meta.concrete_fields
                    if f.name not in {"id", "created_at"}
                },
            )
            obj.pk = created.pk

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """For giving a new organisation its first admin; the organisation's admin does the rest."""

    list_display = ["display_name", "user", "organization", "role", "is_active"]
    list_filter = ["role", "is_active", "organization"]
    search_fields = ["display_name", "user__username", "organization__name"]
    autocomplete_fields = ["user", "organization"]
    fields = ["user", "organization", "role", "display_name", "position"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["user", "organization"] if obj else []

    def save_model(self, request: HttpRequest, obj: Membership, form: Any, change: bool) -> None:
        if change:
            fields = changed_values(form)
            actions.do_update_member(
                Membership.objects.get(pk=obj.pk), fields, actor=Operator(request.user)
            )
        else:
            created = actions.do_add_member(
                obj.organization,
                actor=Operator(request.user),
                username=obj.user.get_username(),
                display_name=obj.display_name,
                role=obj.role,
                position=obj.position,
            )
            obj.pk = created.pk

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "verb", "actor", "organization", "target_repr"]
    list_filter = ["verb"]
    search_fields = ["target_repr", "verb"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class SupervisorInline(admin.TabularInline):
    model = Supervisor
    extra = 1
    autocomplete_fields = ["user"]
    fields = ["user", "position", "is_active"]


@admin.register(Oversight)
class OversightAdmin(admin.ModelAdmin):
    """Supervising offices read every body in their provinces and those named; they change
    nothing. Changes here are kept by auditlog (the office belongs to no one organisation)."""

    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["organizations"]
    inlines = [SupervisorInline]
