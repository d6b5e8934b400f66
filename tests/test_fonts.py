from __future__ import annotations

import io
import tarfile
import zipfile

import pytest
from django.core.management import CommandError, call_command

from itatrack import fonts


def fake_wheel(path, files=fonts.PDF_FONT_FILES):
    with zipfile.ZipFile(path, "w") as archive:
        for name in files:
            archive.writestr(fonts.PDF_WHEEL_FOLDER + name, b"ttf:" + name.encode())
        archive.writestr("odoo/addons/l10n_th_base_utils/__init__.py", "")
    return path


def test_it_unpacks_the_four_official_font_files_unmodified(tmp_path):
    target = tmp_path / "fonts"
    written = fonts.extract_pdf_fonts(fake_wheel(tmp_path / "w.whl"), target)
    assert sorted(p.name for p in written) == sorted(fonts.PDF_FONT_FILES)
    assert (target / "THSarabun-Bold.ttf").read_bytes() == b"ttf:THSarabun-Bold.ttf"
    assert fonts.has_official_pdf_fonts(target)


def test_it_says_which_file_the_wheel_lacks(tmp_path):
    wheel = fake_wheel(tmp_path / "w.whl", files=fonts.PDF_FONT_FILES[:2])
    with pytest.raises(fonts.FontInstallError, match=r"THSarabun-Italic\.ttf"):
        fonts.extract_pdf_fonts(wheel, tmp_path / "fonts")


def test_it_prefers_th_sarabunpsk_and_falls_back_to_laksaman_at_its_scale(
    tmp_path, settings, monkeypatch
):
    settings.PDF_FONT_DIR = tmp_path / "official"
    fonts.extract_pdf_fonts(fake_wheel(tmp_path / "w.whl"), settings.PDF_FONT_DIR)
    found = fonts.find_pdf_fonts()
    assert found.name == "TH SarabunPSK" and found.scale == 1 and found.is_official

    settings.PDF_FONT_DIR = tmp_path / "empty"
    laksaman = tmp_path / "tlwg"
    laksaman.mkdir()
    for name in ("Laksaman.ttf", "Laksaman-Bold.ttf"):
        (laksaman / name).write_bytes(b"x")
    monkeypatch.setattr(fonts, "LAKSAMAN_DIR", laksaman)
    found = fonts.find_pdf_fonts()
    assert found.name == "Laksaman" and not found.is_official
    assert found.scale == pytest.approx(16 / 1.5042 / 16)
    assert found.italic.name == "Laksaman.ttf"


def test_it_unpacks_the_screen_font_and_writes_its_stylesheet(tmp_path):
    tgz = tmp_path / "sarabun.tgz"
    with tarfile.open(tgz, "w:gz") as archive:
        for name in fonts.WEB_FONT_FILES:
            info = tarfile.TarInfo(f"package/files/{name}")
            info.size = 4
            archive.addfile(info, io.BytesIO(b"wof2"))
    written = fonts.extract_web_fonts(tgz, tmp_path / "web")
    css = (tmp_path / "web" / fonts.WEB_FONT_CSS).read_text()
    assert len(written) == len(fonts.WEB_FONT_FILES) + 1
    assert css.count("@font-face") == 6 and "U+0E01-0E5B" in css


def test_the_command_fails_clearly_when_no_thai_pdf_font_can_be_had(
    tmp_path, settings, monkeypatch
):
    settings.PDF_FONT_DIR = tmp_path / "empty"
    monkeypatch.setattr(fonts, "LAKSAMAN_DIR", tmp_path / "nothing")

    def offline(*args, **kwargs):
        raise fonts.FontInstallError("no network")

    monkeypatch.setattr(fonts, "install_pdf_fonts", offline)
    monkeypatch.setattr(fonts, "install_web_fonts", offline)
    with pytest.raises(CommandError, match="fonts-tlwg-laksaman-ttf"):
        call_command("install_fonts")
    with pytest.raises(CommandError, match="Cannot install TH SarabunPSK: no network"):
        call_command("install_fonts", "--require-official")
