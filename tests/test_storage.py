"""Files on S3-compatible object storage: private, and still drawn into the PDFs."""

from __future__ import annotations

from pathlib import Path

from django.core.files.storage import default_storage

from itatrack.actions import do_update_organization
from reports import pdf
from tests.helpers import image_upload
from tests.memo_helpers import analysis_memo


def test_a_files_address_is_the_apps_own_checked_view(s3_storage, personas):
    do_update_organization(personas.org, {"emblem": image_upload("emblem.png")}, actor=None)
    personas.org.refresh_from_db()
    assert default_storage.exists(personas.org.emblem.name)
    assert personas.org.emblem.url == f"/media/{personas.org.emblem.name}"


def test_the_pdf_draws_an_emblem_kept_in_the_bucket(s3_storage, personas):
    do_update_organization(personas.org, {"emblem": image_upload("emblem.png")}, actor=None)
    memo = analysis_memo(personas, measures=1)
    memo.organization.refresh_from_db()
    url = pdf.context(memo)["emblem"]
    local = Path(url.removeprefix("file://"))
    assert local.is_file()
    assert local.is_relative_to(pdf.render_dir())
    assert local.read_bytes() == default_storage.open(memo.organization.emblem.name).read()


def test_a_name_that_climbs_out_is_not_copied(s3_storage, db):
    assert pdf.local_media("../../etc/passwd") is None
