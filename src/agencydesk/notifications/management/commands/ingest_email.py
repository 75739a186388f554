"""``agencydesk ingest_email --tenant SLUG < message.eml``: feed one message (an MTA pipe)."""

from __future__ import annotations

import sys
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser
from django.utils import translation
from django_tenants.utils import tenant_context

from agencydesk.core.commands import OperatorCommand
from agencydesk.notifications.inbound.ingest import email_ingest
from tenants.models import Tenant


class Command(OperatorCommand):
    help = "Read one RFC 822 message from standard input into a tenant's helpdesk."
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tenant", required=True, help="The tenant's slug.")

    def handle(self, *args: Any, **options: Any) -> None:
        tenant = Tenant.objects.filter(slug=options["tenant"]).first()
        if tenant is None:
            raise CommandError(f"No tenant with the slug {options['tenant']!r}.")
        stream = options.get("stdin") or sys.stdin.buffer
        raw = stream.read()
        if not raw.strip():
            raise CommandError("No message on standard input.")
        try:
            # Messages (and new tickets' validation errors) in the agency's language.
            with tenant_context(tenant), translation.override(tenant.language):
                outcome, ticket = email_ingest(raw=raw)
        except ValidationError as error:
            # Nothing was saved (one transaction); the MTA bounces the message.
            raise CommandError("; ".join(error.messages)) from error
        suffix = f" #{ticket.number}" if ticket is not None else ""
        self.stdout.write(f"{outcome.value}{suffix}")
