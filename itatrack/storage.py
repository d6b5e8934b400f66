"""Uploaded and published files on S3-compatible object storage (settings: S3_BUCKET)."""

from __future__ import annotations

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage


class PrivateS3Storage(S3Storage):
    """A private bucket: a file's URL is the app's own /media/… view, which checks who may read
    it, never a link straight into the bucket."""

    def url(self, name: str, *args: object, **kwargs: object) -> str:
        return settings.MEDIA_URL + filepath_to_uri(name)
