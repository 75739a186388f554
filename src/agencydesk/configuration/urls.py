from django.urls import path

from agencydesk.configuration.views import (
    contacts,
    customers,
    mail,
    notification_texts,
    portal_settings,
    sla,
    staff,
    tenant,
    ticket_types,
    user_actions,
)

app_name = "configuration"

urlpatterns = [
    path("", tenant.overview, name="overview"),
    path("ticket-types/", ticket_types.ticket_type_list, name="ticket_types"),
    path("ticket-types/new/", ticket_types.ticket_type_edit, name="ticket_type_new"),
    path("ticket-types/order/", ticket_types.ticket_type_reorder, name="ticket_type_reorder"),
    path("ticket-types/<int:pk>/", ticket_types.ticket_type_edit, name="ticket_type"),
    path(
        "ticket-types/<int:pk>/delete/",
        ticket_types.ticket_type_remove,
        name="ticket_type_delete",
    ),
    path("sla-policies/", sla.sla_policy_list, name="sla_policies"),
    path("sla-policies/new/", sla.sla_policy_edit, name="sla_policy_new"),
    path("sla-policies/<int:pk>/", sla.sla_policy_edit, name="sla_policy"),
    path("sla-policies/<int:pk>/delete/", sla.sla_policy_remove, name="sla_policy_delete"),
    path("customers/", customers.customer_list, name="customers"),
    path("customers/new/", customers.customer_edit, name="customer_new"),
    path("customers/<int:pk>/", customers.customer_detail, name="customer"),
    path("customers/<int:pk>/edit/", customers.customer_edit, name="customer_edit"),
    path("customers/<int:customer_pk>/sites/new/", customers.site_edit, name="site_new"),
    path("customers/<int:customer_pk>/sites/<int:pk>/", customers.site_edit, name="site"),
    path(
        "customers/<int:customer_pk>/users/invite/",
        customers.customer_user_invite,
        name="customer_user_invite",
    ),
    path(
        "customers/<int:customer_pk>/users/<int:pk>/",
        customers.customer_user_edit,
        name="customer_user",
    ),
    path("customers/<int:customer_pk>/contacts/new/", contacts.contact_edit, name="contact_new"),
    path("customers/<int:customer_pk>/contacts/<int:pk>/", contacts.contact_edit, name="contact"),
    path(
        "customers/<int:customer_pk>/contacts/<int:pk>/invite/",
        contacts.contact_invite_page,
        name="contact_invite",
    ),
    path(
        "customers/<int:pk>/tickets/",
        portal_settings.customer_tickets_tab,
        name="customer_tickets",
    ),
    path(
        "customers/<int:customer_pk>/users/<int:pk>/tickets/",
        portal_settings.customer_user_tickets,
        name="customer_user_tickets",
    ),
    path("staff/", staff.staff_list, name="staff"),
    path("staff/invite/", staff.staff_invite, name="staff_invite"),
    path("staff/<int:pk>/", staff.staff_edit, name="staff_member"),
    path(
        "users/<int:pk>/invite/",
        user_actions.user_invitation_resend_page,
        name="user_invite_again",
    ),
    path("users/<int:pk>/export/", user_actions.user_data_export_download, name="user_export"),
    path("users/<int:pk>/erase/", user_actions.customer_user_erase_page, name="user_erase"),
    path("teams/", staff.team_list, name="teams"),
    path("teams/new/", staff.team_edit, name="team_new"),
    path("teams/<int:pk>/", staff.team_edit, name="team"),
    path("teams/<int:pk>/delete/", staff.team_remove, name="team_delete"),
    path("settings/", tenant.tenant_settings, name="settings"),
    path("email/", mail.mail_settings_page, name="mail"),
    path("email/undelivered/<int:pk>/retry/", mail.failed_message_retry, name="mail_retry"),
    path(
        "notification-texts/",
        notification_texts.notification_text_list,
        name="notification_texts",
    ),
    path(
        "notification-texts/<str:kind>/<str:language>/",
        notification_texts.notification_text_edit,
        name="notification_text",
    ),
    path(
        "notification-texts/<str:kind>/<str:language>/preview/",
        notification_texts.notification_text_preview,
        name="notification_text_preview",
    ),
    path(
        "notification-texts/<str:kind>/<str:language>/reset/",
        notification_texts.notification_text_reset_page,
        name="notification_text_reset",
    ),
    path("audit-log/", tenant.audit_log, name="audit_log"),
]
