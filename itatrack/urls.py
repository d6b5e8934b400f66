from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import URLPattern, URLResolver, include, path

from itatrack.forms import ThaiPasswordChangeForm
from itatrack.views import (
    audit,
    console,
    departments,
    health,
    history,
    home,
    invitations,
    media,
    members,
    organization,
    outbox,
    passwords,
    twofactor,
)

# The apps' and the cross-app views' URLs are included by module name: the project package
# imports no app (tests/test_layers.py).
org_patterns: list[URLPattern | URLResolver] = [
    path("", include("itatrack.insight.urls")),
    path("settings/", organization.organization_edit, name="organization_edit"),
    path("settings/history/", history.organization_history, name="organization_history"),
    path("departments/", departments.department_list, name="department_list"),
    path("departments/<int:pk>/edit/", departments.department_edit, name="department_edit"),
    path("departments/<int:pk>/row/", departments.department_row, name="department_row"),
    path("members/", members.member_list, name="member_list"),
    path("members/add/", members.member_add, name="member_add"),
    path("members/<int:pk>/edit/", members.member_edit, name="member_edit"),
    path(
        "invitations/<int:pk>/resend/",
        members.invitation_action,
        {"action": "resend"},
        name="invitation_resend",
    ),
    path(
        "invitations/<int:pk>/cancel/",
        members.invitation_action,
        {"action": "cancel"},
        name="invitation_cancel",
    ),
    path("members/<int:pk>/active/", members.member_set_active, name="member_set_active"),
    path("mail/<int:pk>/resend/", outbox.mail_resend, name="mail_resend"),
    path("history/<slug:kind>/<int:pk>/", history.object_history_view, name="object_history"),
    path("audit/", audit.audit_log, name="audit_log"),
    path("audit.xlsx", audit.audit_log_xlsx, name="audit_log_xlsx"),
    path("assessments/", include("assessments.urls")),
    path("", include("measures.urls")),
    path("", include("reports.urls")),
]

urlpatterns = [
    path("", home.index, name="index"),
    path("switch/", home.switch_org, name="switch_org"),
    path("invitations/", invitations.my_invitations, name="invitations"),
    path("ops/", console.console, name="console"),
    path("ops/new/", console.console_new, name="console_new"),
    path("ops/<slug:slug>/active/", console.console_set_active, name="console_set_active"),
    path("o/<slug:org_slug>/", include(org_patterns)),
    path("s/<slug:oversight_slug>/", include("itatrack.insight.oversight_urls")),
    path("frameworks/", include("assessments.framework_urls")),
    path("", include("reports.public_urls")),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/two-factor/", twofactor.two_factor_setup, name="two_factor"),
    path("accounts/verify/", twofactor.two_factor_verify, name="two_factor_verify"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(form_class=ThaiPasswordChangeForm),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "accounts/password/reset/",
        passwords.ThrottledPasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        passwords.ThaiPasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("media/<path:path>", media.protected_media, name="protected_media"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
    path("favicon.ico", home.favicon),
    path("healthz", health.healthz, name="healthz"),
]

handler500 = "itatrack.views.errors.server_error"
