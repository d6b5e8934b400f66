"""Where uploaded and published files are kept: the data folder, or S3-compatible object
storage (settings: S3_BUCKET). Both name what they save to the service storing it
(itatrack.storedfiles), so that a failed transaction takes its files with it."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage

from itatrack.storedfiles import TrackedStorageMixin


class LocalStorage(TrackedStorageMixin, FileSystemStorage):
    """The data folder (MEDIA_ROOT)."""


class PrivateS3Storage(TrackedStorageMixin, S3Storage):
    """A private bucket: a file's URL is the app's own /media/… view, which checks who may read
    it, never a link straight into the bucket."""

    def url(self, name: str, *args: object, **kwargs: object) -> str:
        return settings.MEDIA_URL + filepath_to_uri(name)
