"""The settings a production deployment gets from deploy/env.example: HTTPS behind the proxy,
HSTS, a CSRF check without a wildcard origin, links without the bind port, hashed static
files. Read in a fresh interpreter, as gunicorn would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
PRINT_SETTINGS = """
import json
from agencydesk.config import settings as s
print(json.dumps({
    "csrf": s.CSRF_TRUSTED_ORIGINS, "proxy": s.SECURE_PROXY_SSL_HEADER,
    "redirect": s.SECURE_SSL_REDIRECT, "hsts": s.SECURE_HSTS_SECONDS,
    "scheme": s.PUBLIC_URL_SCHEME, "port": s.PUBLIC_URL_PORT,
    "static": s.STORAGES["staticfiles"]["BACKEND"],
}))
"""


def settings_with(env_file: Path | None = None, **extra: str) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("AGENCYDESK_", "SECURE_", "PUBLIC_URL_", "CSRF_"))
        and key not in {"DEBUG", "PORT", "DJANGO_SETTINGS_MODULE"}
    }
    if env_file is not None:
        for line in env_file.read_text().splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                key, _eq, value = line.partition("=")
                env[key.strip()] = value.strip()
    env.update(extra)
    env["PYTHONPATH"] = os.pathsep.join([str(PROJECT_DIR / "src"), str(PROJECT_DIR)])
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", PRINT_SETTINGS],
        env=env,
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_given_the_example_env_when_settings_load_then_production_is_locked_down():
    loaded = settings_with(PROJECT_DIR / "deploy" / "env.example")

    assert loaded["csrf"] == []
    assert loaded["proxy"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert loaded["redirect"] is True
    assert loaded["hsts"] == 31536000
    assert (loaded["scheme"], loaded["port"]) == ("https", None)  # not the bind port 8000
    assert loaded["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({}, {"redirect": True, "proxy": None, "port": None}),
        ({"PUBLIC_URL_PORT": "8443"}, {"port": 8443}),
        ({"SECURE_SSL_REDIRECT": "0"}, {"redirect": False}),
        (
            {"SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto"},
            {"proxy": ["HTTP_X_FORWARDED_PROTO", "https"]},
        ),
    ],
)
def test_given_production_env_when_one_setting_changes_then_it_applies(extra, expected):
    loaded = settings_with(SECRET_KEY="a-real-secret", PORT="8000", **extra)

    assert {key: loaded[key] for key in expected} == expected


def test_given_development_when_settings_load_then_links_carry_the_dev_port_over_http():
    loaded = settings_with(AGENCYDESK_DEV="1", PORT="8123")

    assert (loaded["scheme"], loaded["port"], loaded["redirect"]) == ("http", 8123, False)


def test_given_production_settings_when_static_files_are_collected_then_names_are_hashed(
    tmp_path,
):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("AGENCYDESK_") and key not in {"DEBUG", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(SECRET_KEY="build-only", DEBUG="0", STATIC_ROOT=str(tmp_path / "static"))
    env["PYTHONPATH"] = os.pathsep.join([str(PROJECT_DIR / "src"), str(PROJECT_DIR)])

    subprocess.run(
        [sys.executable, "-m", "agencydesk.manage", "collectstatic", "--noinput", "-v", "0"],
        env=env,
        cwd=PROJECT_DIR,
        check=True,
    )

    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
    hashed = manifest["paths"]["agencydesk/app.css"]
    assert hashed != "agencydesk/app.css" and hashed.startswith("agencydesk/app.")
    assert (tmp_path / "static" / hashed).exists()
    assert (tmp_path / "static" / f"{hashed}.gz").exists()  # compressed for whitenoise
