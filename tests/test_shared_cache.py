"""Without Redis, every process of one server shares the cache: a publication made through
one gunicorn worker retires the public page kept by the others."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def shell(data_dir: Path, code: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")}
    env.update(ITATRACK_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="itatrack.settings")
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip().splitlines()[-1]


def test_a_version_bumped_in_one_process_is_seen_by_another(tmp_path):
    before = shell(tmp_path, "from itatrack import pagecache; print(pagecache.version('x'))")
    shell(tmp_path, "from itatrack import pagecache; pagecache.bump('x'); print('ok')")
    after = shell(tmp_path, "from itatrack import pagecache; print(pagecache.version('x'))")
    again = shell(tmp_path, "from itatrack import pagecache; print(pagecache.version('x'))")
    assert before != after == again
    assert any((tmp_path / "cache").iterdir())  # under the data folder, shared by all
