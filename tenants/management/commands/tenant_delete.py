from __future__ import annotations

import getpass
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from tenants.transfer.deletion import TenantDeletionError, tenant_delete


class Command(BaseCommand):
    help = (
        "Delete a tenant: its schema, domains, row and files. Without --confirm it only "
        "prints what would be removed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")
        parser.add_argument(
            "--confirm", "--yes", action="store_true", help="really delete (no undo)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            plan = tenant_delete(
                slug=options["slug"],
                confirm=options["confirm"],
                actor=f"cli:{getpass.getuser()}",
            )
        except TenantDeletionError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(plan.describe())
        if plan.deleted:
            self.stdout.write(self.style.SUCCESS(_("Deleted.")))
        else:
            self.stdout.write(
                self.style.WARNING(_("Nothing was deleted; run again with --confirm to delete."))
            )
