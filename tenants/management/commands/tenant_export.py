from __future__ import annotations

import getpass
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from tenants.transfer.archive import ArchiveError
from tenants.transfer.export import tenant_export


class Command(BaseCommand):
    help = "Write a tenant's data, settings and files to one consistent tar.gz archive."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")
        parser.add_argument("--out", required=True, type=Path, help="archive to write (.tar.gz)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = tenant_export(
                slug=options["slug"], out=options["out"], actor=f"cli:{getpass.getuser()}"
            )
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                _("Exported %(rows)s rows of %(tables)s tables and %(files)s files to %(path)s.")
                % {
                    "rows": result.rows,
                    "tables": result.tables,
                    "files": result.files,
                    "path": result.path,
                }
            )
        )
