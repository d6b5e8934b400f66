from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The test process's own settings module and database must not leak into the child.
INHERITED = {"DEBUG", "DATABASE_URL", "DJANGO_SETTINGS_MODULE", "SITE_URL"}


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in INHERITED}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_passes_check_deploy_when_debug_is_off(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="k" * 60 + "-not-a-real-secret-but-long-and-varied-0123456789",
        ALLOWED_HOSTS="ita.example.go.th",
        SITE_URL="https://ita.example.go.th",
        ITATRACK_DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_nothing_starts_in_production_without_site_url(tmp_path):
    production = {
        "DEBUG": "0",
        "SECRET_KEY": "k" * 60 + "-not-a-real-secret-but-long-and-varied-0123456789",
        "ALLOWED_HOSTS": "ita.example.go.th",
        "ITATRACK_DATA_DIR": str(tmp_path),
    }
    result = run_manage("send_reminders", "--dry-run", **production)
    assert result.returncode != 0
    assert "ยังไม่ได้ตั้งค่า SITE_URL" in result.stderr and "SITE_URL is not set" in result.stderr
    served = subprocess.run(
        [sys.executable, "-c", "import itatrack.wsgi"],
        cwd=ROOT,
        env={
            k: v
            for k, v in os.environ.items()
            if k not in {"DEBUG", "SITE_URL", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
        }
        | production,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert served.returncode != 0 and "SITE_URL is not set" in served.stderr
    development = run_manage("check", DEBUG="1", ITATRACK_DATA_DIR=str(tmp_path))
    assert development.returncode == 0, development.stderr


def test_it_reads_postgresql_from_database_url(tmp_path):
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; d = settings.DATABASES['default'];"
        "print(d['ENGINE'], d['NAME'], d['HOST'], d['PORT'])",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/itatrack_x",
        ITATRACK_DATA_DIR=str(tmp_path),
    )
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "itatrack_x",
        "127.0.0.1",
        "5432",
    ], result.stderr


def test_it_defaults_to_sqlite_and_keeps_a_generated_secret_key(tmp_path):
    probe = (
        "from django.conf import settings; print(settings.DATABASES['default']['ENGINE']);"
        "print(settings.SECRET_KEY)"
    )
    first = run_manage("shell", "--no-imports", "-c", probe, ITATRACK_DATA_DIR=str(tmp_path))
    second = run_manage("shell", "--no-imports", "-c", probe, ITATRACK_DATA_DIR=str(tmp_path))
    engine, key = first.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert len(key) >= 50 and second.stdout.split()[1] == key
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_it_sends_security_headers(personas, client):
    response = client.get("/accounts/login/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_it_shares_its_cache_and_sessions_through_redis_when_redis_url_is_set(tmp_path):
    probe = (
        "from django.conf import settings; from django.core.cache import caches;"
        "cache = caches['default'];"
        "import uuid; key = uuid.uuid4().hex; cache.set(key, 'ตำบล', 30);"
        "print(type(cache).__name__, cache.get(key), settings.SESSION_ENGINE.rsplit('.', 1)[1])"
    )
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        probe,
        REDIS_URL="redis://127.0.0.1:6379/15",
        ITATRACK_DATA_DIR=str(tmp_path),
    )
    assert result.stdout.split() == ["RedisCache", "ตำบล", "cached_db"], result.stderr


def test_it_keeps_a_file_cache_shared_by_the_servers_processes_without_redis(tmp_path):
    probe = "from django.core.cache import caches; print(type(caches['default']).__name__)"
    result = run_manage(
        "shell", "--no-imports", "-c", probe, REDIS_URL="", ITATRACK_DATA_DIR=str(tmp_path)
    )
    assert result.stdout.split() == ["FileBasedCache"], result.stderr
