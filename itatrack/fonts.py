"""Fonts the app needs but the repository never holds.

PDF: TH SarabunPSK, the official font (DIP/SIPA licence, free to redistribute unmodified), taken
from the PyPI wheel that ships it. Its text layer reads back correctly through WeasyPrint, which
Laksaman's does not (ำ becomes า). Fallback: Debian's Laksaman, same glyphs scaled by 1.5042.

Screen: Sarabun (SIL OFL) woff2 files from the @fontsource/sarabun npm package. Without them
the pages fall back to the system's Thai font.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

PDF_WHEEL = "odoo-addon-l10n-th-base-utils==19.0.2.0.0"
PDF_WHEEL_FOLDER = "odoo/addons/l10n_th_base_utils/static/fonts/thai/THSarabun/"
PDF_FONT_FILES = (
    "THSarabun-Regular.ttf",
    "THSarabun-Bold.ttf",
    "THSarabun-Italic.ttf",
    "THSarabun-Bold-Italic.ttf",
)
LAKSAMAN_DIR = Path("/usr/share/fonts/truetype/tlwg")
LAKSAMAN_FILES = {
    "regular": "Laksaman.ttf",
    "bold": "Laksaman-Bold.ttf",
    "italic": "Laksaman-Italic.ttf",
    "bold_italic": "Laksaman-BoldItalic.ttf",
}
# TH Sarabun N pt is Laksaman N / 1.5042 pt (see shared memo spec).
LAKSAMAN_SCALE = 1 / 1.5042

WEB_FONT_PACKAGE = "@fontsource/sarabun@5"
WEB_FONT_FILES = tuple(
    f"sarabun-{subset}-{weight}-normal.woff2"
    for subset in ("thai", "latin")
    for weight in (400, 600, 700)
)
WEB_FONT_CSS = "sarabun.css"
WEB_FONT_DIR = settings.BASE_DIR / "static" / "vendor" / "fonts" / "sarabun"


class FontInstallError(Exception):
    pass


@dataclass(frozen=True)
class PdfFonts:
    """The font files a PDF uses and the factor by which its point sizes are scaled."""

    name: str
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path
    scale: float

    @property
    def is_official(self) -> bool:
        return self.scale == 1


def pdf_font_dir() -> Path:
    return Path(settings.PDF_FONT_DIR)


def has_official_pdf_fonts(folder: Path | None = None) -> bool:
    folder = folder or pdf_font_dir()
    return all((folder / name).is_file() for name in PDF_FONT_FILES)


def find_pdf_fonts() -> PdfFonts | None:
    """TH SarabunPSK when installed, else Laksaman, else None."""
    folder = pdf_font_dir()
    if has_official_pdf_fonts(folder):
        files = [folder / name for name in PDF_FONT_FILES]
        return PdfFonts("TH SarabunPSK", files[0], files[1], files[2], files[3], scale=1)
    laksaman = {key: LAKSAMAN_DIR / name for key, name in LAKSAMAN_FILES.items()}
    if laksaman["regular"].is_file() and laksaman["bold"].is_file():
        return PdfFonts(
            "Laksaman",
            laksaman["regular"],
            laksaman["bold"],
            laksaman["italic"] if laksaman["italic"].is_file() else laksaman["regular"],
            laksaman["bold_italic"] if laksaman["bold_italic"].is_file() else laksaman["bold"],
            scale=LAKSAMAN_SCALE,
        )
    return None


def extract_pdf_fonts(wheel: Path, target: Path) -> list[Path]:
    """Unpack the four TH SarabunPSK files from the wheel into target, unmodified."""
    target.mkdir(parents=True, exist_ok=True)
    written = []
    try:
        with zipfile.ZipFile(wheel) as archive:
            for name in PDF_FONT_FILES:
                member = PDF_WHEEL_FOLDER + name
                try:
                    data = archive.read(member)
                except KeyError as exc:
                    raise FontInstallError(f"{wheel.name} ไม่มีไฟล์ {member}") from exc
                path = target / name
                path.write_bytes(data)
                written.append(path)
    except zipfile.BadZipFile as exc:
        raise FontInstallError(f"{wheel.name} ไม่ใช่ไฟล์ wheel ที่ถูกต้อง") from exc
    return written


def install_pdf_fonts(target: Path | None = None) -> list[Path]:
    target = target or pdf_font_dir()
    if has_official_pdf_fonts(target):
        return []
    with tempfile.TemporaryDirectory() as tmp:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--quiet",
                "--dest",
                tmp,
                PDF_WHEEL,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        wheels = list(Path(tmp).glob("*.whl"))
        if result.returncode != 0 or not wheels:
            raise FontInstallError(
                f"pip download {PDF_WHEEL} failed: {result.stderr.strip()[-500:]}"
            )
        return extract_pdf_fonts(wheels[0], target)


def extract_web_fonts(package_tgz: Path, target: Path) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    written = []
    with tarfile.open(package_tgz) as archive:
        for name in WEB_FONT_FILES:
            try:
                member = archive.extractfile(f"package/files/{name}")
            except KeyError as exc:
                raise FontInstallError(f"{package_tgz.name} ไม่มีไฟล์ {name}") from exc
            if member is None:
                raise FontInstallError(f"{package_tgz.name}: {name} is not a file")
            path = target / name
            path.write_bytes(member.read())
            written.append(path)
    stylesheet = target / WEB_FONT_CSS
    stylesheet.write_text(_web_font_css())
    written.append(stylesheet)
    return written


def _web_font_css() -> str:
    rules = []
    for name in WEB_FONT_FILES:
        _, subset, weight, _style = name.removesuffix(".woff2").split("-")
        ranges = "U+0E01-0E5B, U+200C-200D, U+25CC" if subset == "thai" else "U+0000-00FF"
        rules.append(
            f'@font-face {{ font-family: "Sarabun"; font-style: normal; font-weight: {weight}; '
            f'font-display: swap; src: url("{name}") format("woff2"); unicode-range: {ranges}; }}'
        )
    return "\n".join(rules) + "\n"


def web_font_stylesheet() -> str | None:
    """Static path of the screen font's stylesheet, or None when the font is not installed."""
    if (WEB_FONT_DIR / WEB_FONT_CSS).is_file():
        return f"vendor/fonts/sarabun/{WEB_FONT_CSS}"
    return None


def install_web_fonts(target: Path = WEB_FONT_DIR) -> list[Path]:
    if all((target / name).is_file() for name in (*WEB_FONT_FILES, WEB_FONT_CSS)):
        return []
    npm = shutil.which("npm")
    if npm is None:
        raise FontInstallError("npm is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        result = subprocess.run(
            [npm, "pack", WEB_FONT_PACKAGE, "--silent", "--pack-destination", tmp],
            capture_output=True,
            text=True,
            check=False,
            cwd=tmp,
        )
        packages = list(Path(tmp).glob("*.tgz"))
        if result.returncode != 0 or not packages:
            raise FontInstallError(f"npm pack {WEB_FONT_PACKAGE} failed: {result.stderr[-500:]}")
        return extract_web_fonts(packages[0], target)
