"""Where a webhook may be sent: http(s) URLs whose host resolves to public addresses only.

Checked twice: the URL's shape when a subscription is saved, the resolved addresses at every
delivery (DNS can change after the check on save). Delivery then connects to the address
that was checked, so a second lookup cannot point it elsewhere (DNS rebinding).
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

ALLOWED_SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class DestinationRefused(Exception):
    """The destination may not be called (scheme, or an address it resolves to)."""


@dataclass(frozen=True)
class Destination:
    scheme: str
    host: str  # as in the URL (a name, or an address literal without brackets)
    port: int
    path: str  # path and query, what the request line carries
    address: str  # the checked address to connect to

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if DEFAULT_PORTS[self.scheme] == self.port else f"{host}:{self.port}"


def webhook_url_validate(url: str) -> None:
    """Raise a translated ValidationError unless ``url`` is an absolute http(s) URL."""
    try:
        URLValidator(schemes=list(ALLOWED_SCHEMES))(url)
    except ValidationError as error:
        raise ValidationError(_("Enter an http or https URL.")) from error
    parts = urlsplit(url)
    if parts.username or parts.password:
        raise ValidationError(_("The URL must not contain a user name or password."))


def address_refused(address: IPAddress) -> bool:
    """Private, loopback, link-local, multicast, reserved, unspecified or otherwise
    non-global addresses (IPv4 mapped into IPv6 judged as the IPv4 address)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    )


def destination_resolve(url: str) -> Destination:
    """Resolve ``url`` now; refuse it if ANY of its addresses is refused (unless
    ``WEBHOOK_ALLOW_PRIVATE``)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise DestinationRefused(f"scheme {scheme!r} is not allowed")
    host = parts.hostname
    if not host:
        raise DestinationRefused("the URL has no host")
    try:
        port = parts.port or DEFAULT_PORTS[scheme]
    except ValueError as error:
        raise DestinationRefused("invalid port") from error
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:  # UnicodeError: a name IDNA cannot encode
        raise DestinationRefused(f"{host} does not resolve: {error}") from error
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    if not addresses:
        raise DestinationRefused(f"{host} does not resolve")
    if not settings.WEBHOOK_ALLOW_PRIVATE:
        refused = [str(address) for address in addresses if address_refused(address)]
        if refused:
            raise DestinationRefused(
                f"{host} resolves to a private or reserved address ({', '.join(refused)})"
            )
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return Destination(scheme=scheme, host=host, port=port, path=path, address=str(addresses[0]))
