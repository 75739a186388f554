from __future__ import annotations

from typing import Any

from agencydesk.core.commands import OperatorCommand
from agencydesk.devtools.demo.loader import DEMO_PASSWORD, DemoTenant, demo_load


def demo_summary(demos: list[DemoTenant]) -> str:
    """The demo tenants' URLs and logins, as ``load_demo`` and ``make run`` print them."""
    lines: list[str] = []
    for demo in demos:
        lines.append(f"{demo.name}: {demo.url}")
        for login in demo.logins:
            role = login.customer_role or login.role
            lines.append(f"    {login.email:<34} {role}")
    lines.append(f"Password for every demo login: {DEMO_PASSWORD}")
    return "\n".join(lines)


class Command(OperatorCommand):
    help = (
        "Create the demo tenants (sauber, harbour, cowork) with their content; safe to run again."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        demos = demo_load()
        if options["verbosity"] > 0:
            self.stdout.write(demo_summary(demos))
