"""The SSRF guard and the URL check on save."""

from __future__ import annotations

import ipaddress

import pytest
from django.core.exceptions import ValidationError

from agencydesk.integrations.destinations import (
    DestinationRefused,
    address_refused,
    destination_resolve,
    webhook_url_validate,
)


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",  # cloud metadata
        "100.64.0.1",  # carrier-grade NAT
        "0.0.0.0",  # noqa: S104 - an address under test, nothing binds to it
        "224.0.0.1",
        "240.0.0.1",
        "::1",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::",
        "::ffff:127.0.0.1",
    ],
)
def test_given_a_non_public_address_then_it_is_refused(address):
    assert address_refused(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:4700:4700::1111", "1.1.1.1"])
def test_given_a_public_address_then_it_is_allowed(address):
    assert not address_refused(ipaddress.ip_address(address))


def test_given_localhost_when_private_is_not_allowed_then_resolving_refuses_it(settings):
    settings.WEBHOOK_ALLOW_PRIVATE = False

    with pytest.raises(DestinationRefused, match=r"127\.0\.0\.1"):
        destination_resolve("http://localhost:9/hook")


def test_given_localhost_when_private_is_allowed_then_the_checked_address_is_used(settings):
    settings.WEBHOOK_ALLOW_PRIVATE = True

    destination = destination_resolve("http://127.0.0.1:8080/hook?x=1")

    assert (destination.address, destination.port, destination.path) == (
        "127.0.0.1",
        8080,
        "/hook?x=1",
    )
    assert destination.host_header == "127.0.0.1:8080"


def test_given_a_url_of_another_scheme_when_resolved_then_it_is_refused(settings):
    settings.WEBHOOK_ALLOW_PRIVATE = True

    with pytest.raises(DestinationRefused):
        destination_resolve("gopher://127.0.0.1/")


@pytest.mark.parametrize(
    "url", ["ftp://example.com/", "javascript:alert(1)", "https://a:b@example.com/", "example.com"]
)
def test_given_a_url_that_is_not_plain_http_when_validated_then_it_is_refused(url):
    with pytest.raises(ValidationError):
        webhook_url_validate(url)


def test_given_an_https_url_when_validated_then_it_passes():
    webhook_url_validate("https://hooks.example.com:8443/in?token=1")


def test_given_a_host_name_idna_cannot_encode_when_resolved_then_it_is_refused(settings):
    settings.WEBHOOK_ALLOW_PRIVATE = False

    with pytest.raises(DestinationRefused):
        destination_resolve(f"https://{'x' * 70}.example.com/")
