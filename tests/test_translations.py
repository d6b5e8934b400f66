"""The compiled catalogues must match their sources: an uncompiled .po shows Thai to English
readers, or English to Thai ones."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[1] / "itatrack" / "locale"


def po_entries(path: Path) -> dict[str, str]:
    text = path.read_text(encoding="utf-8")
    entries = {}
    for block in text.split("\n\n"):
        if "#, fuzzy" in block:
            continue
        context = re.search(r'^msgctxt "(.*)"$', block, re.M)
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        msgstr = re.search(r'^msgstr(?:\[0\])? ((?:".*"\n?)+)', block, re.M)
        if msgid and msgstr:

            def join(s: str) -> str:
                return "".join(re.findall(r'"(.*)"', s)).encode().decode("unicode_escape")

            key = join(msgid.group(1)).encode("latin-1").decode("utf-8")
            value = join(msgstr.group(1)).encode("latin-1").decode("utf-8")
            if key:
                # gettext's own key for a message with a context (pgettext)
                entries[f"{context.group(1)}\x04{key}" if context else key] = value
    return entries


def _lookup(compiled: gettext.GNUTranslations, key: str) -> str:
    if "\x04" in key:
        context, message = key.split("\x04", 1)
        return compiled.pgettext(context, message)
    return compiled.gettext(key)


@pytest.mark.parametrize("language", ["en", "th"])
def test_the_compiled_catalogue_has_every_translation_of_its_source(language):
    folder = LOCALE / language / "LC_MESSAGES"
    source = po_entries(folder / "django.po")
    with (folder / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    missing = [k for k, v in source.items() if v and _lookup(compiled, k) != v and "\x00" not in k]
    assert missing == [], "run `make messages` to compile the catalogue"


def test_every_english_entry_is_translated():
    source = po_entries(LOCALE / "en" / "LC_MESSAGES" / "django.po")
    assert [k for k, v in source.items() if not v] == []
