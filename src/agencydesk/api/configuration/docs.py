"""What the API docs tell tenant admins about each configuration endpoint (applied to the
viewsets in ``views.py``), kept apart so the views stay short."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view


def _doc(summary: Any, description: Any) -> Any:
    return extend_schema(summary=summary, description=description)


ticket_type_docs = extend_schema_view(
    list=_doc(_("List ticket types"), _("All ticket types in their order, inactive ones too.")),
    create=_doc(
        _("Create a ticket type"),
        _(
            "Name and description per language, default priority and team, SLA policy and "
            "custom fields."
        ),
    ),
    retrieve=_doc(_("Show a ticket type"), _("One ticket type with its custom fields.")),
    update=_doc(_("Replace a ticket type"), _("Sets every field; custom fields as given.")),
    partial_update=_doc(_("Change a ticket type"), _("Sets only the fields given.")),
    destroy=_doc(
        _("Delete a ticket type"),
        _("Only a type no ticket uses (else 400): deactivate a used type instead."),
    ),
)

sla_policy_docs = extend_schema_view(
    list=_doc(_("List SLA policies"), _("All policies with their business hours and targets.")),
    create=_doc(
        _("Create an SLA policy"),
        _(
            "Business hours per weekday, holidays and, per priority, first-response and "
            "resolution targets in business minutes."
        ),
    ),
    retrieve=_doc(_("Show an SLA policy"), _("One policy with its hours, holidays and targets.")),
    update=_doc(
        _("Replace an SLA policy"),
        _("Applies to new tickets and to tickets whose type or priority changes."),
    ),
    partial_update=_doc(_("Change an SLA policy"), _("Sets only the fields given.")),
    destroy=_doc(
        _("Delete an SLA policy"),
        _("Only a policy no ticket type uses (else 400)."),
    ),
)

customer_docs = extend_schema_view(
    list=_doc(_("List customers"), _("The agency's customers, inactive ones too.")),
    create=_doc(_("Create a customer"), _("A client company of the agency.")),
    retrieve=_doc(_("Show a customer"), _("One customer.")),
    update=_doc(_("Replace a customer"), _("Sets every field.")),
    partial_update=_doc(
        _("Change a customer"), _("Sets only the fields given; `is_active: false` deactivates.")
    ),
    destroy=_doc(
        _("Delete a customer"),
        _("A customer still in use (sites, tickets) is refused (400); deactivate it instead."),
    ),
)

site_docs = extend_schema_view(
    list=_doc(_("List sites"), _("All sites of all customers; filter by `customer`.")),
    create=_doc(
        _("Create a site"),
        _(
            "A building, block or unit of a customer; `parent` nests it under another site of "
            "the same customer."
        ),
    ),
    retrieve=_doc(_("Show a site"), _("One site.")),
    update=_doc(
        _("Replace a site"), _("Sets every field; a site cannot move to another customer.")
    ),
    partial_update=_doc(_("Change a site"), _("Sets only the fields given.")),
    destroy=_doc(
        _("Delete a site"),
        _("A site still in use (tickets) is refused (400); deactivate it instead."),
    ),
)

team_docs = extend_schema_view(
    list=_doc(_("List teams"), _("All teams with their members.")),
    create=_doc(
        _("Create a team"),
        _("Members and how new tickets are assigned: `manual`, `least_loaded` or `round_robin`."),
    ),
    retrieve=_doc(_("Show a team"), _("One team with its members.")),
    update=_doc(_("Replace a team"), _("Sets every field and the members.")),
    partial_update=_doc(_("Change a team"), _("Sets only the fields given.")),
    destroy=_doc(_("Delete a team"), _("Its tickets and ticket types are left without a team.")),
)

user_docs = extend_schema_view(
    list=_doc(
        _("List users"), _("Staff, tenant admins and customer users; filter by role and status.")
    ),
    retrieve=_doc(_("Show a user"), _("One user with role, teams or customer and sites.")),
)

contact_docs = extend_schema_view(
    list=_doc(
        _("List contacts"),
        _("A customer's people without a portal login; filter by `customer`."),
    ),
    create=_doc(
        _("Add a contact"),
        _("Name, email, phone and language; use its `user` as a ticket's requester."),
    ),
    retrieve=_doc(_("Show a contact"), _("One contact.")),
    update=_doc(_("Replace a contact"), _("Sets every field.")),
    partial_update=_doc(_("Change a contact"), _("Sets only the fields given.")),
)
