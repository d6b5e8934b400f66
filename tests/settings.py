"""Test settings: the production settings, less what needs HTTPS or collected static files.

The live server used by browser tests starts before any per-test fixture, so these overrides
must be settings, not fixtures."""

from itatrack.settings import *  # noqa: F403
from itatrack.settings import STORAGES

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The tests' links are to the test server: as if SITE_URL were given (itatrack.checks).
SITE_URL_GIVEN = True
# Fast hashing: tests create many users; argon2 is exercised by test_settings' deploy check.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Queued tasks run as soon as their transaction commits (tests/worker.py).
TASKS = {"default": {"BACKEND": "tests.worker.RunOnCommitBackend", "QUEUES": ["default"]}}
# An audit verb nobody registered fails the test that writes it.
AUDIT_STRICT = True
# One process: a per-process cache is what it shares (tests/test_shared_cache.py checks the
# production setting across processes).
if not REDIS_URL:  # noqa: F405
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
