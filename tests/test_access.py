from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from itatrack import access
from itatrack.models import Role


def request_for(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_it_finds_the_membership_of_a_member(personas):
    membership = access.get_membership(request_for(personas.clerk.user), personas.org.slug)
    assert membership == personas.clerk


def test_it_raises_404_for_a_non_member_and_for_a_suspended_member(personas):
    with pytest.raises(Http404):
        access.get_membership(request_for(personas.outsider.user), personas.org.slug)
    personas.clerk.is_active = False
    personas.clerk.save()
    with pytest.raises(Http404):
        access.get_membership(request_for(personas.clerk.user), personas.org.slug)


def test_it_raises_404_when_the_user_account_itself_is_disabled(personas):
    personas.reviewer.user.is_active = False
    personas.reviewer.user.save()
    with pytest.raises(Http404):
        access.get_membership(request_for(personas.reviewer.user), personas.org.slug)


def test_it_raises_403_for_a_missing_role(personas):
    with pytest.raises(PermissionDenied):
        access.require_role(personas.clerk, Role.ADMIN)
    access.require_role(personas.admin, Role.ADMIN)
    access.require_role(personas.clerk)


def test_it_scopes_department_and_member_lookups_to_the_organisation(personas):
    assert access.get_department(personas.clerk, personas.department.pk) == personas.department
    with pytest.raises(Http404):
        access.get_department(personas.clerk, personas.other_department.pk)
    with pytest.raises(Http404):
        access.get_member(personas.clerk, personas.outsider.pk)
