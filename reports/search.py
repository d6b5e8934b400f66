"""Finding published documents by the words in them.

Thai is written without spaces between words, so neither SQLite's nor PostgreSQL's own text
search can split it: both would index a paragraph as one "word". The words are found with
pythainlp (the same dictionary for the documents and for what a citizen types), and kept in
an ordinary table, one row per document and word, indexed by word. A query looks up each of
its words in that index, so its cost follows the number of documents that match, not the
number published, and it behaves the same on both databases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet

from itatrack.thai import to_arabic_digits
from reports.models import Publication, PublicationWord

LETTER = re.compile(r"[0-9A-Za-z\u0E01-\u0E4E]")
MAX_TERMS = 8
COMMON = 5000  # documents: a word in this many or more does not lead the search
SHOWN = 1000  # results counted exactly up to this; beyond it, "more than"
MAX_WORD = 60
SNIPPET = 90  # characters either side of the first match


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from pythainlp.corpus import thai_stopwords

    return frozenset(thai_stopwords())


def normalise(text: str) -> str:
    """What both sides are compared as: Arabic digits (๒๕๖๙ and 2569 alike), lower case."""
    return to_arabic_digits(text).lower()


def words(text: str) -> list[str]:
    """The searchable words of text, in order, without repeats or very common words."""
    from pythainlp.tokenize import word_tokenize

    seen: dict[str, None] = {}
    stop = _stopwords()
    for token in word_tokenize(normalise(text), engine="newmm", keep_whitespace=False):
        word = token.strip()
        if word and LETTER.search(word) and word not in stop and len(word) <= MAX_WORD:
            seen.setdefault(word, None)
    return list(seen)


def document_text(publication: Publication) -> str:
    memo = publication.memo
    return " ".join(
        [
            publication.title,
            publication.oit_code,
            publication.oit_title,
            memo.number_text or "",
            publication.text,
        ]
    )


@transaction.atomic
def index(publication: Publication) -> int:
    """(Re)write the document's words; called when it is published."""
    PublicationWord.objects.filter(publication=publication).delete()
    rows = [
        PublicationWord(publication=publication, word=w) for w in words(document_text(publication))
    ]
    PublicationWord.objects.bulk_create(rows, batch_size=500)
    return len(rows)


@dataclass(frozen=True)
class Query:
    text: str = ""
    year: int | None = None
    kind: str = ""
    oit: str = ""

    @property
    def terms(self) -> list[str]:
        return words(self.text)[:MAX_TERMS]

    @property
    def empty(self) -> bool:
        return not (self.terms or self.year or self.kind or self.oit)


def search(query: Query, publications: QuerySet[Publication]) -> QuerySet[Publication]:
    """The current, public documents among publications with every word of the query, the
    newest first.

    A word in few documents leads: its index entries are the candidates, and the other words
    are checked on them. When every word is common (in thousands of documents), the newest
    documents are read in order and checked until a page is full, which stops early because
    nearly every one matches. Either way the work follows the matches, not the total."""
    # "Not superseded" as NOT EXISTS: the planner estimates it well, so it can read the newest
    # documents in order and stop at a page (a left join here was estimated at one row).
    found = publications.filter(memo__status="approved").exclude(
        Exists(Publication.objects.filter(supersedes=OuterRef("pk")))
    )
    terms = query.terms
    if terms:
        seen = {t: PublicationWord.objects.filter(word=t)[:COMMON].count() for t in terms}
        rarest = min(terms, key=lambda t: seen[t])
        others = terms
        if seen[rarest] < COMMON:
            found = found.filter(
                pk__in=PublicationWord.objects.filter(word=rarest).values("publication_id")
            )
            others = [t for t in terms if t != rarest]
        for term in others:
            found = found.filter(
                Exists(PublicationWord.objects.filter(publication=OuterRef("pk"), word=term))
            )
    if query.year:
        found = found.filter(fiscal_year=query.year)
    if query.kind:
        found = found.filter(memo__kind=query.kind)
    if query.oit:
        found = found.filter(oit_code=query.oit.strip().upper())
    return found.select_related("memo", "organization").order_by("-pk")


class CappedPaginator(Paginator):
    """Counts up to SHOWN + 1 results: a citizen reads the first pages, and counting every
    document with a common word would cost as much as reading them all."""

    @cached_property
    def count(self) -> int:
        return self.object_list[: SHOWN + 1].count()  # type: ignore[attr-defined]

    @property
    def shown(self) -> int:
        return SHOWN

    @property
    def more_than_shown(self) -> bool:
        return self.count > SHOWN


@dataclass(frozen=True)
class Passage:
    before: str
    match: str
    after: str


def passage(publication: Publication, terms: list[str]) -> Passage | None:
    """The text around the first place a word of the query appears."""
    text = " ".join(publication.text.split())
    folded = normalise(text)  # the same length: digits and case map one to one
    positions = [(folded.find(term), term) for term in terms if folded.find(term) >= 0]
    if not positions:
        return None
    start, term = min(positions)
    end = start + len(term)
    before = text[max(0, start - SNIPPET) : start]
    after = text[end : end + SNIPPET]
    return Passage(
        ("…" if start > SNIPPET else "") + before,
        text[start:end],
        after + ("…" if end + SNIPPET < len(text) else ""),
    )
