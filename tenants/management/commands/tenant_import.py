from __future__ import annotations

import getpass
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from agencydesk.core.public_urls import public_origin
from tenants.transfer.archive import ArchiveError
from tenants.transfer.importer import tenant_import


class Command(BaseCommand):
    help = "Create a tenant in a fresh schema of this database from a tenant_export archive."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path)
        parser.add_argument("--slug", required=True, help="slug of the new tenant")
        parser.add_argument("--domain", help="its host (default: <slug>.<BASE_DOMAIN>)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = tenant_import(
                archive=options["archive"],
                slug=options["slug"],
                domain=options["domain"],
                actor=f"cli:{getpass.getuser()}",
            )
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                _("Imported tenant “%(name)s” (%(rows)s rows, %(files)s files): ")
                % {"name": result.tenant.name, "rows": result.rows, "files": result.files}
            )
            + f"{public_origin(result.domain)}/"
        )
