"""Small builders for test inputs."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

# Names of real bodies and officials in the sample documents: the demo and tests/data must
# never carry them.
REAL_NAMES_IN_SAMPLES = ("ไชยสอ", "คงสมบูรณ์", "โคกตูม")


def image_upload(
    name: str = "sig.png",
    fmt: str = "PNG",
    size: tuple[int, int] = (60, 30),
) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, fmt)
    content_type = "image/png" if fmt == "PNG" else f"image/{fmt.lower()}"
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)
