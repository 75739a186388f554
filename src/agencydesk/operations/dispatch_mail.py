"""The dispatch mail to the contractor: through the notifications outbox (written with the
dispatch, sent by the worker after commit), in the contractor's language."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from agencydesk.notifications.addresses import absolute_url
from agencydesk.notifications.models import Audience
from agencydesk.notifications.outbox import message_create, messages_dispatch_on_commit
from agencydesk.notifications.rendering import DEFAULT_ACCENT, Rendered, one_line
from agencydesk.operations.contractor_links import contractor_link, max_age_seconds
from agencydesk.operations.models import WorkOrder
from tenants.branding import logo_path
from tenants.current import current_tenant

DISPATCH_KIND = "work_order_dispatched"


def dispatch_mail_render(work_order: WorkOrder, *, language: str) -> Rendered:
    tenant = current_tenant()
    logo = logo_path(tenant)
    with translation.override(language):
        site = work_order.site
        details = [
            (_("Work order"), work_order.reference),
            (_("Site"), site.name),
            (_("Address"), site.address),
        ]
        if work_order.attend_by:
            details.append((_("Attend by"), date_format(work_order.attend_by, "SHORT_DATE_FORMAT")))
        headline = _("New work order from %(name)s") % {"name": tenant.name}
        context = {
            "accent_color": tenant.accent_color or DEFAULT_ACCENT,
            "logo_url": absolute_url(logo) if logo else "",
            "tenant_name": tenant.name,
            "headline": headline,
            "greeting": _("Hello %(name)s,") % {"name": work_order.contractor.name}
            if work_order.contractor
            else "",
            "intro": _(
                "%(name)s asks you to carry out the following work. Please open the link to "
                "confirm that you will attend, to report progress and, when the work is done, "
                "to upload photos and a short note."
            )
            % {"name": tenant.name},
            "title": work_order.title,
            "scope": work_order.scope,
            "details": [(label, value) for label, value in details if value],
            "button": _("Open the work order"),
            "link": contractor_link(work_order),
            "validity": _("The link is valid for %(days)d days and opens this work order only.")
            % {"days": max_age_seconds() // (24 * 3600)},
            "language": language,
        }
        subject = f"[{work_order.reference}] {headline}: {work_order.title}"
        return Rendered(
            subject=one_line(subject)[:300],
            text=render_to_string("operations/email/dispatch.txt", context),
            html=render_to_string("operations/email/dispatch.html", context),
        )


def dispatch_mail_queue(work_order: WorkOrder) -> None:
    """Write the contractor's mail into the outbox; it leaves after the dispatch commits."""
    contractor = work_order.contractor
    if contractor is None:
        return
    language = contractor.language or current_tenant().language
    message = message_create(
        kind=DISPATCH_KIND,
        audience=Audience.CONTRACTOR,
        to_email=contractor.email,
        language=language,
        rendered=dispatch_mail_render(work_order, language=language),
        reply_to="",
        headers={},
    )
    messages_dispatch_on_commit([message.pk])
