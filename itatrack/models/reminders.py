"""What every reminder log shares: each app logs the reminders it sent (one row per event),
so that the daily run sends each only once (itatrack.reminders.send_once)."""

from __future__ import annotations

from django.db import models


class SentReminder(models.Model):
    """The event's key (what it is about, such as a due date: a new key brings a new
    reminder), when it was sent and to whom. Subclasses add the object, the kind and the
    unique constraint over (object, kind, key)."""

    key = models.CharField(max_length=40)
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.TextField(blank=True)

    class Meta:
        abstract = True
