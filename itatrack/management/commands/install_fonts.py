from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from itatrack import fonts


class Command(BaseCommand):
    help = (
        "Install the PDF font (TH SarabunPSK) and the screen font (Sarabun) into ignored folders."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--require-official",
            action="store_true",
            help="fail unless TH SarabunPSK is installed (no Laksaman fallback)",
        )

    def handle(self, *args: Any, require_official: bool = False, **options: Any) -> None:
        try:
            written = fonts.install_pdf_fonts()
            if written:
                self.stdout.write(f"TH SarabunPSK → {fonts.pdf_font_dir()}")
        except fonts.FontInstallError as exc:
            if require_official:
                raise CommandError(f"Cannot install TH SarabunPSK: {exc}") from exc
            self.stderr.write(self.style.WARNING(f"Cannot install TH SarabunPSK: {exc}"))
        found = fonts.find_pdf_fonts()
        if found is None:
            raise CommandError(
                "No Thai PDF font: TH SarabunPSK could not be downloaded and Laksaman is missing "
                "(as root: apt-get install fonts-tlwg-laksaman-ttf)."
            )
        if not found.is_official:
            self.stderr.write(
                self.style.WARNING(
                    "PDFs will use Laksaman: its text layer loses ำ (ตำบล reads back as ตาบล)."
                )
            )
        try:
            fonts.install_web_fonts()
        except fonts.FontInstallError as exc:
            self.stderr.write(
                self.style.WARNING(
                    f"Screen font Sarabun not installed ({exc}); pages use the system's Thai font."
                )
            )
