"""The memo as an official-format PDF (ระเบียบงานสารบรรณ layout; see the memo spec).

Fonts are TH SarabunPSK when installed (its text layer reads back correctly), else Laksaman at
1/1.5042 scale, always under a neutral family name. Every digit in the text is turned into a
Thai digit before rendering; the stylesheet is kept apart so its numbers are untouched. The
renderer may read only the app's own static files, fonts and uploads: no network, no other
path, whatever a memo's text or an uploaded file contains.
"""

from __future__ import annotations

import hashlib
import logging
import mimetypes
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.files.storage import FileSystemStorage, default_storage
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from itatrack import fonts
from itatrack.thai import official_digits
from reports import attachments, memofiles, pdfium
from reports.annexes import annex_texts
from reports.models import ApprovalStep, Memo

log = logging.getLogger(__name__)
CACHE_SECONDS = 60 * 60


class RestrictedFetcher(URLFetcher):
    """Reads file: URLs under the allowed folders; refuses everything else."""

    def __init__(self, roots: list[Path]) -> None:
        super().__init__(allowed_protocols={"file"}, fail_on_errors=False)
        self.roots = [root.resolve() for root in roots]

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        if not url.startswith("file://"):
            log.warning("PDF renderer refused %s", url[:200])
            raise ValueError("only the app's own files may be read")
        path = Path(url.removeprefix("file://").split("?")[0]).resolve()
        if not any(path.is_relative_to(root) for root in self.roots) or not path.is_file():
            log.warning("PDF renderer refused %s", path)
            raise ValueError("path outside the app's files")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": mime})


def render_dir() -> Path:
    """Images the renderer draws for itself (the draft watermark)."""
    folder = Path(settings.DATA_DIR) / "render"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def allowed_roots() -> list[Path]:
    roots = [
        settings.BASE_DIR / "static",
        Path(settings.MEDIA_ROOT),
        fonts.pdf_font_dir(),
        fonts.LAKSAMAN_DIR,
        render_dir(),
    ]
    return [root for root in roots if root.exists()]


WATERMARK_INK = (180, 0, 0)
WATERMARK_ALPHA = 34 / 255


def draft_watermark(pdf_fonts: fonts.PdfFonts) -> Path:
    """ "ร่าง" as a faint rotated image: as text it would mix into the words of the page when
    the PDF is searched or copied.

    A JPEG already blended onto white, not a transparent PNG: WeasyPrint splits a PNG's alpha
    and re-encodes both on every render (about 80 ms a draft, most of a one-page memo's time),
    while a JPEG goes into the PDF as it is. The stylesheet draws it behind everything on the
    white page, where the two look the same."""
    from PIL import Image, ImageDraw, ImageFont

    path = render_dir() / f"draft-{pdf_fonts.name.replace(' ', '')}.jpg"
    if path.exists():
        return path
    font = ImageFont.truetype(str(pdf_fonts.bold), 420, layout_engine=ImageFont.Layout.RAQM)
    ink = tuple(round(255 - (255 - c) * WATERMARK_ALPHA) for c in WATERMARK_INK)
    canvas = Image.new("RGB", (1400, 700), "white")
    ImageDraw.Draw(canvas).text((700, 350), "ร่าง", font=font, anchor="mm", fill=ink)
    rotated = canvas.rotate(30, expand=True, fillcolor="white")
    partial = path.with_suffix(".part")
    rotated.save(partial, "JPEG", quality=85)
    partial.replace(path)
    return path


def _file_url(path: str | Path) -> str:
    return Path(path).resolve().as_uri()


def stylesheet(pdf_fonts: fonts.PdfFonts) -> str:
    """The spec's sizes are TH Sarabun points; Laksaman needs them scaled by 1/1.5042."""
    k = pdf_fonts.scale
    sizes = {
        name: f"{points * k:.2f}pt"
        for name, points in {
            "body": 16,
            "label": 20,
            "title": 29,
            "table": 14,
            "small": 12,
            "watermark": 110,
        }.items()
    }
    faces = [
        {"url": _file_url(path), "weight": weight, "style": style}
        for path, weight, style in (
            (pdf_fonts.regular, "normal", "normal"),
            (pdf_fonts.bold, "bold", "normal"),
            (pdf_fonts.italic, "normal", "italic"),
            (pdf_fonts.bold_italic, "bold", "italic"),
        )
    ]
    dots = finders.find("img/memo-dots.svg")
    context = {"size": sizes, "faces": faces, "dots": _file_url(dots) if dots else ""}
    return render_to_string("reports/pdf/memo.css", context)


_KEEP = re.compile(r'(<span class="keep">.*?</span>)', re.S)


def _thai_digits_in_text(html: str) -> str:
    """Digits between tags become Thai digits, except in NACC codes (O25 stays O25); tags and
    their attributes are left alone, and so is text marked <span class="keep"> (a web address
    must stay typeable)."""
    parts = _KEEP.split(html)
    return "".join(
        part
        if part.startswith('<span class="keep">')
        else re.sub(r">([^<]+)<", lambda m: ">" + official_digits(str(m.group(1))) + "<", part)
        for part in parts
    )


def context(memo: Memo, *, with_attachments: bool = True) -> dict[str, Any]:
    org = memo.organization
    decided = list(ApprovalStep.objects.of_round(memo).decided().select_related("member"))

    def media_url(name: str) -> str:
        path = local_media(name)
        return _file_url(path) if path else ""

    signer_signature = ""
    if memo.status != Memo.Status.DRAFT and memo.signer and memo.signer.signature:
        signer_signature = media_url(memo.signer.signature.name)
    placeholder = finders.find("img/emblem-placeholder.svg")
    pdf_fonts = fonts.find_pdf_fonts()
    verify = verify_url(memo)
    return {
        "memo": memo,
        "org": org,
        "emblem": media_url(org.emblem.name)
        if org.emblem
        else (_file_url(placeholder) if placeholder else ""),
        "sections": list(memo.sections.all()),
        "signer_signature": signer_signature,
        "comments": [{"step": step, "signature": media_url(step.signature)} for step in decided],
        "watermark": (
            _file_url(draft_watermark(pdf_fonts))
            if memo.status != Memo.Status.APPROVED and pdf_fonts
            else ""
        ),
        "attachments": attachments.build(memo) if with_attachments else [],
        "enclosures": enclosure_titles(memo),
        "verify_url": verify,
        "qr": _file_url(qr_image(verify)) if verify else "",
    }


def enclosure_titles(memo: Memo) -> list[str]:
    """What the memo lists as สิ่งที่ส่งมาด้วย: its generated annexes, then the documents
    uploaded to it, in the order they follow the memo."""
    titles = [title for _key, title, _intro in annex_texts(memo)]
    return titles + [f.title for f in memo.files.all()]


def local_media(name: str) -> Path | None:
    """An uploaded file (emblem, signature) as a local path the renderer may read. On object
    storage it is copied once into the render folder: upload names are random and never
    reused, so a kept copy cannot go stale."""
    if not name:
        return None
    if isinstance(default_storage, FileSystemStorage):
        path = Path(default_storage.path(name))
        return path if path.is_file() else None
    path = render_dir() / "media" / name
    if not path.is_file():
        if ".." in Path(name).parts or not default_storage.exists(name):
            return None
        path.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as source:
            partial = path.with_suffix(path.suffix + ".part")
            partial.write_bytes(source.read())
            partial.replace(path)
    return path


def verify_url(memo: Memo) -> str:
    if not memo.public_token:
        return ""
    return f"{settings.SITE_URL}/v/{memo.public_token}/"


def qr_image(url: str) -> Path:
    import segno

    path = render_dir() / f"qr-{hashlib.sha256(url.encode()).hexdigest()[:24]}.png"
    if not path.exists():
        segno.make(url, error="m").save(str(path), scale=6, border=1)
    return path


def render_html(memo: Memo, *, with_attachments: bool = True) -> str:
    # An official document is Thai whatever language its reader's screens are in.
    with translation.override("th"):
        page = render_to_string(
            "reports/pdf/memo.html", context(memo, with_attachments=with_attachments)
        )
    return _thai_digits_in_text(page)


def render(memo: Memo, *, use_cache: bool = True, with_attachments: bool = True) -> bytes:
    """The PDF bytes. Cached by the content itself: any change of data or wording renders anew,
    and an unchanged memo is served from the cache. The documents uploaded to the memo follow
    the generated pages (not in a preview without attachments)."""
    html = render_html(memo, with_attachments=with_attachments)
    content = render_from_html(html, use_cache=use_cache)
    shas = list(memo.files.order_by("order").values_list("sha256", flat=True))
    if not with_attachments or not shas:
        return content
    # Every page image of the preview asks for the whole PDF: the uploads are read from
    # storage and merged once per content, not once per request.
    key = (
        "memo-merged:"
        + hashlib.sha256(hashlib.sha256(content).digest() + "".join(shas).encode()).hexdigest()
    )
    if use_cache and (cached := cache.get(key)):
        return cached
    merged = append_documents(content, memofiles.contents(memo))
    if use_cache:
        cache.set(key, merged, CACHE_SECONDS)
    return merged


def append_documents(content: bytes, documents: list[bytes]) -> bytes:
    """The memo's pages, then each uploaded document's, as one PDF (pdfium, which the preview
    already uses): the signature applied to the whole then covers them all."""
    if not documents:
        return content
    import io

    import pypdfium2

    with pdfium.LOCK:
        merged = pypdfium2.PdfDocument(content)
        try:
            for data in documents:
                source = pypdfium2.PdfDocument(data)
                try:
                    merged.import_pages(source)
                finally:
                    source.close()
            out = io.BytesIO()
            merged.save(out)
            return out.getvalue()
        finally:
            merged.close()


@dataclass(frozen=True)
class Styles:
    """What every render of one thread shares: the stylesheet's text (part of the cache key),
    the parsed stylesheet, the font configuration its @font-face rules were loaded into, the
    fetcher, and the decoded images (emblem, QR code, watermark: their file names never change
    content)."""

    key: tuple[Any, ...]
    text: str
    css: CSS
    font_config: FontConfiguration
    fetcher: RestrictedFetcher
    images: dict[str, Any]


_styles = threading.local()
MAX_KEPT_IMAGES = 64


def styles(pdf_fonts: fonts.PdfFonts) -> Styles:
    """Parsing the stylesheet and loading four font files cost a render more than its layout
    (see `manage.py bench_memo --profile`), so each thread does it once. Per thread, because a
    FontConfiguration is not safe to share between threads; keyed by the fonts and the folders
    the renderer may read, so that a change of either (a test's MEDIA_ROOT) starts afresh."""
    roots = allowed_roots()
    key = (pdf_fonts, tuple(roots))
    kept: Styles | None = getattr(_styles, "kept", None)
    if kept is None or kept.key != key:
        fetcher = RestrictedFetcher(roots)
        # @font-face rules outside the document need one FontConfiguration shared by the
        # stylesheet and the rendering, or the faces are silently ignored.
        font_config = FontConfiguration()
        text = stylesheet(pdf_fonts)
        css = CSS(string=text, url_fetcher=fetcher, font_config=font_config)
        kept = Styles(key, text, css, font_config, fetcher, {})
        _styles.kept = kept
    elif len(kept.images) > MAX_KEPT_IMAGES:
        kept.images.clear()
    return kept


def render_from_html(html: str, *, use_cache: bool = True) -> bytes:
    """The PDF of HTML from render_html, for a caller that keeps the HTML too."""
    pdf_fonts = fonts.find_pdf_fonts()
    if pdf_fonts is None:
        raise RuntimeError("No Thai PDF font is installed: run `make setup`")
    shared = styles(pdf_fonts)
    key = "memo-pdf:" + hashlib.sha256((html + shared.text).encode()).hexdigest()
    if use_cache and (cached := cache.get(key)):
        return cached
    document = HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=shared.fetcher)
    pdf = document.write_pdf(
        stylesheets=[shared.css], font_config=shared.font_config, cache=shared.images
    )
    if use_cache:
        cache.set(key, pdf, CACHE_SECONDS)
    return pdf


def page_png(pdf: bytes, page: int, scale: float = 1.4) -> bytes:
    """One page as a PNG for the on-screen preview."""
    import io

    import pypdfium2

    with pdfium.LOCK:
        document = pypdfium2.PdfDocument(pdf)
        try:
            image = document[page].render(scale=scale).to_pil()
        finally:
            document.close()
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def page_count(pdf: bytes) -> int:
    import pypdfium2

    with pdfium.LOCK:
        document = pypdfium2.PdfDocument(pdf)
        try:
            return len(document)
        finally:
            document.close()
