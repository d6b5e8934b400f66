"""Index the words of the documents published before the public search existed, and write
their text versions again with labels and values apart."""

from django.db import migrations


def index_existing(apps, schema_editor):
    from reports.plaintext import lines_of
    from reports.search import words

    Publication = apps.get_model("reports", "Publication")
    PublicationWord = apps.get_model("reports", "PublicationWord")
    for publication in Publication.objects.select_related("memo").iterator():
        memo = publication.memo
        if memo.final_html:  # the text version, with its labels and values apart
            publication.text = "\n".join(lines_of(memo.final_html))
            publication.save(update_fields=["text"])
        number = f"{memo.number_prefix}/{memo.number}" if memo.number else ""
        text = " ".join(
            [publication.title, publication.oit_code, publication.oit_title, number, publication.text]
        )
        PublicationWord.objects.bulk_create(
            [PublicationWord(publication=publication, word=w) for w in words(text)],
            batch_size=500,
            ignore_conflicts=True,
        )


class Migration(migrations.Migration):
    dependencies = [("reports", "0015_publication_words")]

    operations = [migrations.RunPython(index_existing, migrations.RunPython.noop)]
