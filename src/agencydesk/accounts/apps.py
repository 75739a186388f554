from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "agencydesk.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # Imported in ready(): the admin site and the form's models load only once apps are ready.
        from django.contrib import admin

        from agencydesk.accounts.forms import AdminLoginForm

        # Both admin doors (/support-admin/, /operator/) use the one admin site: lockout as a
        # form error and the two-factor code for accounts that have one.
        admin.site.login_form = AdminLoginForm
