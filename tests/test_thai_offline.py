"""itatrack.thai must work on a machine with no network: nothing may fetch a pythainlp corpus."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROBE = textwrap.dedent(
    """
    import datetime as dt, socket

    def refuse(*args, **kwargs):
        raise OSError("network used")

    socket.socket.connect = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse

    import pythainlp.corpus
    calls = []
    pythainlp.corpus.download = lambda *a, **k: calls.append(a)

    from itatrack import thai
    d = dt.date(2023, 2, 14)
    thai.to_thai_digits("2566"); thai.to_arabic_digits("๒๕๖๖")
    thai.thai_date(d); thai.thai_date_abbr(d); thai.fiscal_year(d)
    thai.period_phrase(*thai.fiscal_year_bounds(2566)); thai.quarter_range_phrase(2, 4)
    thai.parse_thai_date("๑๔ กุมภาพันธ์ ๒๕๖๖"); thai.parse_period("ก.พ.-มี.ค.66")
    thai.baht_text("1500.50"); thai.thai_number(85.15)
    thai.shorten("หน่วยงานของท่านมีการเปิดเผยข้อมูลการจัดซื้อจัดจ้างให้สาธารณชนรับทราบมากน้อยเพียงใด", 30)
    assert not calls, calls
    print("offline ok")
    """
)


def test_it_runs_every_helper_with_the_network_cut_and_downloads_nothing(tmp_path):
    data_dir = tmp_path / "pythainlp-data"
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "PYTHAINLP_DATA_DIR": str(data_dir), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "offline ok" in result.stdout
    downloaded = [p for p in data_dir.rglob("*") if p.is_file() and p.name != "db.json"]
    assert downloaded == []
