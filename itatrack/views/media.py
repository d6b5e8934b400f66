"""Uploaded files are private: each folder names who may read a file in it."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.files.storage import default_storage
from django.http import Http404
from django.http.response import HttpResponseBase

from itatrack.access import AuthedRequest
from itatrack.models import Membership, Organization
from itatrack.uploads import serve_stored, served_type


def _emblem_readable(user: User, name: str) -> bool:
    return Organization.objects.for_user(user).filter(emblem=name).exists()


def _signature_readable(user: User, name: str) -> bool:
    my_orgs = Organization.objects.for_user(user)
    return Membership.objects.filter(signature=name, organization__in=my_orgs).exists()


# Later apps register their upload folders here. A check answers False (not theirs: 404),
# True, or the name the file is downloaded under (the uploader's own, not the stored one).
MEDIA_ACCESS: dict[str, Callable[[User, str], bool | str]] = {
    "emblems": _emblem_readable,
    "signatures": _signature_readable,
}


@login_required
def protected_media(request: AuthedRequest, path: str) -> HttpResponseBase:
    folder = path.split("/", 1)[0]
    check = MEDIA_ACCESS.get(folder)
    if check is None or ".." in path.split("/"):
        raise Http404
    allowed = check(request.user, path)
    if not allowed:
        raise Http404
    served_type(path)  # 404 before touching storage for a name outside the allowed types
    if not default_storage.exists(path):
        raise Http404
    # Never kept by the browser (itatrack.nocache): a signed-in person's files.
    download_name = allowed if isinstance(allowed, str) else None
    return serve_stored(default_storage.open(path, "rb"), path, download_name=download_name)
