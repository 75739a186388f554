"""The Helm chart renders (Helm's own Go SDK, bundled by helm-python-sdk) and every manifest
validates against the Kubernetes API schemas (kubernetes-validate ships them, no network)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import helm_python as helm
import kubernetes_validate
import pytest
import yaml

CHART = Path(__file__).resolve().parents[2] / "deploy" / "helm" / "agencydesk"
# The oldest Kubernetes the chart supports (Chart.yaml kubeVersion) and a current one.
KUBERNETES_VERSIONS = ["1.25.0", "1.33.0"]

PRODUCTION_VALUES: dict[str, Any] = {
    "baseDomain": "helpdesk.example.org",
    "existingSecret": "agencydesk-production",
    "media": {"existingClaim": "agencydesk-attachments"},
    "image": {"repository": "registry.example.org/agencydesk", "tag": "2026.12.1"},
    "web": {"autoscaling": {"enabled": False}, "replicas": 3},
    "ingress": {"className": "nginx", "tlsSecretName": "wildcard-helpdesk"},
    "config": {"extra": {"SENTRY_ENVIRONMENT": "production"}},
}


def rendered(values: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    with helm.Chart.load(CHART) as chart:
        manifests = chart.render(values, name="agencydesk", namespace="helpdesk", is_upgrade=True)
    documents = []
    for path, text in sorted(manifests.items()):
        if path.endswith(".yaml"):
            documents += [doc for doc in yaml.safe_load_all(text) if doc]
    return documents


def by_kind(documents: list[dict[str, Any]], kind: str) -> dict[str, dict[str, Any]]:
    return {doc["metadata"]["name"]: doc for doc in documents if doc["kind"] == kind}


@pytest.mark.parametrize("values", [None, PRODUCTION_VALUES], ids=["defaults", "production"])
@pytest.mark.parametrize("kubernetes_version", KUBERNETES_VERSIONS)
def test_given_the_chart_when_rendered_then_every_manifest_is_valid_kubernetes(
    values, kubernetes_version
):
    documents = rendered(values)

    assert len(documents) >= 8
    for document in documents:
        # strict: unknown fields are errors too (a misspelt key would be dropped silently).
        kubernetes_validate.validate(document, kubernetes_version, strict=True)


def test_given_the_chart_when_linted_then_helm_reports_no_error():
    report = helm.lint(CHART, strict=True)

    assert report["errors"] == []
    assert [m for m in report["messages"] if m["severity"] >= 2] == []


def test_given_default_values_when_rendered_then_the_operations_shape_holds():
    documents = rendered()
    deployments = by_kind(documents, "Deployment")

    web = deployments["agencydesk-web"]["spec"]["template"]["spec"]["containers"][0]
    assert web["livenessProbe"]["httpGet"]["path"] == "/health/live"
    assert web["readinessProbe"]["httpGet"]["path"] == "/health/ready"
    assert by_kind(documents, "HorizontalPodAutoscaler")["agencydesk-web"]
    assert by_kind(documents, "PodDisruptionBudget")["agencydesk-web"]

    beat = deployments["agencydesk-beat"]["spec"]
    assert beat["replicas"] == 1
    assert beat["strategy"]["type"] == "Recreate"
    assert "agencydesk.observability.probe" in str(beat["template"]["spec"]["containers"][0])
    assert "inspect" in str(deployments["agencydesk-worker"]["spec"]["template"])

    job = by_kind(documents, "Job")["agencydesk-migrations"]
    assert "pre-upgrade" in job["metadata"]["annotations"]["helm.sh/hook"]
    assert job["spec"]["template"]["spec"]["containers"][0]["args"] == [
        "agencydesk",
        "migrate_schemas",
        "--executor=pending",
        "--noinput",
    ]

    hosts = [rule["host"] for rule in by_kind(documents, "Ingress")["agencydesk"]["spec"]["rules"]]
    assert hosts == ["helpdesk.example.com", "*.helpdesk.example.com"]


def test_given_an_existing_secret_when_rendered_then_no_secret_is_made_and_pods_use_it():
    documents = rendered(PRODUCTION_VALUES)

    assert by_kind(documents, "Secret") == {}
    assert by_kind(documents, "PersistentVolumeClaim") == {}
    web = by_kind(documents, "Deployment")["agencydesk-web"]["spec"]
    assert web["replicas"] == 3
    env_from = web["template"]["spec"]["containers"][0]["envFrom"]
    assert {"secretRef": {"name": "agencydesk-production"}} in env_from
    config = by_kind(documents, "ConfigMap")["agencydesk-env"]["data"]
    assert config["SENTRY_ENVIRONMENT"] == "production"
    assert "DEFAULT_FROM_EMAIL" not in config  # empty: the application's default applies
