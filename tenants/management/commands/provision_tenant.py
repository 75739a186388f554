from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser

from agencydesk.core.commands import OperatorCommand
from agencydesk.core.public_urls import public_origin
from tenants.provisioning import ProvisioningError, TenantRequest, tenant_provision


class Command(OperatorCommand):
    help = "Create a tenant: schema, domain, first tenant admin and starter ticket types."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--slug", required=True)
        parser.add_argument("--name", required=True)
        parser.add_argument("--domain", required=True)
        parser.add_argument("--language", required=True, choices=[c for c, _ in settings.LANGUAGES])
        parser.add_argument("--admin-email", required=True)
        parser.add_argument("--admin-password", required=True)
        parser.add_argument("--admin-name", default="")
        parser.add_argument("--timezone", default="Europe/Berlin")
        parser.add_argument(
            "--locale",
            default="",
            help="Regional formats, e.g. en-US (default: the usual ones of the language).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        try:
            tenant = tenant_provision(
                TenantRequest(
                    slug=options["slug"],
                    name=options["name"],
                    domain=options["domain"],
                    language=options["language"],
                    admin_email=options["admin_email"],
                    admin_password=options["admin_password"],
                    admin_name=options["admin_name"],
                    timezone=options["timezone"],
                    locale=options["locale"],
                ),
                verbosity=max(0, options["verbosity"] - 1),
            )
        except ProvisioningError as error:
            raise CommandError(str(error)) from error
        elapsed = time.perf_counter() - started
        domain = tenant.get_primary_domain()
        self.stdout.write(
            self.style.SUCCESS(f"Tenant “{tenant.name}” created in {elapsed:.2f} s: ")
            + f"{public_origin(domain.domain)}/"
        )
