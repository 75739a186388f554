"""``agencydesk bench`` end to end on a tiny database: it builds the data, serves it with
gunicorn, times application and floor and writes one JSON object per scenario."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import dj_database_url
import psycopg
import pytest
from django.conf import settings

from agencydesk.devtools.management.commands.bench import _chosen

EXPECTED_KEYS = {"scenario", "app_ms", "floor_ms", "ratio", "runs"}


def _admin_connection() -> psycopg.Connection:
    database = settings.DATABASES["default"]
    return psycopg.connect(
        host=database["HOST"] or "127.0.0.1",
        port=database["PORT"] or 5432,
        user=database["USER"],
        password=database["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )


@pytest.fixture
def bench_database() -> Iterator[str]:
    """A database of the benchmark's own, dropped afterwards."""
    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/agencydesk")
    name = f"{dj_database_url.parse(url)['NAME']}_bench_test"
    yield name
    with _admin_connection() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_given_a_tiny_database_when_benchmarked_then_each_scenario_is_one_json_line(
    bench_database: str, tmp_path: Path
) -> None:
    output = tmp_path / "bench.jsonl"

    result = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-m",
            "agencydesk.manage",
            "bench",
            "--tickets",
            "200",
            "--tenants",
            "2",
            "--runs",
            "1",
            "--scenario",
            "api_list_first_page,inbox",
            "--database",
            bench_database,
            "--json",
            str(output),
        ],
        env={**os.environ, "AGENCYDESK_DEV": "1"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert result.returncode == 0, result.stderr[-3000:]
    lines = [json.loads(line) for line in output.read_text().splitlines()]
    assert [line["scenario"] for line in lines] == ["inbox", "api_list_first_page"]
    for line in lines:
        assert line.keys() >= EXPECTED_KEYS
        assert line["errors"] == 0
        assert line["app_ms"] > 0 and line["floor_ms"] > 0
        assert line["ratio"] == pytest.approx(line["app_ms"] / line["floor_ms"], rel=0.01)
    assert "api_list_first_page" in result.stdout
    assert "load average" in result.stdout


def test_given_a_database_it_did_not_build_when_benchmarking_afresh_then_it_refuses(
    bench_database: str,
) -> None:
    with _admin_connection() as admin:
        admin.execute(f'CREATE DATABASE "{bench_database}"')
    database = {**settings.DATABASES["default"], "NAME": bench_database}
    with psycopg.connect(
        host=database["HOST"] or "127.0.0.1",
        port=database["PORT"] or 5432,
        user=database["USER"],
        dbname=bench_database,
        autocommit=True,
    ) as other:
        other.execute("CREATE TABLE someones_data (id integer)")

    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "agencydesk.manage", "bench", "--database", bench_database],
        env={**os.environ, "AGENCYDESK_DEV": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode != 0
    assert "did not build" in result.stderr
    with psycopg.connect(
        host=database["HOST"] or "127.0.0.1",
        port=database["PORT"] or 5432,
        user=database["USER"],
        dbname=bench_database,
    ) as other:
        assert other.execute("SELECT count(*) FROM someones_data").fetchone() == (0,)


def test_given_a_full_scenario_name_then_it_selects_that_one_and_a_prefix_selects_the_rest():
    assert _chosen("inbox", ["inbox"])
    assert not _chosen("inbox_view_mine", ["inbox"])
    assert _chosen("inbox_view_mine", ["inbox_view"])
    assert _chosen("tenant_provisioning", ["tenant_prov"])
    assert _chosen("search_rare_word", [])
