"""Uploaded files are private: each folder names who may read a file in it."""

from __future__ import annotations

import mimetypes
from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse

from itatrack.models import Membership, Organization


def _emblem_readable(user: AbstractBaseUser, name: str) -> bool:
    return Organization.objects.for_user(user).filter(emblem=name).exists()


def _signature_readable(user: AbstractBaseUser, name: str) -> bool:
    my_orgs = Organization.objects.for_user(user)
    return Membership.objects.filter(signature=name, organization__in=my_orgs).exists()


# Later apps register their upload folders here.
MEDIA_ACCESS: dict[str, Callable[[AbstractBaseUser, str], bool]] = {
    "emblems": _emblem_readable,
    "signatures": _signature_readable,
}


@login_required
def protected_media(request: HttpRequest, path: str) -> HttpResponse:
    folder = path.split("/", 1)[0]
    check = MEDIA_ACCESS.get(folder)
    if check is None or ".." in path.split("/") or not check(request.user, path):
        raise Http404
    if not default_storage.exists(path):
        raise Http404
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    response = FileResponse(default_storage.open(path, "rb"), content_type=content_type)
    response["Cache-Control"] = "private, max-age=300"
    return response
