"""pdfium (through pypdfium2) must not be entered by two threads at once: its library keeps
global state, and the threaded server's parallel page-image requests made it fail to load
pages. Every use in the app holds this lock; the work under it is milliseconds per page."""

from __future__ import annotations

import threading

LOCK = threading.RLock()
